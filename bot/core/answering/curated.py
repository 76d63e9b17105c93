"""Curated answers first, then the answerer; every question and its answer go to the questions log.

Staff fix a badly answered question group by writing a curated answer (text + clause ids). A new
question gets it when its normalised text equals one of the group's phrasings, or when its embedding
is close to one of them, clearly closer than to any other curated answer, and it names the same
applicant types and numbers (so “企业必选项第4条” never gets the answer written for 第5条 or for 园区).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, replace

import numpy as np

from bot.core.answering.answer import Answer, Citation
from bot.core.answering.asker import current_asker
from bot.core.stores.curated import CuratedAnswer, CuratedStore
from bot.core.stores.questions import LoggedQuestion, QuestionLog
from knowledge.rules import Rules

log = logging.getLogger(__name__)
MAX_QUESTION = 1000
SIMILARITY = 0.93  # cosine of e5 query embeddings; paraphrases score ≥0.93, different questions lower
MARGIN = 0.02  # the best curated answer must beat the next one by this much
_DIGITS = re.compile(r"\d+")
_TRAILING = "？?！!。.，,；;：:…~～ "


def normalise(text: str) -> str:
    """Case, width, spaces and punctuation do not make a different question."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PZS" and not ch.isspace())


def unknown_clauses(rules: Rules, clause_ids: list[str]) -> list[str]:
    """Clause ids that name no citable clause of the notice (gaps have no text to cite)."""
    known = {c.id for c in rules.source.clauses}
    return [c for c in clause_ids if c not in known]


@dataclass(frozen=True)
class Match:
    curated: CuratedAnswer | None  # None: compared, but nothing close enough
    similarity: float
    exact: bool
    vector: np.ndarray | None = None  # the question's embedding, when it was computed


class CuratedFirst:
    """Same ``ask(question) -> Answer`` as the answerer it wraps; other attributes pass through."""

    def __init__(self, answerer, curated: CuratedStore, questions: QuestionLog | None = None) -> None:
        self.answerer = answerer
        self.curated = curated
        self.questions = questions

    def __getattr__(self, name: str):
        return getattr(self.answerer, name)

    def embed(self, text: str) -> np.ndarray:
        """The question's unit vector; trailing punctuation (“？”) is dropped, as it shifts e5 noticeably."""
        text = text.strip().rstrip(_TRAILING) or text
        vector = np.asarray(self.answerer.retriever.embeddings.embed_query(text), dtype=np.float32)
        return vector / (np.linalg.norm(vector) or 1.0)

    def ask(self, question: str, *args, **kwargs) -> Answer:
        text = question.strip()[:MAX_QUESTION]
        match = self.match(text) if text else None
        if match is not None and match.curated is not None:
            answer = Answer(match.curated.text, self.cite(match.curated.clause_ids), mode="curated")  # type: ignore[arg-type]
        else:
            answer = self.answerer.ask(question, *args, **kwargs)
        self._log(text, answer, match)
        return answer

    def cite(self, clause_ids: list[str]) -> list[Citation]:
        return self.answerer.rules_first.cite(*[c for c in clause_ids if not unknown_clauses(self.rules, [c])])

    def match(self, question: str) -> Match | None:
        """How the question compares with the curated answers (None when there are none to compare with);
        ``.curated`` is the one to serve, if any. The question is embedded only when no phrasing is equal."""
        entries = self.curated.all()
        if not entries:
            return None
        key = normalise(question)
        for entry in entries:
            if any(normalise(q) == key for q in entry.questions):
                return Match(entry, 1.0, exact=True)
        vector = self.embed(question)
        scored = sorted(((float(np.max(e.embeddings @ vector)), e) for e in entries), key=lambda p: -p[0])
        best_score, best = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else -1.0
        phrasing = best.questions[int(np.argmax(best.embeddings @ vector))]
        if best_score < SIMILARITY or best_score - runner_up < MARGIN or self.cues(question) != self.cues(phrasing):
            return Match(None, best_score, exact=False, vector=vector)
        return Match(best, best_score, exact=False, vector=vector)

    def cues(self, text: str) -> tuple[frozenset[str], frozenset[str]]:
        """What must agree between two phrasings besides their meaning: applicant types and numbers."""
        types = frozenset(t.id for t in self.rules.detect_types(text))
        return types, frozenset(_DIGITS.findall(unicodedata.normalize("NFKC", text)))

    def _log(self, question: str, answer: Answer, match: Match | None) -> None:
        """Record the question; its embedding is stored when matching computed it, else added later by
        :meth:`embed_missing` (so a plain question costs the user no extra embedding)."""
        if self.questions is None or not question:
            return
        asker = current_asker()
        types = self.rules.detect_types(question)
        try:
            question_id = self.questions.record(
                channel=asker.channel,
                user_hash=asker.user_hash,
                question=question,
                answer=answer.answer,
                refused=answer.refused,
                mode=answer.mode,
                citations=[c.id for c in answer.citations],
                applicant_type=types[0].id if len(types) == 1 else None,
                curated_id=match.curated.id if match and match.curated else None,
                embedding=match.vector if match else None,
            )
        except Exception:  # the log must never cost the user the answer
            log.exception("could not record a question in the questions log")
            return
        asker.logged.append((question_id, answer.answer))

    def embed_missing(self, questions: list[LoggedQuestion]) -> list[LoggedQuestion]:
        """The questions with embeddings, computing and storing those not embedded yet (for grouping)."""
        missing = [q for q in questions if q.embedding is None]
        if not missing or self.questions is None:
            return questions
        vectors = {q.id: self.embed(q.question) for q in missing}
        self.questions.set_embeddings(vectors)
        return [replace(q, embedding=vectors[q.id]) if q.id in vectors else q for q in questions]
