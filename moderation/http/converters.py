"""URL converters: an article id follows ``core.ids``; a numeric id is 1..MAX_ID, so an id the
database cannot hold is a 404 before any query."""
from werkzeug.routing import BaseConverter, IntegerConverter

from moderation.core.ids import ARTICLE_ID_PATTERN, MAX_ID, SITE_SLUG_PATTERN


class ArticleIdConverter(BaseConverter):
    regex = ARTICLE_ID_PATTERN


class SiteSlugConverter(BaseConverter):
    """A site's slug (``core.ids``); whether a site has it is the view's 404, in the API's shape."""
    regex = SITE_SLUG_PATTERN


class IdConverter(IntegerConverter):
    """``<int:...>`` for row ids: ASCII digits within the database's integer column, else 404.

    Ids are 32-bit INTEGER columns on PostgreSQL; a larger id used to reach the database and
    fail there with a 500 (found by Schemathesis). Registered as the app's ``int`` converter,
    so every route with an id is range-checked before any query (a ``\\d`` would take "٣").
    """
    regex = r"[0-9]{1,10}"

    def __init__(self, map, fixed_digits=0, min=1, max=MAX_ID, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)
