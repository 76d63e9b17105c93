"""The questions log (with feedback), curated answers and web transcripts: SQLite always, PostgreSQL when set."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from bot.core.stores.curated import CuratedStore
from bot.core.stores.questions import QuestionLog, hash_user
from bot.core.stores.reviews import ReviewStore
from bot.core.stores.transcripts import TranscriptStore

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("PILOTBOT_TEST_DATABASE_URL") else [])


@pytest.fixture(params=BACKENDS)
def url(request, tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'x.db'}" if request.param == "sqlite" else os.environ["PILOTBOT_TEST_DATABASE_URL"]


def test_a_logged_question_keeps_no_raw_user_id_and_takes_one_vote(url: str) -> None:
    log = QuestionLog(url)
    user = hash_user("telegram", "123456789")
    assert "123456789" not in user and len(user) == 12
    vector = np.linspace(0, 1, 8, dtype=np.float32)
    qid = log.record(
        channel="telegram",
        user_hash=user,
        question="材料交几份",
        answer="一式三份",
        refused=False,
        mode="rules",
        citations=["plan.4.1"],
        applicant_type=None,
        embedding=vector,
    )
    stored = log.get(qid)
    assert (stored.channel, stored.user_hash, stored.citations, stored.vote) == ("telegram", user, ["plan.4.1"], None)
    assert np.allclose(stored.embedding, vector)
    log.vote(qid, vote=-1, comment="没说交到哪里")
    log.vote(qid, vote=-1, comment="没说交到哪里（补充）")  # voting again replaces, never duplicates
    assert (log.get(qid).vote, log.get(qid).comment) == (-1, "没说交到哪里（补充）")
    assert [q.id for q in log.recent(since=datetime.now(UTC) - timedelta(minutes=5)) if q.id == qid] == [qid]
    assert qid not in [q.id for q in log.recent(until=datetime.now(UTC) - timedelta(days=1))]


def test_curated_answers_are_listed_edited_and_removed(url: str) -> None:
    store = CuratedStore(url)
    entry = store.add(
        questions=["材料交几份", "申报材料需要几份"],
        embeddings=np.eye(2, 4),
        text="一式三份。",
        clause_ids=["plan.4.1"],
    )
    assert entry.embeddings.shape == (2, 4) and entry.questions[1] == "申报材料需要几份"
    assert entry.id in [e.id for e in store.all()]
    edited = store.update(entry.id, text="一式三份，纸质版。", clause_ids=["plan.4.1", "form.type"])
    assert (edited.text, edited.clause_ids, edited.questions) == (
        "一式三份，纸质版。",
        ["plan.4.1", "form.type"],
        entry.questions,
    )
    assert store.delete(entry.id) and store.get(entry.id) is None and not store.delete(entry.id)


def test_transcripts_restore_in_order_and_are_forgotten(url: str) -> None:
    store = TranscriptStore(url)
    user = hash_user("web", f"session-{os.getpid()}-{datetime.now().timestamp()}")
    store.append("web", user, [("user", {"text": "起草"}), ("bot", {"text": "请选择类型"})])
    store.append("web", user, [("user", {"text": "楼宇"})])
    assert [(e.role, e.body["text"]) for e in store.history("web", user)] == [
        ("user", "起草"),
        ("bot", "请选择类型"),
        ("user", "楼宇"),
    ]
    assert store.history("telegram", user) == []
    store.forget("web", user)
    assert store.history("web", user) == []


def test_the_same_file_type_and_district_finds_the_earlier_review(url: str) -> None:
    store = ReviewStore(url)
    digest = f"{os.getpid():x}{datetime.now().timestamp()}".ljust(64, "0")[:64]
    first = store.add(filename="a.md", type_id="town", district="闵行区", report={"ok": True}, digest=digest)
    assert store.find(digest=digest, type_id="town", district="闵行区").id == first.id
    assert store.find(digest=digest, type_id="park", district="闵行区") is None
    assert store.delete(first.id) and store.find(digest=digest, type_id="town", district="闵行区") is None
