"""Blocking work (the dialog core, answering, plan checks) off the event loop, in threads nobody waits for.

A thread cannot be stopped. asyncio's and anyio's worker threads are waited for — at each cancellation
(anyio shields it) and at exit — so one slow request would hold a time-budgeted request, or a server
told to stop, until it ends. Here each call runs in a daemon thread: cancelling the caller stops the wait
at once, the thread finishes (or dies with the process) on its own, and its result is dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import threading
import weakref
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")
MAX_THREADS = 32  # blocking calls awaited at once per worker process; more wait their turn
_slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = weakref.WeakKeyDictionary()


async def run_blocking(func: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``func(*args, **kwargs)`` in a daemon thread; cancellable while it runs."""
    loop = asyncio.get_running_loop()
    slots = _slots.setdefault(loop, asyncio.Semaphore(MAX_THREADS))
    async with slots:
        future: asyncio.Future[T] = loop.create_future()
        call = functools.partial(func, *args, **kwargs)

        def settle(outcome: Callable[[], None]) -> None:
            if not future.done():
                outcome()

        def work() -> None:
            try:
                result = call()
            except BaseException as exc:  # handed to the awaiting request, which decides
                deliver = functools.partial(settle, functools.partial(future.set_exception, exc))
            else:
                deliver = functools.partial(settle, functools.partial(future.set_result, result))
            with contextlib.suppress(RuntimeError):  # a closed loop: the server has stopped, nobody waits
                loop.call_soon_threadsafe(deliver)

        threading.Thread(target=work, name="pilotbot-blocking", daemon=True).start()
        return await future
