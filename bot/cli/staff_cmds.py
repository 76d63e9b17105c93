"""``pilotbot staff export`` / ``import``: the review desk's data as one versioned JSON file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from bot.cli.common import JsonOpt, console, fail, print_json

staff_app = typer.Typer(help="导出与导入审核台数据（审核记录、状态、意见）", no_args_is_help=True)


def _engine():
    from bot.core.config import get_settings
    from bot.core.stores.reviews import ReviewStore

    return ReviewStore(get_settings().database).engine  # checks the schema first


@staff_app.command("export")
def export(file: Annotated[Path, typer.Argument(help="输出的 .json 文件")]) -> None:
    """Write every review (check report, status, comment) to FILE as versioned JSON."""
    from bot.core.stores.exchange import export_data

    data = export_data(_engine())
    try:
        file.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {file}: {exc.strerror}")
    counts = "，".join(f"{name} {len(v)} 条" for name, v in data.items() if isinstance(v, list))
    console.print(f"已导出到 {file}：{counts}（格式版本 {data['version']}）", markup=False, highlight=False)


@staff_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="staff export 生成的 .json 文件")], as_json: JsonOpt = False
) -> None:
    """Merge FILE into the database: new records added, newer copies updated; importing twice changes nothing."""
    from bot.core.stores.exchange import ExchangeError, import_data

    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read {file}: {getattr(exc, 'strerror', None) or exc}")
    except json.JSONDecodeError as exc:
        fail(f"{file} is not JSON: {exc.msg} (line {exc.lineno})")
    try:
        counts = import_data(_engine(), data)
    except ExchangeError as exc:
        fail(f"{file}: {exc} — nothing was imported")
    if as_json:
        print_json({name: vars(c) for name, c in counts.items()})
        return
    for name, c in counts.items():
        console.print(f"{name}：新增 {c.added}，更新 {c.updated}，未变 {c.unchanged}", markup=False, highlight=False)
