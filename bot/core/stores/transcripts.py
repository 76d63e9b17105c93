"""What a web chat session showed, so a reload restores the conversation from the server.

Kept per hashed session id, dropped when the user resets and after the same retention as
generated documents.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Column, DateTime, Integer, String, Table, Text, delete, insert, select

from bot.core.stores.clock import as_utc
from bot.core.stores.database import ensure_schema, make_engine, metadata

MAX_ENTRIES = 400
transcripts_table = Table(
    "pilotbot_transcripts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("channel", String(32), nullable=False),
    Column("user_hash", String(16), nullable=False, index=True),
    Column("role", String(8), nullable=False),  # "user" or "bot"
    Column("body", Text, nullable=False),  # JSON: {"text"} for the user, the published reply for the bot
    Column("created_at", DateTime(timezone=True), nullable=False),
)


@dataclass(frozen=True)
class TranscriptEntry:
    role: str
    body: dict
    created_at: datetime


class TranscriptStore:
    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        ensure_schema(self.engine, metadata)

    def append(self, channel: str, user_hash: str, entries: list[tuple[str, dict]]) -> None:
        if not entries:
            return
        now = datetime.now(UTC)
        rows = [
            {
                "channel": channel,
                "user_hash": user_hash,
                "role": role,
                "body": json.dumps(body, ensure_ascii=False),
                "created_at": now,
            }
            for role, body in entries
        ]
        with self.engine.begin() as conn:
            conn.execute(insert(transcripts_table), rows)

    def history(self, channel: str, user_hash: str, limit: int = MAX_ENTRIES) -> list[TranscriptEntry]:
        """The last ``limit`` entries of a session, oldest first."""
        query = (
            select(transcripts_table)
            .where(transcripts_table.c.channel == channel, transcripts_table.c.user_hash == user_hash)
            .order_by(transcripts_table.c.id.desc())
            .limit(limit)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [TranscriptEntry(r.role, json.loads(r.body), as_utc(r.created_at)) for r in reversed(rows)]

    def forget(self, channel: str, user_hash: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                delete(transcripts_table).where(
                    transcripts_table.c.channel == channel, transcripts_table.c.user_hash == user_hash
                )
            )

    def prune(self, older_than: timedelta = timedelta(days=30)) -> int:
        with self.engine.begin() as conn:
            cutoff = datetime.now(UTC) - older_than
            return conn.execute(delete(transcripts_table).where(transcripts_table.c.created_at < cutoff)).rowcount
