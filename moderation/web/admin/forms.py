"""Flask-WTF forms of the admin pages. They carry CSRF and parse input; the rules live in services."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, IntegerField, PasswordField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, EqualTo, Length, NumberRange, Optional

from moderation.messages import FIELDS, REQUIRED
from moderation.models import BanKind, MailPreference, Moderation, Role, utcnow
from moderation.core.wordrules import parse_terms
from moderation.services.moderator_mail import DEFAULT_COUNT, DEFAULT_MINUTES, MAX_COUNT, MAX_MINUTES
from moderation.web.form_base import Form


def _choices(*pairs):
    return [SelectChoice(value, label) for value, label in pairs]


LISTS = _choices(("banned", _l("Từ cấm")), ("suspect", _l("Từ nghi vấn")))
MODERATION_CHOICES = _choices((Moderation.PRE.value, _l("Duyệt trước khi đăng")),
                              (Moderation.POST.value, _l("Đăng ngay, duyệt sau")))
# Days as strings; "" means the ban never ends.
DURATIONS = _choices(("1", _l("1 ngày")), ("7", _l("7 ngày")), ("30", _l("30 ngày")), ("365", _l("1 năm")),
                     ("", _l("Vĩnh viễn")))


class WordListsForm(Form):
    banned = TextAreaField(_l("Từ cấm (bình luận bị từ chối; mỗi dòng một từ hoặc cụm từ)"),
                           render_kw={"rows": 14, "spellcheck": "false"})
    suspect = TextAreaField(_l("Từ nghi vấn (bình luận được giữ lại chờ duyệt)"),
                            render_kw={"rows": 14, "spellcheck": "false"})

    def lists(self):
        return {"banned": parse_terms(self.banned.data), "suspect": parse_terms(self.suspect.data)}


class ImportForm(Form):
    tier = SelectField(_l("Danh sách"), choices=LISTS)
    file = FileField(_l("Tệp .txt (UTF-8, mỗi dòng một từ; thay thế danh sách đã chọn)"),
                     validators=[FileRequired(REQUIRED["word_file"]), FileAllowed(["txt"], _l("Chỉ nhận tệp .txt."))])


class BanForm(Form):
    kind = SelectField(_l("Chặn theo"), choices=_choices((BanKind.EMAIL.value, _l("Email")),
                                                         (BanKind.IP.value, _l("Địa chỉ IP hoặc mã băm IP"))))
    value = StringField(_l("Giá trị"), validators=[DataRequired(REQUIRED["ban_value"]), Length(max=254)])
    reason = StringField(_l("Lý do"), validators=[Optional(), Length(max=500)])
    duration = SelectField(_l("Thời hạn"), choices=DURATIONS, default="30")
    # "" bans on every site; else a site's slug (the choices are the sites, set by the view).
    site = SelectField(_l("Áp dụng cho"), choices=[], validate_choice=False, default="")

    def expires_at(self):
        return utcnow() + timedelta(days=int(self.duration.data)) if self.duration.data else None


class LiftForm(Form):
    """Nothing but the CSRF token: lifting a ban needs no input."""


class SiteSettingsForm(Form):
    moderation = SelectField(_l("Chế độ kiểm duyệt mặc định"), choices=MODERATION_CHOICES)
    comments_open = BooleanField(_l("Mở bình luận (áp dụng cho bài viết chưa có cài đặt riêng)"))
    registered_only = BooleanField(_l("Chỉ nhận bình luận cho bài viết do hệ thống quản lý nội dung (CMS) đăng ký"))
    close_after_days = IntegerField(_l("Tự đóng bình luận sau số ngày kể từ khi bài viết xuất hiện (0 = không tự đóng)"),
                                    validators=[Optional(), NumberRange(min=0, max=3650, message=FIELDS["close_after_days"])])
    staff_badge = StringField(_l("Nhãn của Tòa soạn, hiện cạnh tên người trả lời với tư cách Tòa soạn (trống = nhãn mặc định)"),
                              validators=[Optional(), Length(max=40)])
    default_sort = SelectField(_l("Thứ tự bình luận bạn đọc thấy trước"),
                               choices=_choices(("oldest", _l("Cũ nhất")), ("newest", _l("Mới nhất")),
                                                ("top", _l("Quan tâm nhất"))),
                               validators=[Optional()])


class LockdownForm(Form):
    """Nothing but the CSRF token: the button pressed says lock or unlock."""


# "" keeps no value of the article's own: it follows the site default, whatever that becomes.
SITE_DEFAULT_CHOICE = ("", _l("Theo cài đặt chung"))


class ArticleForm(Form):
    comments_open = SelectField(_l("Bình luận"),
                                choices=_choices(SITE_DEFAULT_CHOICE, ("1", _l("Mở bình luận")), ("0", _l("Đóng bình luận"))))
    moderation = SelectField(_l("Chế độ kiểm duyệt"), choices=[SelectChoice(*SITE_DEFAULT_CHOICE), *MODERATION_CHOICES])
    close_after_days = IntegerField(_l("Tự đóng sau số ngày (trống = theo cài đặt chung, 0 = không tự đóng)"),
                                    validators=[Optional(), NumberRange(min=0, max=3650, message=FIELDS["close_after_days"])])


ROLE_CHOICES = _choices((Role.MODERATOR.value, _l("Kiểm duyệt viên (duyệt bình luận)")),
                        (Role.ADMIN.value, _l("Quản trị viên (duyệt bình luận và quản lý tài khoản, từ ngữ, cài đặt)")))


class _NewPassword(Form):
    password = PasswordField(_l("Mật khẩu (ít nhất 8 ký tự)"),
                             validators=[DataRequired(REQUIRED["password"]), Length(min=8, max=500)],
                             render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("Nhập lại mật khẩu"),
                            validators=[EqualTo("password", _l("Hai mật khẩu không khớp."))],
                            render_kw={"autocomplete": "new-password"})


class NewModeratorForm(_NewPassword):
    username = StringField(_l("Tên đăng nhập"), validators=[DataRequired(REQUIRED["username"]), Length(max=80)],
                           render_kw={"autocomplete": "off"})
    role = SelectField(_l("Vai trò"), choices=ROLE_CHOICES, default=Role.MODERATOR.value)


class DisplayNameForm(Form):
    display_name = StringField(_l("Tên hiển thị khi trả lời với tư cách Tòa soạn (trống = tên đăng nhập)"),
                               validators=[Optional(), Length(max=80)])


class PasswordForm(_NewPassword):
    """A new password set by an admin; every session of that account ends."""


class RoleForm(Form):
    role = SelectField(_l("Vai trò"), choices=ROLE_CHOICES)


MAIL_CHOICES = _choices((MailPreference.NONE.value, _l("Không nhận email")),
                        (MailPreference.ALERTS.value, _l("Cảnh báo khi hàng chờ quá lâu hoặc quá dài")),
                        (MailPreference.DIGEST.value, _l("Bản tóm tắt hằng ngày")))


class MailForm(Form):
    """The account's address and what it receives (services/moderator_mail.py)."""
    email = StringField(_l("Email"), validators=[Optional(), Length(max=254)], render_kw={"autocomplete": "email"})
    preference = SelectField(_l("Nhận qua email"), choices=MAIL_CHOICES, default=MailPreference.NONE.value)


