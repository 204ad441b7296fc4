"""SQL text sent to the driver as it is, for the few statements on the hottest write paths (likes,
submissions), and prebuilt statements run on the session's connection (``core``).

SQLAlchemy's ``execute`` of even a prebuilt ``text()`` costs its compiled-statement cache lookup,
parameter processing and result metadata per call; ``exec_driver_sql`` skips those and keeps
the rest: the session's connection and transaction, events, and the wrapping of driver errors
into SQLAlchemy's (which the error handlers turn into a 503 when the database is down).
Measured on a like (two statements and a commit): ~350 µs less CPU than ``text()`` through the
session, best of 6 x 300 in-process, on a like of ~3 ms in all.

Statements are written once with ``:name`` parameters, valid on SQLite and PostgreSQL alike;
``on_postgresql`` is the one test for what differs between the two (locks, upserts, batching).
"""
import functools
import re

from sqlalchemy import bindparam, insert

from moderation.extensions import db
from moderation.models import UTCDateTime


@functools.cache
def _in_driver_style(statement, dialect_name):
    """``statement`` with the driver's own parameter markers: sqlite3 reads ``:name``, psycopg ``%(name)s``."""
    return statement if dialect_name == "sqlite" else re.sub(r":(\w+)", r"%(\1)s", statement)


@functools.lru_cache(maxsize=8)
def _utc_bind(dialect):
    return UTCDateTime().dialect_impl(dialect).bind_processor(dialect) or (lambda value: value)


def on_postgresql():
    """Whether the session's database is PostgreSQL (the other one supported is SQLite): the one
    test for the statements and locks that differ between them."""
    return db.session.get_bind().dialect.name == "postgresql"


def run(statement, params):
    """``statement`` on the session's connection, in its transaction; a CursorResult."""
    connection = db.session.connection()
    return connection.exec_driver_sql(_in_driver_style(statement, connection.dialect.name), params)


def _connection():
    """The session's connection, pending ORM changes flushed first, as the session's own execute
    would (autoflush)."""
    session = db.session
    if session.new or session.dirty or session.deleted:
        session.flush()
    return session.connection()


def core(statement, params=None):
    """A prebuilt Core (or ORM-enabled) statement on the session's connection, in its transaction.

    SQLAlchemy's compiled cache, bind and result types and error wrapping are kept; the session's
    ORM execute layer is skipped (~36 µs a statement in-process: 63 against 27 for the
    Idempotency-Key lookup). For statements whose rows are plain values, never ORM objects."""
    return _connection().execute(statement, params)


def _cursor_rows(connection, sql, params):
    """Every row of ``sql`` (a statement that returns rows: a SELECT, an INSERT ... RETURNING),
    sent on a cursor of ``connection``'s own DBAPI connection by SQLAlchemy's
    ``Connection._cursor_execute``, the call its dialects use for a column default's SQL.

    The connection's events (tests/ count statements through them), echo, and the wrapping of
    driver errors with their disconnect handling are all kept; its execution context and
    CursorResult are not built. Those cost ~185 µs a statement in-process on PostgreSQL (a
    CursorResult reads the driver's description, a psycopg Column per column: 312 against 126 µs
    for a submission's read of 18 columns). ``_cursor_execute`` is private to SQLAlchemy: the
    pinned 2.1 has it, and tests/services/test_driver_sql.py checks the events and the errors."""
    cursor = connection.connection.cursor()
    try:
        connection._cursor_execute(cursor, sql, params)
        return cursor.fetchall()  # not ``description``: psycopg builds a Column per column for it
    finally:
        cursor.close()


