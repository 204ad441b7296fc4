"""URL converters: an article id is the CMS's own key, 1-128 of A-Z a-z 0-9 . _ ~ : -"""
from werkzeug.routing import BaseConverter

ARTICLE_ID_PATTERN = r"[A-Za-z0-9._~:\-]{1,128}"


class ArticleIdConverter(BaseConverter):
    regex = ARTICLE_ID_PATTERN
