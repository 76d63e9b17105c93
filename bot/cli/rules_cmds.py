"""Rules commands: ``rules show``, ``eligibility``, ``checklist``."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from bot.cli.common import JsonOpt, console, fail, print_json
from bot.core.payloads import ChecklistPublic, EligibilityPublic, TypeRulesPublic, rules_payload
from knowledge.rules import Rules, UnknownCondition, UnknownType, default_rules

rules_app = typer.Typer(help="查看申报规则（申报条件、必选项、创新项、申报要求）", no_args_is_help=True)


def _rules() -> Rules:
    return default_rules()


@rules_app.command("show")
def rules_show(
    type_name: Annotated[
        str | None, typer.Argument(metavar="[TYPE]", help="park/enterprise/town/community/building 或中文名")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Show the rules of one applicant type, or of all five."""
    rules = _rules()
    try:
        kinds = [rules.type(type_name)] if type_name else list(rules.types)
    except UnknownType as exc:
        fail(str(exc))
    if as_json:
        print_json(rules_payload(rules, kinds))
        return
    for kind in kinds:
        _print_type(rules, TypeRulesPublic.of(kind))


def _print_type(rules: Rules, kind: TypeRulesPublic) -> None:
    table = Table(title=f"{kind.name}（{kind.id}）· 每区名额 ≤{kind.quota}", show_lines=True, expand=True)
    table.add_column("类别", no_wrap=True)
    table.add_column("#", justify="right")
    table.add_column("内容", overflow="fold")
    table.add_column("条款", no_wrap=True, style="dim")
    groups = [
        ("申报条件", kind.conditions),
        (f"必选项 {kind.mandatory.score}分", kind.mandatory.items),
        (f"创新项 {kind.innovation.score}分", kind.innovation.items),
    ]
    for label, items in groups:
        for item in items:
            text = f"[yellow]{rules.missing_notice}[/]" if item.missing else (item.text or "")
            table.add_row(label, str(item.number), text, item.clause)
    scoring = kind.innovation.scoring or ""
    if kind.innovation.scoring_truncated:
        scoring += f" [yellow]（其余评分项缺失，{rules.missing_notice}）[/]"
    table.add_row("评分说明", "", scoring, kind.innovation.clause)
    console.print(table)


def _parse_facts(raw: str) -> dict[str, bool | None]:
    try:
        facts = json.loads(raw)
    except json.JSONDecodeError as exc:
        fail(f"--facts is not valid JSON: {exc.msg}")
    if not isinstance(facts, dict) or not all(v is None or isinstance(v, bool) for v in facts.values()):
        fail('--facts must be a JSON object of condition numbers to true/false/null, e.g. {"1": true}')
    return facts


def eligibility(
    type_name: Annotated[str, typer.Option("--type", help="申报主体类型")],
    facts: Annotated[str, typer.Option("--facts", help='已知条件，如 {"1": true, "3": false}')] = "{}",
    as_json: JsonOpt = False,
) -> None:
    """Judge eligibility from the conditions you state (unstated ones stay unknown)."""
    rules = _rules()
    try:
        result = rules.assess_eligibility(type_name, _parse_facts(facts))
    except (UnknownType, UnknownCondition) as exc:
        fail(str(exc))
    payload = EligibilityPublic.of(result)
    if as_json:
        print_json(payload.model_dump())
        return
    verdicts = {
        "eligible": "[green]符合申报条件[/]",
        "ineligible": "[red]不符合申报条件[/]",
        "undetermined": "[yellow]尚不能确定[/]",
    }
    console.print(f"{rules.type(type_name).name}：{verdicts[payload.verdict]}")
    marks = {True: "[green]✓[/]", False: "[red]✗[/]", None: "[yellow]?[/]"}
    for cond in payload.conditions:
        console.print(f"  {marks[cond.met if not cond.missing else None]} {cond.text} [dim]〔{cond.clause}〕[/]")


def checklist(
    type_name: Annotated[str, typer.Option("--type", help="申报主体类型")],
    as_json: JsonOpt = False,
) -> None:
    """List what an applicant of this type must prepare, in order."""
    rules = _rules()
    try:
        kind = rules.type(type_name)
    except UnknownType as exc:
        fail(str(exc))
    payload = ChecklistPublic.of(kind, rules.checklist(kind.id))
    if as_json:
        print_json(payload.model_dump())
        return
    labels = {"mandatory": "必选项", "innovation": "创新项（择项）", "application": "申报材料"}
    table = Table(title=f"{kind.name} 申报清单", show_lines=True, expand=True)
    for column in ("类别", "事项", "要求", "条款"):
        table.add_column(column, overflow="fold")
    for item in payload.items:
        text = f"[yellow]{item.text}[/]" if item.missing else item.text
        table.add_row(labels[item.kind], item.title, text, item.clause)
    console.print(table)
