"""A comment refused by a word rule says what to fix (never which rule) and keeps its text."""
import re
import time

import pytest

from moderation.core.spam import issue_form_token
from moderation.services.wordlists import replace_word_lists

REFUSED = "Bình luận có từ ngữ không phù hợp nên chưa thể đăng. Vui lòng sửa lại."
PAGE = "/articles/bai-1/comments"


@pytest.fixture
def rules(app):
    replace_word_lists(banned=["vcl"], actor=None)


def test_the_api_answer_says_to_fix_the_wording_without_naming_the_rule(client, rules):
    r = client.post("/api/v1/articles/bai-1/comments", json={"author": "An", "body": "Hay vcl"})
    assert r.get_json()["status"] == "rejected"
    assert r.get_json()["message"] == REFUSED
    assert "vcl" not in r.get_json()["message"]


def test_the_page_keeps_the_text_in_the_form_with_the_reason_under_it(client, app, rules):
    html = client.get(PAGE).get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    token = issue_form_token(app.config["SECRET_KEY"], now=time.time() - 30)
    r = client.post(PAGE, data={"csrf_token": csrf, "form_token": token, "author": "An",
                                "body": "Bài này hay vcl, cảm ơn."})
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "Bài này hay vcl, cảm ơn.</textarea>" in html
    assert f'id="body-error">{REFUSED}</span>' in html
