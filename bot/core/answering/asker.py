"""Who is asking: the channel and hashed user of the message being handled, for the questions log.

The answerer's ``ask(question)`` takes no user on purpose (it answers the text alone); the dialog
sets this context around each message so the log can still say which channel a question came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from bot.core.stores.questions import hash_user

DIRECT = "api"  # questions asked outside any dialog: POST /api/ask and `pilotbot ask`


@dataclass
class Asker:
    channel: str
    user_hash: str
    logged: list[tuple[int, str]] = field(default_factory=list)  # (question id, answer text) while handling

    def question_id_for(self, text: str) -> int | None:
        """The logged question whose answer is this reply's text (replies may add to it, never drop it)."""
        for question_id, answer in reversed(self.logged):
            if answer and answer in text:
                return question_id
        return None


_current: ContextVar[Asker | None] = ContextVar("pilotbot_asker", default=None)


def current_asker() -> Asker:
    return _current.get() or Asker(DIRECT, "")


@contextmanager
def asking(channel: str, user_id: str) -> Iterator[Asker]:
    """Mark everything answered inside as asked by this user on this channel (nesting reuses the outer one)."""
    user = hash_user(channel, user_id)
    outer = _current.get()
    if outer is not None and (outer.channel, outer.user_hash) == (channel, user):
        yield outer
        return
    token = _current.set(Asker(channel, user))
    try:
        yield _current.get()  # type: ignore[misc]
    finally:
        _current.reset(token)
