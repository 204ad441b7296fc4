"""Outbox throughput: mails per second from the outbox to a real SMTP server (aiosmtpd on
127.0.0.1), and the cost an approval pays to queue a reader's mail.

    .venv/bin/python bench/outbox.py [--mails 500] [--approvals 300]

A fresh migrated SQLite database in a temporary folder; one worker (``outbox.run_once``), each
mail its own SMTP connection as Flask-Mailman's backend opens it. The approval figure is the
ratio of approving a watched comment (a confirmed subscriber, so a row is queued) to approving
an unwatched one, measured in the same run, so machine load cancels out.
"""
import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def migrated(url):
    env = {**os.environ, "APP_ENV": "testing", "DATABASE_URL": url, "SECRET_KEY": "bench"}
    subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                   capture_output=True)


def approvals(count, watched, notifications, transition, submit):
    ids = [submit(watched) for _ in range(count)]
    start = time.perf_counter()
    for comment_id in ids:
        transition(comment_id, "approve")
    return (time.perf_counter() - start) / count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mails", type=int, default=500)
    parser.add_argument("--approvals", type=int, default=300)
    args = parser.parse_args()
    from aiosmtpd.controller import Controller

    from moderation import create_app
    from moderation.extensions import db
    from moderation.models import MailKind, ReaderSubscription
    from moderation.services import mail_content, notifications, outbox
    from moderation.services.decisions import transition
    from moderation.services.submissions import Policy, submit_comment

    class Sink:
        received = 0

        async def handle_DATA(self, server, session, envelope):
            Sink.received += 1
            return "250 OK"

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        migrated(url)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        controller = Controller(Sink(), hostname="127.0.0.1", port=port)
        controller.start()
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "MAIL_BACKEND": "smtp",
                          "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port, "PUBLIC_URL": "https://bench.example.vn",
                          "COMMENT_RATE_LIMIT": "100000 per minute", "COMMENT_RATE_LIMIT_PER_ARTICLE": "100000 per minute"})
        with app.app_context():
            for n in range(args.mails):
                outbox.add(MailKind.ALERT, f"r{n}@example.vn", mail_content.Mail("Thư", "Nội dung " * 40, "<p>Nội dung</p>"))
            db.session.commit()
            start = time.perf_counter()
            sent = outbox.run_once()
            seconds = time.perf_counter() - start
            print(f"outbox -> aiosmtpd, SQLite, 1 worker: {sent} mails in {seconds:.2f} s = {sent / seconds:.0f} mails/s "
                  f"(received {Sink.received})")
            serial = iter(range(10 ** 9))

            def submit(watched):
                n = next(serial)
                data = {"author": "Bạn đọc", "body": f"Bình luận số {n}.", "email": "doc@example.vn" if watched else None,
                        "notify": watched}
                return submit_comment("bai-bench", data, ip_hash=f"ip-{n}", policy=Policy.from_config(app.config),
                                      screen=None).comment.id

            submit(True)
            db.session.execute(db.update(ReaderSubscription).values(confirmed_at=outbox.now()))
            db.session.commit()
            plain = approvals(args.approvals, False, notifications, transition, submit)
            watched = approvals(args.approvals, True, notifications, transition, submit)
            print(f"approve, unwatched comment: {plain * 1000:.2f} ms; watched (mail queued): {watched * 1000:.2f} ms; "
                  f"ratio {watched / plain:.2f}")
        controller.stop()


if __name__ == "__main__":
    main()
