"""``pilotbot serve --workers 2`` over one database, hammered through HTTP on one user's session.

Three clients walk one user's 申报清单 at the same time, each marking items with its own status, each
request on a new connection so both worker processes take a share. Every message must be applied
exactly once (each reply names a different next item; the stored progress holds every mark) and each
client's messages in the order it sent them. Slow but bounded (two workers start, ~13 requests): it runs
once, on PostgreSQL when CI provides it (the multi-host setup), else on SQLite.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from bot.core.stores.sessions import SessionStore
from knowledge.rules import default_rules
from tests.support.databases import TEST_DATABASE_URL, empty_database
from tests.support.processes import copy_index, pilotbot_env, serving

pytestmark = pytest.mark.slow
SESSION = "hammered-session-0001"
STATUSES = ("done", "planned", "na")  # one per client
MESSAGES_PER_CLIENT = 4
ITEM = re.compile(r"^(必选项|创新项)第(\d+)项")


def walk_order() -> list[str]:
    """The enterprise items in the order the 申报清单 walks them (lost items are skipped)."""
    kind = default_rules().type("enterprise")
    return [
        f"{group}.{item.number}"
        for group, items in (("mandatory", kind.mandatory.items), ("innovation", kind.innovation.items))
        for item in items
        if not item.missing
    ]


def next_item(reply: dict) -> str | None:
    """The item the walk asks about next, from the text of the last reply."""
    match = ITEM.match(reply["replies"][-1]["text"])
    if not match:
        return None
    return ("mandatory." if match.group(1) == "必选项" else "innovation.") + match.group(2)


def chat(base: str, message: dict) -> dict:
    # A new connection per request, so uvicorn's workers share the load.
    response = httpx.post(f"{base}/api/chat", json={"session": SESSION, "message": message}, timeout=60)
    response.raise_for_status()
    return response.json()


@pytest.fixture
def one_database(tmp_path: Path) -> str:
    if TEST_DATABASE_URL:
        empty_database(TEST_DATABASE_URL)
        return TEST_DATABASE_URL
    return f"sqlite:///{tmp_path / 'pilotbot.db'}"


def test_serve_workers_apply_each_message_once_and_in_order(one_database: str, index_settings, tmp_path: Path) -> None:
    order = walk_order()
    assert len(order) > len(STATUSES) * MESSAGES_PER_CLIENT
    env = pilotbot_env(copy_index(index_settings.data_dir, tmp_path / "data"), one_database)
    with serving("--workers", "2", env=env, cwd=tmp_path) as server:
        opened = chat(server.base, {"kind": "command", "value": "items", "text": "企业"})
        assert next_item(opened) == order[0]

        def client(number: int) -> list[str | None]:
            mark = {"kind": "choice", "value": STATUSES[number]}
            return [next_item(chat(server.base, mark)) for _ in range(MESSAGES_PER_CLIENT)]

        with ThreadPoolExecutor(max_workers=len(STATUSES)) as pool:
            asked = list(pool.map(client, range(len(STATUSES))))

    marks = len(STATUSES) * MESSAGES_PER_CLIENT
    named = [item for items in asked for item in items]
    assert sorted(named, key=order.index) == order[1 : marks + 1], "each message moved the walk exactly one step"
    for items in asked:
        assert items == sorted(items, key=order.index), "a client's messages were applied in the order sent"
    progress = SessionStore(one_database).load("web", SESSION).data["progress"]["enterprise"]
    assert sorted(progress, key=order.index) == order[:marks]
    for status, items in zip(STATUSES, asked, strict=True):
        marked = [order[order.index(item) - 1] for item in items]  # each reply names the item after the one marked
        assert [progress[key] for key in marked] == [status] * MESSAGES_PER_CLIENT
