"""One engine per database URL, and the check that its schema is the one the code expects."""

from __future__ import annotations

from functools import cache

from sqlalchemy import MetaData, create_engine

# Every table of pilotbot's registers here, so schema creation and migrations see the whole database.
metadata = MetaData()


def ensure_schema(engine, schema: MetaData | None = None) -> None:
    """Before a store uses the database: create it if empty (all migrations), stamp one made before
    migrations, and refuse one behind the code unless ``PILOTBOT_AUTO_MIGRATE=1`` (see ``migrate``)."""
    from bot.core.config import get_settings
    from bot.core.stores.migrate import ensure_current

    ensure_current(engine, schema, auto_migrate=get_settings().auto_migrate)


@cache
def make_engine(url: str):
    """One engine (and connection pool) per URL and process, shared by every store on that database;
    SQLite gets a busy timeout so concurrent writers wait instead of failing."""
    connect_args = {"timeout": 30, "check_same_thread": False} if url.startswith("sqlite") else {}
    return create_engine(url, connect_args=connect_args, pool_pre_ping=True)
