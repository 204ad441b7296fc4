"""A small HTTP client on the standard library, enough for JSON APIs on 127.0.0.1.

No new dependency for the suite, and one connection per call so that a server that
went away mid-test shows up as the error the caller expects rather than a stale socket.
"""
import http.client
import json
from urllib.parse import urlsplit


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body)

    def __iter__(self):  # lets callers write ``status, headers, body = get(...)``
        return iter((self.status, self.headers, self.body))

    def __getitem__(self, index):
        return (self.status, self.headers, self.body)[index]

    def __repr__(self):
        return f"<Response {self.status} {self.body[:200]!r}>"


def request(method, url, body=None, headers=None, timeout=30):
    """Send one request; ``body`` as a dict is sent as JSON. Returns a Response (headers lower-cased)."""
    parts = urlsplit(url)
    headers = dict(headers or {})
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers.setdefault("Content-Type", "application/json")
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        payload = response.read()
        return Response(response.status, {k.lower(): v for k, v in response.getheaders()},
                        payload.decode("utf-8", "replace"))
    finally:
        conn.close()


def get(url, **kwargs):
    return request("GET", url, **kwargs)


def post(url, body=None, **kwargs):
    return request("POST", url, body=body, **kwargs)
