"""Moving a database to the schema this code expects, with Alembic (revisions in ``migrations/versions``).

Three kinds of database meet the code: a new one (no tables: it gets every revision), one made by the
release before migrations (pilotbot's tables but no ``alembic_version``: recognised as the baseline and
stamped, rows untouched), and one already under Alembic. A database behind the code is upgraded only when
asked — ``pilotbot db upgrade`` or ``PILOTBOT_AUTO_MIGRATE=1`` — never behind the operator's back: every other
entry point refuses it with :class:`SchemaBehind`. On PostgreSQL an advisory lock lets only one process
migrate at a time; the others wait and then find the work done.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import threading
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import Connection, Engine, MetaData, inspect, text

log = logging.getLogger("pilotbot.migrate")

MIGRATIONS = Path(__file__).with_name("migrations")
BASELINE = "0001"
_PG_LOCK = 0x70696C6F74  # "pilot": the advisory lock key serialising migrations on PostgreSQL
_THREAD_LOCK = threading.Lock()  # Alembic's ``op``/``context`` are process-wide: one migration at a time
UPGRADE_HINT = "run `pilotbot db upgrade` (or set PILOTBOT_AUTO_MIGRATE=1)"


class SchemaError(RuntimeError):
    """The database's schema does not match this code; the message says what to do."""


class SchemaBehind(SchemaError):
    """The database is older than the code."""


@dataclass(frozen=True)
class SchemaStatus:
    current: str | None  # the revision stamped in the database, None when unversioned
    head: str  # the revision this code expects
    tables: frozenset[str]  # every table present

    @property
    def fresh(self) -> bool:
        return self.current is None and not self.tables & _baseline_tables().keys()

    @property
    def legacy(self) -> bool:
        """Made by the release before migrations: its tables but no revision."""
        return self.current is None and bool(self.tables & _baseline_tables().keys())

    @property
    def at_head(self) -> bool:
        return self.current == self.head

    def describe(self) -> str:
        if self.fresh:
            return f"empty database; head is {self.head}"
        if self.legacy:
            return f"tables from pilotbot before migrations (baseline {BASELINE}); head is {self.head}"
        return f"{self.current}" + (" (head)" if self.at_head else f"; head is {self.head}")


