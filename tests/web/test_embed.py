"""The embed scripts, the demo page (development and tests only), its seed and the bench-only route."""
import pytest
from flask import current_app

from moderation.services.demo import HEADLINES, MAIN, seed_demo
from moderation.extensions import db
from moderation.models import Comment, Status
from sqlalchemy import func, select


@pytest.mark.parametrize("name", ["counts.js", "comments.js"])
def test_embed_scripts_are_javascript_cached_briefly(client, name):
    r = client.get(f"/embed/{name}")
    assert r.status_code == 200
    assert r.content_type == "text/javascript; charset=utf-8"
    assert r.headers["Cache-Control"] == "public, max-age=300"
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert client.get(f"/embed/{name}", headers={"If-None-Match": r.headers["ETag"]}).status_code == 304


def test_only_the_embed_scripts_are_served(client):
    assert client.get("/embed/reader.css").status_code == 404
    assert client.get("/embed/../config.py").status_code == 404


def test_the_demo_page_embeds_the_comment_section_and_counts(client):
    html = client.get("/").get_data(as_text=True)
    assert MAIN["title"] in html and "Tin khác" in html
    assert f'data-article-id="{MAIN["id"]}"' in html and "/embed/comments.js" in html and "/embed/counts.js" in html
    assert html.count("data-comment-count=") == len(HEADLINES) + 1


def test_there_is_no_demo_page_in_production(make_app):
    app = make_app(APP_ENV="production", TESTING=False)
    assert app.test_client().get("/").status_code == 404


def test_the_noop_route_exists_only_in_the_benchmarks_wrapper(make_app):
    from bench.wsgi import with_noop
    assert make_app().test_client().get("/bench/noop").status_code == 404
    assert with_noop(make_app()).test_client().get("/bench/noop").get_json() == {"ok": True}


def approved(article_id):
    return db.session.execute(select(func.count()).select_from(Comment).where(
        Comment.article_id == article_id, Comment.status == Status.APPROVED)).scalar()


def test_demo_seed_is_idempotent_and_its_counts_are_real(app, client):
    assert seed_demo(current_app.extensions["comment_screen"]) is True
    before = db.session.execute(select(func.count()).select_from(Comment)).scalar()
    assert seed_demo(current_app.extensions["comment_screen"]) is False
    assert db.session.execute(select(func.count()).select_from(Comment)).scalar() == before
    ids = [MAIN["id"]] + [article_id for article_id, _ in HEADLINES]
    shown = client.get("/api/v1/counts?ids=" + ",".join(ids)).get_json()["counts"]
    assert shown == {article_id: approved(article_id) for article_id in ids}
    assert shown[MAIN["id"]] == 3


def test_demo_seed_command(runner):
    assert runner.invoke(args=["demo", "seed"]).output.startswith("Đã tạo bài viết và bình luận mẫu.")
    again = runner.invoke(args=["demo", "seed"])
    assert again.exit_code == 0 and "Dữ liệu mẫu đã có sẵn" in again.output
