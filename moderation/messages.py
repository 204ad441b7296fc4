"""Reader- and client-facing sentences, in one place so catalogues can translate them.

Source strings are Vietnamese (the default locale); the English catalogue under
``moderation/translations/en`` translates them. ``lazy_gettext`` defers the lookup to
the request, so the same constant serves any locale.
"""
import math
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from flask_babel import format_decimal, gettext, lazy_gettext as _l, ngettext

PENDING = _l("Bình luận của bạn đã được gửi và đang chờ kiểm duyệt.")
PUBLISHED = _l("Bình luận của bạn đã được đăng.")
# Says what to fix without listing the rules, which would teach a spammer how to dodge them.
REFUSED = _l("Bình luận có từ ngữ không phù hợp nên chưa thể đăng. Vui lòng sửa lại.")
# The no-JS page after sending, above the reader's own comment shown as held.
HELD_FOR_YOU = _l("Bình luận của bạn đang chờ duyệt.")
REPORTED = _l("Cảm ơn bạn, chúng tôi đã nhận được báo cáo.")
# What a reader may say when reporting a comment ("Báo vi phạm"); the label is stored as the
# reason, in Vietnamese whatever the page's language. comments.js lists the same labels.
REPORT_REASONS = (
    ("spam", _l("Spam, quảng cáo")),
    ("offensive", _l("Xúc phạm, thô tục")),
    ("false", _l("Thông tin sai sự thật")),
    ("personal_data", _l("Lộ thông tin cá nhân")),
    ("other", _l("Lý do khác")),
)
LOGIN_REQUIRED = _l("Vui lòng đăng nhập để tiếp tục.")
NOTHING_TO_UNDO = _l("Không có thao tác nào để hoàn tác.")
# A comment's state as a sentence names it, keyed by Status value.
STATUS_NAMES = {"pending": _l("chờ duyệt"), "approved": _l("đã duyệt"), "rejected": _l("đã từ chối")}
# The same states as a badge or a tab shows them.
STATUS_LABELS = {"pending": _l("Chờ duyệt"), "approved": _l("Đã duyệt"), "rejected": _l("Đã từ chối")}
SYSTEM = _l("Hệ thống")
BANNED_ONLY = _l("Đã chặn người gửi.")
_VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def clock(moment, now=None):
    """"15:03" today in Asia/Ho_Chi_Minh, "15:03 28/11/2026" on another day."""
    local = moment.astimezone(_VIETNAM)
    today = (now or datetime.now(timezone.utc)).astimezone(_VIETNAM).date()
    return local.strftime("%H:%M") if local.date() == today else local.strftime("%H:%M %d/%m/%Y")


def already_done(status, who=None, at=None):
    """The one "already done by X" sentence, for a 409 and for a decision that changed nothing:
    who made the comment's current state and when ("admin đã duyệt bình luận này lúc 15:03"),
    or only the state when no decision is on record. ``who`` None with ``at`` is the system."""
    if at is None:
        return _l("Bình luận này đang ở trạng thái “%(state)s”.", state=STATUS_NAMES[status])
    who, time = who or SYSTEM, clock(at)
    if status == "approved":
        return _l("%(who)s đã duyệt bình luận này lúc %(time)s.", who=who, time=time)
    if status == "rejected":
        return _l("%(who)s đã từ chối bình luận này lúc %(time)s.", who=who, time=time)
    return _l("%(who)s đã đưa bình luận này về hàng chờ lúc %(time)s.", who=who, time=time)


ADMIN_ONLY = _l("Bạn không có quyền mở trang này. Trang dành cho quản trị viên.")
# The HTML error pages: a short heading, then what happened and what to do, by HTTP status.
PAGE_HEADINGS = {
    400: _l("Yêu cầu không hợp lệ"), 403: _l("Không có quyền truy cập"), 404: _l("Không tìm thấy trang"),
    405: _l("Thao tác không được hỗ trợ"), 413: _l("Dữ liệu quá lớn"), 429: _l("Bạn thao tác quá nhanh"),
    500: _l("Đã có lỗi xảy ra"), 503: _l("Hệ thống tạm gián đoạn"),
}
PAGE_ERRORS = {
    400: _l("Yêu cầu không hợp lệ hoặc trang đã mở quá lâu. Vui lòng tải lại trang rồi thử lại."),
    403: _l("Bạn không có quyền mở trang này."),
    404: _l("Không tìm thấy trang bạn cần. Vui lòng kiểm tra lại địa chỉ."),
    405: _l("Trang này không nhận thao tác vừa gửi. Vui lòng quay lại và thử lại."),
    413: _l("Dữ liệu gửi lên quá lớn. Vui lòng gửi nội dung ngắn hơn."),
    500: _l("Đã có lỗi xảy ra. Vui lòng thử lại sau."),
    503: _l("Hệ thống đang tạm gián đoạn. Vui lòng thử lại sau giây lát."),
}


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
    if what == "like":
        return gettext("Bạn bấm thích quá nhanh. Vui lòng thử lại sau %(wait)s.", wait=wait)
    if what == "comment":
        return gettext("Bạn gửi bình luận quá nhanh. Vui lòng thử lại sau %(wait)s.", wait=wait)
    return gettext("Bạn thao tác quá nhanh. Vui lòng thử lại sau %(wait)s.", wait=wait)


