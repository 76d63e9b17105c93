"""Documents and staff reviews share the session database: SQLite always, PostgreSQL when configured."""

from __future__ import annotations

import pytest

from bot.core.dialog.messages import Document
from bot.core.stores.documents import DocumentStore
from bot.core.stores.reviews import ReviewStore


@pytest.fixture
def url(database_url: str) -> str:
    return database_url


def test_documents_round_trip_by_unguessable_id(url: str) -> None:
    store = DocumentStore(url)
    doc_id = store.put(Document("方案.docx", "application/x", b"PK\x03\x04data"))
    assert len(doc_id) >= 32
    assert store.get(doc_id) == Document("方案.docx", "application/x", b"PK\x03\x04data")
    assert DocumentStore(url).get(doc_id) is not None  # any worker can serve it
    assert store.get("missing") is None


def test_reviews_keep_reports_status_and_comments(url: str) -> None:
    store = ReviewStore(url)
    record = store.add(filename="a.md", type_id="town", district="闵行区", report={"ok": False, "chars": 10})
    assert (record.status, record.comment, record.report) == ("待审核", "", {"ok": False, "chars": 10})
    updated = store.annotate(record.id, status="待修改", comment="补充进度安排")
    assert (updated.status, updated.comment) == ("待修改", "补充进度安排")
    assert record.id in [r.id for r in store.all()]
    assert store.annotate(10**9, status="通过", comment=None) is None


def test_documents_past_retention_are_pruned(url: str) -> None:
    from datetime import timedelta

    store = DocumentStore(url)
    doc_id = store.put(Document("a.md", "text/markdown", b"x"))
    store.prune(older_than=timedelta(days=30))
    assert store.get(doc_id) is not None
    store.prune(older_than=timedelta(seconds=-1))
    assert store.get(doc_id) is None
