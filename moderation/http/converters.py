"""URL converters: an article id is the CMS's own key, 1-128 of A-Z a-z 0-9 . _ ~ : -; a row id fits its column."""
from werkzeug.routing import BaseConverter, IntegerConverter

ARTICLE_ID_PATTERN = r"[A-Za-z0-9._~:\-]{1,128}"
ROW_ID_MAX = 2**31 - 1


class ArticleIdConverter(BaseConverter):
    regex = ARTICLE_ID_PATTERN


class RowIdConverter(IntegerConverter):
    """``<int:...>`` for row ids: ASCII digits within the database's integer column, else 404.

    Ids are 32-bit INTEGER columns on PostgreSQL; a larger id used to reach the database and
    fail there with a 500 (found by Schemathesis). Registered as the app's ``int`` converter,
    so every route with an id is range-checked before any query.
    """
    regex = r"[0-9]{1,10}"

    def __init__(self, map, fixed_digits=0, min=None, max=ROW_ID_MAX, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)
