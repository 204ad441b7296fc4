"""Audit entries in words, for the log page: what was done, to what, and the details that matter.

Codes never reach the page: flags read "Từ cấm: vcl", settings "Chế độ duyệt: duyệt trước →
duyệt sau", an undo names the action it undid and when.
"""
from datetime import datetime

from flask import url_for
from flask_babel import gettext as _, lazy_gettext as _l

from moderation.core.states import Action, Moderation, Target, Tier
from moderation.http.locale import local_time
from moderation.web.present import flag_badge, status_label

ACTION_LABELS = {
    Action.APPROVE: _l("Duyệt"), Action.REJECT: _l("Từ chối"), Action.UNAPPROVE: _l("Hủy duyệt"),
    Action.EDIT: _l("Sửa và duyệt"), Action.UNDO: _l("Hoàn tác"), Action.SUBMIT: _l("Tự động lọc"),
    Action.KEEP: _l("Giữ bình luận (bỏ qua báo cáo)"),
    Action.BAN: _l("Chặn người gửi"), Action.BAN_RENEW: _l("Gia hạn chặn"), Action.BAN_LIFT: _l("Bỏ chặn"),
    Action.WORDS_SAVE: _l("Sửa bộ lọc từ ngữ"), Action.WORDS_IMPORT: _l("Nhập bộ lọc từ ngữ"),
    Action.SITE_SETTINGS: _l("Sửa cài đặt chung"), Action.ARTICLE_SETTINGS: _l("Sửa cài đặt bài viết"),
    Action.ACCOUNT_CREATE: _l("Tạo tài khoản"), Action.ACCOUNT_ROLE: _l("Đổi vai trò"),
    Action.ACCOUNT_PASSWORD: _l("Đặt lại mật khẩu"), Action.ACCOUNT_LOCK: _l("Khóa tài khoản"),
    Action.ACCOUNT_UNLOCK: _l("Mở lại tài khoản"), Action.TOKEN_CREATE: _l("Cấp mã API"),
    Action.TOKEN_REVOKE: _l("Thu hồi mã API"), Action.IMPORT: _l("Nhập bình luận"),
    Action.READER_EXPORT: _l("Xuất dữ liệu bạn đọc"), Action.READER_ERASE: _l("Xóa dữ liệu bạn đọc"),
    Action.SITE_CREATE: _l("Thêm trang"), Action.SITE_UPDATE: _l("Sửa trang"),
    Action.SITE_GRANT: _l("Giao trang cho kiểm duyệt viên"), Action.SITE_REVOKE: _l("Thu hồi trang của kiểm duyệt viên"),
    Action.FEATURE: _l("Chọn bình luận nổi bật"), Action.UNFEATURE: _l("Bỏ chọn bình luận nổi bật"),
    Action.NEWSROOM_REPLY: _l("Trả lời với tư cách Tòa soạn"), Action.ACCOUNT_DISPLAY_NAME: _l("Đổi tên hiển thị"),
    Action.NOTIFY_CONFIRM: _l("Bạn đọc xác nhận nhận thông báo qua email"),
    Action.NOTIFY_UNSUBSCRIBE: _l("Bạn đọc ngừng nhận thông báo qua email"),
    Action.ACCOUNT_MAIL: _l("Đổi email và thư báo của tài khoản"),
}
TARGET_LABELS = {
    Target.COMMENT: _l("Bình luận"), Target.BAN: _l("Lệnh chặn"), Target.WORD_LIST: _l("Bộ lọc từ ngữ"),
    Target.SITE_SETTINGS: _l("Cài đặt chung"), Target.ARTICLE: _l("Bài viết"), Target.ACCOUNT: _l("Tài khoản"),
    Target.TOKEN: _l("Mã API"), Target.IMPORT: _l("Tệp nhập"), Target.READER: _l("Bạn đọc"), Target.SITE: _l("Trang"),
}
_TIERS = {Tier.BANNED.value: _l("từ cấm"), Tier.SUSPECT.value: _l("từ nghi vấn")}
_BAN_KINDS = {"email": _l("theo email"), "ip": _l("theo địa chỉ IP")}
_SETTINGS = {"moderation": _l("Chế độ duyệt"), "comments_open": _l("Mở bình luận"), "title": _l("Tiêu đề"),
             "url": _l("Địa chỉ"), "registered_only": _l("Chỉ nhận bình luận ở bài viết đã đăng ký"),
             "close_after_days": _l("Tự đóng bình luận sau (ngày)"), "lockdown": _l("Khóa toàn bộ bình luận"),
             "registered": _l("Đã đăng ký từ CMS"),
             "staff_badge": _l("Nhãn của Tòa soạn"),
             "alert_pending_minutes": _l("Cảnh báo khi bình luận chờ duyệt quá (phút)"),
             "alert_pending_count": _l("Cảnh báo khi số bình luận chờ duyệt vượt quá")}
