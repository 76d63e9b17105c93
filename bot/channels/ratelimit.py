"""Per-user message rate limit for chat channels (e.g. 20 messages a minute per openid / Telegram id)."""

from __future__ import annotations

import threading
import time
from collections import deque

TOO_MANY = "您发送消息太频繁了，请稍后再试。您的对话进度已保留。"


class UserRateLimiter:
    """Sliding one-minute window per user. A refused message never reaches the dialog, so the
    session is untouched; the user gets :data:`TOO_MANY` instead of silence."""

    def __init__(self, per_minute: int = 20, clock=time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        if self.per_minute <= 0:
            return True
        now = self._clock()
        with self._lock:
            window = self._seen.setdefault(key, deque())
            while window and now - window[0] >= 60:
                window.popleft()
            if len(window) >= self.per_minute:
                return False
            window.append(now)
            return True