ERRORS = {
    "validation": _l("Vui lòng kiểm tra lại các ô được đánh dấu đỏ."),
    "bad_request": _l("Yêu cầu không hợp lệ."),
    "invalid_json": _l("Nội dung JSON không hợp lệ."),
    "unauthorized": _l("Bạn cần đăng nhập hoặc cung cấp mã truy cập hợp lệ."),
    "forbidden": _l("Bạn không có quyền thực hiện thao tác này."),
    "cross_site": _l("Yêu cầu được gửi từ một trang web khác nên không được chấp nhận."),
    "comments_closed": _l("Bài viết này đã đóng bình luận."),
    "unknown_article": _l("Bài viết này không nhận bình luận."),
    "banned": _l("Bạn không thể gửi bình luận vào lúc này."),
    "not_found": _l("Không tìm thấy nội dung yêu cầu."),
    "unknown_site": _l("Không có trang nào với mã này."),
    "method_not_allowed": _l("Phương thức không được hỗ trợ."),
    "conflict": _l("Thao tác không thực hiện được ở trạng thái hiện tại."),
    "idempotency_mismatch": _l("Khóa Idempotency-Key đã được dùng cho một nội dung khác."),
    "too_large": _l("Dữ liệu gửi lên quá lớn."),
    "unsupported_media_type": _l("Định dạng dữ liệu không được hỗ trợ; hãy gửi JSON hoặc biểu mẫu."),
    "rate_limited": _l("Bạn gửi quá nhanh. Vui lòng thử lại sau ít phút."),
    "unavailable": _l("Hệ thống đang tạm gián đoạn. Vui lòng thử lại sau giây lát."),
    "internal": _l("Đã có lỗi xảy ra. Vui lòng thử lại sau."),
    "link_expired": _l("Liên kết này đã hết hạn hoặc đã được thay bằng một liên kết mới hơn."),
}

