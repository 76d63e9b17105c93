"""How pilotbot opens its databases."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import text

from bot.core.stores.database import make_engine
from bot.core.stores.questions import QuestionLog


def test_a_sqlite_file_is_opened_with_write_ahead_logging(tmp_path: Path) -> None:
    """Readers never wait for the question log's writers, and a commit does not sync the disk twice."""
    engine = make_engine(f"sqlite:///{tmp_path / 'pilotbot.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL


def test_many_threads_log_questions_at_once_and_none_is_lost(tmp_path: Path) -> None:
    log = QuestionLog(f"sqlite:///{tmp_path / 'log.db'}")

    def record(n: int) -> None:
        for i in range(20):
            log.record(
                channel="http",
                user_hash=f"u{n}",
                question=f"问题{n}-{i}",
                answer="答",
                refused=False,
                mode="rules",
                citations=[],
            )

    threads = [threading.Thread(target=record, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(log.recent()) == 160


def test_processes_creating_one_new_database_at_once_stamp_it_once(tmp_path: Path) -> None:
    """Two uvicorn workers starting on a new SQLite file: neither fails, and the schema is stamped once."""
    import subprocess
    import sys
    import time

    url = f"sqlite:///{tmp_path / 'new.db'}"
    go = time.time() + 8  # every process imported and waiting, then all at once
    start = (
        "import time; from bot.core.stores.questions import QuestionLog; "
        f"time.sleep(max(0, {go} - time.time())); QuestionLog({url!r})"
    )
    workers = [subprocess.Popen([sys.executable, "-c", start], stderr=subprocess.PIPE) for _ in range(4)]
    errors = [w.communicate(timeout=120)[1].decode() for w in workers]
    assert all(w.returncode == 0 for w in workers), errors
    with make_engine(url).connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
