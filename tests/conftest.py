"""Shared fixtures: the packaged rules and source, loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.core.answering.answerer import Answerer
from indexer.config import IndexSettings
from indexer.factory import build_index, open_retriever
from indexer.retriever import HybridRetriever
from knowledge.rules import Rules, default_rules
from knowledge.sources import SourceDocument, load_source
from tests.support.databases import BACKENDS, TEST_DATABASE_URL, empty_database


@pytest.fixture(scope="session", autouse=True)
def test_database_at_head() -> None:
    """The PostgreSQL test database outlives a run: bring it to the code's schema first, as an operator
    would with `pilotbot db upgrade` after a pull (a new revision would otherwise make its stores refuse it)."""
    if url := os.environ.get("PILOTBOT_TEST_DATABASE_URL"):
        from bot.core.stores import migrate
        from bot.core.stores.database import make_engine

        migrate.upgrade(make_engine(url))


@pytest.fixture(scope="session")
def rules() -> Rules:
    return default_rules()


@pytest.fixture(scope="session")
def source() -> SourceDocument:
    return load_source()


@pytest.fixture(scope="session")
def index_settings(tmp_path_factory: pytest.TempPathFactory) -> IndexSettings:
    """A real index (chromadb + BM25, e5 embeddings) built once for the whole session."""
    settings = IndexSettings(data_dir=tmp_path_factory.mktemp("index"), embedder="e5")
    build_index(settings, default_rules())
    return settings


@pytest.fixture(scope="session")
def retriever(index_settings: IndexSettings, rules: Rules) -> HybridRetriever:
    return open_retriever(index_settings, rules, build_if_missing=False)


@pytest.fixture(scope="session")
def answerer(rules: Rules, retriever: HybridRetriever) -> Answerer:
    return Answerer(rules, retriever)


@pytest.fixture
def fresh_index_dir(tmp_path: Path) -> IndexSettings:
    return IndexSettings(data_dir=tmp_path / "index", embedder="e5")


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database for one test: a new SQLite file, and PostgreSQL too when CI provides one."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'pilotbot.db'}"
    empty_database(TEST_DATABASE_URL)
    return TEST_DATABASE_URL


@pytest.fixture
def store(tmp_path: Path):
    from bot.core.stores.sessions import SessionStore

    return SessionStore(f"sqlite:///{tmp_path / 'sessions.db'}")


@pytest.fixture
def dialog(answerer: Answerer, store):
    from bot.core.config import Settings
    from bot.core.runtime import build_dialog

    return build_dialog(Settings(), answerer=answerer, store=store)
