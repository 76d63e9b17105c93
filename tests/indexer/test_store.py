"""Both indexes are built together, rebuilt idempotently, and refuse a foreign embedder."""

from __future__ import annotations

import pytest

from indexer.chunking import chunk_clauses
from indexer.config import IndexSettings
from indexer.embeddings import make_embeddings
from indexer.factory import build_index, clause_index, open_retriever
from indexer.store import EmbedderMismatch, IndexMissing
from knowledge.rules import Rules


def test_opening_a_missing_index_without_building_is_an_error(fresh_index_dir: IndexSettings, rules: Rules) -> None:
    with pytest.raises(IndexMissing, match="pilotbot index build"):
        open_retriever(fresh_index_dir, rules, build_if_missing=False)


def test_first_use_builds_the_index(fresh_index_dir: IndexSettings, rules: Rules) -> None:
    retriever = open_retriever(fresh_index_dir, rules)
    assert {c.id for c in retriever.chunks} == {c.id for c in rules.source.clauses}
    assert (fresh_index_dir.data_dir / "chroma").is_dir()
    assert (fresh_index_dir.data_dir / "bm25" / "manifest.json").is_file()


def test_rebuild_with_no_change_embeds_nothing(index_settings: IndexSettings, rules: Rules) -> None:
    report = build_index(index_settings, rules)
    assert report.embedded == 0 and report.removed == 0
    assert report.unchanged == sum(len(c.entries()) for c in chunk_clauses(rules))


def test_rebuild_embeds_only_what_changed(fresh_index_dir: IndexSettings, rules: Rules) -> None:
    chunks = chunk_clauses(rules)
    index = clause_index(fresh_index_dir, rules)
    index.build(chunks)
    edited = [*chunks[:-1], chunks[-1].__class__(**{**vars(chunks[-1]), "text": chunks[-1].text + "（修订）"})]
    report = index.build(edited)
    assert report.embedded == 1 and report.removed == 0
    report = index.build(chunks[:-1])
    assert report.embedded == 0 and report.removed == len(chunks[-1].entries())
    assert chunks[-1].id not in {c.id for c in index.open().chunks}


def test_bm25_is_rebuilt_from_the_collection_when_its_files_are_lost(fresh_index_dir: IndexSettings, rules: Rules):
    build_index(fresh_index_dir, rules)
    manifest = fresh_index_dir.data_dir / "bm25" / "manifest.json"
    manifest.unlink()
    retriever = open_retriever(fresh_index_dir, rules, build_if_missing=False)
    assert manifest.is_file()
    assert retriever.bm25_ranking("排污许可证")[0][0].id == "guide.enterprise.condition.2"


class _OtherEmbedder:
    """Another embedder's identity is all the store looks at before refusing."""

    name = "sentence-transformers:some-other-model"

    def embed_query(self, text: str) -> list[float]:  # pragma: no cover - never reached
        raise AssertionError("a mismatched index must not be queried")


def test_querying_with_another_embedder_asks_for_a_rebuild(index_settings: IndexSettings, rules: Rules) -> None:
    index = clause_index(index_settings, rules)
    index.embeddings, index.embedder = _OtherEmbedder(), _OtherEmbedder.name
    with pytest.raises(EmbedderMismatch, match=r"built with embedder 'e5'.*rebuild it with `pilotbot index build`"):
        index.open()


def test_embeddings_factory_is_shared(index_settings: IndexSettings, rules: Rules) -> None:
    assert clause_index(index_settings, rules).embeddings is make_embeddings("e5")