_DEFAULTABLE = {"moderation", "comments_open", "close_after_days"}
_MODES = {Moderation.PRE.value: _l("duyệt trước"), Moderation.POST.value: _l("duyệt sau")}
_SNIPPET = 120


def _value(name, value):
    if value is None:
        return _("theo cài đặt chung") if name in _DEFAULTABLE else "—"
    if name == "moderation":
        return str(_MODES.get(value, value))
    if isinstance(value, bool):
        return _("có") if value else _("không")
    return str(value)


def _changes(details):
    before, after = details.get("before") or {}, details.get("after") or {}
    return [f"{_SETTINGS.get(name, name)}: {_value(name, before.get(name))} → {_value(name, after.get(name))}"
            for name in after if before.get(name) != after.get(name)]


def _target_link(entry):
    kind, target_id = entry.target_kind, entry.target_id
    if kind == Target.COMMENT:
        return url_for("log.index", comment=target_id), f"#{target_id}"
    if kind == Target.ARTICLE:
        return url_for("admin.settings", article_id=target_id), target_id
    if kind == Target.ACCOUNT:
        return url_for("admin.moderator", moderator_id=int(target_id)), entry.details.get("username") or target_id
    if kind == Target.WORD_LIST:
        site = (entry.details or {}).get("site")  # a site's own additions; none: the shared lists
        label = str(_TIERS.get(target_id, target_id))
        return url_for("admin.rules", site=site), f"{label} · {site}" if site else label
    if kind == Target.BAN:
        return url_for("admin.bans"), f"#{target_id}"
    return None, entry.details.get("username") or target_id or ""


def _lines(entry):
    details, action = entry.details or {}, entry.action
    lines = []
    if action == Action.SUBMIT:
        lines += [flag_badge(flag)[0] for flag in details.get("flags") or []]
    elif action in (Action.BAN, Action.BAN_RENEW):
        until = details.get("expires_at")
        lines.append(f"{_BAN_KINDS.get(details.get('kind'), '')}, " +
                     (_("đến %(time)s", time=local_time(datetime.fromisoformat(until))) if until else _("vĩnh viễn")))
    elif action in (Action.WORDS_SAVE, Action.WORDS_IMPORT):
        if details.get("added"):
            lines.append(_("Thêm: %(terms)s", terms=", ".join(details["added"][:20])))
        if details.get("removed"):
            lines.append(_("Bỏ: %(terms)s", terms=", ".join(details["removed"][:20])))
    elif action in (Action.SITE_SETTINGS, Action.ARTICLE_SETTINGS):
        lines += _changes(details)
    elif action in (Action.ACCOUNT_ROLE, Action.ACCOUNT_DISPLAY_NAME):
        lines.append(f"{details.get('before') or '—'} → {details.get('after') or '—'}")
    elif action == Action.UNDO and details.get("action"):
        lines.append(_("hoàn tác thao tác “%(action)s”", action=ACTION_LABELS.get(Action(details["action"]), "")))
    return lines


def describe(entry):
    """What the log's row shows for one entry (strings only, escaped by the template)."""
    link, label = _target_link(entry)
    comment = entry.comment if entry.target_kind == Target.COMMENT else None
    reason = entry.reason if entry.action != Action.SUBMIT else None
    return {
        "entry": entry,
        "actor": entry.moderator.username if entry.moderator else _("Hệ thống"),
        "action": str(ACTION_LABELS.get(entry.action, entry.action.value)),
        "target": str(TARGET_LABELS.get(entry.target_kind, "")), "target_label": label, "target_link": link,
        "statuses": (f"{status_label(entry.from_status) if entry.from_status else '—'} → "
                     f"{status_label(entry.to_status) if entry.to_status else '—'}") if entry.to_status else "",
        "reason": reason or "", "lines": _lines(entry),
        "old_text": (entry.details or {}).get("old_text"),
        "snippet": _snippet(comment.body_text) if comment else None,
        "article": (comment.article.title or comment.article_id) if comment else None,
    }


def _snippet(text):
    return text if len(text) <= _SNIPPET else text[:_SNIPPET].rstrip() + "…"

