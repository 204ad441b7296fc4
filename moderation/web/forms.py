"""Flask-WTF forms of the moderators' pages. They carry CSRF and parse input; the rules live in services.

The queue's per-row forms are written by hand in the templates (a page holds hundreds of
them, so WTForms rendering would be the slowest part of the page); these classes only parse.
"""
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, IntegerField, PasswordField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from moderation.messages import REQUIRED
from moderation.web.form_base import Form

# The short list offered when rejecting; its Vietnamese label is stored as the reason unless free text is given.
REJECT_REASONS = (
    ("spam", _l("Spam, quảng cáo")),
    ("offensive", _l("Ngôn từ xúc phạm, thô tục")),
    ("off_topic", _l("Không liên quan đến bài viết")),
    ("misinformation", _l("Thông tin sai lệch")),
    ("personal_data", _l("Lộ thông tin cá nhân")),
    ("other", _l("Lý do khác")),
)


class LoginForm(Form):
    username = StringField(_l("Tên đăng nhập"), validators=[DataRequired(REQUIRED["username"]), Length(max=80)],
                           render_kw={"autocomplete": "username", "autofocus": True, "required": True})
    password = PasswordField(_l("Mật khẩu"), validators=[DataRequired(REQUIRED["password"]), Length(max=500)],
                             render_kw={"autocomplete": "current-password", "required": True})
    next = HiddenField()


class RejectForm(Form):
    reason_code = SelectField(_l("Lý do"), choices=[SelectChoice(code, label) for code, label in (("", ""), *REJECT_REASONS)],
                              validators=[Optional()])
    reason_text = StringField(_l("Ghi chú"), validators=[Optional(), Length(max=400)])

    def reason(self):
        """The stored reason: the free text when given, else the chosen label, in Vietnamese."""
        text = (self.reason_text.data or "").strip()
        if text:
            return text
        # The audit log keeps the site's language, whatever language the moderator reads the UI in.
        with force_locale("vi"):
            return str(dict(REJECT_REASONS).get(self.reason_code.data, "")) or None


class EditForm(Form):
    body = TextAreaField(_l("Nội dung"), validators=[DataRequired(REQUIRED["body"])])


class BulkForm(RejectForm):
    action = SelectField(choices=[SelectChoice("approve"), SelectChoice("reject")])


class BanForm(Form):
    reason = StringField(_l("Lý do chặn"), validators=[Optional(), Length(max=400)])
    by_email = BooleanField()
    by_ip = BooleanField()
    days = IntegerField(_l("Số ngày chặn email (trống = vĩnh viễn)"), validators=[Optional(), NumberRange(min=1, max=3650)])
    ip_days = IntegerField(_l("Số ngày chặn địa chỉ IP"), validators=[Optional(), NumberRange(min=1, max=365)])
