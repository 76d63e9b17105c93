"""The ``pilotbot`` command line: thin adapters over the rules module and the core.

Heavy modules (embeddings, chromadb, FastAPI) are imported inside the commands that need
them, so that ``pilotbot rules show`` starts at once and ``pilotbot ask`` pays only for what it uses.
"""

from __future__ import annotations

import typer

from bot.cli import ask_cmds, chat_channels, index_cmds, plan_cmds, rules_cmds, serve_cmds

app = typer.Typer(help="pilotbot — 上海市现代环境治理体系试点示范 申报助手", no_args_is_help=True, add_completion=False)
app.add_typer(rules_cmds.rules_app, name="rules")
app.add_typer(index_cmds.index_app, name="index")
app.add_typer(plan_cmds.plan_app, name="plan")
app.command()(rules_cmds.eligibility)
app.command()(rules_cmds.checklist)
app.command()(ask_cmds.ask)
app.command()(ask_cmds.chat)
app.command()(serve_cmds.serve)
app.command()(chat_channels.telegram)


def main() -> None:
    app()
