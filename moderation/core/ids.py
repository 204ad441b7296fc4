"""The one article-id rule: the CMS's own key, 1-128 of A-Z a-z 0-9 . _ ~ : -

The URL converter, the counts batch parser and the admin forms all use this pattern.
"""
ARTICLE_ID_PATTERN = r"[A-Za-z0-9._~:\-]{1,128}"
