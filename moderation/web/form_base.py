"""``Form``, the base of every form of ours: WTForms' own error sentences in the page's language.

WTForms ships no Vietnamese catalogue, so its defaults ("Not a valid choice.", "Not a valid
integer value.", "This field is required.") reached the admin pages in English. ``Form.Meta``
hands WTForms a translations object that answers each of its English sentences with
``messages.FORM_ERRORS`` (Vietnamese source, English in the second catalogue), looked up when the
error is raised, so in the request's locale. A sentence missing from the table gets
``FORM_ERRORS[None]``, never English. A field-specific message given to a validator still wins.
"""
from flask_wtf import FlaskForm

from moderation.messages import FORM_ERRORS


class _Translations:
    """The ``gettext``/``ngettext`` pair WTForms asks for. One Vietnamese sentence serves every
    number: Vietnamese nouns have no plural, and the English msgstr is written for our limits,
    all above one (``Length(max=40)``, ``Length(min=8)``)."""

    def gettext(self, string):
        return str(FORM_ERRORS.get(string, FORM_ERRORS[None]))

    def ngettext(self, singular, plural, n):
        return self.gettext(singular)


_TRANSLATIONS = _Translations()


class Form(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return _TRANSLATIONS
