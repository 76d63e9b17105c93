"""Curated answers written by staff: the answer text, the clauses it cites, and the questions it answers.

Each entry keeps the phrasings it should match (a question group from the log) with their
embeddings, so matching a new question costs one embedding and a dot product per phrasing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
from sqlalchemy import Column, DateTime, Integer, LargeBinary, Table, Text, delete, insert, select, update

from bot.core.stores.clock import as_utc
from bot.core.stores.database import ensure_schema, make_engine, metadata

curated_table = Table(
    "pilotbot_curated_answers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("questions", Text, nullable=False),  # JSON list of the phrasings it answers
    Column("embeddings", LargeBinary, nullable=False),  # float32 matrix, one row per phrasing
    Column("text", Text, nullable=False),
    Column("clause_ids", Text, nullable=False),  # JSON list
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


@dataclass(frozen=True)
class CuratedAnswer:
    id: int
    questions: list[str]
    embeddings: np.ndarray  # (len(questions), dim)
    text: str
    clause_ids: list[str]
    created_at: datetime
    updated_at: datetime


class CuratedStore:
    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        ensure_schema(self.engine, metadata)

    def add(self, *, questions: list[str], embeddings, text: str, clause_ids: list[str]) -> CuratedAnswer:
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            result = conn.execute(
                insert(curated_table).values(
                    questions=json.dumps(questions, ensure_ascii=False),
                    embeddings=_matrix_blob(embeddings),
                    text=text,
                    clause_ids=json.dumps(clause_ids),
                    created_at=now,
                    updated_at=now,
                )
            )
            curated_id = result.inserted_primary_key[0]
        return self.get(curated_id)  # type: ignore[return-value]

    def update(
        self, curated_id: int, *, text: str, clause_ids: list[str], questions: list[str] | None = None, embeddings=None
    ) -> CuratedAnswer | None:
        values: dict = {"text": text, "clause_ids": json.dumps(clause_ids), "updated_at": datetime.now(UTC)}
        if questions is not None:
            values["questions"] = json.dumps(questions, ensure_ascii=False)
            values["embeddings"] = _matrix_blob(embeddings)
        with self.engine.begin() as conn:
            conn.execute(update(curated_table).where(curated_table.c.id == curated_id).values(**values))
        return self.get(curated_id)

    def delete(self, curated_id: int) -> bool:
        with self.engine.begin() as conn:
            return conn.execute(delete(curated_table).where(curated_table.c.id == curated_id)).rowcount == 1

    def get(self, curated_id: int) -> CuratedAnswer | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(curated_table).where(curated_table.c.id == curated_id)).first()
        return _curated(row) if row else None

    def all(self) -> list[CuratedAnswer]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(curated_table).order_by(curated_table.c.id)).all()
        return [_curated(r) for r in rows]


def _matrix_blob(embeddings) -> bytes:
    return np.asarray(embeddings, dtype=np.float32).tobytes()


def _curated(row) -> CuratedAnswer:
    questions = json.loads(row.questions)
    matrix = np.frombuffer(row.embeddings, dtype=np.float32).reshape(len(questions), -1)
    return CuratedAnswer(
        row.id,
        questions,
        matrix,
        row.text,
        json.loads(row.clause_ids),
        as_utc(row.created_at),
        as_utc(row.updated_at),
    )
