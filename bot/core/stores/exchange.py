"""Staff data out of the database and back in: one versioned JSON file, merged idempotently on import.

Each kind of record is a :class:`Section` — a table, the columns that identify a record across databases
(surrogate ids are not carried: they differ from one database to the next) and the column that says which
copy is newer. :func:`register` adds one; ``reviews`` registers itself, and feedback or curated answers join
the same way (a ``register(...)`` beside their table and their module in ``SECTION_MODULES``). Importing
inserts records not yet present, updates those whose imported copy is newer and leaves the rest, so
importing a file twice changes nothing. A file is checked whole before anything is written.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import import_module
from typing import Any

from sqlalchemy import DateTime, Engine, LargeBinary, Table, insert, select, update

FORMAT = "pilotbot-staff-data"
VERSION = 1  # bump when a section's record shape changes (adding a section does not need it)
SECTION_MODULES = ("bot.core.stores.reviews",)


class ExchangeError(ValueError):
    """The file cannot be imported; nothing was written."""


@dataclass(frozen=True)
class Section:
    name: str  # the key in the file
    table: Table
    key: tuple[str, ...]  # identifies a record across databases
    newer: str | None = None  # a timestamp column: on import the later copy wins
    omit: tuple[str, ...] = ("id",)  # surrogate keys, not carried
    json_columns: tuple[str, ...] = ()  # JSON kept in a text column, written as JSON in the file
    check: Callable[[dict], str | None] | None = None  # a problem with one record, or None


@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


_SECTIONS: dict[str, Section] = {}


def register(section: Section) -> Section:
    _SECTIONS[section.name] = section
    return section


def sections() -> dict[str, Section]:
    for module in SECTION_MODULES:
        import_module(module)
    return dict(_SECTIONS)


def export_data(engine: Engine) -> dict[str, Any]:
    """Every registered section's records, oldest first, in the file's shape."""
    out: dict[str, Any] = {"format": FORMAT, "version": VERSION, "exported_at": datetime.now(UTC).isoformat()}
    with engine.connect() as conn:
        for name, section in sections().items():
            columns = [c for c in section.table.columns if c.name not in section.omit]
            order = [section.table.c[k] for k in section.key]
            rows = conn.execute(select(*columns).order_by(*order)).mappings()
            out[name] = [_encode(section, dict(row)) for row in rows]
    return out


def import_data(engine: Engine, data: Any) -> dict[str, Counts]:
    """Merge a file's records into the database in one transaction; returns what happened per section."""
    known = sections()
    records = _validated(data, known)
    counts = {name: Counts() for name in records}
    with engine.begin() as conn:
        for name, items in records.items():
            section = known[name]
            table = section.table
            existing = {
                _identity(section, row): row for row in (dict(r) for r in conn.execute(select(table)).mappings())
            }
            for record in items:
                current = existing.get(_identity(section, record))
                if current is None:
                    conn.execute(insert(table).values(**record))
                    existing[_identity(section, record)] = record
                    counts[name].added += 1
                elif section.newer and _instant(record[section.newer]) > _instant(current[section.newer]):
                    where = [table.c[k] == current[k] for k in section.key]
                    conn.execute(update(table).where(*where).values(**record))
                    counts[name].updated += 1
                else:
                    counts[name].unchanged += 1
    return counts


def _validated(data: Any, known: dict[str, Section]) -> dict[str, list[dict]]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ExchangeError(f'not a pilotbot staff-data file (no "format": "{FORMAT}")')
    version = data.get("version")
    if not isinstance(version, int) or version > VERSION or version < 1:
        raise ExchangeError(f"file version {version!r} is not one this pilotbot reads (1…{VERSION}): upgrade pilotbot")
    unknown = set(data) - {"format", "version", "exported_at"} - set(known)
    if unknown:
        raise ExchangeError(f"unknown sections {sorted(unknown)} (this pilotbot knows {sorted(known)})")
    out = {}
    for name, section in known.items():
        items = data.get(name, [])
        if not isinstance(items, list):
            raise ExchangeError(f"{name} must be a list of records")
        out[name] = [_decoded(section, item, f"{name}[{i}]") for i, item in enumerate(items)]
    return out


def _decoded(section: Section, item: Any, where: str) -> dict:
    if not isinstance(item, dict):
        raise ExchangeError(f"{where} is not an object")
    record: dict = {}
    for column in section.table.columns:
        if column.name in section.omit:
            continue
        if column.name not in item and not column.nullable:
            raise ExchangeError(f"{where} has no {column.name!r}")
        value = item.get(column.name)  # a nullable column may be absent: files written before it existed
        if value is None and column.nullable:
            record[column.name] = None
            continue
        try:
            if column.name in section.json_columns:
                value = json.dumps(value, ensure_ascii=False)
            elif isinstance(column.type, DateTime):
                value = _instant(datetime.fromisoformat(value))
            elif isinstance(column.type, LargeBinary):
                value = base64.b64decode(value, validate=True)
            elif column.type.python_type is not type(value):
                raise TypeError(f"expected {column.type.python_type.__name__}")
        except (TypeError, ValueError) as exc:
            raise ExchangeError(f"{where}.{column.name}: {exc}") from None
        record[column.name] = value
    if section.check and (problem := section.check(record)):
        raise ExchangeError(f"{where}: {problem}")
    return record


def _encode(section: Section, row: dict) -> dict:
    out = {}
    for name, value in row.items():
        if name in section.json_columns:
            value = json.loads(value)
        elif isinstance(value, datetime):
            value = _instant(value).isoformat()
        elif isinstance(value, bytes):
            value = base64.b64encode(value).decode()
        out[name] = value
    return out


def _instant(value: datetime) -> datetime:
    """Aware UTC; SQLite hands back naive datetimes that were written as UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _identity(section: Section, record: dict) -> tuple:
    return tuple(_instant(record[k]) if isinstance(record[k], datetime) else record[k] for k in section.key)
