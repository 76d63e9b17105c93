"""``pilotbot ask`` (one question, or a batch in one warm process) and ``pilotbot chat``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli.common import JsonOpt, console, fail, print_json
from bot.core.payloads import AskPublic


def _answerer():
    from bot.core.runtime import default_answerer
    from indexer.embeddings import EmbedderUnavailable
    from indexer.store import EmbedderMismatch

    try:
        return default_answerer()
    except (EmbedderMismatch, EmbedderUnavailable) as exc:
        fail(str(exc))


def ask(
    question: Annotated[str | None, typer.Argument(help="问题")] = None,
    batch: Annotated[Path | None, typer.Option("--batch", help="每行一个问题的文件")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Answer a question from the notice, citing clause ids."""

    if (question is None) == (batch is None):
        fail("give either a QUESTION or --batch FILE")
    if batch is not None:
        try:
            questions = [q for q in batch.read_text(encoding="utf-8").splitlines() if q.strip()]
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"cannot read {batch}: {exc}")
    else:
        questions = [question or ""]
    answerer = _answerer()
    for q in questions:
        payload = AskPublic.of(answerer.ask(q))
        if as_json:
            print_json(payload.model_dump())
        else:
            _print_answer(payload)


def _print_answer(payload) -> None:
    console.print(payload.answer, markup=False, highlight=False)
    for citation in payload.citations:
        console.print(f"  〔{citation.id}〕{citation.title}", style="dim", markup=False, highlight=False)
    console.print()


def chat() -> None:
    """Chat in the terminal (Ctrl-D or “退出” to leave)."""
    answerer = _answerer()
    console.print("pilotbot：您好！请问有什么可以帮您？（输入“退出”结束）")
    while True:
        try:
            question = console.input("[bold]您：[/]")
        except (EOFError, KeyboardInterrupt):
            break
        if question.strip() in {"退出", "exit", "quit"}:
            break
        _print_answer(AskPublic.of(answerer.ask(question)))
