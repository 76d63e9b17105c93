"""Drafting an implementation-plan skeleton (试点实施方案) and a 简介 for one applicant type.

The skeleton follows form.plan's five sections in order, quotes each 必选项 and each chosen
创新项 with guidance and 【填写：…】 placeholders, and stays within the per-section budgets of
``knowledge/drafting.yaml`` so the whole fits the 3000字 limit as the rules module counts it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import yaml
from pydantic import BaseModel, Field, field_validator

from knowledge.charcount import count_chars
from knowledge.plan_check import PlanReport, check_plan
from knowledge.rules import RULES_PATH, Rules
from knowledge.schema import ApplicantType, Item

DRAFTING_PATH = RULES_PATH.parent / "drafting.yaml"
_CHINESE_ORDINALS = "一二三四五六七八九十"
_LEADING_NUMBER = re.compile(r"^\d+、")
_START = re.compile(r"(\d{4})\s*(?:年|-|/|\.)\s*(\d{1,2})")


class PlanProfile(BaseModel):
    """What the applicant tells us before drafting; everything but the name may stay empty."""

    name: str = Field(min_length=1, max_length=100)
    address: str = Field("", max_length=200)
    contact: str = Field("", max_length=200, description="联系人姓名/职务（可连同手机、邮箱一起写）")
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=100)
    description: str = Field("", max_length=300)
    innovation: list[int] = Field(default_factory=list)
    start: str = Field("", max_length=40)

    @field_validator("name", "address", "contact", "phone", "email", "description", "start")
    @classmethod
    def _strip(cls, value: str) -> str:
        return value.strip()


@dataclass(frozen=True)
class SectionDraft:
    title: str
    text: str
    chars: int
    budget: int


@dataclass(frozen=True)
class Draft:
    """The plan (``markdown``, the part the 3000字 limit applies to), the 简介, and the profile they came from;
    bot.core.plans.application lays them out as the whole 申报表."""

    type_id: str
    title: str
    markdown: str
    intro: str
    sections: list[SectionDraft]
    profile: PlanProfile

    @property
    def chars(self) -> int:
        return count_chars(plain_text(self.markdown))

    @property
    def intro_chars(self) -> int:
        return count_chars(self.intro)


@cache
def drafting_guide() -> dict:
    return yaml.safe_load(DRAFTING_PATH.read_text(encoding="utf-8"))


def plain_text(markdown: str) -> str:
    """The text a reader sees: what Word would count once the Markdown is rendered."""
    lines = []
    for line in markdown.splitlines():
        line = re.sub(r"^\s{0,3}#{1,6}\s*", "", line)
        line = re.sub(r"^\s*[-*+]\s+", "", line)
        lines.append(line.replace("**", ""))
    return "\n".join(lines)


SectionWriter = Callable[[str, str, int], str | None]
"""writer(section_title, brief, budget_chars) → first-draft prose for the section, or None."""
PROSE_SECTIONS = ("试点目标", "实施路径", "预期产出及示范意义")
_HEADING_LIKE = re.compile(r"^\s*(#|[一二三四五六七八九十]+、|\d+[.、])", re.M)


def draft_plan(rules: Rules, type_name: str, profile: PlanProfile, writer: SectionWriter | None = None) -> Draft:
    """The skeleton; with ``writer`` (an LLM) the free-prose sections get a first draft, kept only if the
    whole plan still passes the rules module's check."""
    draft = _assemble(rules, type_name, profile, writer)
    if writer is not None and not _structure_ok(check_plan(rules, type_name, plain_text(draft.markdown))):
        return _assemble(rules, type_name, profile, None)
    return draft


def _structure_ok(report: PlanReport) -> bool:
    """What a skeleton can promise before the applicant fills it in: the sections in order, within the limit."""
    return not report.missing_sections and report.sections_in_order and report.chars <= report.limit


