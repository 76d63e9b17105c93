"""``pilotbot ask`` (one question, or a batch in one warm process) and ``pilotbot chat``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli.common import JsonOpt, console, fail, print_json
from bot.core.payloads import AskPublic


def _answer_all(questions: list[str]):
    """Answers one by one from one process; the index opens only if a question needs retrieval."""
    from bot.core.answering.build import build_answerer
    from bot.core.config import get_settings
    from indexer.errors import EmbedderMismatch, EmbedderUnavailable

    answerer = build_answerer(get_settings(), eager=False)
    try:
        for q in questions:
            yield answerer.ask(q)
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
    for answer in _answer_all(questions):
        payload = AskPublic.of(answer)
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
    """Chat in the terminal with the same dialog core as Telegram, WeChat and the web (Ctrl-D to leave)."""
    import getpass

    from bot.core.config import get_settings
    from bot.core.dialog.messages import Incoming
    from bot.core.runtime import build_answerer, build_dialog
    from indexer.errors import EmbedderMismatch, EmbedderUnavailable

    try:  # a conversation will need retrieval soon: open the index now, and fail now if it cannot be
        dialog = build_dialog(get_settings(), answerer=build_answerer(get_settings()))
    except (EmbedderMismatch, EmbedderUnavailable) as exc:
        fail(str(exc))
    user = getpass.getuser()
    _print_replies(dialog.handle("cli", user, Incoming.of_command("start")))
    while True:
        try:
            line = console.input("[bold]您：[/]").strip()
        except (EOFError, KeyboardInterrupt):
            break
        if line in {"exit", "quit"}:
            break
        if line.startswith("@") and Path(line[1:]).is_file():  # “@plan.docx” sends a file
            path = Path(line[1:])
            message = Incoming.of_file(path.name, path.read_bytes())
        else:
            message = Incoming.of_text(line)
        _print_replies(dialog.handle("cli", user, message))


def _print_replies(replies) -> None:
    for reply in replies:
        if reply.text:
            console.print(reply.text, markup=False, highlight=False)
        for citation in reply.citations:
            console.print(f"  〔{citation.id}〕{citation.title}", style="dim", markup=False, highlight=False)
        for number, option in enumerate(reply.options, start=1):
            console.print(f"  {number}. {option.label}", style="cyan", markup=False)
        if reply.document:
            Path(reply.document.filename).write_bytes(reply.document.data)
            console.print(f"  已保存 {reply.document.filename}", style="green", markup=False)
    console.print()