FIELDS = {
    "author_required": _l("Vui lòng nhập họ tên."),
    "body_required": _l("Vui lòng nhập nội dung bình luận."),
    "terms": _l("Danh sách từ phải là một mảng các chuỗi văn bản."),
    "term_no_word": _l("Mục “%(term)s” không chứa chữ cái hay chữ số nào."),
    "too_many_terms": _l("Danh sách quá dài (tối đa %(max)s mục)."),
    "rules_body": _l("Cần gửi ít nhất một trong hai danh sách “banned” hoặc “suspect”."),
    "unknown_field": _l("Trường này không được hỗ trợ."),
    "boolean": _l("Giá trị phải là true hoặc false."),
    "moderation_mode": _l("Chế độ kiểm duyệt phải là “pre” (duyệt trước) hoặc “post” (duyệt sau)."),
    "close_after_days": _l("Số ngày phải là số nguyên từ 0 đến 3.650 (0 là không tự đóng)."),
    "http_url": _l("Địa chỉ phải bắt đầu bằng http:// hoặc https://."),
    "site_slug": _l("Mã trang chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (1 đến 40 ký tự)."),
    "site_slug_taken": _l("Mã trang này đã tồn tại."),
    "site_name": _l("Vui lòng nhập tên trang (tối đa 200 ký tự)."),
    "site_origin": _l("Mỗi địa chỉ trang phải có dạng https://ten-mien, không có đường dẫn."),
    "site_origins_required": _l("Vui lòng nhập ít nhất một địa chỉ trang."),
    "site_origin_taken": _l("Địa chỉ %(origin)s đã thuộc một trang khác."),
    "site_default_origins": _l("Địa chỉ của trang “default” được đặt bằng ALLOWED_ORIGINS trong cấu hình."),
    "url_origin": _l("Địa chỉ bài viết phải thuộc một trang đã khai báo của tòa soạn."),
    "bad_url": _l("Địa chỉ bài viết không hợp lệ."),
    "ban_value": _l("Cần một địa chỉ email hoặc một địa chỉ IP (hay mã băm IP) hợp lệ."),
    "ban_expiry": _l("Thời điểm hết hạn phải ở trong tương lai."),
    "ban_nothing": _l("Bình luận này không có email hay địa chỉ nào để chặn."),
    "too_long": _l("Quá dài (tối đa %(max)s ký tự)."),
    "email": _l("Địa chỉ email không hợp lệ."),
    "erase_mode": _l("Vui lòng chọn “ẩn danh” hoặc “xóa bình luận”."),
    "parent": _l("Bình luận bạn trả lời không tồn tại hoặc chưa được duyệt."),
    "not_text": _l("Giá trị phải là văn bản."),
    "cursor": _l("Con trỏ phân trang không hợp lệ."),
    "sort": _l("Cách sắp xếp phải là “oldest”, “newest” hoặc “top”."),
    "tab": _l("Mục phải là “all” hoặc “featured”."),
    "reader_key": _l("Thiếu khóa bạn đọc hợp lệ (X-Reader-Key: 16 đến 64 ký tự A-Z, a-z, 0-9, _ hoặc -)."),
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
    "display_name": _l("Tên hiển thị tối đa 80 ký tự, không có ký tự ẩn hay dấu xuống dòng."),
    "staff_badge": _l("Nhãn của Tòa soạn cần từ 1 đến 40 ký tự, trên một dòng."),
    "featured_limit": _l("Số bình luận nổi bật phải là số từ 1 đến 20."),
    "notify_email": _l("Vui lòng nhập email để nhận thông báo."),
    "alert_threshold": _l("Ngưỡng cảnh báo phải là số nguyên lớn hơn 0."),
    "alert_minutes": _l("Số phút phải là số nguyên từ 1 đến 10.080 (7 ngày)."),
    "alert_count": _l("Số bình luận phải là số nguyên từ 1 đến 100.000."),
    "mail_preference": _l("Vui lòng chọn không nhận, cảnh báo hoặc bản tóm tắt hằng ngày."),
}
# WTForms' own error sentences as our forms show them (web/form_base.py), keyed by its English;
# the placeholders are WTForms' and filled by it. None: any sentence of WTForms not listed here.
FORM_ERRORS = {
    None: _l("Vui lòng kiểm tra lại ô này."),
    "This field is required.": _l("Vui lòng điền ô này."),
    "Not a valid choice.": _l("Vui lòng chọn một mục trong danh sách."),
    "Invalid Choice: could not coerce.": _l("Vui lòng chọn một mục trong danh sách."),
    "Not a valid integer value.": _l("Vui lòng nhập một số nguyên, ví dụ 30."),
    "Number must be at least %(min)s.": _l("Vui lòng nhập một số từ %(min)s trở lên."),
    "Number must be at most %(max)s.": _l("Vui lòng nhập một số không quá %(max)s."),
    "Number must be between %(min)s and %(max)s.": _l("Vui lòng nhập một số từ %(min)s đến %(max)s."),
    "Field must be at least %(min)d character long.": _l("Vui lòng nhập ít nhất %(min)d ký tự."),
    "Field cannot be longer than %(max)d character.": _l("Vui lòng nhập tối đa %(max)d ký tự (bạn đã nhập %(length)d)."),
    "Field must be exactly %(max)d character long.": _l("Vui lòng nhập đúng %(max)d ký tự."),
    "Field must be between %(min)d and %(max)d characters long.": _l("Vui lòng nhập từ %(min)d đến %(max)d ký tự."),
    "Field must be equal to %(other_name)s.": _l("Hai ô chưa khớp nhau."),
    "File does not have an approved extension.": _l("Tệp này không đúng loại được nhận."),
}
# The admin pages' required fields, each saying what to enter.
REQUIRED = {
    "ban_value": _l("Vui lòng nhập email hoặc địa chỉ IP cần chặn."),
    "username": _l("Vui lòng nhập tên đăng nhập."),
    "password": _l("Vui lòng nhập mật khẩu."),
    "site_slug": _l("Vui lòng nhập mã trang."),
    "site_name": _l("Vui lòng nhập tên trang."),
    "site_origin": _l("Vui lòng nhập ít nhất một địa chỉ trang."),
    "word_file": _l("Vui lòng chọn tệp .txt."),
    "body": _l("Vui lòng nhập nội dung bình luận."),
}
# The submission form's opt-in (the no-JS form; comments.js says the same).
NOTIFY_CHECKBOX = _l("Báo cho tôi qua email khi bình luận được đăng hoặc có người trả lời")



