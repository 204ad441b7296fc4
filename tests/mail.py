"""Mail test helpers: a real SMTP server (aiosmtpd on 127.0.0.1) and a drivable mail clock."""
import email
import email.policy
import socket
import threading
from datetime import datetime, timedelta, timezone

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """What the SMTP server received, parsed; ``refuse`` makes it answer 550 to every message."""

    def __init__(self):
        self.messages = []
        self.refuse = None
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return self.refuse
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 OK"

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]


class SMTPServer:
    """aiosmtpd on a fixed port of 127.0.0.1, stoppable and restartable within a test."""

    def __init__(self):
        self.port = free_port()
        self.inbox = Inbox()
        self.controller = None

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port,
                                     decode_data=False)
        self.controller.start()
        return self

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


class MailClock:
    """The outbox's clock (``services.outbox.now``) as the test says."""

    def __init__(self, start=None):
        self.now = start or datetime(2026, 12, 1, 3, 0, tzinfo=timezone.utc)  # 10:00 in Hà Nội

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += timedelta(**delta)
        return self.now


def body(message, kind="plain"):
    part = message.get_body(preferencelist=(kind,))
    return part.get_content() if part is not None else ""
