"""flask import disqus: statuses, threads, text and privacy as the issue's contract says."""
import gzip
import shutil

import pytest
from sqlalchemy import select

from moderation.core.states import Action
from moderation.extensions import db
from moderation.models import Article, AuditEntry, Comment, CommentSource
from tests.cli.imports_helpers import FIXTURES, counts, counts_are_exact, public_thread, snapshot, statuses

DISQUS = FIXTURES / "disqus.xml"


def _import(runner, path=DISQUS, *extra):
    result = runner.invoke(args=["import", "disqus", str(path), *extra])
    assert result.exit_code == 0, result.output
    return result


def _comment(text):
    return db.session.execute(select(Comment).where(Comment.body_text.contains(text))).scalar_one()


def test_statuses_follow_disqus_spam_deleted_and_unapproved(runner):
    _import(runner)
    assert statuses() == {"approved": 4, "rejected": 1, "pending": 1}
    assert {"code": "source_spam"} in _comment("Mua thuốc").flags


def test_a_deleted_post_is_kept_as_rejected_with_keep_deleted(runner):
    _import(runner, DISQUS, "--keep-deleted")
    assert _comment("Đã bị xóa").status.value == "rejected"


def test_threads_and_counts_through_the_public_api(runner, client):
    _import(runner)
    # The reply that came before its parent hangs under it; the second-level reply under the top one.
    assert public_thread(client, "gia-xang-tang") == [("Nguyễn Văn An", ["Trần Thị Bình", "Lê Cường"])]
    assert counts(client, "gia-xang-tang", "ket-xe-gio-cao-diem")["counts"] == {
        "gia-xang-tang": 3, "ket-xe-gio-cao-diem": 1}
    assert counts_are_exact()


def test_a_reply_whose_parent_is_missing_becomes_a_flagged_top_level_comment(runner):
    _import(runner)
    orphan = _comment("không có trong tệp")
    assert orphan.parent_id is None and {"code": "orphan"} in orphan.flags


def test_articles_keep_title_and_url_and_an_empty_id_is_derived_from_the_url(runner):
    _import(runner)
    article = db.session.get(Article, (1, "ket-xe-gio-cao-diem"))
    assert (article.title, article.url) == ("Kẹt xe giờ cao điểm",
                                            "https://news.example.vn/thoi-su/ket-xe-gio-cao-diem.html?utm=1")


def test_html_becomes_plain_text_without_markup_or_script(runner):
    _import(runner)
    comment = _comment("Giá xăng")
    assert comment.body_text == "Giá xăng & dầu tăng quá nhanh.\n\nDòng hai\ndòng ba nguồn (https://vnexpress.net/x)"
    assert "script" not in comment.body_html and "<b>" not in comment.body_html
    assert 'href="https://vnexpress.net/x"' in comment.body_html


def test_raw_ips_are_stored_only_as_the_keyed_hash_and_emails_normalized(runner, app):
    from moderation.http.clientip import hash_ip
    _import(runner)
    comment = _comment("Trả lời trước")
    assert comment.ip_hash == hash_ip("198.51.100.7", app.config["SECRET_KEY"])
    assert comment.email == "binh@example.vn"


def test_a_re_run_creates_and_changes_nothing(runner):
    _import(runner)
    before = snapshot()
    result = _import(runner)
    assert snapshot() == before
    assert "6 không đổi, 0 đổi trạng thái" in result.output


def test_a_status_changed_in_a_later_export_changes_here_with_the_count(runner, client, tmp_path):
    _import(runner)
    later = tmp_path / "later.xml"
    later.write_text(DISQUS.read_text().replace("<isApproved>false</isApproved>", "<isApproved>true</isApproved>"))
    _import(runner, later)
    assert _comment("Chờ duyệt ở Disqus").status.value == "approved"
    assert counts(client, "ket-xe-gio-cao-diem")["counts"] == {"ket-xe-gio-cao-diem": 2}


@pytest.mark.parametrize("batch", [1, 2, 3])
def test_small_batches_keep_threads_and_counts(app, batch):
    from moderation.core.sources import ArticleMap
    from moderation.services.imports import import_file
    import_file("disqus", DISQUS, site="default", actor=None, hash_ip=str, article_map=ArticleMap(), batch=batch)
    parent = _comment("Giá xăng")
    assert {c.parent_id for c in (_comment("Trả lời trước"), _comment("cấp hai"))} == {parent.id}
    assert counts_are_exact()


