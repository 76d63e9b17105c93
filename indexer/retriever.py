"""Hybrid retrieval: BM25 and dense rankings fused by reciprocal rank, nudged by the question's cues.

A question that names an applicant type (企业/公司/工厂 → enterprise) or an item kind (必选项,
创新项, 申报条件) lifts the chunks that match and lowers chunks about other types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from indexer.chunking import Chunk
from indexer.store import LoadedIndex
from indexer.tokenize import Tokenizer
from knowledge.rules import Rules

RRF_K = 60
_KIND_CUES = {
    "condition": re.compile(r"申报条件|条件|资格|门槛|能不能报|能报|可以报|可以申报|能申报|符合"),
    "mandatory": re.compile(r"必选项|必选|必须做|必做|必须完成|必须包括|40分"),
    "innovation": re.compile(r"创新项|创新方向|加分|60分|可选项|选做"),
}


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float
    ranks: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class QueryCues:
    types: tuple[str, ...]
    kinds: tuple[str, ...]


def query_cues(rules: Rules, question: str) -> QueryCues:
    types = tuple(t.id for t in rules.detect_types(question))
    kinds = tuple(k for k, pattern in _KIND_CUES.items() if pattern.search(question))
    return QueryCues(types, kinds)


class HybridRetriever:
    def __init__(self, index: LoadedIndex, embeddings, tokenizer: Tokenizer, rules: Rules) -> None:
        self.index = index
        self.embeddings = embeddings
        self.tokenizer = tokenizer
        self.rules = rules

    @property
    def chunks(self) -> list[Chunk]:
        return self.index.chunks

    def bm25_ranking(self, question: str) -> list[tuple[Chunk, float]]:
        tokens = [t for t in self.tokenizer(question) if t in self.index.bm25.vocab_dict]
        if not tokens:
            return []
        scores = self.index.bm25.get_scores(tokens)
        order = np.argsort(-scores)
        return [(self.chunks[i], float(scores[i])) for i in order if scores[i] > 0]

    def dense_ranking(self, question: str, n: int = 40) -> list[tuple[Chunk, float]]:
        vector = self.embeddings.embed_query(question)
        result = self.index.collection.query(
            query_embeddings=[vector], n_results=min(n, len(self.chunks)), include=["distances"]
        )
        by_id = {c.id: c for c in self.chunks}
        return [(by_id[i], 1.0 - float(d)) for i, d in zip(result["ids"][0], result["distances"][0], strict=True)]

    def search(self, question: str, k: int = 5, use_cues: bool = True) -> list[Hit]:
        """Top ``k`` chunks by fused rank; ``score`` is comparable only within one question."""
        rankings = {"bm25": self.bm25_ranking(question), "dense": self.dense_ranking(question)}
        cues = query_cues(self.rules, question) if use_cues else QueryCues((), ())
        scores: dict[str, float] = {}
        ranks: dict[str, dict[str, int]] = {}
        for name, ranking in rankings.items():
            for rank, (chunk, _) in enumerate(ranking, start=1):
                scores[chunk.id] = scores.get(chunk.id, 0.0) + 1.0 / (RRF_K + rank)
                ranks.setdefault(chunk.id, {})[name] = rank
        by_id = {c.id: c for c in self.chunks}
        hits = [Hit(by_id[i], s * _cue_weight(by_id[i], cues), ranks[i]) for i, s in scores.items()]
        hits.sort(key=lambda h: -h.score)
        return hits[:k]

    def dense_similarity(self, question: str) -> float:
        """Best cosine similarity of the question to any clause: a cheap in-scope signal."""
        ranking = self.dense_ranking(question, n=1)
        return ranking[0][1] if ranking else 0.0


def _cue_weight(chunk: Chunk, cues: QueryCues) -> float:
    weight = 1.0
    if cues.types and chunk.type:
        weight *= 1.6 if chunk.type in cues.types else 0.5
    if cues.kinds and chunk.kind in cues.kinds:
        weight *= 1.3
    return weight
