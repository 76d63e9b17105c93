"""Checking an implementation plan (试点实施方案) — or a whole filled 申报表 — against the rules.

Coverage means the applicant's own content: headings, 【填写…】 placeholders and sentences that only restate
the requirement (a near-copy of the item's text or title) cover nothing. Each 必选项 and 创新项 is reported as
covered (with the applicant's sentence), restated only, or missing. Pure: the caller passes the text and,
optionally, a sentence-similarity function (the bot uses its embedder) so a paraphrase counts; only sentences
that touch an item's key concepts but do not settle it by keywords are ever sent to it, in one batch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from knowledge import plan_findings
from knowledge.application_form import FormParts, read_form, unit_labels
from knowledge.charcount import count_chars
from knowledge.plan_findings import Finding, check_guide
from knowledge.plan_text import (
    PLACEHOLDER,
    Sentence,
    bigrams,
    body_sentences,
    content_of,
    find_sections,
    novel_chars,
    placeholders_by_section,
    section_texts,
)
from knowledge.rules import Rules
from knowledge.schema import ApplicantType, Form, Item

__all__ = ["PLACEHOLDER", "Coverage", "PlanReport", "SemanticTimeout", "Similarity", "check_plan", "find_sections"]

Similarity = Callable[[Sequence[str], Sequence[str]], list[list[float]]]
"""similarity(sentences, item_texts) → one row of cosine similarities per sentence."""

# Tuned on multilingual-e5-small, whose cosine similarities crowd into 0.85–0.97: a paraphrase must be close
# in absolute terms and stand out from the sentence's similarity to the other items.
SIMILARITY_THRESHOLD = 0.925
SIMILARITY_MARGIN = 0.015
PUBLIC_KEYS = (
    "ok",
    "chars",
    "limit",
    "missing_sections",
    "uncovered_mandatory",
    "innovation_covered",
    "placeholders",
    "problems",
)
MAX_PROMPT = 24


class SemanticTimeout(RuntimeError):
    """The similarity function ran out of its time budget; the check falls back to keywords."""


@dataclass(frozen=True)
class Coverage:
    number: int
    title: str
    covered: bool
    sentence: str | None = None
    state: str = "missing"  # covered | restated | missing | unchecked
    clause: str = ""
    restated: str | None = None  # the sentence that only restates the requirement, when that is all there is


@dataclass
class PlanReport:
    ok: bool
    chars: int
    limit: int
    missing_sections: list[str]
    uncovered_mandatory: list[int]
    innovation_covered: list[int]
    placeholders: int
    problems: list[str]
    sections_found: list[str] = field(default_factory=list)
    sections_in_order: bool = True
    mandatory: list[Coverage] = field(default_factory=list)
    innovation: list[Coverage] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    semantic_checked: bool = True
    form: bool = False
    intro_chars: int | None = None

    def public(self) -> dict:
        """The JSON of ``pilotbot plan check --json``: the stable fields, then per-item states and findings."""
        return {
            **{k: getattr(self, k) for k in PUBLIC_KEYS},
            "restated_mandatory": [c.number for c in self.mandatory if c.state == "restated"],
            "items": [
                {"item_kind": kind, "number": c.number, "title": c.title, "clause": c.clause, "state": c.state}
                | {"sentence": c.sentence or c.restated}
                for kind, group in (("mandatory", self.mandatory), ("innovation", self.innovation))
                for c in group
            ],
            "findings": [vars(f) for f in self.findings],
            "semantic_checked": self.semantic_checked,
            "form": self.form,
            "intro_chars": self.intro_chars,
        }

    def detail(self) -> dict:
        """Everything a reviewer sees: the public fields plus sections found and the covering sentences."""
        return {
            **self.public(),
            "sections_found": self.sections_found,
            "sections_in_order": self.sections_in_order,
            "mandatory": [vars(c) for c in self.mandatory],
            "innovation": [vars(c) for c in self.innovation],
        }


def _concept_hits(item: Item, lower: str) -> int:
    return sum(any(word.lower() in lower for word in group) for group in item.concepts)


def _needed(item: Item) -> int:
    return min(2, len(item.concepts))


def _stands_out(scores: Sequence[float], col: int) -> bool:
    mean = sum(scores) / len(scores)
    return (
        scores[col] == max(scores) and scores[col] >= SIMILARITY_THRESHOLD and scores[col] - mean >= SIMILARITY_MARGIN
    )


@dataclass
class _Reading:
    """Per sentence: concept hits and characters shared with each item, and the items it merely restates."""

    hits: list[int]
    shared: list[int]
    restates: set[int]


def _read(body: list[Sentence], items: Sequence[Item]) -> list[_Reading]:
    spec = check_guide()["restatement"]
    requirements = [bigrams(f"{i.text or ''}\n{i.title or ''}") for i in items]
    titles = [content_of(i.title or "") for i in items]
    readings = []
    for sentence in body:
        lower = sentence.text.lower()
        hits = [_concept_hits(item, lower) for item in items]
        shared = [0] * len(items)
        restates = set()
        for col, count in enumerate(hits):
            if count:
                novel = novel_chars(sentence.content, requirements[col])
                shared[col] = len(sentence.content) - novel
                copied_enough = shared[col] >= spec["min_copied_chars"] or titles[col] in sentence.content
                if copied_enough and (
                    novel < spec["min_novel_chars"] or novel < spec["min_novel_share"] * len(sentence.content)
                ):
                    restates.add(col)
        readings.append(_Reading(hits, shared, restates))
    return readings


def _candidates(readings: list[_Reading], items: Sequence[Item], settled: set[int]) -> dict[int, list[int]]:
    """For each item keywords did not settle, the few own-content sentences nearest it by keywords and shared
    characters: a bounded number of sentences is embedded however long the plan is."""
    spec = check_guide()["semantic"]
    ranked: dict[int, list[int]] = {}
    for col in range(len(items)):
        if col in settled:
            continue
        rows = [row for row, r in enumerate(readings) if r.hits[col] and not r.restates]
        rows.sort(key=lambda row: (-readings[row].hits[col], -readings[row].shared[col], row))
        ranked[col] = rows[: spec["candidates_per_item"]]
    chosen: dict[int, list[int]] = {col: [] for col in ranked}
    embedded: set[int] = set()
    for rank in range(spec["candidates_per_item"]):  # best candidate of every item first, then the next ones
        for col, rows in ranked.items():
            if rank < len(rows) and (rows[rank] in embedded or len(embedded) < spec["max_embedded"]):
                chosen[col].append(rows[rank])
                embedded.add(rows[rank])
    return {col: rows for col, rows in chosen.items() if rows}


def _groups(kind: ApplicantType) -> list[range]:
    n, m = len(kind.mandatory.present), len(kind.innovation.present)
    return [range(0, n), range(n, n + m)]


def _coverage(
    kind: ApplicantType, items: Sequence[Item], body: list[Sentence], similarity: Similarity | None
) -> tuple[list[Coverage], bool]:
    """Coverage of each item, and whether the semantic step ran (False when it timed out)."""
    readings = _read(body, items)
    lexical: dict[int, int] = {}
    for col, item in enumerate(items):
        own = [(r.hits[col], row) for row, r in enumerate(readings) if not r.restates and r.hits[col] >= _needed(item)]
        if own:
            lexical[col] = min(own, key=lambda hit_row: (-hit_row[0], hit_row[1]))[1]
    chosen = _candidates(readings, items, set(lexical))
    rows = sorted({row for group in chosen.values() for row in group})
    semantic: dict[int, int] = {}
    semantic_ran = True
    if similarity and rows:
        try:
            matrix = similarity([body[row].text for row in rows], [i.text or "" for i in items])
        except SemanticTimeout:
            semantic_ran = False
        else:
            position = {row: k for k, row in enumerate(rows)}
            for group in _groups(kind):
                for col in group:
                    for row in chosen.get(col, []):
                        scores = [matrix[position[row]][c] for c in group]
                        if _stands_out(scores, col - group.start):
                            semantic[col] = row
                            break
    result = []
    for col, item in enumerate(items):
        row = lexical.get(col, semantic.get(col))
        restated = next((body[r].text for r, reading in enumerate(readings) if col in reading.restates), None)
        if row is not None:
            result.append(Coverage(item.number, item.title or "", True, body[row].text, "covered", item.clause))
        else:
            state = "restated" if restated else "missing"
            result.append(Coverage(item.number, item.title or "", False, None, state, item.clause, restated))
    return result, semantic_ran


def _split_groups(kind: ApplicantType, coverage: list[Coverage]) -> tuple[list[Coverage], list[Coverage]]:
    n = len(kind.mandatory.present)
    return coverage[:n], coverage[n:]


def check_plan(rules: Rules, type_name: str, text: str, similarity: Similarity | None = None) -> PlanReport:
    """Judge a plan or a filled 申报表: sections in order, ≤ the 字 limit, no placeholders left, every 必选项
    covered by the applicant's own content; findings on substance; problems that say what to write where."""
    kind = rules.type(type_name)
    form = rules.data.form
    parts = read_form(text, form)
    plan = parts.plan if parts else text
    found = [t for _, t in find_sections(plan, form.sections)]
    required = [s.title for s in form.sections]
    missing = [t for t in required if t not in found]
    in_order = found == [t for t in required if t in found]
    chars = count_chars(plan)
    items = [*kind.mandatory.present, *kind.innovation.present]
    semantic_limit = check_guide()["semantic"]["max_chars_factor"] * form.plan_limit
    content_checked = chars <= semantic_limit
    if content_checked:
        body = body_sentences(plan, form.sections)
        coverage, semantic_ran = _coverage(kind, items, body, similarity)
    else:
        coverage = [Coverage(i.number, i.title or "", False, None, "unchecked", i.clause) for i in items]
        semantic_ran = False
    mandatory, innovation = _split_groups(kind, coverage)
    bodies = section_texts(plan, form.sections) if content_checked else {}
    findings = _findings(rules, kind, parts, plan, bodies, innovation) if content_checked else []
    placeholders = len(PLACEHOLDER.findall(text))
    problems = _problems(rules, kind, chars, missing, in_order, mandatory, innovation, content_checked)
    if content_checked and similarity and not semantic_ran:
        problems.append("提示：语义比对超时，本次仅按关键词判断各项是否覆盖")
    problems += _placeholder_problems(plan, parts, form, placeholders)
    problems += [f"{'' if f.required else '建议：'}{f.message}〔{f.clause}〕" for f in findings if not f.passed]
    blocking = [c for c in mandatory if c.state != "covered"] if content_checked else []
    ok = (
        not missing
        and in_order
        and chars <= form.plan_limit
        and not blocking
        and not placeholders
        and all(f.passed for f in findings if f.required)
    )
    return PlanReport(
        ok=ok,
        chars=chars,
        limit=form.plan_limit,
        missing_sections=missing,
        uncovered_mandatory=[c.number for c in blocking],
        innovation_covered=[c.number for c in innovation if c.covered],
        placeholders=placeholders,
        problems=problems,
        sections_found=found,
        sections_in_order=in_order,
        mandatory=mandatory,
        innovation=innovation,
        findings=findings,
        semantic_checked=content_checked and semantic_ran and similarity is not None,
        form=parts is not None,
        intro_chars=count_chars(parts.intro) if parts else None,
    )


def _findings(
    rules: Rules,
    kind: ApplicantType,
    parts: FormParts | None,
    plan: str,
    bodies: dict[str, str],
    innovation: list[Coverage],
) -> list[Finding]:
    form = rules.data.form
    findings = [plan_findings.timeline(bodies), plan_findings.outputs(bodies)]
    lines = plan.splitlines()
    for c in innovation:
        if c.covered and c.sentence:
            paragraph = next((line for line in lines if c.sentence in line), c.sentence)
            findings += plan_findings.innovation(kind, c.number, c.title, paragraph)
    if parts is not None:
        findings += [plan_findings.intro(parts, form), plan_findings.unit_fields(parts, unit_labels(form))]
    return findings


def _section_label(rules: Rules, title: str) -> str:
    for n, section in enumerate(rules.data.form.sections):
        if section.title == title:
            return f"“{'一二三四五六七八九十'[n]}、{title}”"
    return f"“{title}”"


def _problems(
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


def _placeholder_problems(plan: str, parts: FormParts | None, form: Form, count: int) -> list[str]:
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
