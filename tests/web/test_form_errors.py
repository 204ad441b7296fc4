"""Every form error a person reads is Vietnamese: WTForms' own English sentences ("Not a valid
choice.", "Not a valid integer value.", "This field is required.") never reach a page."""
import importlib
import inspect
import pkgutil

import pytest
from flask_wtf import FlaskForm

import moderation.web
from moderation.web.form_base import Form
from tests.moderators import admin  # noqa: F401 (admin fixture)
from tests.web.test_i18n import compiled_catalogues  # noqa: F401 (builds the .mo files)

ENGLISH = ("Not a valid", "This field is required", "Field must", "Field cannot", "Number must", "Invalid")


def _forms():
    for info in pkgutil.walk_packages(moderation.web.__path__, "moderation.web."):
        module = importlib.import_module(info.name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, FlaskForm) and value.__module__ == module.__name__:
                yield value


def test_every_form_of_ours_speaks_through_the_base():
    forms = list(_forms())
    assert len(forms) > 10
    assert [f.__qualname__ for f in forms if not issubclass(f, Form)] == []


@pytest.mark.parametrize("path, data, sentence", [
    ("/moderation/admin/sites", {"slug": "", "name": "", "origin": ""}, "Vui lòng nhập mã trang."),
    ("/moderation/admin/sites", {"slug": "truong-c", "name": "x" * 201, "origin": "https://c.edu.vn"},
     "Vui lòng nhập tối đa 200 ký tự (bạn đã nhập 201)."),
    ("/moderation/admin/sites/default", {"name": "Tin tức", "close_after_days": "ba"},
     "Vui lòng nhập một số nguyên, ví dụ 30."),
    ("/moderation/admin/sites/default", {"name": "Tin tức", "close_after_days": "4000"},
     "Số ngày phải là số nguyên từ 0 đến 3.650 (0 là không tự đóng)."),
    ("/moderation/admin/sites/default", {"name": "Tin tức", "moderation": "sau"},
     "Vui lòng chọn một mục trong danh sách."),
])
def test_admin_form_errors_are_vietnamese(admin, path, data, sentence):
    response = admin.post(path, data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert sentence in html
    assert not [word for word in ENGLISH if word in html]


def test_the_english_page_reads_the_english_catalogue(admin):
    html = admin.post("/moderation/admin/sites/default?lang=en", {"name": "Tin tức", "moderation": "sau"}).get_data(
        as_text=True)
    assert "Please choose one of the options." in html
