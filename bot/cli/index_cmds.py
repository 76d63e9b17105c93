"""``pilotbot index build``: (re)build the clause index with a progress bar."""

from __future__ import annotations

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from bot.cli.common import JsonOpt, console, fail, print_json

index_app = typer.Typer(help="管理检索索引", no_args_is_help=True)


def progress_bar() -> Progress:
    return Progress(
        TextColumn("[bold]索引条款"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


@index_app.command("build")
def build(as_json: JsonOpt = False) -> None:
    """Build or update the index; unchanged clauses are not embedded again."""
    from bot.core.config import get_settings
    from indexer.errors import EmbedderUnavailable
    from indexer.factory import build_index
    from knowledge.rules import default_rules

    settings = get_settings()
    with progress_bar() as bar:
        task = bar.add_task("embed", total=None)

        def on_progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or 1)

        try:
            report = build_index(settings, default_rules(), on_progress)
        except EmbedderUnavailable as exc:
            fail(str(exc))
    if as_json:
        print_json(vars(report))
        return
    console.print(
        f"索引就绪：新嵌入 {report.embedded} 条，未变 {report.unchanged} 条，删除 {report.removed} 条"
        f"（嵌入模型 {report.embedder}，目录 {settings.data_dir}）"
    )
