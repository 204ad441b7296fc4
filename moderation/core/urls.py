"""Article URLs as readers and integrations send them, parsed once: the pure half of the
article URL rule (``services/articles.article_fields`` is the other).

``urlsplit`` raises ``ValueError`` on some malformed input (``http://[::1``, an unclosed
IPv6 bracket), which used to reach the caller as a 500; here it is simply not a URL.
"""
from urllib.parse import urlsplit


def _split(url):
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        return None
    return parts


def well_formed(url):
    """False when no URL parser could make sense of it (as opposed to a URL we merely do not want)."""
    return _split(url) is not None


def http_origin(url):
    """``scheme://host[:port]`` (lower case) of a well-formed http(s) URL with a host, else None."""
    parts = _split(url)
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.netloc or not parts.hostname:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def on_origins(url, origins):
    """True when ``url`` is http(s) on one of ``origins`` (compared case-insensitively)."""
    origin = http_origin(url)
    return origin is not None and origin in {o.lower() for o in origins}
