"""Who is asking: the client address (after ProxyFix) and its keyed hash.

Addresses are never stored; only ``ip_hash`` is, an HMAC under the app's secret,
so a leaked database cannot be reversed into addresses by hashing the IPv4 space.
"""
import hashlib
import hmac

from flask import current_app, request


def client_ip():
    """The peer address as ProxyFix left it (X-Forwarded-For only behind PROXY_COUNT proxies)."""
    return request.remote_addr or "0.0.0.0"


def hash_ip(ip, secret):
    return hmac.new(secret.encode(), b"ip:" + ip.encode(), hashlib.sha256).hexdigest()[:40]


def current_ip_hash():
    return hash_ip(client_ip(), current_app.config["SECRET_KEY"])