def decided(action, comment_id):
    """What a moderator reads after a decision that changed the comment, by Action value."""
    if action == "approve":
        return _l("Đã duyệt bình luận #%(id)s.", id=comment_id)
    if action == "reject":
        return _l("Đã từ chối bình luận #%(id)s.", id=comment_id)
    if action == "unapprove":
        return _l("Đã hủy duyệt bình luận #%(id)s. Bình luận trở lại hàng chờ.", id=comment_id)
    if action == "edit":
        return _l("Đã sửa và duyệt bình luận #%(id)s.", id=comment_id)
    if action == "ban":
        return _l("Đã chặn người gửi và từ chối bình luận #%(id)s.", id=comment_id)
    return _l("Đã giữ bình luận #%(id)s (bỏ qua báo cáo).", id=comment_id)


# Editor's picks ("Bình luận nổi bật") and newsroom replies, as the moderator reads them.
FEATURED = _l("Đã chọn bình luận #%(id)s làm bình luận nổi bật.")
FEATURED_AND_APPROVED = _l("Đã duyệt và chọn bình luận #%(id)s làm bình luận nổi bật.")
ALREADY_FEATURED = _l("Bình luận #%(id)s đã là bình luận nổi bật.")
UNFEATURED = _l("Đã bỏ chọn bình luận nổi bật #%(id)s. Bình luận vẫn được duyệt.")
NOT_FEATURED = _l("Bình luận #%(id)s không phải bình luận nổi bật.")
# Picking a rejected comment is refused: it was judged unfit (by a colleague or a word rule), so
# publishing it as a highlight takes a deliberate "Duyệt" first.
FEATURE_REJECTED = _l("Bình luận #%(id)s đã bị từ chối. Hãy duyệt bình luận trước khi chọn làm bình luận nổi bật.")
REPLIED = _l("Đã đăng trả lời của Tòa soạn cho bình luận #%(id)s.")
REPLIED_AND_APPROVED = _l("Đã duyệt bình luận #%(id)s và đăng trả lời của Tòa soạn.")
REPLY_REJECTED = _l("Bình luận #%(id)s đã bị từ chối nên không thể trả lời. Hãy duyệt bình luận trước.")


def bulk_done(action, changed, unchanged):
    """"Đã duyệt 3 bình luận.", and how many did not change, after a bulk action."""
    if action == "approve":
        text = ngettext("Đã duyệt %(num)s bình luận.", "Đã duyệt %(num)s bình luận.", changed)
    else:
        text = ngettext("Đã từ chối %(num)s bình luận.", "Đã từ chối %(num)s bình luận.", changed)
    if unchanged:
        text += " " + ngettext("%(num)s bình luận không thay đổi (đã có người xử lý hoặc đã bị xóa).",
                               "%(num)s bình luận không thay đổi (đã có người xử lý hoặc đã bị xóa).", unchanged)
    return text


def undone(comments):
    """"Đã hoàn tác: #129 về chờ duyệt." for the comments an undo put back, grouped by the state
    each went back to (a batch may hold comments that came from different states)."""
    groups = {}
    for comment in comments:
        groups.setdefault(comment.status.value, []).append(f"#{comment.id}")
    pieces = [_l("%(ids)s về %(state)s", ids=", ".join(ids), state=STATUS_NAMES[status])
              for status, ids in groups.items()]
    return _l("Đã hoàn tác: %(what)s.", what=", ".join(str(p) for p in pieces))


def not_undone(note):
    return _l("Không hoàn tác được: %(why)s", why=note)


# Imports and exports (the CLI prints these; the operator reads Vietnamese first).
SITE_UNKNOWN = _l("Chưa có trang “%(site)s”. Xem các trang đã có bằng lệnh “flask sites list”.")
SOURCE_REASONS = {
    "xml": _l("XML không hợp lệ"),
    "root": _l("tệp không đúng định dạng đã chọn"),
    "json": _l("dòng này không phải JSON hợp lệ"),
    "header": _l("dòng đầu không phải tiêu đề của tệp xuất"),
    "type": _l("không rõ loại bản ghi"),
    "encoding": _l("tệp không phải UTF-8"),
    "map": _l("dòng ánh xạ phải có dạng “url-cũ mã-bài-mới” hoặc “tiền-tố-url* mã-bài-mới”"),
    "unreadable": _l("không mở được tệp"),
    "isso": _l("không phải cơ sở dữ liệu Isso"),
}
SKIP_REASONS = {"deleted": _l("đã xóa"), "pingback": _l("pingback/trackback"),
                "unmappable": _l("không xác định được bài viết"), "orphan": _l("mất bình luận gốc")}


