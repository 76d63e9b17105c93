"""The single place where the indexer and the retriever get their embedder, tokenizer and collection."""

from __future__ import annotations

from collections.abc import Callable

from indexer.chunking import chunk_clauses
from indexer.config import IndexSettings
from indexer.embeddings import make_embeddings
from indexer.retriever import FACT, HybridRetriever
from indexer.store import BuildReport, ClauseIndex, IndexMissing
from indexer.tokenize import Tokenizer
from knowledge.lexicon import default_lexicon
from knowledge.rules import Rules

Progress = Callable[[int, int], None]


def clause_index(settings: IndexSettings, rules: Rules) -> ClauseIndex:
    return ClauseIndex(settings, make_embeddings(settings.embedder), Tokenizer(rules))


def unset_examples(rules: Rules) -> tuple[tuple[str, str], ...]:
    """Example questions by topic: each topic the notice never settles (understanding.yaml), and — to tell
    them apart from what it does settle — each fact it sets (``fact:<id>``, rules.yaml)."""
    unset = [(t.id, q) for t in default_lexicon().unset_topics for q in t.examples]
    return tuple(unset + [(f"{FACT}{f.id}", q) for f in rules.facts for q in f.examples])


def build_index(settings: IndexSettings, rules: Rules, on_progress: Progress | None = None) -> BuildReport:
    """(Re)build both indexes from the packaged sources; unchanged clauses are not embedded again."""
    return clause_index(settings, rules).build(chunk_clauses(rules), on_progress, unset_examples(rules))


def open_retriever(
    settings: IndexSettings, rules: Rules, *, build_if_missing: bool = True, on_progress: Progress | None = None
) -> HybridRetriever:
    """Open the index for querying, building it first if it does not exist yet."""
    index = clause_index(settings, rules)
    try:
        loaded = index.open()
    except IndexMissing:
        if not build_if_missing:
            raise
        index.build(chunk_clauses(rules), on_progress, unset_examples(rules))
        loaded = index.open()
    return HybridRetriever(loaded, index.embeddings, index.tokenizer, rules)
