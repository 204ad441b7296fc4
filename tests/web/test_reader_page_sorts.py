"""The no-JS section shows the same order and marks as comments.js: tabs, likes, the pick, the newsroom badge."""
from sqlalchemy import update

from moderation.extensions import db
from moderation.models import Comment, utcnow
from moderation.services.likes import like

URL = "/articles/bai-1/comments"


def test_the_tabs_order_the_section_and_show_likes_pick_and_badge(client, make_comment):
    from moderation.services.accounts import create_moderator
    old = make_comment(article_id="bai-1", status="approved", body="Ý kiến cũ")
    liked = make_comment(article_id="bai-1", status="approved", body="Ý kiến được thích")
    reply = make_comment(article_id="bai-1", status="approved", parent_id=old.id, body="Tòa soạn trả lời")
    like(liked.id, reader_hash="r", ip_hash="ip")
    staff = create_moderator("toasoan", "mat-khau-dai", actor=None)
    db.session.execute(update(Comment).where(Comment.id == reply.id).values(staff_id=staff.id, staff_badge="Tòa soạn"))
    db.session.execute(update(Comment).where(Comment.id == old.id).values(featured_at=utcnow()))
    db.session.commit()
    page = client.get(URL).get_data(as_text=True)
    assert page.index("Ý kiến cũ") < page.index("Ý kiến được thích")
    assert "Quan tâm nhất" in page and "Mới nhất" in page and "?tab=featured" in page
    assert '<span class="pick">Bình luận nổi bật</span>' in page and '<span class="staff">Tòa soạn</span>' in page
    assert "1 lượt thích" in page
    top = client.get(URL, query_string={"sort": "top"}).get_data(as_text=True)
    assert top.index("Ý kiến được thích") < top.index("Ý kiến cũ")
    featured = client.get(URL, query_string={"tab": "featured"}).get_data(as_text=True)
    assert "Ý kiến cũ" in featured and "Ý kiến được thích" not in featured