def source_error(name, line, reason):
    """"Không đọc được tệp a.xml ở dòng 7: XML không hợp lệ. Chưa có gì được ghi.\""""
    why = SOURCE_REASONS.get(reason, reason)
    if line is None:
        return _l("Không đọc được tệp %(file)s: %(why)s. Chưa có gì được ghi.", file=name, why=why)
    return _l("Không đọc được tệp %(file)s ở dòng %(line)s: %(why)s. Chưa có gì được ghi.",
              file=name, line=line, why=why)


def import_summary(summary, dry_run):
    """The lines an import ends with: articles, comments per status, what was skipped and why."""
    lines = [str(_l("Chạy thử: chưa ghi gì.")) if dry_run else str(_l("Đã nhập xong."))]
    lines.append(str(_l("Bài viết: %(num)s", num=format_decimal(summary.articles))))
    for status in ("approved", "pending", "rejected"):
        lines.append(str(_l("Bình luận %(state)s: %(num)s", state=STATUS_NAMES[status],
                            num=format_decimal(summary.created.get(status, 0)))))
    if not dry_run:
        lines.append(str(_l("Đã có từ lần nhập trước: %(same)s không đổi, %(changed)s đổi trạng thái.",
                            same=format_decimal(summary.unchanged), changed=format_decimal(summary.updated))))
    lines.append(str(_l("Đưa lên cấp đầu vì mất bình luận gốc: %(num)s", num=format_decimal(summary.orphans))))
    skipped = ", ".join(f"{format_decimal(n)} {SKIP_REASONS.get(why, why)}" for why, n in sorted(summary.skipped.items()))
    lines.append(str(_l("Bỏ qua: %(what)s", what=skipped or "0")))
    return "\n".join(lines)


def exported(articles, comments):
    return _l("Đã xuất %(articles)s bài viết và %(comments)s bình luận.",
              articles=format_decimal(articles), comments=format_decimal(comments))


def erased(count, mode):
    if mode == "anonymize":
        return _l("Đã ẩn danh %(num)s bình luận.", num=format_decimal(count))
    return _l("Đã xóa nội dung %(num)s bình luận.", num=format_decimal(count))


# What the operator's commands (flask moderators|sites|demo ...) answer, in the same words as the pages.
CLI = {
    "no_moderator": _l("Không có tài khoản nào tên “%(username)s”."),
    "created": _l("Đã tạo tài khoản %(role)s “%(username)s”."),
    "password_changed": _l("Đã đổi mật khẩu của “%(username)s”. Mọi phiên đăng nhập của tài khoản đã kết thúc."),
    "tokens_revoked": _l("Đã thu hồi %(count)s mã API của “%(username)s”."),
    "deactivated": _l("Đã khóa tài khoản “%(username)s”. Mọi phiên đăng nhập và mã API đã bị thu hồi."),
    "display_name": _l("“%(username)s” giờ ký trả lời với tư cách Tòa soạn là “%(name)s”."),
    "granted": _l("“%(username)s” giờ được kiểm duyệt: %(sites)s."),
    "revoked": _l("“%(username)s” không còn được kiểm duyệt: %(sites)s."),
    "mail": _l("“%(username)s” nhận qua email: %(receive)s."),
    "site_created": _l("Đã tạo trang “%(slug)s”. Nhúng bằng data-site=\"%(slug)s\"."),
    "site_updated": _l("Đã lưu cài đặt của trang “%(slug)s”."),
    "days_or_default": _l("Nhập số ngày (số nguyên) hoặc “default” để theo cài đặt chung."),
    "demo_seeded": _l("Đã tạo bài viết và bình luận mẫu."),
    "demo_present": _l("Dữ liệu mẫu đã có sẵn, không cần làm gì thêm."),
}
ROLE_NAMES = {"admin": _l("quản trị viên"), "moderator": _l("kiểm duyệt viên")}
MAIL_PREFERENCES = {"none": _l("không nhận"), "alerts": _l("cảnh báo"), "digest": _l("bản tóm tắt hằng ngày")}