class Prepared:
    """A prebuilt Core statement compiled once per database and sent with ``_cursor_rows``.

    The SQL, the parameters (``construct_params``, literals included) and their bind types are
    SQLAlchemy's own, and so are the connection, the transaction, the events and the error
    wrapping; what is skipped is its per-execute work around them (the compiled-cache lookup, the
    execution context's parameter processing, the CursorResult and its result types): 76 against
    34 µs in-process for a submission's history before ``_cursor_rows``, ~185 µs more since, and
    under gunicorn each such µs costs about three. Not for a statement with an
    expanding parameter (``IN``), which is refused when first compiled.

    ``execute``'s rows are the driver's own values: for columns that need no result type (ids,
    counts, EXISTS flags, plain strings). ``rows`` applies each column's result type where it
    has one (an enum, a UTC datetime, SQLite's booleans), as SQLAlchemy's own rows would."""

    def __init__(self, statement):
        self.statement = statement
        self._forms = {}
        self._results = {}

    def _form(self, dialect):
        form = self._forms.get(dialect)
        if form is None:
            compiled = self.statement.compile(dialect=dialect)
            if "POSTCOMPILE" in compiled.string:
                raise ValueError("a Prepared statement cannot have expanding or literal-execute parameters")
            names = tuple(compiled.positiontup) if compiled.positional else None
            processors = {}
            for bind, name in compiled.bind_names.items():
                process = bind.type.dialect_impl(dialect).bind_processor(dialect)
                if process is not None:
                    processors[name] = process
            if len(self._forms) >= 8:  # one engine per app: tests build many
                self._forms.clear()
            form = self._forms[dialect] = (compiled.string, compiled, names, processors)
        return form

    def _send(self, params):
        """(the dialect, every row as the driver's tuple) of the statement with ``params``."""
        connection = _connection()
        sql, compiled, names, processors = self._form(connection.dialect)
        values = compiled.construct_params(params)
        for name, process in processors.items():
            values[name] = process(values[name])
        return connection.dialect, _cursor_rows(connection, sql,
                                                values if names is None else tuple(values[name] for name in names))

    def execute(self, params):
        """Every row of the statement with ``params``, as the driver's tuples, on the session's connection."""
        return self._send(params)[1]

    def _result_types(self, dialect):
        """(position, processor) of each selected column with a result type on ``dialect``."""
        types = self._results.get(dialect)
        if types is None:
            types = [(position, process) for position, column in enumerate(self.statement.selected_columns)
                     if (process := column.type.dialect_impl(dialect).result_processor(dialect, None)) is not None]
            if len(self._results) >= 8:
                self._results.clear()
            self._results[dialect] = types
        return types

    def rows(self, params):
        """Every row of the statement with ``params``, as lists of values with their result types applied."""
        dialect, sent = self._send(params)
        rows, types = [list(row) for row in sent], self._result_types(dialect)
        for row in rows:
            for position, process in types:
                row[position] = process(row[position])
        return rows


class _InsertContext:
    """What a column default that reads the row's other values is given (SQLAlchemy passes its
    execution context): ``get_current_parameters``, the row's values by column name."""

    def __init__(self, row):
        self._row = row

    def get_current_parameters(self, isolate_multiinsert_groups=True):
        return self._row


class PreparedInsert:
    """A one-row ``INSERT ... RETURNING id`` into ``table``, sent as a ``Prepared`` statement (one
    per set of columns given), with the table's Python-side column defaults applied as SQLAlchemy
    applies them: scalars, and callables, given the row's other values (``search_text``).

    A column with a server default or none is left to the database; a default SQLAlchemy would
    run as SQL (a sequence, an expression) is refused when built. Through ``core`` the INSERT and
    its defaults cost a submission ~100 µs more CPU in-process: the compiled-cache lookup, the
    execution context and its default processing, and result metadata for one id."""

    def __init__(self, table):
        self.table = table
        self._defaults = []
        for column in table.columns:
            default = column.default
            if default is None:
                continue
            if not (default.is_scalar or default.is_callable):
                raise ValueError(f"{column.name}: a default run as SQL cannot be applied here")
            self._defaults.append((column.name, default))
        self._statements = {}

    def _statement(self, names):
        prepared = self._statements.get(names)
        if prepared is None:
            columns = self.table.c
            prepared = self._statements[names] = Prepared(
                insert(self.table).values({name: bindparam(name, type_=columns[name].type) for name in names})
                .returning(columns.id))
        return prepared

    def execute(self, values):
        """The new row's id; the driver's errors come wrapped as SQLAlchemy's (an IntegrityError)."""
        row = dict(values)
        for name, default in self._defaults:
            if name not in row:
                row[name] = default.arg if default.is_scalar else default.arg(_InsertContext(row))
        return self._statement(tuple(row)).execute(row)[0][0]


def utc(value):
    """A UTC datetime as the ORM would bind it to a ``UTCDateTime`` column (SQLite: its text form)."""
    return _utc_bind(db.session.connection().dialect)(value)
