"""Retrieval metrics over ranked clause ids."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from eval.golden import GoldenCase

Ranker = Callable[[str], Sequence[set[str]]]
"""A ranker maps a question to its ranked results, each result the set of clause ids it covers."""


@dataclass(frozen=True)
class RetrievalScores:
    name: str
    hit1: float
    hit3: float
    mrr: float
    n: int


def first_relevant_rank(results: Sequence[set[str]], case: GoldenCase) -> int | None:
    for rank, covered in enumerate(results, start=1):
        if any(case.is_relevant(clause_id) for clause_id in covered):
            return rank
    return None


def score_ranker(name: str, ranker: Ranker, cases: list[GoldenCase], depth: int = 10) -> RetrievalScores:
    ranks = [first_relevant_rank(list(ranker(c.q))[:depth], c) for c in cases]
    n = len(ranks)
    return RetrievalScores(
        name=name,
        hit1=sum(r == 1 for r in ranks if r) / n,
        hit3=sum(r <= 3 for r in ranks if r) / n,
        mrr=sum(1 / r for r in ranks if r) / n,
        n=n,
    )