def _config(connection: Connection | None = None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@cache
def _scripts():
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


def _baseline_tables() -> dict:
    """The baseline revision's tables and columns, the one description of the release's schema."""
    return _scripts().get_revision(BASELINE).module.release_tables()


def head() -> str:
    heads = _scripts().get_heads()
    if len(heads) != 1:  # two branches each added a revision on the same parent: chain them
        raise SchemaError(f"migrations have {len(heads)} heads {sorted(heads)}; set one's down_revision to the other")
    return heads[0]


def _status(connection: Connection) -> SchemaStatus:
    from alembic.runtime.migration import MigrationContext

    current = MigrationContext.configure(connection).get_current_revision()
    return SchemaStatus(current, head(), frozenset(inspect(connection).get_table_names()))


def status(engine: Engine) -> SchemaStatus:
    with engine.connect() as connection:
        return _status(connection)


def check_known(state: SchemaStatus) -> None:
    """Refuse a database stamped by a newer pilotbot: this code cannot know what its revision changed."""
    from alembic.util import CommandError

    if state.current is None:
        return
    try:
        known = _scripts().get_revision(state.current) is not None
    except CommandError:
        known = False
    if not known:
        raise SchemaError(
            f"the database is at revision {state.current}, which this code does not know "
            f"(head {state.head}): it was migrated by a newer pilotbot; run that version"
        )


def _check_legacy(connection: Connection) -> None:
    """Refuse to stamp tables that do not have the release's columns: they are not pilotbot 0.1's."""
    baseline = _baseline_tables()
    inspector = inspect(connection)
    for name in inspector.get_table_names():
        if name in baseline:
            have = {c["name"] for c in inspector.get_columns(name)}
            want = {c.name for c in baseline[name]}
            if have != want:
                raise SchemaError(f"table {name} has columns {sorted(have)}, not the baseline's {sorted(want)}")


def upgrade(engine: Engine, revision: str = "head") -> SchemaStatus:
    """Bring the database to ``revision``: create it if empty, stamp a pre-migrations one, apply the rest."""
    from alembic import command

    with _THREAD_LOCK, _sqlite_file_lock(engine), engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
        state = _status(connection)
        check_known(state)
        if state.legacy:
            _check_legacy(connection)
        command.upgrade(_config(connection), revision)
    after = status(engine)
    if after.current != state.current and not state.fresh:  # a new database is routine; an upgrade is news
        log.info("database schema %s → %s", state.current or "pre-migrations", after.current)
    return after


@contextlib.contextmanager
def _sqlite_file_lock(engine: Engine):
    """SQLite has no advisory lock, and runs DDL outside the transaction: two processes creating one new
    database at once could each stamp it (two alembic_version rows). A lock file beside the database
    serialises them; the second then finds the database at head and has nothing to do."""
    database = engine.url.database
    if engine.url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrate-lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


_ready: set[Engine] = set()


def ensure_current(engine: Engine, schema: MetaData | None = None, *, auto_migrate: bool = False) -> None:
    """Make sure the database matches the code before a store uses it (checked once per engine and process).

    An empty database is created and a pre-migrations one stamped; one behind the code raises
    :class:`SchemaBehind` unless ``auto_migrate``. ``schema``'s tables must exist afterwards: a table declared
    in code without a revision creating it is a bug caught here, not at the first query.
    """
    if engine in _ready:
        return
    state = status(engine)
    check_known(state)
    if state.fresh or (auto_migrate and not state.at_head):
        state = _upgrade_racing(engine, "head")
    elif state.legacy:  # stamped as the baseline only: what comes after is the operator's call, as for any other
        state = _upgrade_racing(engine, BASELINE)
    if not state.at_head:
        raise SchemaBehind(f"the database is at revision {state.current}, the code needs {state.head}: {UPGRADE_HINT}")
    if schema is not None and (missing := set(schema.tables) - state.tables):
        raise SchemaError(f"no migration creates {sorted(missing)}: add one with `pilotbot db revision`")
    _ready.add(engine)


def _upgrade_racing(engine: Engine, revision: str = "head") -> SchemaStatus:
    """Upgrade; if another process (SQLite has no advisory lock) did it at the same moment, accept its work."""
    from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

    try:
        return upgrade(engine, revision)
    except (OperationalError, ProgrammingError, IntegrityError, SchemaError) as exc:
        # SchemaError too: SQLite commits DDL as it runs, so a process arriving mid-migration sees tables
        # without their alembic stamp yet, with later columns already added — half of another's upgrade
        failure = exc
    # Another process won the race and may still be applying later revisions: wait for it to get there.
    deadline = time.monotonic() + 30
    while not _reached(state := status(engine), revision) and time.monotonic() < deadline:
        time.sleep(0.2)
    if state.current is None or not _reached(state, revision):
        raise failure
    return state


def _reached(state: SchemaStatus, revision: str) -> bool:
    return state.at_head if revision == "head" else state.current == revision


def new_revision(message: str, *, autogenerate: bool = True) -> Path:
    """Write the next revision file, its operations found by comparing the code's tables with a scratch
    SQLite database at head (so no real database is needed); numbered 0002, 0003… after the head."""
    import tempfile

    from alembic import command
    from sqlalchemy import create_engine

    current_head = head()
    rev_id = f"{int(current_head) + 1:04d}" if current_head.isdigit() else None
    with tempfile.TemporaryDirectory() as scratch:
        engine = create_engine(f"sqlite:///{scratch}/scratch.db")
        upgrade(engine)
        with engine.begin() as connection:
            script = command.revision(_config(connection), message=message, autogenerate=autogenerate, rev_id=rev_id)
        engine.dispose()
    _scripts.cache_clear()
    return Path(script.path)
