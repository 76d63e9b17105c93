"""The notice as citable clauses, parsed from the Markdown in ``knowledge/sources/``.

The Markdown is the single source of the wording: every citable clause starts with an
``<a id="…"></a>`` anchor, headings give its place in the document, and editorial notes
(``> 【编者注】…``) mark what the extracted text skips.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SOURCES_DIR = Path(__file__).parent / "sources"
NOTICE_PATH = SOURCES_DIR / "notice.md"

_ANCHOR = re.compile(r'^<a id="([\w.]+)"></a>$')
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_GAP_ID = re.compile(r"编号 ([\w.]+)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass(frozen=True)
class Clause:
    """One citable clause: its stable id, its heading path and its verbatim text."""

    id: str
    path: tuple[str, ...]
    text: str

    @property
    def title(self) -> str:
        return " › ".join(self.path)


@dataclass(frozen=True)
class Gap:
    """A clause the extracted source skips; its id is reserved, its text unknown."""

    id: str
    path: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class SourceDocument:
    clauses: tuple[Clause, ...]
    gaps: tuple[Gap, ...]

    def clause(self, clause_id: str) -> Clause:
        for clause in self.clauses:
            if clause.id == clause_id:
                return clause
        raise KeyError(clause_id)

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(c.id for c in self.clauses) | frozenset(g.id for g in self.gaps)


def parse_source(markdown: str) -> SourceDocument:
    """Split the Markdown into clauses; headings below the document title form each clause's path."""
    headings: dict[int, str] = {}
    clauses: list[Clause] = []
    gaps: list[Gap] = []
    current: tuple[str, list[str]] | None = None

    def close() -> None:
        nonlocal current
        if current is not None:
            clause_id, lines = current
            text = "\n".join(lines).strip()
            clauses.append(Clause(clause_id, _path(headings), text))
            current = None

    for raw in markdown.splitlines():
        line = raw.rstrip()
        if anchor := _ANCHOR.match(line):
            close()
            current = (anchor.group(1), [])
        elif heading := _HEADING.match(line):
            close()
            level = len(heading.group(1))
            headings = {k: v for k, v in headings.items() if k < level}
            headings[level] = heading.group(2).strip()
        elif line.startswith(">"):
            close()
            note = line.lstrip("> ").strip()
            if gap_id := _GAP_ID.search(note):
                gaps.append(Gap(gap_id.group(1), _path(headings), note.removeprefix("【编者注】")))
        elif current is not None and line:
            current[1].append(_BOLD.sub(r"\1", line))
    close()
    _check_unique([c.id for c in clauses] + [g.id for g in gaps])
    return SourceDocument(tuple(clauses), tuple(gaps))


def _path(headings: dict[int, str]) -> tuple[str, ...]:
    return tuple(text for level, text in sorted(headings.items()) if level > 1)


def _check_unique(ids: list[str]) -> None:
    seen: set[str] = set()
    for clause_id in ids:
        if clause_id in seen:
            raise ValueError(f"{NOTICE_PATH.name}: clause id {clause_id!r} is used twice")
        seen.add(clause_id)


@cache
def load_source(path: Path = NOTICE_PATH) -> SourceDocument:
    return parse_source(path.read_text(encoding="utf-8"))
