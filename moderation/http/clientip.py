"""Who is asking: the client address key (after ProxyFix) and its keyed hash.

Limits, bans and stored hashes all use ``client_ip()``, the address key of
``core.addresses``: an IPv4 address, or the IPv6 network of ``IPV6_PREFIX`` bits, in one
spelling. Behind ``PROXY_COUNT`` proxies ProxyFix takes the address from
X-Forwarded-For; a forwarded value that is not an address is ignored, and the peer (our
nearest proxy) is used instead, so a forged header cannot pick a fresh key.

Addresses are never stored; only ``ip_hash`` is, an HMAC under the app's secret,
so a leaked database cannot be reversed into addresses by hashing the IPv4 space.
"""
import hashlib
import hmac

from flask import current_app, request

from moderation.core.addresses import address_key

UNKNOWN = "0.0.0.0"


def client_ip():
    """The asking client's address key; ``0.0.0.0`` when neither it nor the peer parses."""
    return address_of(request.environ, current_app.config)


def address_of(environ, config):
    """``client_ip`` of a WSGI environ (after ProxyFix), for the layers that answer before Flask."""
    prefix = config["IPV6_PREFIX"]
    key = address_key(environ.get("REMOTE_ADDR"), prefix)
    if key is None and config["PROXY_COUNT"]:
        original = environ.get("werkzeug.proxy_fix.orig", {})
        key = address_key(original.get("REMOTE_ADDR"), prefix)
    return key or UNKNOWN


def hash_ip(ip, secret):
    return hmac.new(secret.encode(), b"ip:" + ip.encode(), hashlib.sha256).hexdigest()[:40]


def current_ip_hash():
    return hash_ip(client_ip(), current_app.config["SECRET_KEY"])
