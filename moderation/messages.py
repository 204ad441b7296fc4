"""Reader- and client-facing sentences, in one place so catalogues can translate them.

Source strings are Vietnamese (the default locale); the English catalogue under
``moderation/translations/en`` translates them. ``lazy_gettext`` defers the lookup to
the request, so the same constant serves any locale.
"""
from flask_babel import lazy_gettext as _l

PENDING = _l("Bình luận của bạn đã được gửi và đang chờ kiểm duyệt.")
PUBLISHED = _l("Bình luận của bạn đã được đăng.")
REFUSED = _l("Rất tiếc, bình luận của bạn vi phạm quy định của chúng tôi nên không thể đăng.")
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

ERRORS = {
    "validation": _l("Dữ liệu gửi lên chưa hợp lệ, vui lòng kiểm tra lại."),
    "bad_request": _l("Yêu cầu không hợp lệ."),
    "invalid_json": _l("Nội dung JSON không hợp lệ."),
    "unauthorized": _l("Bạn cần đăng nhập hoặc cung cấp mã truy cập hợp lệ."),
    "forbidden": _l("Bạn không có quyền thực hiện thao tác này."),
    "cross_site": _l("Yêu cầu được gửi từ một trang web khác nên không được chấp nhận."),
    "comments_closed": _l("Bài viết này đã đóng bình luận."),
    "unknown_article": _l("Bài viết này không nhận bình luận."),
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
    "terms": _l("Danh sách từ phải là một mảng các chuỗi văn bản."),
    "term_no_word": _l("Mục “%(term)s” không chứa chữ cái hay chữ số nào."),
    "too_many_terms": _l("Danh sách quá dài (tối đa %(max)s mục)."),
    "rules_body": _l("Cần gửi ít nhất một trong hai danh sách “banned” hoặc “suspect”."),
    "unknown_field": _l("Trường này không được hỗ trợ."),
    "boolean": _l("Giá trị phải là true hoặc false."),
    "moderation_mode": _l("Chế độ kiểm duyệt phải là “pre” (duyệt trước) hoặc “post” (duyệt sau)."),
    "http_url": _l("Địa chỉ phải bắt đầu bằng http:// hoặc https://."),
    "url_origin": _l("Địa chỉ bài viết phải thuộc một trang đã khai báo của tòa soạn."),
    "bad_url": _l("Địa chỉ bài viết không hợp lệ."),
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
    "username_taken": _l("Tên đăng nhập này đã tồn tại."),
    "token_inactive": _l("Tài khoản đang bị khóa nên không thể cấp mã API."),
    "username_characters": _l("Tên đăng nhập không được chứa ký tự điều khiển, ký tự ẩn hay dấu xuống dòng."),
    "password_length": _l("Mật khẩu cần ít nhất 8 ký tự."),
}
