"""check_plan judges sections, 字数 and item coverage — with and without embedding similarity."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.plans.checker import PlanChecker
from indexer.embeddings import make_embeddings
from knowledge.plan_check import check_plan, find_sections
from knowledge.rules import Rules
from tests.support.contracts import PLAN_CHECK_KEYS

PLANS = Path(__file__).resolve().parents[1] / "fixtures" / "plans"


def _plan(name: str) -> str:
    return (PLANS / f"{name}.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def checker(rules: Rules) -> PlanChecker:
    return PlanChecker(rules, make_embeddings("e5"))


def test_complete_plan_passes(checker: PlanChecker) -> None:
    report = checker.check_text("enterprise", _plan("enterprise_complete"))
    assert report.ok, report.problems
    assert report.missing_sections == [] and report.uncovered_mandatory == []
    assert 1 in report.innovation_covered
    covering = {c.number: c.sentence for c in report.mandatory}
    assert "自行监测" in covering[4]


def test_missing_section_is_reported(checker: PlanChecker) -> None:
    text = _plan("enterprise_complete").replace("## 三、实施路径", "## 三、其他")
    report = checker.check_text("enterprise", text)
    assert not report.ok
    assert report.missing_sections == ["实施路径"]
    assert any("缺少必备章节：实施路径" in p for p in report.problems)


def test_sections_out_of_order_are_reported(rules: Rules) -> None:
    text = "一、试点目标\n三、实施路径\n二、试点内容\n四、实施时间及进度安排\n五、预期产出及示范意义"
    report = check_plan(rules, "building", text)
    assert not report.sections_in_order and not report.ok


def test_over_3000_characters_is_reported(checker: PlanChecker) -> None:
    text = _plan("enterprise_complete") + "\n" + "补充说明。" * 700
    report = checker.check_text("enterprise", text)
    assert report.chars > 3000 and not report.ok
    assert any("超过3000字" in p for p in report.problems)


def test_removed_mandatory_item_is_reported(checker: PlanChecker) -> None:
    lines = [line for line in _plan("enterprise_complete").splitlines() if not line.startswith("4. ")]
    report = checker.check_text("enterprise", "\n".join(lines))
    assert report.uncovered_mandatory == [4] and not report.ok
    assert any("必选项第4项" in p for p in report.problems)


def test_paraphrased_items_count_with_embeddings(checker: PlanChecker, rules: Rules) -> None:
    text = _plan("enterprise_paraphrased")
    without = check_plan(rules, "enterprise", text)
    assert without.uncovered_mandatory, "keywords alone should miss some paraphrases"
    report = checker.check_text("enterprise", text)
    assert report.uncovered_mandatory == [] and report.ok, report.problems
    assert report.sections_found == ["试点目标", "试点内容", "实施路径", "实施时间及进度安排", "预期产出及示范意义"]


def test_unrelated_paragraph_does_not_count(checker: PlanChecker) -> None:
    report = checker.check_text("enterprise", _plan("unrelated"))
    assert report.uncovered_mandatory == list(range(1, 9))
    assert report.innovation_covered == []


@pytest.mark.parametrize(
    "heading",
    [
        "四、实施时间及进度安排",
        "4. 实施时间和进度安排",
        "## 四、实施时间与进度安排",
        "（四）实施时间及进度安排：",
        "第四部分 进度安排",
    ],
)
def test_heading_variants_are_recognised(rules: Rules, heading: str) -> None:
    assert [t for _, t in find_sections(heading, rules.data.form.sections)] == ["实施时间及进度安排"]


def test_long_lines_are_not_headings(rules: Rules) -> None:
    line = "我们的试点目标是在三年内建成覆盖全部车间的环境管理体系并实现排放数据实时公开"
    assert find_sections(line, rules.data.form.sections) == []


def test_placeholders_are_counted_and_cover_nothing(rules: Rules) -> None:
    text = "一、试点目标\n【填写：建立企业内部碳排放核算机制，开展碳达峰和碳中和顶层设计】"
    report = check_plan(rules, "enterprise", text)
    assert report.placeholders == 1 and report.innovation_covered == []


def test_public_shape_is_the_cli_contract(rules: Rules) -> None:
    assert set(check_plan(rules, "town", "").public()) == PLAN_CHECK_KEYS
