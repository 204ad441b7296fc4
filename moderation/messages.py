"""Reader- and client-facing sentences, in one place so catalogues can translate them.

Source strings are Vietnamese (the default locale); the English catalogue under
``moderation/translations/en`` translates them. ``lazy_gettext`` defers the lookup to
the request, so the same constant serves any locale.
"""
import math

from flask_babel import format_decimal, gettext, lazy_gettext as _l, ngettext

PENDING = _l("Bình luận của bạn đã được gửi và đang chờ kiểm duyệt.")
PUBLISHED = _l("Bình luận của bạn đã được đăng.")
# Says what to fix without listing the rules, which would teach a spammer how to dodge them.
REFUSED = _l("Bình luận có từ ngữ không phù hợp nên chưa thể đăng. Vui lòng sửa lại.")
# The no-JS page after sending, above the reader's own comment shown as held.
HELD_FOR_YOU = _l("Bình luận của bạn đang chờ duyệt.")
REPORTED = _l("Cảm ơn bạn, chúng tôi đã nhận được báo cáo.")
LOGIN_REQUIRED = _l("Vui lòng đăng nhập để tiếp tục.")
NOTHING_TO_UNDO = _l("Không có thao tác nào để hoàn tác.")
# A comment's state as a 409 names it, keyed by Status value.
STATUS_NAMES = {"pending": _l("chờ duyệt"), "approved": _l("đã duyệt"), "rejected": _l("đã từ chối")}


def conflict(status, decided_by=None):
    """The 409 sentence: the comment's current state and, when known, the moderator who made it."""
    state = STATUS_NAMES[status]
    if decided_by:
        return _l("Bình luận này đã được %(who)s xử lý (trạng thái: %(state)s).", who=decided_by, state=state)
    return _l("Thao tác không thực hiện được: bình luận đang ở trạng thái %(state)s.", state=state)

def too_long(field, limit, given):
    """"Bình luận quá dài: tối đa 3.000 ký tự (bạn đã nhập 3.600).": the limit and what was typed."""
    numbers = {"max": format_decimal(limit), "given": format_decimal(given)}
    if field == "author":
        return _l("Họ tên quá dài: tối đa %(max)s ký tự (bạn đã nhập %(given)s).", **numbers)
    return _l("Bình luận quá dài: tối đa %(max)s ký tự (bạn đã nhập %(given)s).", **numbers)


def wait_phrase(seconds):
    """"52 giây", "1 phút", "1 phút 5 giây", "3 giờ": the wait as a person says it, never understated."""
    if seconds >= 3600:
        return ngettext("%(num)s giờ", "%(num)s giờ", math.ceil(seconds / 3600))
    minutes, rest = divmod(int(seconds), 60)
    parts = [ngettext("%(num)s phút", "%(num)s phút", minutes)] if minutes else []
    if rest or not minutes:
        parts.append(ngettext("%(num)s giây", "%(num)s giây", rest))
    return " ".join(parts)


def too_fast(seconds, what="comment"):
    """The one sentence a refused reader reads: what was sent too fast and exactly when to try again."""
    wait = wait_phrase(seconds)
    if what == "report":
        return gettext("Bạn gửi báo cáo quá nhanh. Vui lòng thử lại sau %(wait)s.", wait=wait)
    return gettext("Bạn gửi bình luận quá nhanh. Vui lòng thử lại sau %(wait)s.", wait=wait)


ERRORS = {
    "validation": _l("Dữ liệu gửi lên chưa hợp lệ, vui lòng kiểm tra lại."),
    "bad_request": _l("Yêu cầu không hợp lệ."),
    "invalid_json": _l("Nội dung JSON không hợp lệ."),
    "unauthorized": _l("Bạn cần đăng nhập hoặc cung cấp mã truy cập hợp lệ."),
    "forbidden": _l("Bạn không có quyền thực hiện thao tác này."),
    "comments_closed": _l("Bài viết này đã đóng bình luận."),
    "banned": _l("Bạn không thể gửi bình luận vào lúc này."),
    "not_found": _l("Không tìm thấy nội dung yêu cầu."),
    "method_not_allowed": _l("Phương thức không được hỗ trợ."),
    "conflict": _l("Thao tác không thực hiện được ở trạng thái hiện tại."),
    "idempotency_mismatch": _l("Khóa Idempotency-Key đã được dùng cho một nội dung khác."),
    "too_large": _l("Dữ liệu gửi lên quá lớn."),
    "unsupported_media_type": _l("Định dạng dữ liệu không được hỗ trợ; hãy gửi JSON hoặc biểu mẫu."),
    "rate_limited": _l("Bạn gửi quá nhanh. Vui lòng thử lại sau ít phút."),
    "unavailable": _l("Hệ thống đang tạm gián đoạn. Vui lòng thử lại sau giây lát."),
    "internal": _l("Đã có lỗi xảy ra. Vui lòng thử lại sau."),
}

FIELDS = {
    "required": _l("Trường này là bắt buộc."),
    "author_required": _l("Vui lòng nhập họ tên."),
    "body_required": _l("Vui lòng nhập nội dung bình luận."),
    "terms": _l("Danh sách từ phải là một mảng các chuỗi văn bản."),
    "term_no_word": _l("Mục “%(term)s” không chứa chữ cái hay chữ số nào."),
    "too_many_terms": _l("Danh sách quá dài (tối đa %(max)s mục)."),
    "rules_body": _l("Cần gửi ít nhất một trong hai danh sách “banned” hoặc “suspect”."),
    "unknown_field": _l("Trường này không được hỗ trợ."),
    "boolean": _l("Giá trị phải là true hoặc false."),
    "moderation_mode": _l("Chế độ kiểm duyệt phải là “pre” (duyệt trước) hoặc “post” (duyệt sau)."),
    "http_url": _l("Địa chỉ phải bắt đầu bằng http:// hoặc https://."),
    "ban_value": _l("Cần một địa chỉ email hoặc một địa chỉ IP (hay mã băm IP) hợp lệ."),
    "ban_expiry": _l("Thời điểm hết hạn phải ở trong tương lai."),
    "ban_nothing": _l("Bình luận này không có email hay địa chỉ nào để chặn."),
    "too_long": _l("Quá dài (tối đa %(max)s ký tự)."),
    "email": _l("Địa chỉ email không hợp lệ."),
    "parent": _l("Bình luận bạn trả lời không tồn tại hoặc chưa được duyệt."),
    "not_text": _l("Giá trị phải là văn bản."),
    "cursor": _l("Con trỏ phân trang không hợp lệ."),
    "limit": _l("Giới hạn phải là số từ 1 đến 100."),
    "ids_count": _l("Cần từ 1 đến 100 mã bài viết, cách nhau bởi dấu phẩy."),
    "ids_shape": _l("Mã bài viết chỉ gồm chữ không dấu, chữ số và . _ ~ : - (tối đa 128 ký tự)."),
    "keys": _l("Danh sách khóa bình luận không hợp lệ (tối đa 50 khóa)."),
    "self_account": _l("Bạn không thể tự hạ quyền hay tự khóa tài khoản của chính mình."),
    "last_admin": _l("Đây là quản trị viên cuối cùng đang hoạt động; hãy cấp quyền quản trị cho người khác trước."),
    "username_length": _l("Tên đăng nhập cần từ 1 đến 80 ký tự."),
    "username_taken": _l("Tên đăng nhập này đã có người dùng."),
    "password_length": _l("Mật khẩu cần ít nhất 8 ký tự."),
}
