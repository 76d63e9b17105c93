"""Replies waiting for the user's next message, when WeChat gives no other way to deliver them.

A passive reply must be sent within 5 s and only the customer-service API (which needs the AppSecret)
can push later. Without it, or when a push fails, a slow result is kept here — in the database, so
whichever worker gets the user's next message delivers it — and goes out as the passive reply to that
message. A row is opened when the result is late and filled when it is ready, so results go out in the
order their messages came in.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Column, DateTime, Integer, String, Table, Text, delete, insert, select, update

from bot.core.stores.database import ensure_schema, make_engine, metadata

STALE = timedelta(minutes=10)
pending_table = Table(
    "pilotbot_wechat_pending",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("openid", String(128), nullable=False, index=True),
    Column("ready", Integer, nullable=False),  # 0 while the reply is being generated, 1 once it is here
    Column("content", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


class PendingReplies:
    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        ensure_schema(self.engine, metadata)

    def open(self, openid: str) -> int:
        """Reserve the place of a reply that is still being generated."""
        with self.engine.begin() as conn:
            result = conn.execute(
                insert(pending_table).values(openid=openid, ready=0, content="", created_at=datetime.now(UTC))
            )
        return int(result.inserted_primary_key[0])

    def fill(self, pending_id: int, content: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(pending_table).where(pending_table.c.id == pending_id).values(ready=1, content=content))

    def keep(self, openid: str, content: str) -> None:
        """Keep a reply that is already complete (a push that failed)."""
        self.fill(self.open(openid), content)

    def take(self, openid: str) -> tuple[list[str], bool]:
        """The ready replies in order (each handed out once, even with several workers), and whether more
        are still being generated."""
        with self.engine.begin() as conn:  # a reply still "generating" after a restart never will be
            stale = datetime.now(UTC) - STALE
            conn.execute(delete(pending_table).where(pending_table.c.ready == 0, pending_table.c.created_at < stale))
            rows = conn.execute(
                select(pending_table.c.id, pending_table.c.ready, pending_table.c.content)
                .where(pending_table.c.openid == openid)
                .order_by(pending_table.c.id)
            ).all()
        taken: list[str] = []
        for row in rows:
            if not row.ready:
                continue
            with self.engine.begin() as conn:
                mine = delete(pending_table).where(pending_table.c.id == row.id, pending_table.c.ready == 1)
                gone = conn.execute(mine)
            if gone.rowcount == 1:
                taken.append(row.content)
        return taken, any(not row.ready for row in rows)

    def prune(self, older_than: timedelta = timedelta(days=1)) -> int:
        """Forget replies nobody came back for within a day."""
        with self.engine.begin() as conn:
            cutoff = datetime.now(UTC) - older_than
            result = conn.execute(delete(pending_table).where(pending_table.c.created_at < cutoff))
        return result.rowcount
