"""``pilotbot staff export`` / ``import`` through the real CLI: reviews with reports, statuses and comments move
between databases; re-importing changes nothing; the newer copy of a review wins; bad files change nothing;
another table joins the format by registering a section. SQLite always, PostgreSQL when configured."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, select
from typer.testing import CliRunner

from bot.cli import app
from bot.core.config import get_settings
from bot.core.stores import exchange
from bot.core.stores.database import make_engine
from bot.core.stores.reviews import ReviewStore, reviews_table

REPORT = {"ok": False, "chars": 3120, "limit": 3000, "uncovered_mandatory": [4], "problems": ["超过3000字"]}


@pytest.fixture
def pilotbot(monkeypatch: pytest.MonkeyPatch):
    """``pilotbot …`` against the database at ``url``."""

    def invoke(url: str, *args: str):
        monkeypatch.setenv("PILOTBOT_DATABASE_URL", url)
        get_settings.cache_clear()
        return CliRunner().invoke(app, list(args))

    yield invoke
    get_settings.cache_clear()


def rows(url: str) -> list[dict]:
    with make_engine(url).connect() as conn:
        return [dict(r) for r in conn.execute(select(reviews_table).order_by(reviews_table.c.id)).mappings()]


def comparable(url: str) -> list[tuple]:
    """What a review is, apart from its id in one database."""
    return [
        (r.filename, r.type, r.district, r.report, r.status, r.comment, r.created_at.replace(tzinfo=None))
        for r in ReviewStore(url).all()
    ]


def test_reviews_move_between_databases_and_reimporting_changes_nothing(new_database, pilotbot, tmp_path) -> None:
    source, target = new_database(), new_database()
    desk = ReviewStore(source)
    first = desk.add(filename="七宝镇-方案.docx", type_id="town", district="闵行区", report=REPORT)
    desk.add(filename="园区方案.md", type_id="park", district="浦东新区", report={"ok": True, "chars": 2800})
    desk.annotate(first.id, status="待修改", comment="压缩到3000字以内；补充必选项第4条")
    ReviewStore(target).add(filename="已有.md", type_id="building", district="静安区", report={"ok": True})

    file = tmp_path / "staff.json"
    assert pilotbot(source, "staff", "export", str(file)).exit_code == 0
    data = json.loads(file.read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == ("pilotbot-staff-data", 1)
    assert [r["status"] for r in data["reviews"]] == ["待修改", "待审核"]
    assert data["reviews"][0]["report"] == REPORT and "id" not in data["reviews"][0]

    result = pilotbot(target, "staff", "import", str(file), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"reviews": {"added": 2, "updated": 0, "unchanged": 0}}
    assert comparable(target)[1:] == comparable(source)

    before = rows(target)
    result = pilotbot(target, "staff", "import", str(file), "--json")
    assert json.loads(result.stdout) == {"reviews": {"added": 0, "updated": 0, "unchanged": 2}}
    assert rows(target) == before


def test_the_later_annotation_wins_in_either_direction(new_database, pilotbot, tmp_path) -> None:
    source, target = new_database(), new_database()
    review = ReviewStore(source).add(filename="a.md", type_id="enterprise", district="嘉定区", report=REPORT)
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    pilotbot(source, "staff", "export", str(old))
    ReviewStore(source).annotate(review.id, status="通过", comment="已复核")
    pilotbot(source, "staff", "export", str(new))

    pilotbot(target, "staff", "import", str(old))
    result = pilotbot(target, "staff", "import", str(new), "--json")
    assert json.loads(result.stdout)["reviews"] == {"added": 0, "updated": 1, "unchanged": 0}
    result = pilotbot(target, "staff", "import", str(old), "--json")  # an older copy never overwrites
    assert json.loads(result.stdout)["reviews"] == {"added": 0, "updated": 0, "unchanged": 1}
    [kept] = ReviewStore(target).all()
    assert (kept.status, kept.comment) == ("通过", "已复核")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(version=2), "file version 2"),
        (lambda d: d.update(format="something"), "not a pilotbot staff-data file"),
        (lambda d: d["reviews"][1].update(status="已批准"), "reviews[1]: status '已批准'"),
        (lambda d: d["reviews"][1].pop("district"), "reviews[1] has no 'district'"),
        (lambda d: d["reviews"][0].update(created_at="yesterday"), "reviews[0].created_at"),
        (lambda d: d.update(gifts=[]), "unknown sections ['gifts']"),
    ],
)
def test_a_bad_file_is_refused_whole(new_database, pilotbot, tmp_path, change, message) -> None:
    source, target = new_database(), new_database()
    for name in ("a.md", "b.md"):
        ReviewStore(source).add(filename=name, type_id="town", district="闵行区", report=REPORT)
    file = tmp_path / "staff.json"
    pilotbot(source, "staff", "export", str(file))
    data = json.loads(file.read_text(encoding="utf-8"))
    change(data)
    file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    result = pilotbot(target, "staff", "import", str(file))
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: ") and message in line and "nothing was imported" in line
    assert ReviewStore(target).all() == []


def test_unreadable_files_are_bad_input(empty_url, pilotbot, tmp_path) -> None:
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    for name, message in (("broken.json", "is not JSON"), ("missing.json", "cannot read")):
        result = pilotbot(empty_url, "staff", "import", str(tmp_path / name))
        assert result.exit_code == 2 and message in result.stderr


def test_another_table_joins_the_format_by_registering(new_database, pilotbot, tmp_path) -> None:
    """How feedback or curated answers will be added: a table plus a registered section."""
    notes = Table(
        "test_curated_notes",
        MetaData(),
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("question", String(200), nullable=False),
        Column("answer", String(2000), nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False),
    )
    exchange.register(exchange.Section("curated", notes, key=("question",), newer="updated_at"))
    try:
        source, target = new_database(), new_database()
        for url in (source, target):
            ReviewStore(url)
            notes.create(make_engine(url))
        with make_engine(source).begin() as conn:
            conn.execute(notes.insert().values(question="几份", answer="一式三份", updated_at=datetime.now(UTC)))
        file = tmp_path / "staff.json"
        pilotbot(source, "staff", "export", str(file))
        assert json.loads(file.read_text(encoding="utf-8"))["curated"][0]["answer"] == "一式三份"
        for expected in ({"added": 1, "updated": 0, "unchanged": 0}, {"added": 0, "updated": 0, "unchanged": 1}):
            result = pilotbot(target, "staff", "import", str(file), "--json")
            assert json.loads(result.stdout)["curated"] == expected
    finally:
        exchange._SECTIONS.pop("curated")
