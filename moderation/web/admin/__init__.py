"""The admins' pages under /moderation/admin, one blueprint behind one access check (``access``).

``pages`` holds word lists, bans, site and per-article settings; ``accounts`` the moderator
accounts; ``readers`` readers' data requests; ``sites`` the sites and their grants; ``outbox`` the mail outbox;
``forms`` their Flask-WTF forms. Importing them registers their views on ``bp``.
"""
from moderation.web.admin import accounts, articles, outbox, pages, readers, sites  # noqa: F401  (their views register on bp)
from moderation.web.admin.access import bp  # noqa: F401
