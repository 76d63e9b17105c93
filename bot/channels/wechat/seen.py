"""Which WeChat deliveries we have seen, shared by every worker through the database.

WeChat retries a message three times when it gets no answer within 5 s, and an attacker may
replay a captured request: each message (by MsgId, or sender + time for events) and each
(timestamp, nonce) is claimed once, and the passive reply is kept to answer retries with.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Column, DateTime, String, Table, Text, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from bot.core.stores.database import ensure_schema, make_engine, metadata

seen_table = Table(
    "pilotbot_wechat_seen",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("status", String(16), nullable=False),  # processing | replied | delegated | nonce
    Column("value", Text, nullable=False),  # the passive reply, or for a nonce the message key it carried
    Column("created_at", DateTime(timezone=True), nullable=False),
)


class SeenStore:
    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        ensure_schema(self.engine, metadata)

    def claim(self, key: str, status: str, value: str = "") -> bool:
        """True if this is the first time ``key`` is seen (and it is now recorded)."""
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    insert(seen_table).values(key=key, status=status, value=value, created_at=datetime.now(UTC))
                )
        except IntegrityError:
            return False
        return True

    def get(self, key: str) -> tuple[str, str] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(seen_table.c.status, seen_table.c.value).where(seen_table.c.key == key)).first()
        return (row.status, row.value) if row else None

    def prune(self, older_than: timedelta = timedelta(days=1)) -> int:
        """Forget deliveries WeChat can no longer retry (it stops after a minute; a day is generous)."""
        with self.engine.begin() as conn:
            result = conn.execute(delete(seen_table).where(seen_table.c.created_at < datetime.now(UTC) - older_than))
        return result.rowcount

    def set(self, key: str, status: str, value: str = "") -> None:
        with self.engine.begin() as conn:
            conn.execute(update(seen_table).where(seen_table.c.key == key).values(status=status, value=value))
