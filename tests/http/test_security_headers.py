"""No page under /moderation/ can be framed, run a foreign script or be kept by a cache.

The routes come from ``app.url_map``, so a page added later is checked without anyone
remembering to list it: every method of every rule, as an admin, as a moderator and
anonymously, whatever the answer's status (a refusal, a redirect to login, a CSRF 400).
"""
import re

import pytest

from moderation.http.security_headers import STAFF_PREFIX
from tests.moderators import signed_in

SAMPLE_ARGS = {"comment_id": "1", "moderator_id": "1", "ban_id": "1", "article_id": "bai-1", "tier": "banned",
               "token_id": "1", "slug": "default"}


def staff_routes(app):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(STAFF_PREFIX):
            path = re.sub(r"<(?:[^:<>]+(?:\([^)]*\))?:)?([^<>]+)>", lambda m: SAMPLE_ARGS[m.group(1)], rule.rule)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield method, path


def assert_unframeable(response, where):
    policy = response.headers.get("Content-Security-Policy", "")
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives.get("frame-ancestors") == ["'none'"], where
    assert directives.get("script-src") == ["'self'"], where
    assert response.headers.get("X-Frame-Options") == "DENY", where
    assert response.headers.get("Cache-Control") == "no-store", where


@pytest.mark.parametrize("who", ["admin", "moderator", "anonymous"])
def test_every_staff_route_forbids_framing_and_caching(app, client, who):
    if who != "anonymous":
        signed_in(client, "nguoi-" + who, who)
    routes = sorted(set(staff_routes(app)))
    assert len(routes) > 20
    for method, path in routes:
        assert_unframeable(client.open(path, method=method), f"{who} {method} {path}")


def test_the_login_page_forbids_framing(client):
    assert_unframeable(client.get("/moderation/login"), "login")


def test_an_unknown_staff_path_forbids_framing_too(client):
    assert_unframeable(client.get("/moderation/khong-co"), "404")


def test_the_readers_section_may_be_framed_by_the_sites_origins_only(client):
    response = client.get("/articles/bai-1/comments")
    assert response.headers["Content-Security-Policy"] == "frame-ancestors 'self' https://news.example.vn"
    assert "X-Frame-Options" not in response.headers
