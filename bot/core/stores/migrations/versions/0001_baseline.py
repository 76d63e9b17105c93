"""Baseline: the schema pilotbot 0.1 made with ``create_all`` (sessions, documents, reviews, WeChat dedup).

Revision ID: 0001
Revises:
Create Date: 2026-11-30

A database made by that release has these tables and no ``alembic_version``: ``bot.core.stores.migrate``
recognises it and stamps it with this revision, creating any of the four tables its stores had not yet
made (the WeChat table appeared only once a WeChat message arrived), without touching their rows.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def release_tables() -> dict[str, list[sa.Column]]:
    return {
        "pilotbot_sessions": [
            sa.Column("channel", sa.String(32), primary_key=True),
            sa.Column("user_id", sa.String(128), primary_key=True),
            sa.Column("data", sa.Text, nullable=False),
            sa.Column("version", sa.Integer, nullable=False),
            sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        ],
        "pilotbot_documents": [
            sa.Column("id", sa.String(64), primary_key=True),
            sa.Column("filename", sa.String(255), nullable=False),
            sa.Column("mime", sa.String(128), nullable=False),
            sa.Column("data", sa.LargeBinary, nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        ],
        "pilotbot_reviews": [
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("filename", sa.String(255), nullable=False),
            sa.Column("type", sa.String(32), nullable=False),
            sa.Column("district", sa.String(64), nullable=False),
            sa.Column("report", sa.Text, nullable=False),
            sa.Column("status", sa.String(16), nullable=False),
            sa.Column("comment", sa.Text, nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        ],
        "pilotbot_wechat_seen": [
            sa.Column("key", sa.String(200), primary_key=True),
            sa.Column("status", sa.String(16), nullable=False),
            sa.Column("value", sa.Text, nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        ],
    }


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    for name, columns in release_tables().items():
        if name not in existing:  # a database from the release already has some or all of them
            op.create_table(name, *columns)


def downgrade() -> None:
    for name in reversed(list(release_tables())):
        op.drop_table(name)
