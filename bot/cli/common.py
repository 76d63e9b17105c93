"""What every command shares: JSON output, the one-line error contract, the console."""

from __future__ import annotations

import json
import sys
from typing import Annotated, NoReturn

import typer
from rich.console import Console

console = Console()
err_console = Console(stderr=True)
JsonOpt = Annotated[bool, typer.Option("--json", help="输出 JSON（供脚本使用，格式稳定）")]


def fail(message: str) -> NoReturn:
    """Print a one-line error and exit with code 2, the contract for bad input."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def print_json(payload: object) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def setup_logging() -> None:
    """Log INFO to stderr for long-running commands; channel logs are JSON lines without message bodies."""
    import logging

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    for noisy in ("alembic", "bm25s", "chromadb", "httpx", "httpcore", "sentence_transformers", "telegram.ext"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
