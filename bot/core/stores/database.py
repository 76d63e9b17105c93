"""One engine per database URL, and schema creation that tolerates workers starting together."""

from __future__ import annotations

from functools import cache

from sqlalchemy import MetaData, create_engine, inspect
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

# Every table of pilotbot's registers here, so schema creation and migrations see the whole database.
metadata = MetaData()


def ensure_schema(engine, schema: MetaData) -> None:
    """Create missing tables; safe when several workers start at once and race to create the same ones."""
    try:
        schema.create_all(engine)
    except (OperationalError, ProgrammingError, IntegrityError):
        # Another worker created them between our check and our CREATE: fine if they all exist now.
        if not set(schema.tables) <= set(inspect(engine).get_table_names()):
            raise


@cache
def make_engine(url: str):
    """One engine (and connection pool) per URL and process, shared by every store on that database;
    SQLite gets a busy timeout so concurrent writers wait instead of failing."""
    connect_args = {"timeout": 30, "check_same_thread": False} if url.startswith("sqlite") else {}
    return create_engine(url, connect_args=connect_args, pool_pre_ping=True)
