"""The audit log page: every action with who, when, from/to and why; per comment; by moderator; keyset pages."""
from moderation.core.states import Target
from moderation.services.audit import AuditQuery, audit_log
from moderation.services.decisions import transition
from tests.moderators import moderator, signed_in  # noqa: F401 (fixtures)


def test_the_log_shows_who_did_what_from_which_state_and_why(client, moderator, make_comment):
    comment = make_comment()
    moderator.act(f"/moderation/comments/{comment.id}/reject", reason_text="Lạc đề")
    html = client.get("/moderation/log").get_data(as_text=True)
    for expected in ("bientap", "Từ chối", "Chờ duyệt → Đã từ chối", "Lạc đề", f"#{comment.id}", comment.body_text):
        assert expected in html, expected


def test_per_comment_history_includes_the_text_before_an_edit(client, moderator, make_comment):
    comment, other = make_comment(body="Văn bản gốc"), make_comment()
    moderator.act(f"/moderation/comments/{comment.id}/edit", body="Văn bản mới")
    moderator.act(f"/moderation/comments/{other.id}/approve")
    html = client.get(f"/moderation/log?comment={comment.id}").get_data(as_text=True)
    assert f"Lịch sử bình luận #{comment.id}" in html and "Văn bản gốc" in html
    assert f'href="/moderation/log?comment={other.id}"' not in html


def test_filter_by_moderator(app, client, make_comment):
    first = signed_in(app.test_client(), "nguoi1")
    second = signed_in(app.test_client(), "nguoi2")
    a, b = make_comment(), make_comment()
    transition(a.id, "approve", moderator_id=first.moderator.id)
    transition(b.id, "approve", moderator_id=second.moderator.id)
    html = first.get(f"/moderation/log?actor={second.moderator.username}").get_data(as_text=True)
    assert f">#{b.id}<" in html and f">#{a.id}<" not in html


def test_log_pages_by_keyset_newest_first(moderator, make_comment):
    ids = [make_comment().id for _ in range(5)]
    for comment_id in ids:
        transition(comment_id, "approve", moderator_id=moderator.moderator.id)
    seen, cursor = [], None
    while True:
        entries, cursor = audit_log(AuditQuery(target=Target.COMMENT), limit=2, cursor=cursor)
        seen += [e.comment_id for e in entries]
        if cursor is None:
            break
    assert seen == list(reversed(ids))


def test_a_bad_filter_is_400(client, moderator):
    for bad in ("moderator=abc", "action=explode", "target=planet", "since=hôm-qua", "comment=" + "9" * 30):
        assert client.get(f"/moderation/log?{bad}").status_code == 400, bad


def test_every_action_and_target_has_words_on_the_log_page():
    from moderation.core.states import Action, Target
    from moderation.web.log_entries import ACTION_LABELS, TARGET_LABELS
    assert set(ACTION_LABELS) == set(Action) and set(TARGET_LABELS) == set(Target)
