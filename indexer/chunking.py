"""One chunk per citable clause, each knowing where it sits in the notice.

A guide item such as 必选项 4 only makes sense with its applicant type, so every chunk gets a
contextual prefix (its heading path, type and item number) that both indexes see.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from knowledge.rules import Rules
from knowledge.sources import Clause

KIND_LABELS = {"condition": "申报条件", "mandatory": "必选项", "innovation": "创新项"}
_GUIDE_ITEM = re.compile(r"^guide\.(\w+)\.(condition|mandatory|innovation)\.(\d+)$")
_GUIDE_OTHER = re.compile(r"^guide\.(\w+)\.(scoring|mandatory_score)$")
_PLAN_CONTENT = re.compile(r"^plan\.3\.(\d)$")
_ATTACHMENTS = {"附件": "附件 实施方案", "附件1": "附件1 申报表", "附件2": "附件2 实施指引"}
_GUIDE_HEADING = re.compile(r"^(2-\d)试点主体:(.+)$")
_SKIP_HEADINGS = {"试点的主要内容及要求"}


@dataclass(frozen=True)
class Entry:
    """One indexed text; several entries may stand for the same clause (its text, and how people ask for it)."""

    id: str
    clause_id: str
    text: str

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Chunk:
    id: str
    text: str
    title: str
    prefix: str
    type: str
    kind: str
    number: int
    views: tuple[str, ...] = ()

    @property
    def indexed_text(self) -> str:
        """What both indexes see for the clause itself: the context first, then the verbatim clause."""
        return f"{self.prefix}\n{self.text}"

    def entries(self) -> list[Entry]:
        """The clause entry, then one entry per view (the words applicants use for it, from the rules data)."""
        main = Entry(self.id, self.id, self.indexed_text)
        return [main, *(Entry(f"{self.id}#{n}", self.id, view) for n, view in enumerate(self.views, start=1))]

    def metadata(self) -> dict[str, str | int]:
        return {"title": self.title, "type": self.type, "kind": self.kind, "number": self.number}


def chunk_clauses(rules: Rules) -> list[Chunk]:
    """Chunks for every clause of the source, in document order."""
    return [_chunk(clause, rules) for clause in rules.source.clauses]


def _chunk(clause: Clause, rules: Rules) -> Chunk:
    type_id, kind, number = _classify(clause.id, rules)
    prefix_parts = [_short(h) for h in clause.path if h not in _SKIP_HEADINGS]
    if type_id:
        kind_name = rules.type(type_id)
        if number:
            prefix_parts[-1] = f"{kind_name.name}{KIND_LABELS[kind]}第{number}条"
            prefix_parts.append(_item_title(rules, type_id, kind, number))
        elif kind == "scoring":
            prefix_parts.append(f"{kind_name.name}创新项评分 60分")
        elif kind == "mandatory_score":
            prefix_parts.append(f"{kind_name.name}必选项评分 40分")
    prefix = " › ".join(p for p in prefix_parts if p)
    return Chunk(clause.id, clause.text, clause.title, prefix, type_id, kind, number, _views(rules, clause.id, kind))


def _short(heading: str) -> str:
    """A compact heading for the prefix: long attachment titles would drown the clause itself."""
    first = heading.split(" ", 1)[0]
    if first in _ATTACHMENTS:
        return _ATTACHMENTS[first]
    if m := _GUIDE_HEADING.match(heading):
        return f"{m.group(1)} {m.group(2)}"
    return heading


def _views(rules: Rules, clause_id: str, kind: str) -> tuple[str, ...]:
    """How applicants ask for this clause, from the rules data: facts, condition keywords, form fields."""
    views: list[str] = []
    for fact in rules.facts:
        if fact.lists_missing:
            continue  # its words (缺失, 原件) ask about the text's gaps, which no clause it cites holds
        if clause_id in fact.clauses or (fact.id == "scoring" and kind in ("scoring", "mandatory_score")):
            views.append(f"{fact.title}：{' '.join(fact.keywords)}。{fact.answer}")
    for kind_rules in rules.types:
        for cond in kind_rules.conditions:
            if cond.clause == clause_id and cond.question:
                views.append(f"{kind_rules.name}申报条件：{cond.question} {' '.join(cond.keywords)}")
    for field in rules.data.form.fields:
        if field.clause == clause_id:
            limit = f" 字数限制{field.limit}字以内 多少字" if field.limit else ""
            views.append(f"申报表 {field.label}：{field.hint or ''}{limit}")
    return tuple(views)


def _classify(clause_id: str, rules: Rules) -> tuple[str, str, int]:
    if m := _GUIDE_ITEM.match(clause_id):
        return m.group(1), m.group(2), int(m.group(3))
    if m := _GUIDE_OTHER.match(clause_id):
        return m.group(1), m.group(2), 0
    if m := _PLAN_CONTENT.match(clause_id):
        return rules.types[int(m.group(1)) - 1].id, "content", 0
    return "", clause_id.split(".")[0], 0


def _item_title(rules: Rules, type_id: str, kind: str, number: int) -> str:
    kind_rules = rules.type(type_id)
    if kind == "condition":
        return ""
    group = kind_rules.mandatory if kind == "mandatory" else kind_rules.innovation
    return group.item(number).title or ""
