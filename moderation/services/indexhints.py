"""A statement that names its index on SQLite (``INDEXED BY``), so its plan never depends on statistics.

SQLite picks one index per table from ``sqlite_stat1``, and those statistics mislead it where a
column is mostly NULL: ``parent_id`` is NULL on every top-level comment, ANALYZE counts the NULLs
as one value, and ``ix_comments_parent`` looks as if each parent had a hundredth of the table
under it. Asked for the replies of a page, SQLite then walked ``ix_comments_queue`` (every
approved comment of the installation) or scanned the table: t-300's first page cost 16 ms at 10k
comments and 428 ms at 1M. ``INDEXED BY`` fixes the plan whatever the statistics say, fresh,
stale or absent, and a dropped index is an error rather than a silent scan.

SQLAlchemy's SQLite compiler ignores table hints (``with_hint`` renders nothing there), so the one
hook below writes the hint after the table's name; PostgreSQL keeps its own planner, whose
statistics know the share of NULLs.
"""
from sqlalchemy import Table
from sqlalchemy.ext.compiler import compiles


def indexed_by(statement, entity, index_name):
    """``statement`` reading ``entity``'s table through ``index_name`` on SQLite, unchanged elsewhere."""
    return statement.with_hint(entity, f"INDEXED BY {index_name}", "sqlite")


@compiles(Table, "sqlite")
def _table_with_its_hint(table, compiler, fromhints=None, asfrom=False, **kw):
    sql = compiler.visit_table(table, fromhints=fromhints, asfrom=asfrom, **kw)
    hint = (fromhints or {}).get(table)
    return f"{sql} {hint}" if asfrom and hint else sql
