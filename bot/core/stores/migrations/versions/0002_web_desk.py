"""Web desk: the questions log with 👍/👎 feedback, curated answers, web chat transcripts, review file digests.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30

The digest (sha256 of an uploaded file) makes the same file, type and district one review; reviews made
before this revision have none, so uploading one of those files again creates one more review, once.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("pilotbot_reviews") as batch:
        batch.add_column(sa.Column("digest", sa.String(64), nullable=True))
        batch.create_index("ix_pilotbot_reviews_digest", ["digest"])
    op.create_table(
        "pilotbot_questions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("user_hash", sa.String(16), nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("refused", sa.Boolean, nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("citations", sa.Text, nullable=False),
        sa.Column("applicant_type", sa.String(32), nullable=True),
        sa.Column("curated_id", sa.Integer, nullable=True),
        sa.Column("embedding", sa.LargeBinary, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_pilotbot_questions_created_at", "pilotbot_questions", ["created_at"])
    op.create_table(
        "pilotbot_feedback",
        sa.Column(
            "question_id",
            sa.Integer,
            sa.ForeignKey("pilotbot_questions.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("vote", sa.SmallInteger, nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "pilotbot_curated_answers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("questions", sa.Text, nullable=False),
        sa.Column("embeddings", sa.LargeBinary, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("clause_ids", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "pilotbot_transcripts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("user_hash", sa.String(16), nullable=False),
        sa.Column("role", sa.String(8), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_pilotbot_transcripts_user_hash", "pilotbot_transcripts", ["user_hash"])


def downgrade() -> None:
    op.drop_index("ix_pilotbot_transcripts_user_hash", table_name="pilotbot_transcripts")
    op.drop_table("pilotbot_transcripts")
    op.drop_table("pilotbot_curated_answers")
    op.drop_table("pilotbot_feedback")
    op.drop_index("ix_pilotbot_questions_created_at", table_name="pilotbot_questions")
    op.drop_table("pilotbot_questions")
    with op.batch_alter_table("pilotbot_reviews") as batch:
        batch.drop_index("ix_pilotbot_reviews_digest")
        batch.drop_column("digest")
