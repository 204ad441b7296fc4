"""A pooled PostgreSQL connection checked for life on checkout, without a round trip.

``pool_pre_ping`` sent a ``SELECT 1`` before each request's first statement: one round trip of a
submission's seven, ~250 µs of CPU in-process (bench/README.md, "Morning session"). A server
that went away (a restart, a failover, a proxy or balancer that cut the connection) closes its
end, and the client's socket then reads as ready: an idle connection in the pool is otherwise
never sent anything (the app LISTENs to nothing). So a connection whose socket is ready to read,
or one psycopg already knows is closed or broken, is dropped on checkout and the pool connects
afresh, through SQLAlchemy's own ``DisconnectionError`` mechanism.

A connection cut silently (no FIN ever arrives) is not seen by this check, nor was it by the
ping before its timeout: its first statement fails, SQLAlchemy invalidates the pool, and the
request answers the API's 503.
"""
import select

from sqlalchemy import event, exc


def alive(dbapi_connection):
    """False when psycopg knows the connection is gone, or the server has closed or written to it."""
    if dbapi_connection.closed or dbapi_connection.broken:
        return False
    poller = select.poll()
    poller.register(dbapi_connection.fileno(), select.POLLIN)
    return not poller.poll(0)


def _on_checkout(dbapi_connection, _record, _proxy):
    if not alive(dbapi_connection):
        raise exc.DisconnectionError("the database server closed this pooled connection")


def watch(engine):
    """Check every connection ``engine``'s pool hands out (a PostgreSQL engine)."""
    event.listen(engine, "checkout", _on_checkout)
