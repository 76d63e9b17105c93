"""Protecting the server: body size (before reading it whole), per-client rate limit, JSON errors."""

from __future__ import annotations

import json
import math
import threading
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY = 5 * 1024 * 1024


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
    """413 for bodies over the limit, without reading them whole.

    A declared Content-Length over the limit is refused at once. A body without one (chunked) is
    buffered only up to the limit: once it passes it, the request is refused and the rest never read.
    """

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            if declared.isdigit() and int(declared) > self.limit:
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
                return await self._reject(send)
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            return buffered.pop(0) if buffered else await receive()

        await self.app(scope, replay, send)

    async def _reject(self, send: Send) -> None:
        await send_json(send, 413, {"error": "请求体超过5MB", "detail": {"limit_bytes": self.limit}})


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
