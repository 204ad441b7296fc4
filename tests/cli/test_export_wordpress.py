"""flask export wordpress: a WXR 1.2 file of the articles and their approved comments."""
from xml.etree import ElementTree

from moderation.models import Status

WP = "{http://wordpress.org/export/1.2/}"


def _export(runner, path, *extra):
    result = runner.invoke(args=["export", "wordpress", "-o", str(path), *extra])
    assert result.exit_code == 0, result.output
    return ElementTree.parse(path).getroot()


def _installation(make_comment):
    top = make_comment("bai-1", status=Status.APPROVED, author="Nguyễn Văn An", email="an@example.vn",
                       body="Có ]]> và <script>alert(1)</script> trong bài")
    make_comment("bai-1", status=Status.APPROVED, parent_id=top.id, author="Trần Thị Bình")
    make_comment("bai-1", status=Status.REJECTED)
    make_comment("bai-1", status=Status.PENDING)
    return top


def test_it_is_wxr_1_2_with_one_item_per_article(runner, make_comment, tmp_path):
    _installation(make_comment)
    root = _export(runner, tmp_path / "out.xml")
    assert root.find(f"channel/{WP}wxr_version").text == "1.2"
    items = root.findall("channel/item")
    assert [i.find(f"{WP}post_name").text for i in items] == ["bai-1"]


def test_only_approved_comments_are_exported_with_their_parent(runner, make_comment, tmp_path):
    top = _installation(make_comment)
    comments = _export(runner, tmp_path / "out.xml").findall(f"channel/item/{WP}comment")
    assert [c.find(f"{WP}comment_author").text for c in comments] == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert comments[1].find(f"{WP}comment_parent").text == str(top.id)
    assert comments[0].find(f"{WP}comment_content").text == "Có ]]> và <script>alert(1)</script> trong bài"


def test_emails_only_with_with_emails(runner, make_comment, tmp_path):
    _installation(make_comment)
    plain = _export(runner, tmp_path / "a.xml").find(f"channel/item/{WP}comment/{WP}comment_author_email")
    full = _export(runner, tmp_path / "b.xml", "--with-emails").find(f"channel/item/{WP}comment/{WP}comment_author_email")
    assert (plain.text, full.text) == (None, "an@example.vn")


def test_our_wordpress_importer_reads_it_back(runner, make_comment, tmp_path):
    _installation(make_comment)
    path = tmp_path / "out.xml"
    _export(runner, path)
    result = runner.invoke(args=["import", "wordpress", str(path), "--dry-run"])
    assert result.exit_code == 0 and "Bình luận đã duyệt: 2" in result.output


# What the WordPress importer's parser (wordpress-importer, WXR_Parser_SimpleXML) reads of each
# post and comment; a missing element is read as "" and a post without a numeric id is dropped.
_POST_FIELDS = ("post_id", "post_date", "post_date_gmt", "comment_status", "ping_status", "post_name", "status",
                "post_parent", "menu_order", "post_type", "post_password", "is_sticky")
_COMMENT_FIELDS = ("comment_id", "comment_author", "comment_author_email", "comment_author_IP", "comment_author_url",
                   "comment_date", "comment_date_gmt", "comment_content", "comment_approved", "comment_type",
                   "comment_parent", "comment_user_id")


def test_every_element_wordpress_importer_reads_is_there(runner, make_comment, tmp_path):
    import re
    _installation(make_comment)
    path = tmp_path / "out.xml"
    root = _export(runner, path)
    assert root.tag == "rss" and re.fullmatch(r"\d+\.\d+", root.find(f"channel/{WP}wxr_version").text)
    assert root.find(f"channel/{WP}base_site_url") is not None
    assert 'xmlns:content="http://purl.org/rss/1.0/modules/content/"' in path.read_text()
    for item in root.findall("channel/item"):
        assert all(item.find(f"{WP}{name}") is not None for name in _POST_FIELDS)
        assert item.find(f"{WP}post_id").text.isdigit() and item.find(f"{WP}post_type").text == "post"
        assert item.find("{http://purl.org/rss/1.0/modules/content/}encoded") is not None
        ids = {c.find(f"{WP}comment_id").text for c in item.findall(f"{WP}comment")}
        for comment in item.findall(f"{WP}comment"):
            assert all(comment.find(f"{WP}{name}") is not None for name in _COMMENT_FIELDS)
            assert comment.find(f"{WP}comment_approved").text == "1"
            assert comment.find(f"{WP}comment_parent").text in ids | {"0"}
            assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", comment.find(f"{WP}comment_date_gmt").text)


def test_comment_date_is_vietnam_time_and_date_gmt_utc(runner, make_comment, tmp_path):
    from datetime import timedelta
    top = _installation(make_comment)
    comment = _export(runner, tmp_path / "out.xml").find(f"channel/item/{WP}comment")
    assert comment.find(f"{WP}comment_date_gmt").text == top.created_at.strftime("%Y-%m-%d %H:%M:%S")
    assert comment.find(f"{WP}comment_date").text == (top.created_at + timedelta(hours=7)).strftime("%Y-%m-%d %H:%M:%S")
