"""How the moderators' pages say things: relative times, flag badges, status names, the admin menu.

Registered on the app by the queue blueprint, so every moderators' template (the admin
pages included) can use them.
"""
from datetime import datetime, timezone

from flask import current_app
from flask_babel import format_timedelta, gettext as _, lazy_gettext as _l

from moderation import messages
from moderation.models import Status
from moderation.core.times import VIETNAM

STATUS_LABELS = {Status(value): label for value, label in messages.STATUS_LABELS.items()}
TAB_LABELS = {"pending": _l("Chờ duyệt"), "reported": _l("Bị báo cáo"), "approved": _l("Đã duyệt"),
              "rejected": _l("Đã từ chối"), "all": _l("Tất cả")}
FLAG_LABELS = {
    "banned_word": _l("Từ cấm"), "suspect_word": _l("Từ nghi vấn"), "links": _l("Nhiều liên kết"),
    "duplicate": _l("Trùng lặp"), "too_fast": _l("Gửi quá nhanh (nghi bot)"), "honeypot": _l("Nghi bot (ô bẫy)"),
    "first_comment": _l("Lần đầu bình luận"), "reported": _l("Bị báo cáo"),
    "untimed": _l("Không đo được thời gian gõ"),
    "source_spam": _l("Spam (theo hệ thống cũ)"), "orphan": _l("Mất bình luận gốc"),
    "erased": _l("Đã xóa theo yêu cầu bạn đọc"),
}
_BADGE_CLASS = {"banned_word": "badge-bad", "honeypot": "badge-bad", "too_fast": "badge-bad",
                "suspect_word": "badge-warn", "links": "badge-warn", "duplicate": "badge-warn",
                "reported": "badge-warn", "first_comment": "badge-info",
                "untimed": "badge-info"}
# The other engineer's admin pages, shown in the menu when their endpoints exist.
ADMIN_PAGES = (("admin.articles", _l("Bài viết")), ("admin.rules", _l("Bộ lọc từ ngữ")),
               ("admin.bans", _l("Chặn người gửi")), ("admin.settings", _l("Cài đặt")), ("admin.sites", _l("Các trang")),
               ("admin.moderators", _l("Tài khoản")), ("admin.readers", _l("Yêu cầu của bạn đọc")),
               ("admin.outbox", _l("Thư gửi đi")))


def ago(moment, now=None):
    """"5 phút trước": how long ago, in the page's language."""
    now = now or datetime.now(timezone.utc)
    return format_timedelta(moment - now, add_direction=True, threshold=1)


def exact_time(moment):
    return moment.astimezone(VIETNAM).strftime("%H:%M:%S %d/%m/%Y")


def flag_badge(flag):
    """(text, css class) for one flag object, e.g. ("Từ nghi vấn: ngu (viết không dấu)", "badge-warn")."""
    code = flag.get("code", "")
    text = str(FLAG_LABELS.get(code, code))
    if flag.get("term"):
        text += f": {flag['term']}"
        if flag.get("tier") == "loose":
            text += " " + _("(viết không dấu)")
        if flag.get("field") == "author":
            text += " " + _("(trong họ tên)")
    elif flag.get("count"):
        text += f" ({flag['count']})"
    return text, _BADGE_CLASS.get(code, "")


def status_label(status):
    return str(STATUS_LABELS[Status(status)])


def admin_nav():
    seen, links = set(), []
    for endpoint, label in ADMIN_PAGES:
        if endpoint in current_app.view_functions and str(label) not in seen:
            seen.add(str(label))
            links.append((endpoint, label))
    return links


def register(bp):
    for function in (ago, exact_time, flag_badge, status_label):
        bp.add_app_template_filter(function)
    bp.app_context_processor(lambda: {"admin_nav": admin_nav, "TAB_LABELS": TAB_LABELS,
                                         "FLAG_LABELS": FLAG_LABELS})
