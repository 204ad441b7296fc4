"""Banning from the queue says what it will ban, keeps an address ban short by default (carrier NAT
puts many readers behind one IP), and the ban list says whom each ban was for and who made it."""
from datetime import timedelta

from moderation.models import BanKind, utcnow
from moderation.services.bans import IP_BAN_DEFAULT, ban_submitter, is_banned, list_bans
from tests.moderators import admin, moderator, signed_in  # noqa: F401 (fixtures)


def test_the_ban_form_names_the_email_and_the_address(moderator, make_comment):
    make_comment(email="an@example.vn")
    html = moderator.get("/moderation/").get_data(as_text=True)
    assert "Chặn email an@example.vn" in html and "Chặn địa chỉ IP của bình luận này" in html
    assert 'name="by_email" value="y" checked' in html and 'name="by_ip" value="y">' in html


def test_without_an_email_the_form_offers_the_address_only(moderator, make_comment):
    make_comment()
    html = moderator.get("/moderation/").get_data(as_text=True)
    assert "Chặn email" not in html and 'name="by_ip" value="y" checked' in html


def test_a_ban_by_email_leaves_the_shared_address_alone(moderator, make_comment):
    comment = make_comment(email="an@example.vn", ip_hash="ip-nat")
    moderator.act(f"/moderation/comments/{comment.id}/ban", by_email="y")
    # A moderator bans on the comment's site (the default one here), where its readers post.
    assert is_banned("an@example.vn", "ip-other", utcnow(), 1) and not is_banned(None, "ip-nat", utcnow(), 1)


def test_an_address_ban_expires_after_a_day_unless_told_otherwise(app, make_comment):
    comment = make_comment(ip_hash="ip-nat")
    [ban] = ban_submitter(comment.id, None, "", None)
    assert ban.kind == BanKind.IP
    assert abs(ban.expires_at - (utcnow() + IP_BAN_DEFAULT)) < timedelta(minutes=1)


def test_the_address_ban_days_come_from_the_form(moderator, make_comment):
    comment = make_comment(ip_hash="ip-nat")
    moderator.act(f"/moderation/comments/{comment.id}/ban", by_ip="y", ip_days="3")
    [ban] = list_bans()
    assert abs(ban.expires_at - (utcnow() + timedelta(days=3))) < timedelta(minutes=1)


def test_the_ban_list_shows_the_author_the_comment_and_who_banned(app, client, make_comment):
    comment = make_comment(author="Kẻ Phá Rối", email="pha@example.vn", body="Quảng cáo lừa đảo ở đây")
    session = signed_in(client, "quantri", "admin")
    session.act(f"/moderation/comments/{comment.id}/ban", by_email="y")
    html = session.get("/moderation/admin/bans").get_data(as_text=True)
    assert "Kẻ Phá Rối" in html and "Quảng cáo lừa đảo ở đây" in html
    assert f'href="/moderation/log?comment={comment.id}"' in html and "<td>quantri</td>" in html
