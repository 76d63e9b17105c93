"""Protecting the server: body size (before reading it whole), per-client rate limit, JSON errors."""

from __future__ import annotations

import json
import math
import threading
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY = 5 * 1024 * 1024
MAX_DISCARD = 50 * 1024 * 1024  # how much of an over-limit body is read and dropped so the 413 arrives


async def send_json(send: Send, status: int, payload: dict, headers: list[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps(payload, ensure_ascii=False).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """413 for bodies over the limit, without keeping them.

    A declared Content-Length over the limit is refused before anything is buffered; a body without one
    (chunked) is buffered only up to the limit. Either way the rest of the body is then read and thrown
    away (up to ``discard`` bytes) before the 413 goes out and the connection is closed: a client that
    sends its whole body before reading (Python's urllib, browsers' fetch) would otherwise see the
    connection reset instead of the answer. A client that asked ``Expect: 100-continue`` is answered at
    once, and never sends the body.
    """

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY, discard: int = MAX_DISCARD) -> None:
        self.app, self.limit, self.discard = app, limit, discard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length")
        waits_for_continue = headers.get(b"expect", b"").lower() == b"100-continue"
        if declared is not None:
            if declared.isdigit() and int(declared) > self.limit:
                if not waits_for_continue and int(declared) <= self.limit + self.discard:
                    await self._discard(receive, 0)
                return await self._reject(send)
            return await self.app(scope, receive, send)
        buffered: list[Message] = []
        size = 0
        while True:
            message = await receive()
            buffered.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.limit:
                if message.get("more_body", False):
                    await self._discard(receive, size)
                return await self._reject(send)
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            return buffered.pop(0) if buffered else await receive()

        await self.app(scope, replay, send)

    async def _discard(self, receive: Receive, size: int) -> None:
        """Read the rest of the body into nothing, up to ``limit + discard`` bytes in all."""
        while size <= self.limit + self.discard:
            message = await receive()
            if message["type"] != "http.request" or not message.get("more_body", False):
                return
            size += len(message.get("body", b""))

    async def _reject(self, send: Send) -> None:
        payload = {"error": "请求体超过5MB", "detail": {"limit_bytes": self.limit}}
        await send_json(send, 413, payload, [(b"connection", b"close")])


class RateLimit:
    """Token bucket per client address on ``/api``: ``per_minute`` requests, bursts up to the same number.

    Counters live in each worker; with N workers a client gets at most N × the limit. They are
    throttling state, not user state, and are lost harmlessly on restart.
    """

    def __init__(self, app: ASGIApp, per_minute: int) -> None:
        self.app, self.per_minute = app, per_minute
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def _take(self, client: str) -> float:
        """0 if allowed, else seconds until a token is available."""
        now = time.monotonic()
        rate = self.per_minute / 60.0
        with self._lock:
            tokens, last = self._buckets.get(client, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - last) * rate)
            if tokens >= 1:
                self._buckets[client] = (tokens - 1, now)
                return 0.0
            self._buckets[client] = (tokens, now)
            return (1 - tokens) / rate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.per_minute <= 0 or not scope["path"].startswith("/api/"):
            return await self.app(scope, receive, send)
        client = (scope.get("client") or ("unknown", 0))[0]
        wait = self._take(client)
        if wait:
            retry = str(math.ceil(wait)).encode()
            payload = {"error": "请求过于频繁，请稍后再试", "detail": {"retry_after": int(retry)}}
            return await send_json(send, 429, payload, [(b"retry-after", retry)])
        await self.app(scope, receive, send)
