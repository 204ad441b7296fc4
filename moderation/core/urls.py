"""The article URL rule's pure half: is this an http(s) URL, and on which origin?

A URL that ``urlsplit`` cannot parse (``http://[::1``) is simply not a URL here: callers
never see the ValueError.
"""
from urllib.parse import urlsplit


def origin_of(url):
    """``scheme://host[:port]`` lower-cased for an http(s) URL with a host, else None."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or not parts.hostname:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def on_origins(url, origins):
    """True when ``url`` is http(s) on one of ``origins`` (compared case-insensitively)."""
    origin = origin_of(url)
    return origin is not None and origin in {o.lower() for o in origins}
