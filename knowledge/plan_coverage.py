"""Which sentence of a plan covers each item: the applicant's own words, by key concepts or by similarity.

A sentence that shares enough character pairs with an item's text or title merely restates it and covers
nothing. Items that keywords do not settle get a few candidate sentences embedded (bounded per item and per
check), and a paraphrase counts when it is close to the item and stands out from the other items of its group.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from knowledge.plan_findings import check_guide
from knowledge.plan_text import Sentence, bigrams, content_of, novel_chars
from knowledge.schema import ApplicantType, Item

Similarity = Callable[[Sequence[str], Sequence[str]], list[list[float]]]
"""similarity(sentences, item_texts) → one row of cosine similarities per sentence."""

# Tuned on multilingual-e5-small, whose cosine similarities crowd into 0.85–0.97: a paraphrase must be close
# in absolute terms and stand out from the sentence's similarity to the other items.
SIMILARITY_THRESHOLD = 0.925
SIMILARITY_MARGIN = 0.015


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


def item_coverage(
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
