"""GET /api/v1/moderation/audit: every write, newest first, filtered and keyset-paged, admins only.
The validating client checks every answer against the OpenAPI document."""
from datetime import timedelta

import pytest

from moderation.core.times import utcnow
from moderation.services.decisions import transition

URL = "/api/v1/moderation/audit"


@pytest.fixture
def history(client, admin_token, make_comment):
    """A comment approved through the API, a word-list change, and a rule's automatic rejection."""
    comment = make_comment()
    client.post(f"/api/v1/moderation/comments/{comment.id}/approve", headers=admin_token)
    client.put("/api/v1/moderation/rules", headers=admin_token, json={"banned": ["vcl"]})
    make_comment(body="vcl quá")
    return comment


def test_entries_name_actor_action_target_and_states(client, admin_token, history):
    body = client.get(URL, headers=admin_token).get_json()
    approval = next(e for e in body["entries"] if e["action"] == "approve")
    assert approval["actor"] == {"kind": "moderator", "username": "quantri"}
    assert approval["target"] == {"kind": "comment", "id": str(history.id)}
    assert (approval["from_status"], approval["to_status"]) == ("pending", "approved")
    words = next(e for e in body["entries"] if e["action"] == "words_save")
    assert words["target"] == {"kind": "word_list", "id": "banned"} and words["details"]["added"] == ["vcl"]
    system = next(e for e in body["entries"] if e["action"] == "submit")
    assert system["actor"] == {"kind": "system"} and "banned_word" in system["reason"]
    assert [e["id"] for e in body["entries"]] == sorted((e["id"] for e in body["entries"]), reverse=True)


@pytest.mark.parametrize("query, actions", [
    ("actor=quantri&target=comment", {"approve"}),
    ("actor=system", {"submit", "account_create", "token_create"}),
    ("action=words_save", {"words_save"}),
    ("target=word_list:banned", {"words_save"}),
])
def test_filters(client, admin_token, history, query, actions):
    body = client.get(f"{URL}?{query}", headers=admin_token).get_json()
    assert {e["action"] for e in body["entries"]} == actions


def test_filter_by_comment_and_dates(client, admin_token, history):
    by_comment = client.get(f"{URL}?comment_id={history.id}", headers=admin_token).get_json()
    assert {e["target"]["id"] for e in by_comment["entries"]} == {str(history.id)}
    tomorrow = (utcnow() + timedelta(days=2)).date().isoformat()
    assert client.get(f"{URL}?since={tomorrow}", headers=admin_token).get_json()["entries"] == []
    assert client.get(f"{URL}?until={tomorrow}", headers=admin_token).get_json()["entries"]


def test_keyset_paging_visits_every_entry_once(client, admin_token, make_comment):
    for _ in range(5):
        transition(make_comment().id, "approve", moderator_id=None)
    seen, cursor = [], None
    while True:
        page = client.get(URL + "?limit=2" + (f"&cursor={cursor}" if cursor else ""), headers=admin_token).get_json()
        seen += [e["id"] for e in page["entries"]]
        cursor = page["next"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == len(client.get(URL, headers=admin_token).get_json()["entries"])


def test_a_cursor_of_another_listing_is_400(client, admin_token, make_comment, moderator_token):
    for _ in range(3):
        make_comment()
    queue = client.get("/api/v1/moderation/comments?limit=1", headers=moderator_token).get_json()
    assert client.get(f"{URL}?cursor={queue['next']}", headers=admin_token).status_code == 400


@pytest.mark.parametrize("query", ["action=explode", "target=planet", "since=hôm-qua", "comment_id=²",
                                   "comment_id=" + "9" * 30, "limit=0", "cursor=xyz"])
def test_bad_filters_are_400(client, admin_token, query):
    response = client.get(f"{URL}?{query}", headers=admin_token)
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "validation"


def test_only_admins_may_read_it(client, moderator_token):
    assert client.get(URL).status_code == 401
    assert client.get(URL, headers=moderator_token).status_code == 403
