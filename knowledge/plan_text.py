"""Reading a plan's text the way a reviewer does: headings, placeholders, sentences, and how much of a
sentence is the applicant's own words rather than a copy of the requirement it answers.

Pure and linear in the length of the text: every function here makes one pass over its input.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from knowledge.schema import Section

PLACEHOLDER = re.compile(r"【填写[:：]?[^】]{0,200}】")
_NUMBERING = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:第?[一二三四五六七八九十]+(?:部分|[、.．)）])\s*|[(（][一二三四五六七八九十]+[)）]\s*|\d+\s*[、.．)）]\s*)?"
)
_HEADING_NOISE = re.compile(r"[\s:：。.,，、*#]+")
_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
_SENTENCE_END = re.compile(r"[。！？!?；;]\s*$")
_CONJUNCTIONS = str.maketrans({"和": "及", "与": "及"})
_CONTENT = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbfA-Za-z0-9]")
MAX_HEADING = 30
MAX_TITLE_CONTENT = 15  # an unpunctuated line this short is a title (“1、环境管理体系建设”), not a statement
MIN_SENTENCE = 6  # content characters; shorter fragments (“全年。”, “目标”) say nothing checkable


@dataclass(frozen=True)
class Sentence:
    """One sentence of the applicant's text: where it stands and its content characters (for overlap)."""

    text: str
    section: str | None
    line: int
    content: str


def find_sections(text: str, sections: Sequence[Section]) -> list[tuple[int, str]]:
    """Headings of the required sections in order of appearance: (line index, canonical title)."""
    found: list[tuple[int, str]] = []
    names = _heading_names(tuple(sections))
    for index, line in enumerate(text.splitlines()):
        title = _title(line, names)
        if title and title not in [t for _, t in found]:
            found.append((index, title))
    return found


def heading_title(line: str, sections: Sequence[Section]) -> str | None:
    return _title(line, _heading_names(tuple(sections)))


@dataclass(frozen=True)
class _Names:
    titles: dict[str, str]
    anywhere: re.Pattern[str]


def _title(line: str, names: _Names) -> str | None:
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_HEADING:
        return None
    if not names.anywhere.search(stripped.translate(_CONJUNCTIONS)):  # one C-level test rejects prose lines
        return None
    core = _HEADING_NOISE.sub("", _NUMBERING.sub("", stripped, count=1)).translate(_CONJUNCTIONS)
    return names.titles.get(core)


@cache
def _heading_names(sections: tuple[Section, ...]) -> _Names:
    """Every accepted spelling of every section heading, normalised once → the canonical title."""
    titles: dict[str, str] = {}
    for section in sections:
        for name in (section.title, *section.aliases):
            titles.setdefault(_HEADING_NOISE.sub("", name).translate(_CONJUNCTIONS), section.title)
    anywhere = re.compile("|".join(re.escape(name) for name in sorted(titles, key=len, reverse=True)))
    return _Names(titles, anywhere)


def is_heading(line: str) -> bool:
    """A title rather than prose: Markdown headings, and short lines that do not end a sentence."""
    stripped = line.strip()
    if stripped.startswith("#"):
        return True
    return len(content_of(stripped)) <= MAX_TITLE_CONTENT and not _SENTENCE_END.search(stripped)


def content_of(text: str) -> str:
    """Only the characters that carry meaning (CJK, letters, digits), lower-cased."""
    return "".join(_CONTENT.findall(text)).lower()


def body_sentences(text: str, sections: Sequence[Section]) -> list[Sentence]:
    """The prose of a plan, sentence by sentence, with headings and 【填写】 placeholders taken out."""
    result: list[Sentence] = []
    section: str | None = None
    names = _heading_names(tuple(sections))
    for index, line in enumerate(text.splitlines()):
        title = _title(line, names)
        if title:
            section = title
            continue
        if is_heading(PLACEHOLDER.sub("", line)):
            continue
        for piece in _SENTENCE.findall(PLACEHOLDER.sub("", line)):
            content = content_of(piece)
            if len(content) >= MIN_SENTENCE:
                result.append(Sentence(piece.strip(), section, index, content))
    return result


def section_texts(text: str, sections: Sequence[Section]) -> dict[str, str]:
    """The text under each required section's heading (up to the next required heading)."""
    lines = text.splitlines()
    found = find_sections(text, sections)
    bodies = {}
    for n, (start, title) in enumerate(found):
        end = found[n + 1][0] if n + 1 < len(found) else len(lines)
        bodies[title] = "\n".join(lines[start + 1 : end])
    return bodies


@cache
def bigrams(requirement: str) -> frozenset[str]:
    """Character pairs of a requirement's content (its text and title), computed once per requirement."""
    content = content_of(requirement)
    return frozenset(content[i : i + 2] for i in range(len(content) - 1))


def novel_chars(content: str, requirement: frozenset[str]) -> int:
    """How many characters of a sentence are not part of a character pair the requirement also has."""
    copied = [False] * len(content)
    for i in range(len(content) - 1):
        if content[i : i + 2] in requirement:
            copied[i] = copied[i + 1] = True
    return copied.count(False)


def placeholders_by_section(text: str, sections: Sequence[Section]) -> list[tuple[str | None, str]]:
    """Every 【填写…】 left in the text with the section it sits in and what it asks for."""
    found: list[tuple[str | None, str]] = []
    section: str | None = None
    names = _heading_names(tuple(sections))
    for line in text.splitlines():
        section = _title(line, names) or section
        for match in PLACEHOLDER.finditer(line):
            prompt = match.group(0)[1:-1].removeprefix("填写").lstrip(":：")
            found.append((section, prompt))
    return found
