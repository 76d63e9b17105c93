"""A time budget per request: past it, the client gets a JSON error and the server stops waiting.

Work that runs in a thread cannot be killed; it is abandoned (its late answer is dropped) and finishes
on its own, while the event loop and the connection are free again. Bounding what one request may cost
is the job of the code doing the work; this is the backstop that keeps a worker from hanging on it.
"""

from __future__ import annotations

import asyncio
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.channels.http.limits import send_json

log = logging.getLogger("pilotbot.http")


class TimeBudget:
    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app, self.seconds = app, seconds
        self._abandoned: set[asyncio.Task] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.seconds <= 0:
            return await self.app(scope, receive, send)
        started = expired = False

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if expired:  # the client has had its answer; the late one goes nowhere
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        task = asyncio.create_task(self.app(scope, receive, guarded_send))
        done, _ = await asyncio.wait({task}, timeout=self.seconds)
        if task in done or started:
            return await task
        expired = True
        task.cancel()  # an awaiting route stops now; a thread runs to its end and is ignored
        self._abandoned.add(task)
        task.add_done_callback(self._forget)
        log.warning("request to %s exceeded its %g s budget", scope.get("path"), self.seconds)
        payload = {"error": "处理超时，请稍后再试或缩短内容", "detail": {"budget_seconds": self.seconds}}
        await send_json(send, 504, payload)

    def _forget(self, task: asyncio.Task) -> None:
        self._abandoned.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("abandoned request failed: %s", type(task.exception()).__name__)
