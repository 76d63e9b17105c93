"""Alembic's entry point: migrations always run on a connection handed over by ``bot.core.stores.migrate``.

``target_metadata`` is the one shared ``metadata``; autogenerate (``pilotbot db revision``) compares it with
a database at head, so every module that declares a table must be imported first (``TABLE_MODULES``).
"""

from __future__ import annotations

from importlib import import_module

from alembic import context

from bot.core.stores.database import metadata

# Every module that declares a table on ``metadata``; a new store adds itself here.
TABLE_MODULES = (
    "bot.core.stores.sessions",
    "bot.core.stores.documents",
    "bot.core.stores.reviews",
    "bot.channels.wechat.seen",
)
for module in TABLE_MODULES:
    import_module(module)

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
