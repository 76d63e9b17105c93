"""The problems of a checked plan in plain Chinese: what is wrong, and what to write where."""

from __future__ import annotations

from knowledge.application_form import FormParts
from knowledge.plan_coverage import Coverage
from knowledge.plan_findings import check_guide
from knowledge.plan_text import PLACEHOLDER, placeholders_by_section
from knowledge.rules import Rules
from knowledge.schema import ApplicantType, Form

MAX_PROMPT = 24


def _section_label(rules: Rules, title: str) -> str:
    for n, section in enumerate(rules.data.form.sections):
        if section.title == title:
            return f"“{'一二三四五六七八九十'[n]}、{title}”"
    return f"“{title}”"


def problems(
    rules: Rules,
    kind: ApplicantType,
    chars: int,
    missing: list[str],
    in_order: bool,
    mandatory: list[Coverage],
    innovation: list[Coverage],
    content_checked: bool,
) -> list[str]:
    form = rules.data.form
    limit = form.plan_limit
    problems = []
    if missing:
        problems.append("缺少必备章节：" + "、".join(missing))
    if not in_order:
        problems.append("章节顺序与申报表要求不一致，应为：" + "、".join(s.title for s in form.sections))
    if chars > limit:
        problems.append(f"字数{chars}字，超过{limit}字的限制（多{chars - limit}字）")
    if not content_checked:
        factor = check_guide()["semantic"]["max_chars_factor"]
        problems.append(
            f"方案共{chars}字，超过{limit}字上限的{factor}倍：只统计了字数、检查了章节结构，未做内容（语义）检查；"
            f"请删减到{limit}字以内后再检查"
        )
        return problems
    where = _section_label(rules, "试点内容")
    for c in mandatory:
        requirement = (kind.mandatory.item(c.number).text or "").split("、", 1)[-1]
        ask = f"写明本单位自己的做法——现有基础、具体措施、责任部门和量化指标（要求原文：{requirement}）"
        if c.state == "restated":
            problems.append(
                f"{kind.name}类必选项第{c.number}项（{c.title}）只复述了要求，没有本单位自己的内容：请在{where}该项下{ask}"
            )
        elif c.state == "missing":
            problems.append(f"未体现{kind.name}类必选项第{c.number}项（{c.title}）：请在{where}中{ask}")
    if kind.mandatory.missing:
        lost = "、".join(str(i.number) for i in kind.mandatory.missing)
        problems.append(f"提示：{kind.name}类必选项第{lost}项在现有通知文本中缺失，无法核对，{rules.missing_notice}")
    for c in innovation:
        if c.state == "restated":
            problems.append(
                f"提示：创新项第{c.number}项（{c.title}）只复述了指引原文：请在{where}写明创新点、具体做法、预期成效，"
                "以及如何复制推广"
            )
    if not any(c.covered for c in innovation):
        problems.append(f"提示：未体现任何创新项（创新项占{kind.innovation.score}分）")
    return problems


def placeholder_problems(plan: str, parts: FormParts | None, form: Form, count: int) -> list[str]:
    """Where the 【填写】 are, grouped by part of the form or section of the plan, with what the first one asks."""
    if not count:
        return []
    listed: list[tuple[str | None, str]] = []
    if parts is not None:
        listed += [("申报单位信息", label) for label, value in parts.unit_fields.items() if PLACEHOLDER.search(value)]
        listed += [("申报单位简介", _prompt(m.group(0))) for m in PLACEHOLDER.finditer(parts.intro)]
    listed += placeholders_by_section(plan, form.sections)
    groups: dict[str, list[str]] = {}
    for where, prompt in listed:
        groups.setdefault(where or "方案开头", []).append(prompt)
    shown = "；".join(
        f"{where}{len(prompts)}处（{prompts[0][:MAX_PROMPT]}{'…' if len(prompts[0]) > MAX_PROMPT else ''}）"
        for where, prompts in groups.items()
    )
    return [f"仍有{count}处【填写：…】占位内容未补全，须改写为本单位的实际内容后才能通过：{shown}"]


def _prompt(placeholder: str) -> str:
    return placeholder[1:-1].removeprefix("填写").lstrip(":：")
