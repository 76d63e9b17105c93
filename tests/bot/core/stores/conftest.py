"""An empty database per test: a new SQLite file, or a schema of its own in the PostgreSQL test database."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.core.stores.database import make_engine

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("PILOTBOT_TEST_DATABASE_URL") else [])


@pytest.fixture(params=BACKENDS)
def new_database(request, tmp_path: Path):
    """Makes empty databases on the backend under test: new SQLite files, or new PostgreSQL schemas."""
    base = os.environ.get("PILOTBOT_TEST_DATABASE_URL", "")
    schemas: list[str] = []
    admin = create_engine(base) if request.param == "postgresql" else None

    def make() -> str:
        name = f"test_{uuid.uuid4().hex[:10]}"
        if admin is None:
            return f"sqlite:///{tmp_path / name}.db"
        with admin.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {name}"))
        schemas.append(name)
        return f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{name}"

    yield make
    if admin is not None:
        for name in schemas:
            make_engine(f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{name}").dispose()
            with admin.begin() as conn:
                conn.execute(text(f"DROP SCHEMA {name} CASCADE"))
        admin.dispose()


@pytest.fixture
def empty_url(new_database) -> str:
    return new_database()
