"""Every command through the installed ``pilotbot`` entry point, in a subprocess: exit codes, output, errors.

Bad input exits 2 with ``error: …`` on stderr; the JSON shapes are those of ``tests/support/contracts.py``.
"""

from __future__ import annotations

import json
import signal
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.support.contracts import ASK_KEYS, ELIGIBILITY_KEYS, PLAN_CHECK_KEYS
from tests.support.processes import PILOTBOT, copy_index, pilotbot_env, serving


@pytest.fixture(scope="module")
def home(index_settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A working directory with a private copy of the index; commands run here as on a fresh install."""
    home = tmp_path_factory.mktemp("cli")
    copy_index(index_settings.data_dir, home / "data")
    return home


@pytest.fixture(scope="module")
def env(home: Path) -> dict[str, str]:
    return pilotbot_env(home / "data", f"sqlite:///{home / 'cli.db'}")


@pytest.fixture(scope="module")
def pilotbot(home: Path, env: dict[str, str]):
    assert PILOTBOT.exists(), f"{PILOTBOT} is missing: run `make setup`"

    def run(*args: str, stdin: str = "", timeout: float = 60, **extra_env: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(PILOTBOT), *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=home,
            env={**env, **extra_env},
            timeout=timeout,
        )

    return run


def assert_bad_input(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("error: "), result.stderr


def test_rules_show(pilotbot) -> None:
    payload = json.loads(pilotbot("rules", "show", "--json").stdout)
    assert [t["id"] for t in payload["types"]] == ["park", "enterprise", "town", "community", "building"]
    table = pilotbot("rules", "show", "园区")
    assert table.returncode == 0 and "条目缺失" in table.stdout
    assert_bad_input(pilotbot("rules", "show", "school"))


def test_eligibility(pilotbot) -> None:
    result = pilotbot("eligibility", "--type", "enterprise", "--facts", '{"1":true,"2":true,"3":false}', "--json")
    assert result.returncode == 0
    payload = json.loads(result.stdout)
    assert set(payload) == ELIGIBILITY_KEYS and (payload["verdict"], payload["failing"]) == ("ineligible", [3])
    assert_bad_input(pilotbot("eligibility", "--type", "enterprise", "--facts", "{not json"))


def test_checklist(pilotbot) -> None:
    payload = json.loads(pilotbot("checklist", "--type", "公司", "--json").stdout)
    assert payload["type"] == "enterprise" and payload["items"][0]["key"] == "mandatory.1"
    assert_bad_input(pilotbot("checklist", "--type", "school"))


def test_ask_one_question_and_a_batch(pilotbot, home: Path) -> None:
    one = pilotbot("ask", "材料交几份", "--json")
    assert one.returncode == 0, one.stderr
    payload = json.loads(one.stdout)
    assert set(payload) >= ASK_KEYS and "一式三份" in payload["answer"]
    assert "plan.4.1" in [c["id"] for c in payload["citations"]]
    batch = home / "questions.txt"
    batch.write_text("材料交几份\n\n企业申报条件有哪些\n", encoding="utf-8")
    lines = pilotbot("ask", "--batch", str(batch), "--json").stdout.splitlines()
    answers = [json.loads(line)["answer"] for line in lines]
    assert len(answers) == 2 and "一式三份" in answers[0] and "三同时" in answers[1]
    assert_bad_input(pilotbot("ask", "--json"))
    assert_bad_input(pilotbot("ask", "--batch", str(home / "missing.txt"), "--json"))


def test_chat_reads_a_script_from_stdin(pilotbot) -> None:
    result = pilotbot("chat", stdin="资格\n企业\n是\n")
    assert result.returncode == 0, result.stderr
    assert "申报助手" in result.stdout and "三同时" in result.stdout and "第2条" in result.stdout


# A rules answer (“材料交几份”) never loads the embedder; a question for retrieval does, and fails clearly.
@pytest.mark.parametrize("command", [("ask", "聚焦重点领域和薄弱环节是什么意思"), ("chat",), ("index", "build")])
def test_a_misconfigured_embedder_is_a_clear_error(pilotbot, command: tuple[str, ...]) -> None:
    result = pilotbot(*command, stdin="资格\n", PILOTBOT_EMBEDDER="bogus")
    assert_bad_input(result)
    assert "bogus" in result.stderr


def test_index_build_is_idempotent(pilotbot) -> None:
    result = pilotbot("index", "build", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["embedded"] == 0 and report["unchanged"] > 100 and report["removed"] == 0


def test_plan_draft_then_check(pilotbot, home: Path) -> None:
    out = home / "plan.docx"
    drafted = pilotbot("plan", "draft", "--type", "town", "--name", "示范街道", "-o", str(out))
    assert drafted.returncode == 0, drafted.stderr
    checked = pilotbot("plan", "check", str(out), "--type", "town", "--json")
    payload = json.loads(checked.stdout)
    assert checked.returncode == 0 and set(payload) >= PLAN_CHECK_KEYS
    assert payload["ok"] is False and payload["placeholders"]  # a drafted skeleton passes only once filled in
    assert_bad_input(pilotbot("plan", "draft", "--type", "town", "--name", "x", "-o", str(home / "a.pdf")))
    (home / "broken.docx").write_bytes(b"not a zip")
    assert_bad_input(pilotbot("plan", "check", str(home / "broken.docx"), "--type", "town"))


def test_serve_answers_and_stops_on_sigterm(env: dict[str, str], home: Path, pilotbot) -> None:
    with serving(env=env, cwd=home) as server:
        assert httpx.get(f"{server.base}/healthz", timeout=5).json() == {"status": "ok"}
        answer = httpx.post(f"{server.base}/api/ask", json={"question": "材料交几份"}, timeout=30).json()
        assert "一式三份" in answer["answer"]
        server.process.send_signal(signal.SIGTERM)
        # uvicorn shuts down gracefully, then re-raises SIGTERM (exit -15) or exits 0 (with --workers).
        assert server.process.wait(timeout=20) in (0, -signal.SIGTERM)
        assert "Application shutdown complete" in server.log()
    bad = pilotbot("serve", "--workers", "0")
    assert bad.returncode == 2 and "--workers" in bad.stderr


def test_telegram_without_a_token_or_network_fails_cleanly(pilotbot) -> None:
    assert_bad_input(pilotbot("telegram"))
    token = "123456:ABC-unreachable-token"
    # Telegram is unreachable: a proxy on a closed port refuses every connection at once.
    unreachable = pilotbot("telegram", PILOTBOT_TELEGRAM_TOKEN=token, HTTPS_PROXY="http://127.0.0.1:9", timeout=60)
    assert unreachable.returncode != 0
    assert token not in unreachable.stdout + unreachable.stderr
