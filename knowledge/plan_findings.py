"""What a district reviewer checks beyond coverage, each as a finding citing its clause.

Advice (``required=False``) unless the notice makes it a requirement: the 简介's 200字 and the unit fields of
the form are part of 附件1 itself; a concrete timeline, checkable outputs and innovation that says what is new
and how it can be replicated are what the scoring and the programme's goal ask for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from knowledge.application_form import FormParts
from knowledge.charcount import count_chars
from knowledge.plan_text import PLACEHOLDER, content_of
from knowledge.rules import Rules
from knowledge.schema import ApplicantType, Form

_TICKED = re.compile(r"[☑■√✓✔]\s*([^\s□☐☑■√✓✔]+)")

GUIDE_PATH = Path(__file__).parent / "plan_check.yaml"


@dataclass(frozen=True)
class Finding:
    id: str
    clause: str
    passed: bool
    required: bool
    message: str


@cache
def check_guide() -> dict:
    """pilotbot's thresholds and word lists for reading plans (knowledge/plan_check.yaml)."""
    return yaml.safe_load(GUIDE_PATH.read_text(encoding="utf-8"))


def _section(bodies: dict[str, str], title: str) -> str:
    return PLACEHOLDER.sub("", bodies.get(title, ""))


def timeline(bodies: dict[str, str]) -> Finding:
    spec = check_guide()["findings"]["timeline"]
    text = _section(bodies, spec["section"])
    passed = any(re.search(p, text) for p in spec["patterns"])
    message = (
        f"“{spec['section']}”写明了具体的年月节点"
        if passed
        else f"“{spec['section']}”应按阶段写明具体的起止年月（如“2026年3月—2026年5月”）和每阶段的节点任务"
    )
    return Finding("timeline", spec["clause"], passed, False, message)


def outputs(bodies: dict[str, str]) -> Finding:
    spec = check_guide()["findings"]["outputs"]
    text = _section(bodies, spec["section"])
    named = [w for w in spec["words"] if w in text]
    passed = bool(named) and re.search(spec["quantity"], text) is not None
    message = (
        f"“{spec['section']}”列出了可检验的产出（{'、'.join(named[:4])}）"
        if passed
        else f"“{spec['section']}”应列出具体、可检验的产出并写明数量（如“形成1套制度文件、建成1个平台、总结3个案例”）"
    )
    return Finding("outputs", spec["clause"], passed, False, message)


def innovation(kind: ApplicantType, number: int, title: str, paragraph: str) -> list[Finding]:
    """A claimed 创新项 should say what is new (创新性) and how it can be replicated (可复制、可推广)."""
    guide = check_guide()["findings"]
    new = any(w in paragraph for w in guide["innovation_new"]["words"])
    replicable = any(w in paragraph for w in guide["innovation_replicable"]["words"])
    name = f"创新项第{number}项（{title}）"
    return [
        Finding(
            f"innovation.{number}.new",
            kind.innovation.clause,
            new,
            False,
            f"{name}说明了创新之处"
            if new
            else f"{name}应写明创新之处：与现有做法相比新在哪里（体制机制、技术方法或政策模式）",
        ),
        Finding(
            f"innovation.{number}.replicable",
            guide["innovation_replicable"]["clause"],
            replicable,
            False,
            f"{name}说明了可复制、可推广的方式"
            if replicable
            else f"{name}应写明如何复制推广：可供哪些单位借鉴、形成什么标准或模板",
        ),
    ]


def intro(parts: FormParts, form: Form) -> Finding:
    clause = check_guide()["findings"]["intro"]["clause"]
    chars = count_chars(parts.intro)
    if not content_of(PLACEHOLDER.sub("", parts.intro)):
        return Finding("intro", clause, False, True, f"申报单位简介未填写（{form.intro_limit}字以内）")
    if chars > form.intro_limit:
        message = f"申报单位简介{chars}字，超过{form.intro_limit}字（多{chars - form.intro_limit}字），请精简"
        return Finding("intro", clause, False, True, message)
    return Finding("intro", clause, True, True, f"申报单位简介{chars}字，在{form.intro_limit}字以内")


def unit_fields(parts: FormParts, labels: Sequence[str]) -> Finding:
    clause = check_guide()["findings"]["unit_fields"]["clause"]
    empty = [label for label in labels if not content_of(PLACEHOLDER.sub("", parts.unit_fields.get(label, "")))]
    if empty:
        return Finding("unit_fields", clause, False, True, "申报单位信息未填写：" + "、".join(empty))
    return Finding("unit_fields", clause, True, True, "申报单位信息已填写")


def applicant_type(rules: Rules, kind: ApplicantType, parts: FormParts) -> Finding:
    """The form's ticked 申报主体类型 is one type, the one the plan is checked against."""
    clause = check_guide()["findings"]["applicant_type"]["clause"]
    text = parts.type_text
    names = _TICKED.findall(text) or ([text] if text and "□" not in text and "☐" not in text else [])
    found = {t.id: t for name in names for t in rules.detect_types(name)}
    if not found:
        return Finding(
            "type", clause, False, True, "申报主体类型未勾选：请在园区、企业、街镇、社区(村居)、楼宇中勾选一项"
        )
    if len(found) > 1:
        return Finding(
            "type", clause, False, True, "申报主体类型只能勾选一项：" + "、".join(t.name for t in found.values())
        )
    declared = next(iter(found.values()))
    if declared.id != kind.id:
        message = f"申报表勾选的主体类型是{declared.name}，与本次检查所用的{kind.name}类不一致"
        return Finding("type", clause, False, True, message)
    return Finding("type", clause, True, True, f"申报主体类型：{declared.name}")
