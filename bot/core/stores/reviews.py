"""Staff reviews of uploaded plans: the check report, a status and a comment per draft."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, Integer, String, Table, Text, delete, insert, select, update

from bot.core.stores.clock import as_utc
from bot.core.stores.database import ensure_schema, make_engine, metadata
from bot.core.stores.exchange import Section, register

reviews_table = Table(
    "pilotbot_reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("filename", String(255), nullable=False),
    Column("type", String(32), nullable=False),
    Column("district", String(64), nullable=False),
    Column("report", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("comment", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # sha256 of the file's bytes: the same file, type and district is the same review (idempotent upload)
    Column("digest", String(64), nullable=True, index=True),
)
STATUSES = ("待审核", "待修改", "通过")
# In `pilotbot staff export/import`: a review is the same review in any database when it was uploaded at the same
# moment with the same name, type and district; the copy annotated last wins.
register(
    Section(
        "reviews",
        reviews_table,
        key=("created_at", "filename", "type", "district"),
        newer="updated_at",
        json_columns=("report",),
        check=lambda r: None if r["status"] in STATUSES else f"status {r['status']!r} is not one of {STATUSES}",
    )
)


@dataclass(frozen=True)
class ReviewRecord:
    id: int
    filename: str
    type: str
    district: str
    report: dict
    status: str
    comment: str
    created_at: datetime
    updated_at: datetime | None = None


class ReviewStore:
    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        ensure_schema(self.engine, metadata)

    def add(
        self, *, filename: str, type_id: str, district: str, report: dict, digest: str | None = None
    ) -> ReviewRecord:
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            result = conn.execute(
                insert(reviews_table).values(
                    filename=filename,
                    type=type_id,
                    district=district,
                    report=json.dumps(report, ensure_ascii=False),
                    status=STATUSES[0],
                    comment="",
                    created_at=now,
                    updated_at=now,
                    digest=digest,
                )
            )
            review_id = result.inserted_primary_key[0]
        return self.get(review_id)  # type: ignore[return-value]

    def get(self, review_id: int) -> ReviewRecord | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(reviews_table).where(reviews_table.c.id == review_id)).first()
        return _record(row) if row else None

    def find(self, *, digest: str, type_id: str, district: str) -> ReviewRecord | None:
        """The review of this very file for this type and district, if it was uploaded before."""
        query = select(reviews_table).where(
            reviews_table.c.digest == digest, reviews_table.c.type == type_id, reviews_table.c.district == district
        )
        with self.engine.connect() as conn:
            row = conn.execute(query.order_by(reviews_table.c.id)).first()
        return _record(row) if row else None

    def delete(self, review_id: int) -> bool:
        with self.engine.begin() as conn:
            return conn.execute(delete(reviews_table).where(reviews_table.c.id == review_id)).rowcount == 1

    def all(self) -> list[ReviewRecord]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(reviews_table).order_by(reviews_table.c.id)).all()
        return [_record(r) for r in rows]

    def annotate(self, review_id: int, *, status: str | None, comment: str | None) -> ReviewRecord | None:
        values: dict = {"updated_at": datetime.now(UTC)}
        if status is not None:
            values["status"] = status
        if comment is not None:
            values["comment"] = comment
        with self.engine.begin() as conn:
            conn.execute(update(reviews_table).where(reviews_table.c.id == review_id).values(**values))
        return self.get(review_id)


def _record(row) -> ReviewRecord:
    return ReviewRecord(
        row.id,
        row.filename,
        row.type,
        row.district,
        json.loads(row.report),
        row.status,
        row.comment,
        as_utc(row.created_at),
        as_utc(row.updated_at),
    )
