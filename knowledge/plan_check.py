"""Checking an implementation plan (试点实施方案) — or a whole filled 申报表 — against the rules.

Coverage means the applicant's own content: headings, 【填写…】 placeholders and sentences that only restate
the requirement (a near-copy of the item's text or title) cover nothing. Each 必选项 and 创新项 is reported as
covered (with the applicant's sentence), restated only, or missing. Pure: the caller passes the text and,
optionally, a sentence-similarity function (the bot uses its embedder) so a paraphrase counts; only sentences
that touch an item's key concepts but do not settle it by keywords are ever sent to it, in one batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge import plan_findings
from knowledge.application_form import FormParts, read_form, unit_labels
from knowledge.charcount import count_chars
from knowledge.plan_coverage import Coverage, SemanticTimeout, Similarity, item_coverage
from knowledge.plan_findings import Finding, check_guide
from knowledge.plan_problems import placeholder_problems, problems
from knowledge.plan_text import (
    PLACEHOLDER,
    body_sentences,
    find_sections,
    section_texts,
)
from knowledge.rules import Rules
from knowledge.schema import ApplicantType

__all__ = ["PLACEHOLDER", "Coverage", "PlanReport", "SemanticTimeout", "Similarity", "check_plan", "find_sections"]

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
        coverage, semantic_ran = item_coverage(kind, items, body, similarity)
    else:
        coverage = [Coverage(i.number, i.title or "", False, None, "unchecked", i.clause) for i in items]
        semantic_ran = False
    mandatory, innovation = _split_groups(kind, coverage)
    bodies = section_texts(plan, form.sections) if content_checked else {}
    findings = _findings(rules, kind, parts, plan, bodies, innovation) if content_checked else []
    placeholders = len(PLACEHOLDER.findall(text))
    issues = problems(rules, kind, chars, missing, in_order, mandatory, innovation, content_checked)
    if content_checked and similarity and not semantic_ran:
        issues.append("提示：语义比对超时，本次仅按关键词判断各项是否覆盖")
    issues += placeholder_problems(plan, parts, form, placeholders)
    issues += [f"{'' if f.required else '建议：'}{f.message}〔{f.clause}〕" for f in findings if not f.passed]
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
        problems=issues,
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
        findings += [
            plan_findings.applicant_type(rules, kind, parts),
            plan_findings.intro(parts, form),
            plan_findings.unit_fields(parts, unit_labels(form)),
        ]
    return findings
