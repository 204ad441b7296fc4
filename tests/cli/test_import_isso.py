"""flask import isso: a database made by the real Isso package, through its own code."""
import pytest
from sqlalchemy import select

from moderation.extensions import db
from moderation.models import Article, Comment
from tests.cli.imports_helpers import counts, counts_are_exact, public_thread, reply_counts_are_exact, snapshot, statuses

isso_config = pytest.importorskip("isso.config")
isso_db = pytest.importorskip("isso.db")

URI = "/kinh-te/gia-xang-tang/"


def _comment_data(text, author, mode=1, parent=None, ip="198.51.100.0", email=None):
    return {"text": text, "author": author, "mode": mode, "parent": parent, "remote_addr": ip, "email": email,
            "website": None, "created": 1614560400.0, "notification": 0}


@pytest.fixture
def isso_file(tmp_path):
    """Two threads; a thread with a reply and a reply to it (Isso flattens it itself), one pending,
    one deleted with a reply kept (mode 4), Markdown with a link and inline HTML, and likes."""
    path = tmp_path / "comments.db"
    database = isso_db.SQLite3(str(path), isso_config.new({"general": {"dbpath": str(path), "max-age": "1h"}}))
    database.threads.new(URI, "Giá xăng tăng")
    database.threads.new("https://news.example.vn/thoi-su/ket-xe", "Kẹt xe")
    top = database.comments.add(URI, _comment_data(
        "Giá xăng **tăng** [nguồn](https://vnexpress.net/x) <script>alert(1)</script>", "Nguyễn Văn An",
        email="An@Example.vn"))
    reply = database.comments.add(URI, _comment_data("Trả lời", "Trần Thị Bình", parent=top["id"]))
    database.comments.add(URI, _comment_data("Trả lời cấp hai", "Lê Cường", parent=reply["id"]))
    database.comments.vote(True, top["id"], "203.0.113.9")
    database.comments.add(URI, _comment_data("Chờ duyệt ở Isso", "Phạm Dung", mode=2))
    gone = database.comments.add("https://news.example.vn/thoi-su/ket-xe", _comment_data("Sẽ bị xóa", "Ai đó"))
    database.comments.add("https://news.example.vn/thoi-su/ket-xe", _comment_data("Còn lại", "Võ Em", parent=gone["id"]))
    database.comments.delete(gone["id"])
    return path


def _import(runner, path, *extra):
    result = runner.invoke(args=["import", "isso", str(path), *extra])
    assert result.exit_code == 0, result.output
    return result


def test_modes_become_statuses_and_deleted_ones_are_skipped(runner, isso_file):
    output = _import(runner, isso_file).output
    assert statuses() == {"approved": 4, "pending": 1}
    assert "1 đã xóa" in output


def test_threads_and_counts_through_the_public_api(runner, isso_file, client):
    _import(runner, isso_file)
    assert public_thread(client, "gia-xang-tang") == [("Nguyễn Văn An", ["Trần Thị Bình", "Lê Cường"])]
    assert counts(client, "gia-xang-tang", "ket-xe")["counts"] == {"gia-xang-tang": 3, "ket-xe": 1}
    assert counts_are_exact()


def test_a_reply_to_a_deleted_comment_is_a_flagged_top_level_one(runner, isso_file):
    _import(runner, isso_file)
    kept = db.session.execute(select(Comment).where(Comment.body_text == "Còn lại")).scalar_one()
    assert kept.parent_id is None and {"code": "orphan"} in kept.flags


def test_markdown_becomes_plain_text_without_the_script(runner, isso_file):
    _import(runner, isso_file)
    comment = db.session.execute(select(Comment).where(Comment.author == "Nguyễn Văn An")).scalar_one()
    assert comment.body_text == "Giá xăng tăng nguồn (https://vnexpress.net/x)"
    assert comment.email == "an@example.vn"


def test_an_absolute_uri_is_kept_as_the_url(runner, isso_file):
    _import(runner, isso_file)
    assert db.session.get(Article, (1, "ket-xe")).url == "https://news.example.vn/thoi-su/ket-xe"
    assert db.session.get(Article, (1, "gia-xang-tang")).title == "Giá xăng tăng"


def test_a_re_run_changes_nothing(runner, isso_file):
    _import(runner, isso_file)
    before = snapshot()
    _import(runner, isso_file)
    assert snapshot() == before


@pytest.mark.parametrize("content", [b"", b"not a database at all"])
def test_a_file_that_is_not_an_isso_database_is_refused(runner, tmp_path, content):
    path = tmp_path / "x.db"
    path.write_bytes(content)
    result = runner.invoke(args=["import", "isso", str(path)])
    assert result.exit_code != 0 and "Chưa có gì được ghi" in result.output


def test_isso_likes_become_imported_likes(runner, isso_file):
    _import(runner, isso_file)
    liked = db.session.execute(select(Comment).where(Comment.author == "Nguyễn Văn An")).scalar_one()
    assert (liked.likes, liked.imported_likes) == (1, 1)


def test_reply_counts_are_the_approved_replies(runner, isso_file):
    _import(runner, isso_file)
    top = db.session.execute(select(Comment).where(Comment.author == "Nguyễn Văn An")).scalar_one()
    assert top.reply_count == 2 and reply_counts_are_exact()


def test_the_jsonl_round_trip_keeps_likes(runner, isso_file, tmp_path):
    from tests.cli.test_export_jsonl import _empty_installation
    _import(runner, isso_file)
    before = snapshot()
    path = tmp_path / "out.jsonl.gz"
    assert runner.invoke(args=["export", "jsonl", "-o", str(path)]).exit_code == 0
    _empty_installation()
    result = runner.invoke(args=["import", "jsonl", str(path)])
    assert result.exit_code == 0, result.output
    assert snapshot() == before and reply_counts_are_exact()
    assert db.session.execute(select(Comment.imported_likes).where(Comment.likes == 1)).scalars().all() == [1]
