"""Schema migrations: a database written by the release before migrations is upgraded and its dialogs resume;
new databases are created at head; one behind the code is refused (or upgraded when asked). SQLite always,
PostgreSQL when PILOTBOT_TEST_DATABASE_URL is set (each test in a schema of its own)."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, func, insert, select, text
from typer.testing import CliRunner

from bot.cli import app
from bot.core.config import Settings, get_settings
from bot.core.dialog.messages import Incoming
from bot.core.runtime import build_dialog
from bot.core.stores import migrate
from bot.core.stores.database import make_engine, metadata
from bot.core.stores.documents import DocumentStore
from bot.core.stores.reviews import ReviewStore
from bot.core.stores.sessions import SessionStore

FIXTURE = Path(__file__).resolve().parents[3] / "fixtures" / "release_0_1"


@pytest.fixture
def url(empty_url: str) -> str:
    return empty_url


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, url: str):
    """``pilotbot …`` in this process with PILOTBOT_DATABASE_URL pointing at the test database."""
    monkeypatch.setenv("PILOTBOT_DATABASE_URL", url)

    def invoke(*args: str):
        get_settings.cache_clear()  # settings as the environment says now
        return CliRunner().invoke(app, list(args))

    yield invoke
    get_settings.cache_clear()


def write_release_database(url: str) -> dict:
    """What the release before migrations left behind: its ``create_all`` DDL and the rows it wrote."""
    engine = create_engine(url)
    rows = json.loads((FIXTURE / "rows.json").read_text(encoding="utf-8"))
    ddl = (FIXTURE / f"schema.{engine.dialect.name}.sql").read_text(encoding="utf-8")
    with engine.begin() as conn:
        for statement in filter(str.strip, ddl.split(";")):
            conn.exec_driver_sql(statement)
        tables = MetaData()
        tables.reflect(conn)
        for name, records in rows.items():
            if not name.startswith("_"):
                conn.execute(insert(tables.tables[name]), [_decoded(r) for r in records])
        if engine.dialect.name == "postgresql":  # as the release's own inserts would have left the sequence
            conn.execute(text("SELECT setval(pg_get_serial_sequence('pilotbot_reviews', 'id'), 1)"))
    engine.dispose()
    return rows


def _decoded(record: dict) -> dict:
    out = {}
    for key, value in record.items():
        if isinstance(value, dict) and "base64" in value:
            value = base64.b64decode(value["base64"])
        elif isinstance(value, dict) and "datetime" in value:
            value = datetime.fromisoformat(value["datetime"])
        out[key] = value
    return out


def say(dialog, channel: str, user: str, *texts: str) -> tuple[str, list]:
    replies = []
    for line in texts:
        replies = dialog.handle(channel, user, Incoming.of_text(line))
    return "\n".join(r.text for r in replies), replies


def test_release_database_is_stamped_and_its_dialogs_resume(url: str, cli, answerer) -> None:
    rows = write_release_database(url)
    assert migrate.status(make_engine(url)).legacy

    result = cli("db", "upgrade")
    assert result.exit_code == 0, result.output
    assert migrate.status(make_engine(url)).at_head
    assert cli("db", "current").stdout.strip() == f"{migrate.head()} (head)"

    dialog = build_dialog(Settings(), answerer=answerer, store=SessionStore(url))
    # The draft left after the address resumes at the contact question and finishes with the stored name.
    _, replies = say(dialog, "web", "applicant-draft", "李明 13800000000", "跳过", "全部", "2026年3月")
    documents = [r.document for r in replies if r.document]
    assert [d.filename for d in documents] == [
        "上海浦江环保科技有限公司-申报表.md",
        "上海浦江环保科技有限公司-申报表.docx",
    ]
    assert "2026年3月" in documents[0].data.decode()
    profile = dialog.store.load("web", "applicant-draft").data["last_draft"]["profile"]
    assert (profile["name"], profile["contact"]) == ("上海浦江环保科技有限公司", "李明 13800000000")
    # The eligibility walk on Telegram resumes at condition 2 of 楼宇.
    said, _ = say(dialog, "telegram", "4242", "是")
    assert "第3条" in said
    said, _ = say(dialog, "telegram", "4242", "是")
    assert "楼宇类申报条件全部满足" in said

    original = next(r for r in rows["pilotbot_documents"] if r["id"] == rows["_document_id"])
    kept = DocumentStore(url).get(rows["_document_id"])
    assert kept is not None and kept.data == base64.b64decode(original["data"]["base64"])

    reviews = ReviewStore(url)
    [review] = reviews.all()
    assert (review.status, review.comment, review.district) == (
        "待修改",
        "请补充实施时间及进度安排中的具体节点",
        "闵行区",
    )
    assert review.report["chars"] > 0 and "uncovered_mandatory" in review.report
    assert reviews.add(filename="b.md", type_id="park", district="浦东新区", report={"ok": True}).id == review.id + 1


def test_new_database_is_created_at_head(url: str) -> None:
    SessionStore(url)
    state = migrate.status(make_engine(url))
    assert state.at_head
    assert {"pilotbot_sessions", "pilotbot_documents", "pilotbot_reviews", "pilotbot_wechat_seen"} <= state.tables


def test_migrations_create_exactly_the_tables_declared_in_code(url: str) -> None:
    """A Table changed in code without a revision (or a revision without the code) fails here."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    import bot.channels.wechat.pending
    import bot.channels.wechat.seen  # noqa: F401  (registers its table)

    engine = make_engine(url)
    migrate.upgrade(engine)
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    assert differences == []