def test_one_audit_entry_per_run_with_the_file_and_totals(runner):
    _import(runner)
    entries = db.session.execute(select(AuditEntry)).scalars().all()
    assert [e.action for e in entries] == [Action.IMPORT]
    assert entries[0].details["created"] == {"approved": 4, "rejected": 1, "pending": 1}
    assert entries[0].details["skipped"] == {"deleted": 1, "unmappable": 1}


def test_the_summary_names_statuses_and_what_was_skipped(runner):
    output = _import(runner).output
    for line in ("Bài viết: 2", "Bình luận đã duyệt: 4", "Bình luận chờ duyệt: 1", "Bình luận đã từ chối: 1",
                 "1 đã xóa", "1 không xác định được bài viết", "Đưa lên cấp đầu vì mất bình luận gốc: 1"):
        assert line in output


def test_dry_run_reports_and_writes_nothing(runner):
    result = _import(runner, DISQUS, "--dry-run")
    assert "Chạy thử" in result.output and "Bình luận đã duyệt: 4" in result.output
    assert db.session.execute(select(Comment)).first() is None
    assert db.session.execute(select(AuditEntry)).first() is None


def test_a_gzipped_file_imports_the_same(runner, tmp_path):
    packed = tmp_path / "disqus.xml.gz"
    with open(DISQUS, "rb") as raw, gzip.open(packed, "wb") as out:
        shutil.copyfileobj(raw, out)
    _import(runner, packed)
    assert statuses() == {"approved": 4, "rejected": 1, "pending": 1}


def test_a_map_file_overrides_the_article_id(runner, tmp_path):
    mapping = tmp_path / "map.txt"
    mapping.write_text("# cũ mới\nhttps://news.example.vn/thoi-su/* bai-ket-xe\n")
    _import(runner, DISQUS, "--map", str(mapping))
    assert db.session.get(Article, (1, "bai-ket-xe")).title == "Kẹt xe giờ cao điểm"


def test_a_malformed_file_exits_non_zero_naming_the_line_and_writes_nothing(runner, tmp_path):
    broken = tmp_path / "broken.xml"
    lines = DISQUS.read_text().splitlines()
    lines[60] = "<post><unclosed>"
    broken.write_text("\n".join(lines))
    result = runner.invoke(args=["import", "disqus", str(broken)])
    assert result.exit_code != 0
    assert "broken.xml ở dòng 62" in result.output and "Chưa có gì được ghi" in result.output
    assert db.session.execute(select(Comment)).first() is None
    assert db.session.execute(select(CommentSource)).first() is None


def test_another_site_is_refused_in_vietnamese(runner):
    result = runner.invoke(args=["import", "disqus", str(DISQUS), "--site", "khac"])
    assert result.exit_code != 0 and "Chưa có trang “khac”" in result.output


class _Stop(Exception):
    pass


def test_a_crash_mid_import_leaves_committed_batches_consistent_and_a_re_run_finishes(app, runner, tmp_path):
    from moderation.core.sources import ArticleMap
    from moderation.services.imports import import_file
    seen = []

    def crash_after_five(_):
        seen.append(1)
        if len(seen) == 5:
            raise _Stop
    with pytest.raises(_Stop):
        import_file("disqus", DISQUS, site="default", actor=None, hash_ip=str, article_map=ArticleMap(), batch=1,
                    progress=crash_after_five)
    db.session.rollback()
    assert 0 < len(db.session.execute(select(Comment)).all()) < 6 and counts_are_exact()
    _import(runner)
    finished = snapshot()
    assert statuses() == {"approved": 4, "rejected": 1, "pending": 1} and counts_are_exact()
    _import(runner)
    assert snapshot() == finished


def test_reply_counts_are_the_approved_replies_whatever_the_order(runner):
    from tests.cli.imports_helpers import reply_counts_are_exact
    _import(runner)
    assert _comment("Giá xăng").reply_count == 2 and reply_counts_are_exact()
