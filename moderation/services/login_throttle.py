"""Failed moderator logins slow an attacker down without locking the owner out.

Usernames are visible in the audit log, so a limit on the username alone let anyone lock
any moderator out: five wrong passwords from anywhere, and the owner got 429 with the
right one. The contract now:

- Failures are counted per username (from every address) and per (username, address),
  over the window of ``LOGIN_RATE_LIMIT_PER_USER`` (default ``5 per 15 minutes``).
- Past the first N failures in the window (N = the limit's amount), the username is slowed:
  each further failure sets a wait of 2, 4, 8 ... seconds (at most ``MAX_DELAY``).
- The wait applies only to addresses with a recent failure on that username. A correct
  password from an address without one is accepted at once: the owner, at their desk or on
  their phone, is never refused because someone else guessed. (Each address an attacker
  brings gets that first guess too; the per-address limit, ``LOGIN_RATE_LIMIT_PER_IP``,
  and the growing wait bound how many.)
- A success clears that address's failures for the username; the username's count runs on.
- Independently, an address with ``LOGIN_RATE_LIMIT_PER_IP`` failures (any usernames) in
  that limit's window waits for the window to end.

Counters live in the rate limiter's storage (Redis in production, shared by every
instance), whose keys expire by themselves; time is ``time.time``, which tests drive.
When that storage fails, logins go on unthrottled here (the per-address limit keeps its
in-memory fallback) rather than failing for everyone.
"""
import time
from dataclasses import dataclass

from limits import parse

from moderation.errors import ServiceError
from moderation.services.accounts import check_login

MAX_DELAY = 300


class TryLater(ServiceError):
    """This address must wait ``retry_after`` seconds before trying this username again."""

    def __init__(self, retry_after):
        super().__init__("rate_limited", 429)
        self.retry_after = retry_after


@dataclass(frozen=True)
class LoginThrottle:
    """Counters under ``prefix`` in ``storage`` (a ``limits`` storage); limits like "5 per 15 minutes".

    Kept out of Flask-Limiter's decorators on purpose: those stamp every answer of the route
    with their own window's Retry-After (900 s), which would hide the real, shorter wait.
    """
    storage: object
    per_user: str
    per_address: str
    prefix: str = "ykbd"

    @property
    def _item(self):
        return parse(self.per_user)

    @property
    def _address_item(self):
        return parse(self.per_address)

    def _key(self, *parts):
        return ":".join((self.prefix, "login", *parts))

    def wait(self, username, address):
        """Seconds this address must wait before trying ``username`` again; 0 when it may try now."""
        try:
            return self._wait(username, address)
        except self.storage.base_exceptions:
            return 0

    def _wait(self, username, address):
        address_key = self._key("address", address)
        if self.storage.get(address_key) >= self._address_item.amount:
            return self._remaining(address_key)
        if not self.storage.get(self._key("pair", username, address)):
            return 0
        if not self.storage.get(self._key("slow", username)):
            return 0
        return self._remaining(self._key("slow", username))

    def _remaining(self, key):
        return max(1, round(self.storage.get_expiry(key) - time.time()))

    def failed(self, username, address):
        try:
            self._failed(username, address)
        except self.storage.base_exceptions:
            pass

    def _failed(self, username, address):
        self.storage.incr(self._key("address", address), self._address_item.get_expiry())
        window = self._item.get_expiry()
        self.storage.incr(self._key("pair", username, address), window)
        failures = self.storage.incr(self._key("user", username), window)
        beyond = failures - self._item.amount
        if beyond > 0:
            slow = self._key("slow", username)
            self.storage.clear(slow)
            self.storage.incr(slow, min(2**beyond, MAX_DELAY))

    def succeeded(self, username, address):
        try:
            self.storage.clear(self._key("pair", username, address))
        except self.storage.base_exceptions:
            pass


def username_key(username):
    """The form of a username failures are counted under (what people type varies in case)."""
    return (username or "").strip().casefold()


def attempt_login(username, password, *, address, throttle):
    """The moderator for these credentials, None for a failure, or ``TryLater`` to wait.

    ``address`` is the client's address key; ``throttle`` a ``LoginThrottle``.
    """
    key = username_key(username)
    wait = throttle.wait(key, address)
    if wait:
        raise TryLater(wait)
    moderator = check_login(username, password)
    if moderator is None:
        throttle.failed(key, address)
    else:
        throttle.succeeded(key, address)
    return moderator
