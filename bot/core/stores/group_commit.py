"""Writes from many threads committed together: one transaction for every write waiting at that moment.

Each answer logs its question. With one transaction per write, sixteen concurrent answers make sixteen
writers queue for SQLite's single write lock, and a writer that finds it taken sleeps in SQLite's busy
back-off (up to 100 ms a nap) although the lock is free again within a millisecond. Here the first
thread to arrive becomes the leader: it takes every write queued so far and commits them in one
transaction, while the others wait for it on a plain lock and find their write already done. Nothing is
written later than its caller returns, so a caller still gets its row's id, and a failed transaction
fails every write in it (to each of their callers).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from sqlalchemy import Connection, Engine

T = TypeVar("T")


class _Write(Generic[T]):
    __slots__ = ("done", "error", "result", "work")

    def __init__(self, work: Callable[[Connection], T]) -> None:
        self.work = work
        self.done = False
        self.result: T | None = None
        self.error: BaseException | None = None


class GroupCommit:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._queued: list[_Write] = []
        self._queue_lock = threading.Lock()
        self._leader = threading.Lock()

    def write(self, work: Callable[[Connection], T]) -> T:
        """Run ``work`` in a transaction shared with the writes queued beside it; its result once committed."""
        mine = _Write(work)
        with self._queue_lock:
            self._queued.append(mine)
        with self._leader:
            if not mine.done:
                self._commit_queued()
        if mine.error is not None:
            raise mine.error
        return mine.result  # type: ignore[return-value]

    def _commit_queued(self) -> None:
        with self._queue_lock:
            batch, self._queued = self._queued, []
        try:
            with self.engine.begin() as conn:
                for write in batch:
                    write.result = write.work(conn)
        except BaseException as error:  # handed to every caller of the batch
            for write in batch:
                write.error = error
        finally:
            for write in batch:
                write.done = True
