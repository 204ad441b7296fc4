"""Helpers for the moderators' pages: accounts, logging in through the real form, CSRF tokens."""
import re

import pytest

from moderation.services.accounts import create_moderator

PASSWORD = "mat-khau-du-dai"
_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_from(html):
    match = _META.search(html) or _FIELD.search(html)
    assert match, "no CSRF token on the page"
    return next(group for group in match.groups() if group)


def login(client, username, password=PASSWORD, next_url=None, **headers):
    token = csrf_from(client.get("/moderation/login").get_data(as_text=True))
    data = {"username": username, "password": password, "csrf_token": token}
    if next_url is not None:
        data["next"] = next_url
    return client.post("/moderation/login", data=data, headers=headers)


def page_token(client, path="/moderation/"):
    return csrf_from(client.get(path).get_data(as_text=True))


class Session:
    """A logged-in moderator's browser: ``post`` sends the CSRF token as a form field or a header."""

    def __init__(self, client, moderator):
        self.client = client
        self.moderator = moderator
        self.token = page_token(client)

    def get(self, path, **kwargs):
        return self.client.get(path, **kwargs)

    def post(self, path, data=None, json_answer=False, **kwargs):
        data = {"csrf_token": self.token, **(data or {})}
        headers = {"Accept": "application/json"} if json_answer else {}
        return self.client.post(path, data=data, headers=headers, **kwargs)

    def act(self, path, **data):
        """The queue's JavaScript way: CSRF token in X-CSRFToken, JSON back."""
        return self.client.post(path, data=data,
                                headers={"Accept": "application/json", "X-CSRFToken": self.token})


def signed_in(client, username="bientap", role="moderator"):
    moderator = create_moderator(username, PASSWORD, role, actor=None)
    assert login(client, username).status_code == 303
    return Session(client, moderator)


@pytest.fixture
def moderator(client):
    return signed_in(client, "bientap", "moderator")


@pytest.fixture
def admin(client):
    return signed_in(client, "quantri", "admin")
