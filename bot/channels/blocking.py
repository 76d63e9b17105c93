"""Blocking work (the dialog core, answering, plan checks) off the event loop, in threads nobody waits for.

A thread cannot be stopped. asyncio's and anyio's worker threads are waited for — at each cancellation
(anyio shields it) and at exit — so one slow request would hold a time-budgeted request, or a server
told to stop, until it ends. Here the work runs in a fixed pool of daemon threads: cancelling the caller
stops the wait at once, the work finishes (or dies with the process) on its own, and its result is
dropped. The threads live as long as the process, so per-thread state (database connections, tokenizer
and model sessions) is made once per thread, not once per request.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import queue
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")
MAX_THREADS = 32  # per worker process; more calls than that wait in the queue


class DaemonPool:
    def __init__(self, size: int = MAX_THREADS) -> None:
        self.size = size
        self._jobs: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._threads = 0
        self._idle = 0
        self._lock = threading.Lock()

    def submit(self, job: Callable[[], None]) -> None:
        with self._lock:
            if self._idle == 0 and self._threads < self.size:
                self._threads += 1
                threading.Thread(target=self._work, name=f"pilotbot-blocking-{self._threads}", daemon=True).start()
            else:
                self._idle -= 1  # this job is taken by a waiting thread
        self._jobs.put(job)

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            job()
            with self._lock:
                self._idle += 1


_pool = DaemonPool()


async def run_blocking(func: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``func(*args, **kwargs)`` in a daemon thread; cancellable while it runs."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()
    call = functools.partial(func, *args, **kwargs)

    def settle(outcome: Callable[[], None]) -> None:
        if not future.done():  # a cancelled caller has gone: nothing to hand the result to
            outcome()

    def job() -> None:
        try:
            result = call()
        except BaseException as exc:  # handed to the awaiting caller, which decides
            deliver = functools.partial(settle, functools.partial(future.set_exception, exc))
        else:
            deliver = functools.partial(settle, functools.partial(future.set_result, result))
        with contextlib.suppress(RuntimeError):  # a closed loop: the server has stopped, nobody waits
            loop.call_soon_threadsafe(deliver)

    _pool.submit(job)
    return await future
