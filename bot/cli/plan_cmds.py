"""``pilotbot plan draft`` and ``pilotbot plan check``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
import yaml
from pydantic import ValidationError

from bot.cli.common import JsonOpt, console, fail, print_json

plan_app = typer.Typer(help="起草与检查试点实施方案", no_args_is_help=True)


@plan_app.command("draft")
def draft(
    type_name: Annotated[str, typer.Option("--type", help="申报主体类型")],
    name: Annotated[str, typer.Option("--name", help="申报单位名称")],
    output: Annotated[Path, typer.Option("-o", "--output", help="输出文件 .md 或 .docx")],
    profile: Annotated[
        Path | None, typer.Option("--profile", help="单位信息 YAML（地址、联系人、简介、创新项、开始时间）")
    ] = None,
) -> None:
    """Draft the 申报表 (附件1) with its plan skeleton (≤3000字, five sections), 简介 and proof checklist."""
    from bot.core.answering.llm import section_writer
    from bot.core.config import get_settings
    from bot.core.plans.application import application_docx, application_markdown
    from bot.core.plans.drafting import PlanProfile, draft_plan
    from knowledge.rules import UnknownType, default_rules

    if output.suffix.lower() not in (".md", ".docx"):
        fail("-o must end in .md or .docx")
    fields: dict = {}
    if profile is not None:
        try:
            fields = yaml.safe_load(profile.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            fail(f"cannot read profile {profile}: {exc}")
        if not isinstance(fields, dict):
            fail(f"profile {profile} must be a YAML mapping")
    rules = default_rules()
    try:
        plan_profile = PlanProfile(**{**fields, "name": name})
        result = draft_plan(rules, type_name, plan_profile, section_writer(get_settings()))
    except (UnknownType, ValueError, ValidationError) as exc:
        fail(str(exc).splitlines()[0])
    if output.suffix.lower() == ".docx":
        data = application_docx(rules, result)
    else:
        data = application_markdown(rules, result).encode()
    output.write_bytes(data)
    console.print(f"已生成申报表 {output}（方案 {result.chars} 字 / 3000，简介 {result.intro_chars} 字 / 200）")
    console.print(f"简介草稿：{result.intro}", markup=False)
    console.print("这是框架：补全【填写：…】处、为每个必选项写明本单位的做法后，用 pilotbot plan check 复查。")


@plan_app.command("check")
def check(
    file: Annotated[Path, typer.Argument(help=".docx、.md 或 .txt 文件")],
    type_name: Annotated[str, typer.Option("--type", help="申报主体类型")],
    as_json: JsonOpt = False,
) -> None:
    """Check a plan or a filled 申报表: sections, 字数, each item's state, placeholders, 简介, findings."""
    from bot.core.plans.checker import PlanChecker, item_lines, summarize
    from bot.core.plans.files import UploadError
    from indexer.embeddings import make_embeddings
    from knowledge.rules import UnknownType, default_rules

    rules = default_rules()
    try:
        kind = rules.type(type_name)
        data = file.read_bytes()
        report = PlanChecker(rules, make_embeddings("e5")).check_upload(kind.id, file.name, data)
    except (UnknownType, UploadError) as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot read {file}: {exc.strerror}")
    if as_json:
        print_json(report.public())
    else:
        console.print("\n".join([summarize(report, kind.name), *item_lines(report)]), markup=False)
