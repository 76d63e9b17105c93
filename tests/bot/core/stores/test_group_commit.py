"""Concurrent writes share a commit, and each caller still gets its own row (real SQLite, real threads)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, event, func, insert, select

from bot.core.stores.database import make_engine
from bot.core.stores.group_commit import GroupCommit
from bot.core.stores.questions import QuestionLog

notes = Table("notes", MetaData(), Column("id", Integer, primary_key=True), Column("text", String, nullable=False))


@pytest.fixture
def engine(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'g.db'}")
    notes.metadata.create_all(engine)
    return engine


def _note(text: str):
    return lambda conn: conn.execute(insert(notes).values(text=text)).inserted_primary_key[0]


def _wait_until(condition) -> None:
    deadline = time.monotonic() + 5
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.001)


def test_writes_queued_while_one_commits_are_committed_together(engine) -> None:
    writes = GroupCommit(engine)
    commits: list[int] = []
    event.listen(engine, "commit", lambda conn: commits.append(1))
    release = threading.Event()

    def slow(conn):
        release.wait(5)
        return _note("first")(conn)

    with ThreadPoolExecutor(3) as pool:
        first = pool.submit(writes.write, slow)
        _wait_until(lambda: writes._leader.locked())
        later = [pool.submit(writes.write, _note(t)) for t in ("second", "third")]
        _wait_until(lambda: len(writes._queued) == 2)
        release.set()
        ids = [first.result(5), *(f.result(5) for f in later)]
    assert len(commits) == 2  # three writes, two transactions
    with engine.connect() as conn:
        stored = dict(conn.execute(select(notes.c.id, notes.c.text)).all())
    assert [stored[i] for i in ids] == ["first", "second", "third"]


def test_a_failed_transaction_fails_each_write_in_it_and_the_next_write_goes_through(engine) -> None:
    writes = GroupCommit(engine)

    def broken(conn):
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        writes.write(broken)
    assert writes.write(_note("after")) == 1
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(notes)).scalar() == 1


def test_sixteen_answers_logged_at_once_each_get_their_own_row(tmp_path: Path) -> None:
    log = QuestionLog(f"sqlite:///{tmp_path / 'q.db'}")

    def record(n: int) -> tuple[int, str]:
        question = f"问题{n}"
        return log.record(
            channel="web", user_hash="u", question=question, answer="答", refused=False, mode="rules", citations=[]
        ), question

    with ThreadPoolExecutor(16) as pool:
        recorded = list(pool.map(record, range(64)))
    assert len({question_id for question_id, _ in recorded}) == 64
    assert all(log.get(question_id).question == question for question_id, question in recorded)