def _assemble(rules: Rules, type_name: str, profile: PlanProfile, writer: SectionWriter | None) -> Draft:
    kind = rules.type(type_name)
    guide = drafting_guide()
    chosen = _chosen_innovation(kind, profile.innovation)
    bodies = {
        "试点目标": _goal(kind, profile, guide),
        "试点内容": _content(rules, kind, chosen),
        "实施路径": f"【填写：{guide['guidance']['实施路径']}】",
        "实施时间及进度安排": _timeline(profile.start, guide["phases"]),
        "预期产出及示范意义": f"【填写：{guide['guidance']['预期产出及示范意义']}】",
    }
    if writer is not None:
        for title in PROSE_SECTIONS:
            budget = guide["budgets"][title]
            prose = writer(title, _brief(kind, profile, chosen, guide["guidance"][title]), budget)
            if prose and count_chars(prose) <= budget and not _HEADING_LIKE.search(prose):
                bodies[title] = prose.strip()
    title = f"{profile.name}现代环境治理体系试点示范实施方案"
    parts = [f"# {title}", ""]
    sections = []
    for number, section in enumerate(rules.data.form.sections):
        body = bodies[section.title]
        parts += [f"## {_CHINESE_ORDINALS[number]}、{section.title}", "", body, ""]
        budget = guide["budgets"][section.title]
        sections.append(SectionDraft(section.title, body, count_chars(plain_text(body)), budget))
    markdown = "\n".join(parts).rstrip() + "\n"
    intro = _intro(kind, profile, chosen, guide, rules.data.form.intro_limit)
    return Draft(kind.id, title, markdown, intro, sections, profile)


def _brief(kind: ApplicantType, profile: PlanProfile, chosen: list[Item], guidance: str) -> str:
    focus = "、".join(i.title or "" for i in chosen) or "必选项要求"
    about = f"；单位情况：{profile.description}" if profile.description else ""
    return f"申报单位：{profile.name}（{kind.name}类试点）{about}；拟重点开展：{focus}。本节要求：{guidance}"


def _chosen_innovation(kind: ApplicantType, numbers: list[int]) -> list[Item]:
    present = {i.number: i for i in kind.innovation.present}
    unknown = [n for n in numbers if n not in present]
    if unknown:
        raise ValueError(f"{kind.name}类没有可选的创新项：{unknown}（可选：{sorted(present)}）")
    return [present[n] for n in sorted(set(numbers))]


def _goal(kind: ApplicantType, profile: PlanProfile, guide: dict) -> str:
    return f"{profile.name}作为{kind.name}类试点主体开展试点。【填写：{guide['guidance']['试点目标']}】"


def _item_text(item: Item) -> str:
    return _LEADING_NUMBER.sub("", item.text or "")


def _content(rules: Rules, kind: ApplicantType, chosen: list[Item]) -> str:
    lines = [f"### （一）必选项（{kind.mandatory.score}分）", ""]
    for item in kind.mandatory.items:
        if item.missing:
            lines.append(f"{item.number}. 必选项第{item.number}项：{rules.missing_notice}【填写：对照原件补充】")
        else:
            lines.append(
                f"{item.number}. {item.title}。对照要求：{_item_text(item)}【填写：现有基础、具体措施和量化指标】"
            )
    lines += ["", f"### （二）创新项（{kind.innovation.score}分）", ""]
    if not chosen:
        lines.append("【填写：从实施指引创新项中选择方向，说明创新性、先进性和可推广性】")
    for n, item in enumerate(chosen, start=1):
        lines.append(
            f"{n}. {item.title}（创新项第{item.number}项）。方向：{_item_text(item)}"
            "围绕创新性等评分维度，【填写：创新点、技术方法或机制、预期成效】"
        )
    return "\n".join(lines)


def _timeline(start: str, phases: list[dict]) -> str:
    match = _START.search(start)
    lines = []
    year, month = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
    for n, phase in enumerate(phases, start=1):
        if match and 1 <= month <= 12:
            end_year, end_month = year + (month + phase["months"] - 2) // 12, (month + phase["months"] - 2) % 12 + 1
            span = f"{year}年{month}月—{end_year}年{end_month}月"
            year, month = end_year + end_month // 12, end_month % 12 + 1
        else:
            span = "【填写：起止时间】"
        lines.append(f"{n}. {phase['name']}（{span}）：{phase['task']}。")
    return "\n".join(lines)


def _intro(kind: ApplicantType, profile: PlanProfile, chosen: list[Item], guide: dict, limit: int) -> str:
    focus = "、".join(i.title or "" for i in chosen) or "必选项要求"
    description = profile.description.rstrip("。") or "【填写：单位基本情况】"
    fields = {
        "name": profile.name,
        "address": profile.address or "【填写：地址】",
        "type_name": kind.name,
        "focus": focus,
    }
    intro = guide["intro_template"].format(description=description, **fields)
    while count_chars(intro) > limit and len(description) > 10:
        description = description[: int(len(description) * 0.8)] + "…"
        intro = guide["intro_template"].format(description=description, **fields)
    return intro
