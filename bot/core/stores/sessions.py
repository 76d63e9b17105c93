"""Dialog state per (channel, user) in SQL — SQLite by default, PostgreSQL by URL, unchanged.

Every update is a compare-and-swap on a version number, so two messages from the same user
handled at once (two workers, two hosts) never interleave: the loser re-runs on fresh state.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from bot.core.stores.database import ensure_schema, make_engine, metadata

T = TypeVar("T")
log = logging.getLogger(__name__)
MAX_RETRIES = 20

sessions_table = Table(
    "pilotbot_sessions",
    metadata,
    Column("channel", String(32), primary_key=True),
    Column("user_id", String(128), primary_key=True),
    Column("data", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


SESSION_SCHEMA = 2  # 1: state/flow/data (first release); 2: data["memory"] holds the conversation memory


@dataclass
class Session:
    """What the dialog remembers about one user; ``data`` must stay JSON-serialisable.

    Sessions carry their schema version; one written by an older release (or damaged) is read as far as
    it goes and never turns a user's next message into an error.
    """

    state: str = "idle"
    flow: dict[str, Any] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        payload = {"schema": SESSION_SCHEMA, "state": self.state, "flow": self.flow, "data": self.data}
        return json.dumps(payload, ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str) -> Session:
        try:
            parsed = json.loads(raw)
        except (TypeError, ValueError):
            log.warning("unreadable session replaced by a new one")
            return cls()
        if not isinstance(parsed, dict):
            return cls()
        state, flow, data = parsed.get("state", "idle"), parsed.get("flow", {}), parsed.get("data", {})
        if not isinstance(state, str) or not isinstance(flow, dict) or not isinstance(data, dict):
            return cls()
        return cls(state, flow, data)


class ConcurrentUpdate(RuntimeError):
    """The same session kept changing under us; nothing was written."""


class SessionStore:
    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        ensure_schema(self.engine, metadata)
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self._locks_guard = threading.Lock()

    def _lock(self, key: tuple[str, str]) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(key, threading.Lock())

    def load(self, channel: str, user_id: str) -> Session:
        with self.engine.connect() as conn:
            row = conn.execute(select(sessions_table.c.data).where(*self._where(channel, user_id))).first()
        return Session.from_json(row.data) if row else Session()

    def transact(self, channel: str, user_id: str, change: Callable[[Session], T]) -> T:
        """Apply ``change`` to the stored session and save it atomically; ``change`` may run more than once."""
        with self._lock((channel, user_id)):
            for _ in range(MAX_RETRIES):
                with self.engine.begin() as conn:
                    row = conn.execute(
                        select(sessions_table.c.data, sessions_table.c.version).where(*self._where(channel, user_id))
                    ).first()
                session = Session.from_json(row.data) if row else Session()
                result = change(session)
                if self._save(channel, user_id, session, row.version if row else None):
                    return result
        raise ConcurrentUpdate(f"session {channel}/{user_id} changed {MAX_RETRIES} times while being updated")

    def _save(self, channel: str, user_id: str, session: Session, version: int | None) -> bool:
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            if version is None:
                try:
                    conn.execute(
                        insert(sessions_table).values(
                            channel=channel, user_id=user_id, data=session.to_json(), version=1, updated_at=now
                        )
                    )
                except IntegrityError:
                    return False
                return True
            result = conn.execute(
                update(sessions_table)
                .where(*self._where(channel, user_id), sessions_table.c.version == version)
                .values(data=session.to_json(), version=version + 1, updated_at=now)
            )
            return result.rowcount == 1

    def delete(self, channel: str, user_id: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(sessions_table).where(*self._where(channel, user_id)))

    def ping(self) -> bool:
        with self.engine.connect() as conn:
            conn.execute(select(1))
        return True

    @staticmethod
    def _where(channel: str, user_id: str):
        return sessions_table.c.channel == channel, sessions_table.c.user_id == user_id
