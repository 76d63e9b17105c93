"""The real FastAPI app over the real core (index, SQLite), served in-process by TestClient."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from bot.channels.http.app import create_app
from bot.core.config import Settings
from bot.core.runtime import Core, assemble_core

STAFF_TOKEN = "staff-secret-token"


@pytest.fixture
def http_settings(database_url: str, index_settings) -> Settings:
    """The app's settings over the shared test index and an empty database (SQLite, and PostgreSQL in CI)."""
    return Settings(
        data_dir=index_settings.data_dir,
        database_url=database_url,
        staff_token=SecretStr(STAFF_TOKEN),
        rate_limit=0,
    )


def make_core(settings: Settings, answerer) -> Core:
    """The real core (curated answers, questions log, transcripts) around the session's shared answerer."""
    return assemble_core(settings, answerer)


@pytest.fixture
def broken_core(http_settings: Settings, answerer) -> Core:
    """A core whose answerer fails with an internal error: what an unexpected bug looks like to a channel."""

    class Exploding:
        rules = answerer.rules

        def ask(self, question: str):
            raise RuntimeError("secret internals")

    core = make_core(http_settings, answerer)
    core.answerer = Exploding()
    return core


@pytest.fixture
def client(http_settings: Settings, answerer):
    app = create_app(http_settings, core=make_core(http_settings, answerer))
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def staff_headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {STAFF_TOKEN}"}
