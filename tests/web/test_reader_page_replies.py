"""The no-JS page replies in place and shows the reader's own held comment after sending."""
import re
import time

from moderation.core.spam import issue_form_token
from moderation.extensions import db
from moderation.models import Comment

PAGE = "/articles/bai-1/comments"


def send(client, app, path=PAGE, **fields):
    html = client.get(path).get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    token = issue_form_token(app.config["SECRET_KEY"], now=time.time() - 30)
    return client.post(PAGE, data={"csrf_token": csrf, "form_token": token, "author": "Phạm Minh",
                                   "body": "Cảm ơn bài viết.", **fields})


def test_every_comment_has_a_reply_link(client, make_comment):
    first = make_comment(article_id="bai-1", status="approved")
    reply = make_comment(article_id="bai-1", status="approved", parent_id=first.id)
    html = client.get(PAGE).get_data(as_text=True)
    for comment in (first, reply):
        assert f'href="/articles/bai-1/comments?reply_to={comment.id}#tra-loi"' in html


def test_the_reply_link_opens_the_form_under_that_comment(client, make_comment):
    first = make_comment(article_id="bai-1", status="approved", author="Nguyễn Văn An")
    html = client.get(f"{PAGE}?reply_to={first.id}").get_data(as_text=True)
    under = html[html.index(f'id="c{first.id}"'):]
    assert html.count('name="body"') == 1 and 'name="body"' in under  # the report forms have no body
    assert "Trả lời Nguyễn Văn An ·" in under
    assert f'name="parent_id" type="hidden" value="{first.id}"' in under


def test_cancel_leads_back_to_the_comment(client, make_comment):
    first = make_comment(article_id="bai-1", status="approved")
    html = client.get(f"{PAGE}?reply_to={first.id}").get_data(as_text=True)
    assert re.search(rf'<a href="/articles/bai-1/comments#c{first.id}">Hủy</a>', html)


def test_a_reply_sent_from_the_page_hangs_under_its_comment(client, app, make_comment):
    first = make_comment(article_id="bai-1", status="approved")
    send(client, app, path=f"{PAGE}?reply_to={first.id}", parent_id=str(first.id))
    assert db.session.query(Comment).filter_by(parent_id=first.id).count() == 1


def test_after_sending_the_reader_sees_their_comment_held_not_an_empty_thread(client, app):
    r = send(client, app, body="Ý kiến riêng của tôi.")
    html = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "Bình luận của bạn đang chờ duyệt." in html
    assert "Đang chờ duyệt · chỉ bạn nhìn thấy" in html and "Ý kiến riêng của tôi." in html
    assert "Chưa có bình luận nào" not in html


def test_a_held_reply_is_shown_under_its_comment(client, app, make_comment):
    first = make_comment(article_id="bai-1", status="approved")
    send(client, app, path=f"{PAGE}?reply_to={first.id}", parent_id=str(first.id), body="Trả lời của tôi.")
    html = client.get(PAGE).get_data(as_text=True)
    replies = html[html.index(f'id="c{first.id}"'):]
    assert 'class="replies"' in replies and "Trả lời của tôi." in replies


def test_another_reader_does_not_see_a_held_comment(app, client):
    send(client, app, body="Ý kiến riêng của tôi.")
    html = app.test_client().get(PAGE).get_data(as_text=True)
    assert "Ý kiến riêng của tôi." not in html and "Chưa có bình luận nào" in html


def test_the_held_comment_disappears_once_decided(client, app):
    from moderation.services.decisions import transition
    send(client, app, body="Ý kiến riêng của tôi.")
    transition(db.session.query(Comment).one().id, "reject")
    assert "Ý kiến riêng của tôi." not in client.get(PAGE).get_data(as_text=True)