class AccountActionForm(Form):
    """Nothing but the CSRF token: deactivate, reactivate and new token need no input."""


class ReaderRequestForm(Form):
    """A reader's data request: the e-mail, and which of the three actions (the pressed button)."""
    # Choices are the sites the signed-in admin may act on, filled by the view.
    site = SelectField(_l("Trang"), choices=[])
    email = StringField(_l("Email của bạn đọc"), validators=[DataRequired(_l("Vui lòng nhập email của bạn đọc.")),
                                                              Length(max=254)])
    action = SelectField(_l("Yêu cầu"), choices=_choices(("export", _l("Xuất dữ liệu (tệp JSON)")),
                                                         ("anonymize", _l("Ẩn danh (giữ nội dung)")),
                                                         ("delete", _l("Xóa nội dung bình luận"))))


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class NewSiteForm(Form):
    slug = StringField(_l("Mã trang (chữ thường không dấu, chữ số và dấu gạch ngang, dùng trong data-site)"),
                       validators=[DataRequired(REQUIRED["site_slug"]), Length(max=40)], render_kw={"autocomplete": "off"})
    name = StringField(_l("Tên trang"), validators=[DataRequired(REQUIRED["site_name"]), Length(max=200)])
    origin = TextAreaField(_l("Địa chỉ được nhúng bình luận (mỗi dòng một địa chỉ, ví dụ https://truong-a.edu.vn)"),
                            validators=[DataRequired(REQUIRED["site_origin"])], render_kw={"rows": 3, "spellcheck": "false"})

    def origin_list(self):
        return _lines(self.origin.data)


class SiteForm(Form):
    """A site's name, origins and own settings; "" in a setting follows the installation's."""
    name = StringField(_l("Tên trang"), validators=[DataRequired(REQUIRED["site_name"]), Length(max=200)])
    origin = TextAreaField(_l("Địa chỉ được nhúng bình luận (mỗi dòng một địa chỉ)"),
                            render_kw={"rows": 3, "spellcheck": "false"})
    moderation = SelectField(_l("Chế độ kiểm duyệt"), choices=[SelectChoice(*SITE_DEFAULT_CHOICE), *MODERATION_CHOICES])
    comments_open = SelectField(_l("Bình luận (áp dụng cho bài viết chưa có cài đặt riêng)"),
                                choices=_choices(SITE_DEFAULT_CHOICE, ("1", _l("Mở bình luận")),
                                                 ("0", _l("Đóng bình luận"))))
    close_after_days = IntegerField(_l("Tự đóng sau số ngày (trống = theo cài đặt chung, 0 = không tự đóng)"),
                                    validators=[Optional(), NumberRange(min=0, max=3650, message=FIELDS["close_after_days"])])
    lockdown = BooleanField(_l("Khóa toàn bộ bình luận của trang này"))
    # Moderators' alerts (services/moderator_mail.py); blank follows the installation's 60 and 50.
    alert_pending_minutes = IntegerField(
        _l("Cảnh báo kiểm duyệt viên khi có bình luận chờ duyệt quá số phút này (trống = theo cài đặt chung, "
           "%(minutes)s phút)", minutes=DEFAULT_MINUTES),
        validators=[Optional(), NumberRange(min=1, max=MAX_MINUTES, message=FIELDS["alert_minutes"])])
    alert_pending_count = IntegerField(
        _l("Cảnh báo kiểm duyệt viên khi số bình luận chờ duyệt vượt quá số này (trống = theo cài đặt chung, "
           "%(count)s bình luận)", count=DEFAULT_COUNT),
        validators=[Optional(), NumberRange(min=1, max=MAX_COUNT, message=FIELDS["alert_count"])])

    def origin_list(self):
        return _lines(self.origin.data)


class GrantForm(Form):
    username = SelectField(_l("Kiểm duyệt viên"), choices=[])