def test_revisions_form_one_line() -> None:
    """Two branches that each added a revision on the same parent (or reused a number) are caught here."""
    files = [p for p in (migrate.MIGRATIONS / "versions").glob("*.py") if p.name != "__init__.py"]
    revisions = list(migrate._scripts().walk_revisions())
    assert len(revisions) == len(files)  # a duplicate revision id would silently hide a file
    assert len(migrate._scripts().get_heads()) == 1
    assert revisions[-1].revision == migrate.BASELINE and revisions[-1].down_revision is None


WORKER = """
import sys, time
from sqlalchemy import create_engine
from bot.core.stores import migrate
engine = create_engine(sys.argv[1], connect_args={"timeout": 30} if sys.argv[1].startswith("sqlite") else {})
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))  # all start migrating at the same moment
print(migrate._upgrade_racing(engine).current)
"""


def test_workers_starting_together_on_a_new_database_all_succeed(url: str) -> None:
    start = time.time() + 3
    workers = [
        subprocess.Popen([sys.executable, "-c", WORKER, url, str(start)], stdout=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    assert [w.communicate(timeout=120)[0].strip() for w in workers] == [migrate.head()] * 3
    with make_engine(url).connect() as conn:
        assert conn.execute(select(func.count()).select_from(text("alembic_version"))).scalar() == 1


@pytest.fixture
def next_revision(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """The shipped migrations plus a real revision 0099 after head, as the next release would add."""
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "0099_notes.py").write_text(
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        f"revision = '0099'\ndown_revision = {migrate.head()!r}\nbranch_labels = None\ndepends_on = None\n\n\n"
        "def upgrade():\n"
        "    op.create_table('pilotbot_test_notes', sa.Column('id', sa.Integer, primary_key=True))\n\n\n"
        "def downgrade():\n    op.drop_table('pilotbot_test_notes')\n",
        encoding="utf-8",
    )
    shipped_head = migrate.head()
    migrate._scripts.cache_clear()
    monkeypatch.setattr(migrate, "MIGRATIONS", scripts)
    yield shipped_head
    migrate._scripts.cache_clear()


def test_database_behind_the_code_is_refused_by_serve_until_upgraded(url, cli, next_revision, monkeypatch) -> None:
    migrate.upgrade(make_engine(url), next_revision)  # what the previous release left

    # An embedder that cannot load: were the database accepted, serve would stop at the index (exit 2), not run.
    monkeypatch.setenv("PILOTBOT_EMBEDDER", "sentence-transformers:/nonexistent")
    result = cli("serve", "--port", "0")
    assert result.exit_code == 4
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: ") and "run `pilotbot db upgrade`" in line and next_revision in line
    assert "pilotbot_test_notes" not in migrate.status(make_engine(url)).tables
    assert cli("db", "current").exit_code == 4

    assert cli("db", "upgrade").exit_code == 0
    state = migrate.status(make_engine(url))
    assert state.current == "0099" and "pilotbot_test_notes" in state.tables
    SessionStore(url)  # now at head: stores open it


def test_auto_migrate_upgrades_at_start_up(url: str, cli, next_revision: str, monkeypatch) -> None:
    migrate.upgrade(make_engine(url), next_revision)
    with pytest.raises(migrate.SchemaBehind):
        ReviewStore(url)
    monkeypatch.setenv("PILOTBOT_AUTO_MIGRATE", "1")
    get_settings.cache_clear()
    ReviewStore(url)
    assert migrate.status(make_engine(url)).current == "0099"


def test_database_from_a_newer_release_is_refused(url: str, cli) -> None:
    SessionStore(url)
    with make_engine(url).begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    migrate._ready.discard(make_engine(url))  # as a process starting now would see it
    result = cli("db", "current")
    assert result.exit_code == 4
    assert "0999" in result.stderr and "newer pilotbot" in result.stderr
    with pytest.raises(migrate.SchemaError, match="newer pilotbot"):
        DocumentStore(url)


def test_release_database_is_stamped_but_not_upgraded_behind_the_operators_back(url: str, next_revision) -> None:
    write_release_database(url)
    with pytest.raises(migrate.SchemaBehind, match="run `pilotbot db upgrade`"):
        SessionStore(url)
    state = migrate.status(make_engine(url))
    assert state.current == migrate.BASELINE and "pilotbot_test_notes" not in state.tables
