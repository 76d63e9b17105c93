"""Hybrid retrieval: BM25 and dense rankings fused by reciprocal rank, nudged by the question's cues.

A question that names an applicant type (企业/公司/工厂 → enterprise) or an item kind (必选项,
创新项, 申报条件) lifts the chunks that match and lowers chunks about other types.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

import numpy as np

from indexer.chunking import Chunk
from indexer.store import LoadedIndex
from indexer.tokenize import Tokenizer
from knowledge.lexicon import default_lexicon
from knowledge.rules import Rules

RRF_K = 20
KIND_BOOST = 1.2
OTHER_TYPE_PENALTY = 0.5
# Which chunk kinds each cue lifts: a question about 必选项 is also about their 40分 line, and so on.
_KINDS_LIFTED = {
    "condition": {"condition"},
    "mandatory": {"mandatory", "mandatory_score"},
    "innovation": {"innovation", "scoring"},
    "scoring": {"scoring", "mandatory_score"},
}
ITEM_BOOST = 1.5
CONCEPT_BOOST = 1.3
MAX_ITEMS_PER_CONCEPT = 3  # a concept word shared by more items says little about which one is meant
UNSET_NEIGHBOURS = 8  # example questions looked at: the nearest unset topic, and any fact example near it
FACT = "fact:"  # topic prefix of the examples of facts the notice does set
QUERY_VECTORS = 1024  # texts whose query vectors are kept (≈ 1.5 kB each)
MIN_CONCEPT = 3  # two-character words (宣传, 监管) are too common in questions to name an item


@dataclass(frozen=True)
class UnsetMatch:
    """The topic the notice never settles whose examples a question is nearest, against the nearest clause."""

    topic: str | None  # None when every neighbour is an example of a fact
    similarity: float  # cosine to the nearest example of the topic
    in_scope: float  # cosine to the nearest entry of the notice, or the nearest example of a fact it sets
    fact: str | None = None  # the fact whose example is nearest, if any is among the neighbours
    fact_similarity: float = 0.0
    runner_up: float = 0.0  # cosine to the nearest example of any other fact or topic


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float
    ranks: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ItemRef:
    """“必选项第4条”, “企业必选项四”: the kind and number of one guide item named in a question."""

    kind: str
    number: int


@dataclass(frozen=True)
class QueryCues:
    types: tuple[str, ...]
    kinds: tuple[str, ...]
    items: tuple[ItemRef, ...] = ()
    concept_clauses: frozenset[str] = frozenset()


@cache
def _concept_index(rules: Rules) -> dict[str, frozenset[str]]:
    """Specific concept words of the guide items (碳中和, 雨污分流, EOD …) → the clauses of the items naming them,
    and of the conditions whose keyword it is too (全覆盖: 园区's third condition as much as its first 创新项)."""
    index: dict[str, set[str]] = {}
    for kind in rules.types:
        for item in (*kind.mandatory.present, *kind.innovation.present):
            for group in item.concepts:
                for word in group:
                    if len(word) >= MIN_CONCEPT:
                        index.setdefault(word.lower(), set()).add(item.clause)
    for kind in rules.types:
        for cond in kind.conditions:
            for word in (k.lower() for k in cond.keywords):
                if word in index:
                    index[word].add(cond.clause)
    return {w: frozenset(c) for w, c in index.items() if len(c) <= MAX_ITEMS_PER_CONCEPT}


def concept_clauses(rules: Rules, question: str) -> frozenset[str]:
    """Clauses of the items whose specific concept words the question uses."""
    lowered = question.lower()
    return frozenset(c for word, clauses in _concept_index(rules).items() if word in lowered for c in clauses)


def query_cues(rules: Rules, question: str) -> QueryCues:
    """Cues read from the text alone, with the kind words of ``knowledge/understanding.yaml`` (the answerer
    passes its own understanding instead, see :meth:`HybridRetriever.search`)."""
    types = tuple(t.id for t in rules.detect_types(question))
    lowered = question.lower()
    lexicon = default_lexicon().item_kinds
    kinds = tuple(k for k, cues in lexicon.items() if any(c.lower() in lowered for c in cues.cues))
    items = tuple(
        ItemRef(kind, _number(match.group(1)))
        for kind, cues in lexicon.items()
        for cue in cues.cues
        if (match := re.search(re.escape(cue.lower()) + _NUMBER_AFTER, lowered))
    )
    return QueryCues(types, kinds, tuple(dict.fromkeys(items)), concept_clauses(rules, question))


_NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# “必选项第4条”, “必选项四”: a number right after a kind cue (the cues themselves are data)
_NUMBER_AFTER = r"\s*(?:中的|里的|的)?\s*第?\s*([0-9]{1,2}|[一二两三四五六七八九十])(?!样|起|定|般|些|直)"


def _number(raw: str) -> int:
    return int(raw) if raw.isdigit() else _NUMERALS[raw]


class HybridRetriever:
    def __init__(self, index: LoadedIndex, embeddings, tokenizer: Tokenizer, rules: Rules) -> None:
        self.index = index
        self.embeddings = embeddings
        self.tokenizer = tokenizer
        self.rules = rules
        self._vector = lru_cache(maxsize=QUERY_VECTORS)(self._embed_query)

    @property
    def chunks(self) -> list[Chunk]:
        return self.index.chunks

    def bm25_ranking(self, question: str) -> list[tuple[Chunk, float]]:
        """Clauses by their best-scoring entry under BM25."""
        tokens = [t for t in self.tokenizer(question) if t in self.index.bm25.vocab_dict]
        if not tokens:
            return []
        scores = self.index.bm25.get_scores(tokens)
        order = np.argsort(-scores)
        return self._by_clause((self.index.entry_clauses[i], float(scores[i])) for i in order if scores[i] > 0)

    def _embed_query(self, text: str) -> list[float]:
        """The query vector (through ``self._vector``, a cache of the latest texts): one question embeds the same
        text more than once, and applicants ask the same few questions over and over. An embedding is the
        dearest step of an answer (≈ 15–30 ms of CPU), a cached one costs nothing; the cache is thread-safe."""
        return self.embeddings.embed_query(text)

    def dense_ranking(self, question: str, n: int = 60) -> list[tuple[Chunk, float]]:
        """Clauses by their most similar entry (cosine similarity)."""
        vector = self._vector(question)
        result = self.index.collection.query(
            query_embeddings=[vector], n_results=min(n, len(self.index.entry_clauses)), include=["distances"]
        )
        return self._by_clause(
            (entry_id.split("#")[0], 1.0 - float(d))
            for entry_id, d in zip(result["ids"][0], result["distances"][0], strict=True)
        )

    def _by_clause(self, ranked: Iterable[tuple[str, float]]) -> list[tuple[Chunk, float]]:
        best: dict[str, float] = {}
        for clause_id, score in ranked:
            best.setdefault(clause_id, score)
        return [(self.index.chunk(i), s) for i, s in best.items()]

    def search(
        self,
        question: str,
        k: int = 5,
        use_cues: bool = True,
        *,
        types: tuple[str, ...] | None = None,
        kinds: tuple[str, ...] | None = None,
        types_said: bool = True,
    ) -> list[Hit]:
        """Top ``k`` chunks by fused rank; ``score`` is comparable only within one question.

        ``types`` and ``kinds``, when given, are the caller's understanding of the question and replace the
        cues read from its text. Types known only from the conversation (``types_said=False``) lower other
        types' clauses but are not added to the words searched: “虹桥这边有什么特别的说法吗” after talk of a
        楼宇 is about 虹桥, not about whatever 楼宇 clause shares a word with it."""
        if not use_cues:
            cues = QueryCues((), (), ())
        elif types is not None or kinds is not None:
            cues = QueryCues(tuple(types or ()), tuple(kinds or ()), (), concept_clauses(self.rules, question))
        else:
            cues = query_cues(self.rules, question)
        query = self._expand(question, cues if types_said else replace(cues, types=()))
        rankings = {"bm25": self.bm25_ranking(query), "dense": self.dense_ranking(query)}
        scores: dict[str, float] = {}
        ranks: dict[str, dict[str, int]] = {}
        for name, ranking in rankings.items():
            for rank, (chunk, _) in enumerate(ranking, start=1):
                scores[chunk.id] = scores.get(chunk.id, 0.0) + 1.0 / (RRF_K + rank)
                ranks.setdefault(chunk.id, {})[name] = rank
        chunk = self.index.chunk
        hits = [Hit(chunk(i), s * _cue_weight(chunk(i), cues), ranks[i]) for i, s in scores.items()]
        hits.sort(key=lambda h: -h.score)
        return hits[:k]

    def _expand(self, question: str, cues: QueryCues) -> str:
        """Add the notice's own words for what the question names (公司 → 企业, 门槛 → 申报条件)."""
        labels = default_lexicon().item_kinds
        words = [self.rules.type(t).name for t in cues.types] + [labels[k].label for k in cues.kinds if k in labels]
        missing = [w for w in words if w not in question]
        return f"{question} {' '.join(missing)}" if missing else question

    def unset_match(self, question: str, types: tuple[str, ...] = ()) -> UnsetMatch | None:
        """The nearest example of a topic the notice never settles, and the nearest entry of the notice.

        The question is expanded as :meth:`search` expands it for these ``types``, so the two share one
        embedding of it."""
        examples = self.index.unset_count
        if not examples:
            return None
        vector = self._vector(self._expand(question, QueryCues(tuple(types), (), ())))
        n = min(UNSET_NEIGHBOURS, examples)
        found = self.index.unset.query(query_embeddings=[vector], n_results=n, include=["distances", "metadatas"])
        scope = self.index.collection.query(query_embeddings=[vector], n_results=1, include=["distances"])
        rows = zip(found["metadatas"][0], found["distances"][0], strict=True)
        near = [(str(m["topic"]), 1.0 - float(d)) for m, d in rows]
        unset = [(t, s) for t, s in near if not t.startswith(FACT)]
        facts = [(t.removeprefix(FACT), s) for t, s in near if t.startswith(FACT)]
        fact, fact_similarity = facts[0] if facts else (None, 0.0)
        others = [s for t, s in near if t.removeprefix(FACT) != fact]
        return UnsetMatch(
            unset[0][0] if unset else None,
            unset[0][1] if unset else 0.0,
            max([1.0 - float(scope["distances"][0][0]), *(s for _, s in facts)]),
            fact,
            fact_similarity,
            max(others, default=0.0),
        )

    def dense_similarity(self, question: str) -> float:
        """Best cosine similarity of the question to any clause: a cheap in-scope signal."""
        ranking = self.dense_ranking(question, n=1)
        return ranking[0][1] if ranking else 0.0


def _cue_weight(chunk: Chunk, cues: QueryCues) -> float:
    """Lower chunks about another applicant type; lift chunks of the item kind the question names."""
    weight = 1.0
    if cues.types and chunk.type and chunk.type not in cues.types:
        weight *= OTHER_TYPE_PENALTY
    if any(chunk.kind in _KINDS_LIFTED[k] for k in cues.kinds):
        weight *= KIND_BOOST
    if any(ref.kind == chunk.kind and ref.number == chunk.number for ref in cues.items):
        weight *= ITEM_BOOST
    if chunk.id in cues.concept_clauses:
        weight *= CONCEPT_BOOST
    return weight
