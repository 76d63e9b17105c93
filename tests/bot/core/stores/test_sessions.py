"""The session store: JSON round trip, compare-and-swap updates, SQLite always and PostgreSQL when configured."""

from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import inspect, text

from bot.core.dialog.messages import Document
from bot.core.stores.database import make_engine
from bot.core.stores.documents import DocumentStore
from bot.core.stores.reviews import ReviewStore
from bot.core.stores.sessions import Session, SessionStore
from tests.support.databases import give_each_store_its_own_engine, pilotbot_schemas

WORKERS = 4
MESSAGES_PER_WORKER = 15


@pytest.fixture
def any_store(database_url: str) -> SessionStore:
    return SessionStore(database_url)


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


def test_workers_on_one_session_apply_every_message_once_and_in_order(
    database_url: str, user: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four workers (own engines, so their per-instance locks do not serialise them) send one user's
    messages at once: only the database's compare-and-swap keeps them from interleaving."""
    give_each_store_its_own_engine(monkeypatch)
    workers = [SessionStore(database_url) for _ in range(WORKERS)]
    assert len({id(w.engine) for w in workers}) == WORKERS

    def send_messages(worker: int) -> None:
        for n in range(MESSAGES_PER_WORKER):

            def apply(session: Session, message: str = f"{worker}:{n}") -> None:
                session.data.setdefault("applied", []).append(message)
                time.sleep(0.002)  # a dialog step takes time, so the workers' updates overlap

            workers[worker].transact("web", user, apply)

    try:
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            list(pool.map(send_messages, range(WORKERS)))
        applied = SessionStore(database_url).load("web", user).data["applied"]
    finally:
        for w in workers:
            w.engine.dispose()
    sent = [f"{w}:{n}" for w in range(WORKERS) for n in range(MESSAGES_PER_WORKER)]
    assert sorted(applied) == sorted(sent), "every message applied exactly once"
    for w in range(WORKERS):
        assert [m for m in applied if m.startswith(f"{w}:")] == [f"{w}:{n}" for n in range(MESSAGES_PER_WORKER)]
    assert sum(w.retries for w in workers) > 0, "the compare-and-swap retry path never ran"


def test_ping(any_store: SessionStore) -> None:
    assert any_store.ping()


def test_workers_starting_together_all_get_the_schema(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Twelve workers start at once on a database without tables; every one comes up and works."""
    engine = make_engine(database_url)
    for schema in pilotbot_schemas():
        schema.drop_all(engine)
    with engine.begin() as conn:  # and the migrations' own record, or the empty database would look migrated
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    give_each_store_its_own_engine(monkeypatch)
    kinds = (SessionStore, DocumentStore, ReviewStore)
    with ThreadPoolExecutor(max_workers=6) as pool:
        stores = list(pool.map(lambda n: kinds[n % 3](database_url), range(12)))
    try:
        tables = set(inspect(stores[0].engine).get_table_names())
        assert {"pilotbot_sessions", "pilotbot_documents", "pilotbot_reviews"} <= tables
        for n, store in enumerate(stores):
            if isinstance(store, SessionStore):
                store.transact("web", f"worker-{n}", lambda s: s.data.update(ok=True))
            elif isinstance(store, DocumentStore):
                assert store.get(store.put(Document(f"{n}.md", "text/markdown", b"x"))) is not None
            else:
                assert store.add(filename=f"{n}.md", type_id="town", district="闵行区", report={}).id > 0
        assert SessionStore(database_url).load("web", "worker-9").data == {"ok": True}
    finally:
        for store in stores:
            store.engine.dispose()
