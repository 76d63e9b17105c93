"""Bringing the Telegram webhook up without betting the server on it.

From mainland China Telegram's API is often unreachable. ``pilotbot serve`` must keep serving the web,
the API and WeChat meanwhile, so the Application is started in the background: each failed attempt is
logged and retried with exponential backoff (plus jitter), and ``/readyz`` shows where it stands.
"""

from __future__ import annotations

import asyncio
import logging
import random
from enum import StrEnum

from telegram.error import InvalidToken
from telegram.ext import Application

from bot.channels.telegram.bot import register_commands

log = logging.getLogger("pilotbot.telegram")


class LinkState(StrEnum):
    CONNECTING = "connecting"  # the first attempt is under way
    RETRYING = "retrying"  # an attempt failed; the next one is scheduled
    UP = "up"  # Telegram answered; updates are processed
    FAILED = "failed"  # Telegram refused the token: retrying cannot help


class TelegramLink:
    """Starts ``application`` (getMe, command menu, update processing) and keeps trying until it is up."""

    def __init__(self, application: Application, *, first_delay: float = 2.0, max_delay: float = 300.0) -> None:
        self.application = application
        self.first_delay, self.max_delay = first_delay, max_delay
        self.state = LinkState.CONNECTING
        self.attempts = 0
        self.last_error: str | None = None
        self._task: asyncio.Task | None = None

    @property
    def up(self) -> bool:
        return self.state is LinkState.UP

    def start(self) -> None:
        self._task = asyncio.create_task(self._connect(), name="telegram-link")

    async def _connect(self) -> None:
        delay = self.first_delay
        while True:
            self.attempts += 1
            try:
                await self.application.initialize()
                await register_commands(self.application)
                await self.application.start()
            except InvalidToken as exc:
                self._failed(exc)
                return
            except Exception as exc:  # unreachable, timed out, rate limited: all worth another try
                self.state, self.last_error = LinkState.RETRYING, type(exc).__name__
                wait = delay * random.uniform(0.8, 1.2)
                log.warning(
                    "Telegram unreachable (attempt %d: %s: %s); retrying in %.0f s",
                    self.attempts,
                    type(exc).__name__,
                    exc,
                    wait,
                )
                await asyncio.sleep(wait)
                delay = min(delay * 2, self.max_delay)
                continue
            self.state, self.last_error = LinkState.UP, None
            log.info("Telegram webhook channel is up (attempt %d)", self.attempts)
            return

    def _failed(self, exc: Exception) -> None:
        self.state, self.last_error = LinkState.FAILED, type(exc).__name__
        log.error("Telegram rejected PILOTBOT_TELEGRAM_TOKEN (%s); the Telegram channel stays off", exc)

    async def stop(self) -> None:
        """Stop trying, and stop the Application if it came up."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()

    def status(self) -> dict:
        return {"state": str(self.state), "attempts": self.attempts, "last_error": self.last_error}
