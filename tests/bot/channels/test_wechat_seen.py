"""WeChat's dedup store, shared by every worker through the database: SQLite always, PostgreSQL when configured."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from bot.channels.wechat.seen import SeenStore
from tests.support.databases import give_each_store_its_own_engine


def test_a_delivery_is_claimed_once_across_workers(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    give_each_store_its_own_engine(monkeypatch)
    workers = [SeenStore(database_url) for _ in range(4)]
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            claims = list(pool.map(lambda w: w.claim("msg:987654", "processing"), workers * 3))
        assert claims.count(True) == 1
        assert workers[3].get("msg:987654") == ("processing", "")
    finally:
        for w in workers:
            w.engine.dispose()


def test_the_passive_reply_is_kept_for_retries(database_url: str) -> None:
    store = SeenStore(database_url)
    assert store.get("msg:1") is None
    assert store.claim("msg:1", "processing")
    store.set("msg:1", "replied", "<xml>已缓存的回复</xml>")
    assert SeenStore(database_url).get("msg:1") == ("replied", "<xml>已缓存的回复</xml>")


def test_records_past_retention_are_pruned(database_url: str) -> None:
    store = SeenStore(database_url)
    store.claim("nonce:1:a", "nonce", "msg:1")
    assert store.prune(older_than=timedelta(days=1)) == 0 and store.get("nonce:1:a") is not None
    assert store.prune(older_than=timedelta(seconds=-1)) == 1
    assert store.get("nonce:1:a") is None and store.claim("nonce:1:a", "nonce", "msg:1")
