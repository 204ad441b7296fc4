"""flask import wordpress: WXR statuses, pingbacks, threads and text."""
from sqlalchemy import select

from moderation.extensions import db
from moderation.models import Article, Comment
from tests.cli.imports_helpers import FIXTURES, counts, counts_are_exact, public_thread, snapshot, statuses

WXR = FIXTURES / "wordpress.xml"


def _import(runner, *extra, path=WXR):
    result = runner.invoke(args=["import", "wordpress", str(path), *extra])
    assert result.exit_code == 0, result.output
    return result


def _comment(text):
    return db.session.execute(select(Comment).where(Comment.body_text.contains(text))).scalar_one()


def test_statuses_follow_comment_approved_and_pingbacks_are_skipped(runner):
    output = _import(runner).output
    assert statuses() == {"approved": 4, "pending": 1, "rejected": 1}
    assert {"code": "source_spam"} in _comment("Mua thuốc").flags
    assert "1 đã xóa" in output and "1 pingback/trackback" in output


def test_trash_is_kept_as_rejected_with_keep_deleted(runner):
    _import(runner, "--keep-deleted")
    assert _comment("thùng rác").status.value == "rejected"


def test_threads_and_counts_through_the_public_api(runner, client):
    _import(runner)
    assert public_thread(client, "42") == [("Nguyễn Văn An", ["Trần Thị Bình", "Lê Cường"])]
    assert counts(client, "42", "43")["counts"] == {"42": 3, "43": 1}
    assert counts_are_exact()


def test_the_post_id_is_the_article_id_with_title_and_url_kept(runner):
    _import(runner)
    assert (db.session.get(Article, (1, "42")).title, db.session.get(Article, (1, "42")).url) == (
        "Giá xăng tăng", "https://news.example.vn/gia-xang-tang/")


def test_a_reply_to_a_missing_parent_is_a_flagged_top_level_comment(runner):
    _import(runner)
    orphan = _comment("không có trong tệp")
    assert orphan.parent_id is None and {"code": "orphan"} in orphan.flags


def test_comment_html_becomes_text_and_the_script_is_gone(runner):
    _import(runner)
    comment = _comment("Giá xăng")
    assert comment.body_text == "Giá xăng & dầu tăng quá nhanh.\n\nDòng hai nguồn (https://vnexpress.net/x)"
    assert "alert" not in comment.body_text and "<strong>" not in comment.body_html


def test_an_ipv6_address_is_hashed_by_its_address_key(runner, app):
    from moderation.core.addresses import address_key
    from moderation.http.clientip import hash_ip
    _import(runner)
    assert _comment("cấp hai").ip_hash == hash_ip(address_key("2001:db8::1", app.config["IPV6_PREFIX"]),
                                                  app.config["SECRET_KEY"])


def test_a_re_run_changes_nothing(runner):
    _import(runner)
    before = snapshot()
    _import(runner)
    assert snapshot() == before


def test_a_file_that_is_not_wxr_is_refused_and_nothing_written(runner):
    result = runner.invoke(args=["import", "wordpress", str(FIXTURES / "disqus.xml")])
    assert result.exit_code != 0 and "dòng 1" in result.output
    assert db.session.execute(select(Comment)).first() is None
