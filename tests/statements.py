"""What a piece of code sends to the database, for tests that count or read its statements."""
from contextlib import contextmanager

from sqlalchemy import event

from moderation.extensions import db


@contextmanager
def sent_statements():
    """The (SQL, parameters) of every statement the app's engine sends inside the block, in order."""
    sent = []

    def record(_conn, _cursor, statement, parameters, _context, _executemany):
        sent.append((statement, parameters))
    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
