"""Generated documents (drafts for download links), kept in SQL so any worker or host can serve them."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import Column, DateTime, LargeBinary, String, Table, delete, insert, select

from bot.core.dialog.messages import Document
from bot.core.stores.database import ensure_schema, make_engine, metadata

documents_table = Table(
    "pilotbot_documents",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("filename", String(255), nullable=False),
    Column("mime", String(128), nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


class DocumentStore:
    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        ensure_schema(self.engine, metadata)

    def put(self, document: Document) -> str:
        """Keep a document and return an unguessable id for its download link."""
        doc_id = secrets.token_urlsafe(24)
        with self.engine.begin() as conn:
            conn.execute(
                insert(documents_table).values(
                    id=doc_id,
                    filename=document.filename,
                    mime=document.mime,
                    data=document.data,
                    created_at=datetime.now(UTC),
                )
            )
        return doc_id

    def prune(self, older_than: timedelta = timedelta(days=30)) -> int:
        """Drop generated documents past their retention; links to them then answer 404."""
        with self.engine.begin() as conn:
            cutoff = datetime.now(UTC) - older_than
            return conn.execute(delete(documents_table).where(documents_table.c.created_at < cutoff)).rowcount

    def get(self, doc_id: str) -> Document | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(documents_table).where(documents_table.c.id == doc_id)).first()
        return Document(row.filename, row.mime, row.data) if row else None
