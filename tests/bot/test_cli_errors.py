"""Failures through the real command line: one line ``error: … — hint`` on stderr and the documented exit code
(2 bad input, 3 a service unreachable, 4 the schema), never a traceback unless ``--debug``."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.cli.errors import explain
from bot.core.config import get_settings

UNREACHABLE_PG = "postgresql+psycopg://pilotbot:secret-password@127.0.0.1:1/pilotbot"


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    def invoke(*args: str, **env: str):
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        get_settings.cache_clear()
        return CliRunner().invoke(app, list(args))

    monkeypatch.setenv("PILOTBOT_DATA_DIR", str(tmp_path))
    yield invoke
    get_settings.cache_clear()


def one_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


@pytest.mark.parametrize("command", [("db", "current"), ("db", "upgrade"), ("serve", "--port", "0")])
def test_unreachable_database_exits_3(run, command) -> None:
    result = run(*command, PILOTBOT_DATABASE_URL=UNREACHABLE_PG)
    assert result.exit_code == 3
    line = one_line(result)
    assert "cannot reach the database" in line and "PILOTBOT_DATABASE_URL" in line
    assert "secret-password" not in line


def test_database_url_that_is_not_one_exits_2(run) -> None:
    result = run("db", "current", PILOTBOT_DATABASE_URL="postgres-at-the-office")
    assert result.exit_code == 2
    assert "PILOTBOT_DATABASE_URL is not a database URL" in one_line(result)


def test_serve_on_a_busy_port_exits_2_before_any_work(run, tmp_path: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = run("serve", "--port", str(port), PILOTBOT_DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}")
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in one_line(result)
    assert not (tmp_path / "x.db").exists()  # nothing was created


def test_invalid_setting_names_the_variable(run) -> None:
    result = run("db", "current", PILOTBOT_RATE_LIMIT="lots")
    assert result.exit_code == 2
    assert one_line(result).startswith("error: PILOTBOT_RATE_LIMIT is invalid")


@pytest.mark.parametrize(
    "args",
    [("plan", "check"), ("eligibility", "--type"), ("no-such-command",), ("serve", "--port", "abc"), ("--bogus",)],
)
def test_usage_errors_are_one_line_with_where_to_look(run, args) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "--help`" in one_line(result)


def test_a_bug_says_so_and_points_to_debug() -> None:
    failure = explain(KeyError("profile"))
    assert failure.code == 1
    assert failure.line() == (
        "error: unexpected KeyError: 'profile' — run again with `pilotbot --debug …` for the traceback, and report it"
    )


def test_debug_lets_the_traceback_through(run) -> None:
    result = run("--debug", "db", "current", PILOTBOT_DATABASE_URL=UNREACHABLE_PG)
    assert result.exit_code == 1
    assert type(result.exception).__name__ == "OperationalError"
