"""Flask-WTF forms. They carry CSRF and the HTML attributes; the rules live in services."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, HiddenField, StringField, TextAreaField

from moderation.messages import NOTIFY_CHECKBOX
from moderation.web.form_base import Form


class CommentForm(Form):
    author = StringField(_l("Họ tên"), render_kw={"maxlength": 80, "required": True, "autocomplete": "name"})
    email = EmailField(_l("Email (không bắt buộc, không công khai)"), render_kw={"autocomplete": "email"})
    body = TextAreaField(_l("Ý kiến của bạn"), render_kw={"required": True, "rows": 5})
    notify = BooleanField(NOTIFY_CHECKBOX)
    parent_id = HiddenField()
    form_token = HiddenField()
    # The honeypot: hidden from people by CSS, filled by naive bots.
    website = StringField(_l("Để trống ô này"), render_kw={"tabindex": "-1", "autocomplete": "off"})

    def submission(self):
        return {name: self.data.get(name) for name in
                ("author", "email", "body", "parent_id", "form_token", "website", "notify")}
