"""The databases the store and channel tests run on: SQLite always, PostgreSQL when CI provides one.

``PILOTBOT_TEST_DATABASE_URL`` names a PostgreSQL database the tests may empty at will; each test that
asks for it gets it emptied of pilotbot's rows first, so fixed user ids and WeChat MsgIds from one
test (or one run) never leak into the next.
"""

from __future__ import annotations

import importlib
import os

from sqlalchemy import MetaData, delete

TEST_DATABASE_URL = os.environ.get("PILOTBOT_TEST_DATABASE_URL", "")
BACKENDS = ["sqlite", "postgresql"] if TEST_DATABASE_URL else ["sqlite"]
# The modules that define tables; each exposes the MetaData its tables are registered in as ``metadata``.
STORE_MODULES = (
    "bot.core.stores.sessions",
    "bot.core.stores.documents",
    "bot.core.stores.reviews",
    "bot.channels.wechat.seen",
)


def pilotbot_schemas() -> list[MetaData]:
    """Every MetaData holding a pilotbot table, however the store modules share them."""
    schemas = {}
    for name in STORE_MODULES:
        schema = importlib.import_module(name).metadata
        schemas[id(schema)] = schema
    return list(schemas.values())


def empty_database(url: str) -> None:
    """Create pilotbot's tables if missing and delete every row in them."""
    from bot.core.stores.database import ensure_schema, make_engine

    engine = make_engine(url)
    for schema in pilotbot_schemas():
        ensure_schema(engine, schema)
        with engine.begin() as conn:
            for table in reversed(schema.sorted_tables):
                conn.execute(delete(table))


def give_each_store_its_own_engine(monkeypatch) -> None:
    """Stores built after this each get their own engine and pool, as workers in separate processes do
    (``make_engine`` normally shares one per URL and process)."""
    from bot.core.stores.database import make_engine

    for name in STORE_MODULES:
        monkeypatch.setattr(f"{name}.make_engine", make_engine.__wrapped__)
