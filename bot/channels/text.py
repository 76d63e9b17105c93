"""Splitting long replies for chat platforms: at paragraph boundaries first, then lines, then hard."""

from __future__ import annotations

from collections.abc import Callable

Measure = Callable[[str], int]


def utf8_bytes(text: str) -> int:
    return len(text.encode("utf-8"))


def split_message(text: str, limit: int, measure: Measure = len) -> list[str]:
    """Pieces of ``text``, each within ``limit`` as ``measure`` counts, in order, none empty."""
    if measure(text) <= limit:
        return [text] if text else []
    pieces: list[str] = []
    current = ""
    for block in _units(text, limit, measure):
        candidate = f"{current}\n\n{block}" if current else block
        if measure(candidate) <= limit:
            current = candidate
        else:
            if current:
                pieces.append(current)
            current = block
    if current:
        pieces.append(current)
    return pieces


def _units(text: str, limit: int, measure: Measure):
    for paragraph in text.split("\n\n"):
        if measure(paragraph) <= limit:
            yield paragraph
            continue
        line_block = ""
        for line in paragraph.split("\n"):
            for part in _hard_split(line, limit, measure):
                candidate = f"{line_block}\n{part}" if line_block else part
                if measure(candidate) <= limit:
                    line_block = candidate
                else:
                    if line_block:
                        yield line_block
                    line_block = part
        if line_block:
            yield line_block


def _hard_split(line: str, limit: int, measure: Measure) -> list[str]:
    parts, current = [], ""
    for char in line:
        if measure(current + char) > limit:
            parts.append(current)
            current = char
        else:
            current += char
    if current or not parts:
        parts.append(current)
    return parts
