"""Stored times are UTC; SQLite hands them back naive, PostgreSQL aware — make them all aware."""

from __future__ import annotations

from datetime import UTC, datetime


def as_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
