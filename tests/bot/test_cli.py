"""The CLI's JSON shapes and exit codes are a contract for scripts."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.support.contracts import ELIGIBILITY_KEYS, PLAN_CHECK_KEYS


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, list(args))

    return invoke


def test_eligibility_json_reports_the_failing_condition(run) -> None:
    result = run("eligibility", "--type", "enterprise", "--facts", '{"1":true,"2":true,"3":false}', "--json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert set(payload) == ELIGIBILITY_KEYS
    assert payload["type"] == "enterprise"
    assert payload["verdict"] == "ineligible"
    assert payload["failing"] == [3]
    assert payload["unknown"] == []
    third = payload["conditions"][2]
    assert {"number", "text", "clause", "met"} <= set(third)
    assert third["met"] is False and "近一年未受到生态环境主管部门的处罚" in third["text"]


def test_eligibility_unknown_conditions_are_listed(run) -> None:
    payload = json.loads(run("eligibility", "--type", "楼宇", "--facts", '{"1":true}', "--json").stdout)
    assert (payload["verdict"], payload["unknown"]) == ("undetermined", [2, 3])


@pytest.mark.parametrize(
    "args",
    [
        ("eligibility", "--type", "school", "--json"),
        ("eligibility", "--type", "enterprise", "--facts", '{"7": true}', "--json"),
        ("eligibility", "--type", "enterprise", "--facts", "{not json"),
        ("eligibility", "--type", "enterprise", "--facts", '{"1": "yes"}'),
        ("checklist", "--type", "school"),
        ("rules", "show", "school"),
    ],
)
def test_bad_input_exits_2_with_one_line_error(run, args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")


def test_checklist_json(run) -> None:
    payload = json.loads(run("checklist", "--type", "公司", "--json").stdout)
    assert payload["type"] == "enterprise" and payload["name"] == "企业"
    keys = [item["key"] for item in payload["items"]]
    assert keys[:8] == [f"mandatory.{n}" for n in range(1, 9)]
    assert {"form.intro", "form.plan", "quota", "deadline", "submission", "route"} <= set(keys)


def test_rules_show_json_covers_all_types_and_flags_gaps(run) -> None:
    payload = json.loads(run("rules", "show", "--json").stdout)
    assert [t["id"] for t in payload["types"]] == ["park", "enterprise", "town", "community", "building"]
    park = payload["types"][0]
    assert [c["missing"] for c in park["conditions"]] == [False, True, False]
    assert park["innovation"]["scoring_truncated"] is True
    assert {f["id"] for f in payload["facts"]} >= {"deadline", "quota", "contacts", "rewards"}


def test_rules_show_table_marks_missing_items(run) -> None:
    result = run("rules", "show", "park")
    assert result.exit_code == 0
    assert "条目缺失" in result.stdout and "园区" in result.stdout


def test_plan_draft_then_check_round_trip(run, tmp_path) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text("address: 上海市黄浦区\ninnovation: [1, 4]\nstart: 2026-05\n", encoding="utf-8")
    out = tmp_path / "plan.docx"
    result = run(
        "plan", "draft", "--type", "enterprise", "--name", "示范公司", "--profile", str(profile), "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    checked = run("plan", "check", str(out), "--type", "enterprise", "--json")
    assert checked.exit_code == 0
    payload = json.loads(checked.stdout)
    assert set(payload) >= PLAN_CHECK_KEYS
    assert payload["form"] is True and payload["limit"] == 3000
    assert payload["ok"] is False and payload["uncovered_mandatory"] == list(range(1, 9))  # a skeleton until filled
    chosen = [i["number"] for i in payload["items"] if i["item_kind"] == "innovation" and i["state"] == "restated"]
    assert chosen == [1, 4]


def test_plan_check_of_a_failing_plan_still_exits_0(run, tmp_path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text("一、试点目标\n提升员工满意度。", encoding="utf-8")
    result = run("plan", "check", str(plan), "--type", "enterprise", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["ok"] is False


@pytest.mark.parametrize("name,data", [("plan.pdf", b"%PDF"), ("plan.docx", b"broken")])
def test_plan_check_of_unreadable_input_exits_2(run, tmp_path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = run("plan", "check", str(path), "--type", "enterprise")
    assert result.exit_code == 2 and result.stderr.startswith("error: ")


def test_plan_draft_rejects_other_output_formats(run, tmp_path) -> None:
    result = run("plan", "draft", "--type", "town", "--name", "x", "-o", str(tmp_path / "a.pdf"))
    assert result.exit_code == 2
