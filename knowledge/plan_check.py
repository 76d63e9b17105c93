"""Checking an implementation plan (试点实施方案) against the rules: sections, 字数, item coverage.

Pure: the caller passes the plan as plain text and, optionally, a sentence-similarity function
(the bot uses its embedder), so paraphrases of an item count without the rules module doing I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from knowledge.charcount import count_chars
from knowledge.rules import Rules
from knowledge.schema import Item, Section

Similarity = Callable[[Sequence[str], Sequence[str]], list[list[float]]]
"""similarity(sentences, item_texts) → one row of cosine similarities per sentence."""

PLACEHOLDER = re.compile(r"【填写[:：][^】]*】")
_NUMBERING = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:第?[一二三四五六七八九十]+(?:部分|[、.．)）])\s*|[(（][一二三四五六七八九十]+[)）]\s*|\d+\s*[、.．)）]\s*)?"
)
_HEADING_NOISE = re.compile(r"[\s:：。.,，、*#]+")
_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
_CONJUNCTIONS = str.maketrans({"和": "及", "与": "及"})
# Tuned on multilingual-e5-small, whose cosine similarities crowd into 0.85–0.97: a paraphrase must be close
# in absolute terms and stand out from the sentence's similarity to the other items.
SIMILARITY_THRESHOLD = 0.925
SIMILARITY_MARGIN = 0.015
MAX_HEADING = 30


@dataclass(frozen=True)
class Coverage:
    number: int
    title: str
    covered: bool
    sentence: str | None = None


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

    def public(self) -> dict:
        """The stable JSON shape of ``pilotbot plan check --json``."""
        keys = (
            "ok",
            "chars",
            "limit",
            "missing_sections",
            "uncovered_mandatory",
            "innovation_covered",
            "placeholders",
            "problems",
        )
        return {k: getattr(self, k) for k in keys}

    def detail(self) -> dict:
        """Everything a reviewer sees: the public fields plus sections found and the covering sentences."""
        return {
            **self.public(),
            "sections_found": self.sections_found,
            "sections_in_order": self.sections_in_order,
            "mandatory": [vars(c) for c in self.mandatory],
            "innovation": [vars(c) for c in self.innovation],
        }


def find_sections(text: str, sections: Sequence[Section]) -> list[tuple[int, str]]:
    """Headings of the required sections in order of appearance: (line index, canonical title)."""
    found = []
    for index, line in enumerate(text.splitlines()):
        title = _heading_title(line, sections)
        if title and title not in [t for _, t in found]:
            found.append((index, title))
    return found


def _heading_title(line: str, sections: Sequence[Section]) -> str | None:
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_HEADING:
        return None
    core = _HEADING_NOISE.sub("", _NUMBERING.sub("", stripped, count=1)).translate(_CONJUNCTIONS)
    for section in sections:
        names = [section.title, *section.aliases]
        if any(core == _HEADING_NOISE.sub("", n).translate(_CONJUNCTIONS) for n in names):
            return section.title
    return None


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if len(s.strip()) >= 4]


def _concept_hits(item: Item, sentence: str) -> int:
    return sum(any(word.lower() in sentence.lower() for word in group) for group in item.concepts)


def _needed(item: Item) -> int:
    return min(2, len(item.concepts))


def _stands_out(scores: Sequence[float], col: int) -> bool:
    mean = sum(scores) / len(scores)
    return (
        scores[col] == max(scores) and scores[col] >= SIMILARITY_THRESHOLD and scores[col] - mean >= SIMILARITY_MARGIN
    )


def coverage(items: Sequence[Item], body: list[str], similarity: Similarity | None) -> list[Coverage]:
    """For each item, the sentence that covers it: enough of its key concepts, or (with a similarity
    function) a close paraphrase that still touches one concept and is nearer this item than any other."""
    present = [i for i in items if not i.missing]
    matrix = similarity(body, [i.text or "" for i in present]) if similarity and body and present else None
    result = []
    for col, item in enumerate(present):
        best: str | None = None
        for row, sentence in enumerate(body):
            hits = _concept_hits(item, sentence)
            if hits >= _needed(item):
                best = sentence
                break
            if matrix is not None and hits >= 1 and _stands_out(matrix[row], col):
                best = best or sentence
        result.append(Coverage(item.number, item.title or "", best is not None, best))
    return result


def check_plan(rules: Rules, type_name: str, text: str, similarity: Similarity | None = None) -> PlanReport:
    """Judge a plan: the five sections in order, ≤ the 字 limit, every 必选项 covered; list what is wrong."""
    kind = rules.type(type_name)
    form = rules.data.form
    limit = form.plan_limit
    found = find_sections(text, form.sections)
    titles = [t for _, t in found]
    required = [s.title for s in form.sections]
    missing = [t for t in required if t not in titles]
    in_order = titles == [t for t in required if t in titles]
    body = sentences(PLACEHOLDER.sub("", text))  # prompts in placeholders quote the items: they cover nothing
    mandatory = coverage(kind.mandatory.items, body, similarity)
    innovation = coverage(kind.innovation.items, body, similarity)
    chars = count_chars(text)
    placeholders = len(PLACEHOLDER.findall(text))
    problems = []
    if missing:
        problems.append("缺少必备章节：" + "、".join(missing))
    if not in_order:
        problems.append("章节顺序与申报表要求不一致，应为：" + "、".join(required))
    if chars > limit:
        problems.append(f"字数{chars}字，超过{limit}字的限制（多{chars - limit}字）")
    uncovered = [c for c in mandatory if not c.covered]
    for c in uncovered:
        problems.append(f"未体现{kind.name}类必选项第{c.number}项（{c.title}）")
    if kind.mandatory.missing:
        lost = "、".join(str(i.number) for i in kind.mandatory.missing)
        problems.append(f"提示：{kind.name}类必选项第{lost}项在现有通知文本中缺失，无法核对，{rules.missing_notice}")
    if not any(c.covered for c in innovation):
        problems.append("提示：未体现任何创新项（创新项占60分）")
    if placeholders:
        problems.append(f"提示：仍有{placeholders}处【填写：…】占位内容待补全")
    ok = not missing and in_order and chars <= limit and not uncovered
    return PlanReport(
        ok=ok,
        chars=chars,
        limit=limit,
        missing_sections=missing,
        uncovered_mandatory=[c.number for c in uncovered],
        innovation_covered=[c.number for c in innovation if c.covered],
        placeholders=placeholders,
        problems=problems,
        sections_found=titles,
        sections_in_order=in_order,
        mandatory=mandatory,
        innovation=innovation,
    )
