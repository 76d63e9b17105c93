"""Questions from the log grouped by similarity, so staff see what is asked most and what went badly.

Identical questions (after normalising) form one bucket; buckets then join the group holding the most
similar phrasing, when similar enough and naming the same applicant types and numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from bot.core.answering.curated import normalise
from bot.core.stores.questions import LoggedQuestion

GROUP_SIMILARITY = 0.93  # e5: paraphrases ≥0.94, different questions up to ~0.92


@dataclass
class QuestionGroup:
    questions: list[LoggedQuestion] = field(default_factory=list)  # newest first
    vectors: list[np.ndarray] = field(default_factory=list)  # one per distinct phrasing

    @property
    def latest(self) -> LoggedQuestion:
        return max(self.questions, key=lambda q: q.created_at)

    @property
    def question(self) -> str:
        """The most frequent phrasing (punctuation aside; ties: the most recent), as first asked."""
        counts: dict[str, int] = {}
        for q in self.questions:
            counts[normalise(q.question)] = counts.get(normalise(q.question), 0) + 1
        key = max(counts, key=lambda k: (counts[k], self._last_seen(k)))
        return min((q for q in self.questions if normalise(q.question) == key), key=lambda q: q.created_at).question

    @property
    def phrasings(self) -> list[str]:
        return list(dict.fromkeys(q.question for q in sorted(self.questions, key=lambda q: q.created_at)))

    def _last_seen(self, key: str) -> datetime:
        return max(q.created_at for q in self.questions if normalise(q.question) == key)

    @property
    def refused(self) -> int:
        return sum(q.refused for q in self.questions)

    @property
    def down(self) -> int:
        return sum(q.vote == -1 for q in self.questions)

    @property
    def up(self) -> int:
        return sum(q.vote == 1 for q in self.questions)


Cues = Callable[[str], Hashable]


def group_questions(
    questions: list[LoggedQuestion], cues: Cues, similarity: float = GROUP_SIMILARITY
) -> list[QuestionGroup]:
    """Groups, biggest first (then most recent); ``cues`` must agree for two phrasings to share a group."""
    buckets: dict[str, list[LoggedQuestion]] = {}
    for q in questions:
        buckets.setdefault(normalise(q.question), []).append(q)
    groups: list[QuestionGroup] = []
    for bucket in sorted(buckets.values(), key=len, reverse=True):
        vector = next((q.embedding for q in bucket if q.embedding is not None), None)
        target = _closest(groups, bucket[0].question, vector, cues, similarity)
        if target is None:
            groups.append(QuestionGroup(list(bucket), [] if vector is None else [vector]))
        else:
            target.questions.extend(bucket)
            if vector is not None:
                target.vectors.append(vector)
    for group in groups:
        group.questions.sort(key=lambda q: q.created_at, reverse=True)
    return sorted(groups, key=lambda g: (len(g.questions), g.latest.created_at), reverse=True)


def _closest(groups, text: str, vector, cues: Cues, similarity: float) -> QuestionGroup | None:
    if vector is None:
        return None
    best, best_score = None, similarity
    cue = cues(text)
    for group in groups:
        scores = [float(v @ vector) for v in group.vectors if len(v) == len(vector)]
        if not scores:
            continue
        score = max(scores)  # single link: close to any phrasing already in the group
        if score >= best_score and cues(group.questions[0].question) == cue:
            best, best_score = group, score
    return best
