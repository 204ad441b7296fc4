"""flask articles set: the same article URL rule as the API and the reader's form."""
import pytest

from moderation.services.articles import find_article
from tests.factories import make_site


@pytest.mark.parametrize("option, value, says", [
    ("--url", "javascript:alert(1)", "http:// hoặc https://"),
    ("--url", "http://[::1", "http:// hoặc https://"),
    ("--url", "https://evil.example/bai-1", "trang đã khai báo"),
    ("--url", "https://news.example.vn/" + "a" * 2000, "tối đa 2000"),
    ("--title", "T" * 400, "tối đa 300"),
])
def test_a_url_or_title_that_breaks_the_rule_is_refused_and_nothing_is_stored(runner, option, value, says):
    result = runner.invoke(args=["articles", "set", "bai-1", option, value])
    assert result.exit_code == 1 and says in result.output
    assert find_article("bai-1") is None


def test_a_url_on_a_declared_origin_and_a_title_are_stored(runner):
    result = runner.invoke(args=["articles", "set", "bai-1", "--url", "https://news.example.vn/bai-1",
                                 "--title", "  Giá   xăng  "])
    assert result.exit_code == 0, result.output
    article = find_article("bai-1")
    assert (article.url, article.title) == ("https://news.example.vn/bai-1", "Giá xăng")


def test_the_api_refuses_the_same_url_the_cli_refuses(client, admin_token):
    response = client.put("/api/v1/articles/bai-1", headers=admin_token, json={"url": "https://evil.example/x"})
    assert response.status_code == 400 and "url" in response.get_json()["error"]["fields"]


def test_articles_set_takes_the_site_and_checks_urls_against_its_own_origins(runner, app):
    site_b = make_site()
    result = runner.invoke(args=["articles", "set", "123", "--site", "truong-b", "--closed",
                                 "--url", "https://truong-b.edu.vn/123"])
    assert result.exit_code == 0, result.output
    assert find_article("123", site_b.id).comments_open is False and find_article("123") is None
    refused = runner.invoke(args=["articles", "set", "124", "--site", "truong-b", "--url", "https://news.example.vn/124"])
    assert refused.exit_code == 1 and "trang đã khai báo" in refused.output
    unknown = runner.invoke(args=["articles", "set", "1", "--site", "khong-co"])
    assert unknown.exit_code == 1 and "Không có trang nào với mã này." in unknown.output
