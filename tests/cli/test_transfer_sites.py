"""--site on every import, export and readers command: each site's articles are its own."""
import gzip
import json

import pytest
from sqlalchemy import select

from moderation.extensions import db
from moderation.models import Comment
from tests.cli.imports_helpers import FIXTURES, counts_are_exact, public_thread, snapshot
from tests.factories import make_site

DISQUS = FIXTURES / "disqus.xml"


@pytest.fixture
def site_b(app):
    return make_site().id


def _run(runner, *args):
    result = runner.invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return result


def test_one_file_imported_into_two_sites_gives_two_separate_threads(runner, client, site_b):
    _run(runner, "import", "disqus", str(DISQUS))
    _run(runner, "import", "disqus", str(DISQUS), "--site", "truong-b")
    expected = [("Nguyễn Văn An", ["Trần Thị Bình", "Lê Cường"])]
    assert public_thread(client, "gia-xang-tang") == expected
    assert public_thread(client, "gia-xang-tang", site="truong-b") == expected
    mine, theirs = (db.session.execute(select(Comment.id).where(Comment.site_id == s)).scalars().all()
                    for s in (1, site_b))
    assert len(mine) == len(theirs) == 6 and not set(mine) & set(theirs)
    assert counts_are_exact()


def test_a_re_import_into_each_site_changes_nothing(runner, site_b):
    for site in ("default", "truong-b"):
        _run(runner, "import", "disqus", str(DISQUS), "--site", site)
    before = snapshot(1), snapshot(site_b)
    for site in ("default", "truong-b"):
        assert "6 không đổi" in _run(runner, "import", "disqus", str(DISQUS), "--site", site).output
    assert (snapshot(1), snapshot(site_b)) == before


def test_the_export_of_site_b_holds_none_of_site_a(runner, make_comment, site_b, tmp_path):
    make_comment("bai-1", status="approved", body="Chỉ ở trang mặc định")
    make_comment("bai-1", status="approved", body="Chỉ ở trường B", site_id=site_b)
    path = tmp_path / "b.jsonl.gz"
    _run(runner, "export", "jsonl", "--site", "truong-b", "-o", str(path))
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    assert rows[0]["site"] == "truong-b"
    assert [r["text"] for r in rows if r.get("type") == "comment"] == ["Chỉ ở trường B"]
    wxr = tmp_path / "b.xml"
    _run(runner, "export", "wordpress", "--site", "truong-b", "-o", str(wxr))
    assert "Chỉ ở trường B" in wxr.read_text() and "Chỉ ở trang mặc định" not in wxr.read_text()
    assert "https://truong-b.edu.vn" in wxr.read_text()


def test_readers_commands_act_on_the_chosen_site_only(runner, make_comment, site_b):
    make_comment("bai-1", status="approved", email="an@example.vn", body="Ở trang mặc định")
    make_comment("bai-1", status="approved", email="an@example.vn", body="Ở trường B", site_id=site_b)
    document = json.loads(_run(runner, "readers", "export", "an@example.vn", "--site", "truong-b").output)
    assert [c["text"] for c in document["comments"]] == ["Ở trường B"]
    _run(runner, "readers", "erase", "an@example.vn", "--site", "truong-b", "--delete")
    texts = dict(db.session.execute(select(Comment.site_id, Comment.body_text)).all())
    assert texts == {1: "Ở trang mặc định", site_b: "Bình luận đã bị xóa"}
    assert counts_are_exact()


@pytest.mark.parametrize("command", [["import", "disqus", str(DISQUS)], ["import", "isso", "x.db"],
                                     ["export", "jsonl"], ["export", "wordpress"],
                                     ["readers", "export", "an@example.vn"],
                                     ["readers", "erase", "an@example.vn", "--anonymize"]])
def test_an_unknown_site_is_refused_by_name(runner, command):
    result = runner.invoke(args=[*command, "--site", "khong-co"])
    assert result.exit_code != 0 and "Chưa có trang “khong-co”" in result.output
    assert db.session.execute(select(Comment)).first() is None
