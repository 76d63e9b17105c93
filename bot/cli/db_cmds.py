"""``pilotbot db``: the database's schema revision, and moving it to the code's (see ``stores.migrate``)."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli.common import console

db_app = typer.Typer(help="数据库结构版本与升级（Alembic）", no_args_is_help=True)


def _engine():
    from bot.core.config import get_settings
    from bot.core.stores.database import make_engine

    return make_engine(get_settings().database)


@db_app.command("current")
def current() -> None:
    """Show the database's schema revision and the one this code expects (exit 4 when behind)."""
    from bot.cli.errors import EXIT_SCHEMA
    from bot.core.stores import migrate

    state = migrate.status(_engine())
    migrate.check_known(state)
    console.print(state.describe(), markup=False, highlight=False)
    if not state.at_head:
        raise typer.Exit(EXIT_SCHEMA)


@db_app.command("upgrade")
def upgrade(
    revision: Annotated[str, typer.Argument(help="目标版本（默认 head）")] = "head",
) -> None:
    """Bring the database to the code's schema (creates a new one; stamps one made before migrations)."""
    from bot.core.stores import migrate

    before = migrate.status(_engine())
    after = migrate.upgrade(_engine(), revision)
    was = before.current or ("new database" if before.fresh else "tables from before migrations")
    console.print(f"{was} → {after.describe()}", markup=False, highlight=False)


@db_app.command("revision")
def revision(
    message: Annotated[str, typer.Option("-m", "--message", help="what the revision changes")],
    empty: Annotated[bool, typer.Option("--empty", help="an empty revision to fill in by hand")] = False,
) -> None:
    """For developers: write the next migration from the tables declared in code (review it before committing)."""
    from bot.core.stores import migrate

    path = migrate.new_revision(message, autogenerate=not empty)
    console.print(f"wrote {path}", markup=False, highlight=False)
