"""The questions log: what applicants asked on every channel, the answer they got, and their 👍/👎.

No personal data beyond the channel and a hashed user id is kept; the question's embedding is
stored with it so staff can see questions grouped by similarity without embedding them again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Table,
    Text,
    insert,
    select,
    update,
)

from bot.core.stores.clock import as_utc
from bot.core.stores.database import ensure_schema, make_engine, metadata
from bot.core.stores.group_commit import GroupCommit

questions_table = Table(
    "pilotbot_questions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("channel", String(32), nullable=False),
    Column("user_hash", String(16), nullable=False),
    Column("question", Text, nullable=False),
    Column("answer", Text, nullable=False),
    Column("refused", Boolean, nullable=False),
    Column("mode", String(16), nullable=False),
    Column("citations", Text, nullable=False),  # JSON list of clause ids
    Column("applicant_type", String(32), nullable=True),
    Column("curated_id", Integer, nullable=True),
    Column("embedding", LargeBinary, nullable=True),  # float32 vector of the question
    Column("created_at", DateTime(timezone=True), nullable=False, index=True),
)
feedback_table = Table(
    "pilotbot_feedback",
    metadata,
    Column("question_id", Integer, ForeignKey("pilotbot_questions.id", ondelete="CASCADE"), primary_key=True),
    Column("vote", SmallInteger, nullable=False),  # +1 👍, -1 👎
    Column("comment", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


def hash_user(channel: str, user_id: str) -> str:
    """The same short hash the channel logs use, so a user can be followed across records but not named."""
    return hashlib.sha256(f"{channel}:{user_id}".encode()).hexdigest()[:12]


def to_blob(vector) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_blob(blob: bytes | None) -> np.ndarray | None:
    return np.frombuffer(blob, dtype=np.float32) if blob else None


@dataclass(frozen=True)
class LoggedQuestion:
    id: int
    channel: str
    user_hash: str
    question: str
    answer: str
    refused: bool
    mode: str
    citations: list[str]
    applicant_type: str | None
    curated_id: int | None
    embedding: np.ndarray | None
    created_at: datetime
    vote: int | None = None
    comment: str = ""


class QuestionLog:
    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        ensure_schema(self.engine, metadata)
        self._writes = GroupCommit(self.engine)

    def record(
        self,
        *,
        channel: str,
        user_hash: str,
        question: str,
        answer: str,
        refused: bool,
        mode: str,
        citations: list[str],
        applicant_type: str | None = None,
        curated_id: int | None = None,
        embedding=None,
    ) -> int:
        """The new row's id. Concurrent answers share one commit (see ``group_commit``)."""
        row = insert(questions_table).values(
            channel=channel,
            user_hash=user_hash,
            question=question,
            answer=answer,
            refused=refused,
            mode=mode,
            citations=json.dumps(citations),
            applicant_type=applicant_type,
            curated_id=curated_id,
            embedding=None if embedding is None else to_blob(embedding),
            created_at=datetime.now(UTC),
        )
        return self._writes.write(lambda conn: conn.execute(row).inserted_primary_key[0])

    def get(self, question_id: int) -> LoggedQuestion | None:
        rows = self._select(questions_table.c.id == question_id)
        return rows[0] if rows else None

    def recent(self, *, since: datetime | None = None, until: datetime | None = None, limit: int = 2000):
        """The latest ``limit`` questions (newest first) with their feedback, optionally within dates."""
        where = []
        if since is not None:
            where.append(questions_table.c.created_at >= since)
        if until is not None:
            where.append(questions_table.c.created_at < until)
        return self._select(*where, limit=limit)

    def vote(self, question_id: int, *, vote: int, comment: str) -> None:
        """Store (or change) the feedback on one answer: one vote per answer, the latest wins."""
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            changed = conn.execute(
                update(feedback_table)
                .where(feedback_table.c.question_id == question_id)
                .values(vote=vote, comment=comment, created_at=now)
            ).rowcount
            if not changed:
                conn.execute(
                    insert(feedback_table).values(question_id=question_id, vote=vote, comment=comment, created_at=now)
                )

    def set_embeddings(self, vectors: dict[int, np.ndarray]) -> None:
        with self.engine.begin() as conn:
            for question_id, vector in vectors.items():
                conn.execute(
                    update(questions_table).where(questions_table.c.id == question_id).values(embedding=to_blob(vector))
                )

    def forget_curated(self, curated_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(questions_table).where(questions_table.c.curated_id == curated_id).values(curated_id=None)
            )

    def _select(self, *where, limit: int | None = None) -> list[LoggedQuestion]:
        query = (
            select(questions_table, feedback_table.c.vote, feedback_table.c.comment)
            .outerjoin(feedback_table, feedback_table.c.question_id == questions_table.c.id)
            .where(*where)
            .order_by(questions_table.c.id.desc())
        )
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [_logged(r) for r in rows]


def _logged(row) -> LoggedQuestion:
    return LoggedQuestion(
        id=row.id,
        channel=row.channel,
        user_hash=row.user_hash,
        question=row.question,
        answer=row.answer,
        refused=bool(row.refused),
        mode=row.mode,
        citations=json.loads(row.citations),
        applicant_type=row.applicant_type,
        curated_id=row.curated_id,
        embedding=from_blob(row.embedding),
        created_at=as_utc(row.created_at),
        vote=row.vote,
        comment=row.comment or "",
    )
