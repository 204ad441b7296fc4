"""flask export jsonl and flask import jsonl: our own format, and the round trip through it."""
import gzip
import json

from sqlalchemy import delete, select

from moderation.extensions import db
from moderation.models import Article, AuditEntry, Comment, CommentSource, Report, Status
from tests.cli.imports_helpers import FIXTURES, counts_are_exact, snapshot


def _installation(make_comment):
    """Two articles, a thread with replies, every status, and a reply under a reply's parent."""
    top = make_comment("bai-1", status=Status.APPROVED, author="Nguyễn Văn An", email="an@example.vn")
    make_comment("bai-1", status=Status.APPROVED, parent_id=top.id, author="Trần Thị Bình")
    make_comment("bai-1", status=Status.REJECTED, parent_id=top.id)
    make_comment("bai-1", status=Status.PENDING)
    make_comment("bai-2", status=Status.APPROVED, body="Dòng một\n\nDòng hai https://vnexpress.net/x")


def _export(runner, path, *extra):
    result = runner.invoke(args=["export", "jsonl", "-o", str(path), *extra])
    assert result.exit_code == 0, result.output
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def _empty_installation():
    for table in (CommentSource, AuditEntry, Report, Comment, Article):
        db.session.execute(delete(table))
    db.session.commit()


def test_the_first_line_is_the_header(runner, make_comment, tmp_path):
    _installation(make_comment)
    header = _export(runner, tmp_path / "out.jsonl.gz")[0]
    assert (header["format"], header["version"], header["site"]) == ("ykbd-export", 1, "default")
    assert header["exported_at"].endswith("+00:00")


def test_each_article_and_comment_is_one_typed_line(runner, make_comment, tmp_path):
    _installation(make_comment)
    rows = _export(runner, tmp_path / "out.jsonl.gz")[1:]
    assert sorted(r["type"] for r in rows) == ["article"] * 2 + ["comment"] * 5
    reply = next(r for r in rows if r.get("author") == "Trần Thị Bình")
    assert set(reply) >= {"id", "article", "parent", "status", "created_at", "author", "text", "likes", "flags"}


def test_emails_only_with_with_emails_and_ip_hashes_never(runner, make_comment, tmp_path):
    _installation(make_comment)
    plain = _export(runner, tmp_path / "a.jsonl.gz")
    full = _export(runner, tmp_path / "b.jsonl.gz", "--with-emails")
    assert not any("email" in r for r in plain) and "an@example.vn" in {r.get("email") for r in full}
    assert not any("ip_hash" in r for r in full)


def test_export_then_import_into_an_empty_installation_is_the_same(runner, make_comment, tmp_path):
    _installation(make_comment)
    before = snapshot()
    path = tmp_path / "out.jsonl.gz"
    _export(runner, path)
    _empty_installation()
    result = runner.invoke(args=["import", "jsonl", str(path)])
    assert result.exit_code == 0, result.output
    assert snapshot() == before and counts_are_exact()


def test_a_jsonl_file_without_the_header_is_refused_at_line_one(runner, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"type": "article", "id": "bai-1"}\n')
    result = runner.invoke(args=["import", "jsonl", str(path)])
    assert result.exit_code != 0 and "dòng 1" in result.output
    assert db.session.execute(select(Article)).first() is None


def test_a_broken_line_is_named_and_nothing_is_written(runner, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"format": "ykbd-export", "version": 1}\n{"type": "article", "id": "bai-1"}\n{"type": \n')
    result = runner.invoke(args=["import", "jsonl", str(path)])
    assert result.exit_code != 0 and "dòng 3" in result.output
    assert db.session.execute(select(Article)).first() is None
