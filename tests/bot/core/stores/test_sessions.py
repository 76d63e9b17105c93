"""The session store: JSON round trip, compare-and-swap updates, SQLite always and PostgreSQL when configured."""

from __future__ import annotations

import os
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.core.stores.sessions import Session, SessionStore

BACKENDS = ["sqlite"]
if os.environ.get("PILOTBOT_TEST_DATABASE_URL"):
    BACKENDS.append("postgresql")


@pytest.fixture(params=BACKENDS)
def any_store(request, tmp_path: Path) -> SessionStore:
    if request.param == "sqlite":
        return SessionStore(f"sqlite:///{tmp_path / 's.db'}")
    return SessionStore(os.environ["PILOTBOT_TEST_DATABASE_URL"])


@pytest.fixture
def user() -> str:
    return f"user-{uuid.uuid4().hex}"


def test_new_user_gets_an_idle_session(any_store: SessionStore, user: str) -> None:
    assert any_store.load("web", user) == Session()


def test_transact_saves_and_returns(any_store: SessionStore, user: str) -> None:
    def change(session: Session) -> str:
        session.state = "eligibility.ask"
        session.data["type"] = "企业"
        return "done"

    assert any_store.transact("web", user, change) == "done"
    assert any_store.load("web", user) == Session("eligibility.ask", {}, {"type": "企业"})


def test_sessions_are_keyed_by_channel_and_user(any_store: SessionStore, user: str) -> None:
    any_store.transact("telegram", user, lambda s: s.data.update(n=1))
    assert any_store.load("wechat", user) == Session()


def test_concurrent_updates_lose_nothing(any_store: SessionStore, user: str) -> None:
    def bump(session: Session) -> None:
        session.data["n"] = session.data.get("n", 0) + 1

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda _: any_store.transact("web", user, bump), range(40)))
    assert any_store.load("web", user).data["n"] == 40


def test_two_stores_on_one_database_see_the_same_sessions(any_store: SessionStore, user: str) -> None:
    other = SessionStore(any_store.engine.url.render_as_string(hide_password=False))
    any_store.transact("web", user, lambda s: s.data.update(x="y"))
    assert other.load("web", user).data == {"x": "y"}
    other.delete("web", user)
    assert any_store.load("web", user) == Session()


def test_ping(any_store: SessionStore) -> None:
    assert any_store.ping()


def test_workers_starting_together_all_get_the_schema(tmp_path: Path) -> None:
    from bot.core.stores.documents import DocumentStore
    from bot.core.stores.reviews import ReviewStore

    url = f"sqlite:///{tmp_path / 'race.db'}"
    with ThreadPoolExecutor(max_workers=6) as pool:
        stores = list(pool.map(lambda n: (SessionStore, DocumentStore, ReviewStore)[n % 3](url), range(12)))
    assert len(stores) == 12
    assert SessionStore(url).ping()
