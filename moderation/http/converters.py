"""URL converters: an article id follows ``core.ids``."""
from werkzeug.routing import BaseConverter

from moderation.core.ids import ARTICLE_ID_PATTERN


class ArticleIdConverter(BaseConverter):
    regex = ARTICLE_ID_PATTERN
