"""The ``pilotbot`` command line: thin adapters over the rules module and the core.

Heavy modules (embeddings, chromadb, FastAPI) are imported inside the commands that need
them, so that ``pilotbot rules show`` starts at once and ``pilotbot ask`` pays only for what it uses.
Failures are one line ``error: …`` with an exit code (see ``errors``); ``--debug`` shows the traceback.
"""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli import ask_cmds, chat_channels, db_cmds, index_cmds, plan_cmds, rules_cmds, serve_cmds, staff_cmds
from bot.cli.errors import DEBUG, ReportingGroup

app = typer.Typer(
    cls=ReportingGroup,
    help="pilotbot — 上海市现代环境治理体系试点示范 申报助手",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # locals may hold tokens; --debug shows the bare traceback
)


@app.callback()
def root(
    ctx: typer.Context,
    debug: Annotated[bool, typer.Option("--debug", help="出错时显示完整的 traceback")] = False,
) -> None:
    """pilotbot — 上海市现代环境治理体系试点示范 申报助手"""
    ctx.meta[DEBUG] = debug


app.add_typer(rules_cmds.rules_app, name="rules")
app.add_typer(index_cmds.index_app, name="index")
app.add_typer(plan_cmds.plan_app, name="plan")
app.add_typer(db_cmds.db_app, name="db")
app.add_typer(staff_cmds.staff_app, name="staff")
app.command()(rules_cmds.eligibility)
app.command()(rules_cmds.checklist)
app.command()(ask_cmds.ask)
app.command()(ask_cmds.chat)
app.command()(serve_cmds.serve)
app.command()(chat_channels.telegram)


def main() -> None:
    app()
