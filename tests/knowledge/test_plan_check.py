"""check_plan judges sections, 字数 and item coverage by the applicant's own content, with findings on substance."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.plans.checker import PlanChecker
from bot.core.plans.drafting import PlanProfile, draft_plan, plain_text
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
    assert [c.state for c in report.mandatory] == ["covered"] * 8
    assert 1 in report.innovation_covered
    covering = {c.number: c.sentence for c in report.mandatory}
    assert "在线监测设备" in covering[4]  # the applicant's sentence, not the requirement
    assert all(f.passed for f in report.findings), [f.message for f in report.findings if not f.passed]


def test_drafted_skeleton_is_not_ok_until_filled_in(checker: PlanChecker, rules: Rules) -> None:
    draft = draft_plan(rules, "enterprise", PlanProfile(name="示范公司", innovation=[1, 4], start="2026年3月"))
    report = checker.check_text("enterprise", plain_text(draft.markdown))
    assert not report.ok
    assert report.placeholders > 0 and report.uncovered_mandatory == list(range(1, 9))
    assert {c.state for c in report.mandatory} == {"restated"}  # the quoted requirements and titles cover nothing
    assert report.innovation_covered == []
    assert any("占位内容未补全" in p and "实施路径" in p for p in report.problems)


def test_plan_that_only_restates_the_requirements_is_not_ok_and_says_which(checker: PlanChecker) -> None:
    report = checker.check_text("enterprise", _plan("enterprise_restated"))
    assert not report.ok
    assert report.public()["restated_mandatory"] == list(range(1, 9))
    assert report.uncovered_mandatory == list(range(1, 9))
    assert any(p.startswith("企业类必选项第4项（污染物排放自行监测）只复述了要求") for p in report.problems)
    restated = {c.number: c.restated for c in report.mandatory}
    assert restated[4] and "自行监测" in restated[4]


def test_one_restated_item_among_filled_ones_is_named(checker: PlanChecker) -> None:
    own = next(line for line in _plan("enterprise_complete").splitlines() if line.startswith("4. "))
    text = _plan("enterprise_complete").replace(
        own, "4. 建立污染物排放自行监测管理制度，严格落实排污单位自行监测主体责任。"
    )
    report = checker.check_text("enterprise", text)
    assert not report.ok and report.uncovered_mandatory == [4]
    assert [c.number for c in report.mandatory if c.state == "restated"] == [4]


def test_headings_cover_nothing(checker: PlanChecker) -> None:
    # The item titles, and two headings that would cover items 2 and 3 by their key concepts were they sentences.
    headings = [f"### （{n}）{i}" for n, i in enumerate(["绿色发展战略与环境管理体系", "污染物排放自行监测"], 1)]
    headings += ["（三）锅炉房余热回收清洁生产及节能", "### 环境风险隐患排查与应急演练安排", "1、环境管理体系建设"]
    before, after = _plan("enterprise_complete").split("## 三、实施路径")
    text = before.split("## 二、试点内容")[0] + "## 二、试点内容\n" + "\n".join(headings) + "\n## 三、实施路径" + after
    report = checker.check_text("enterprise", text)
    assert not any(c.covered for c in report.mandatory), [c.sentence for c in report.mandatory if c.covered]


def test_a_placeholder_left_in_a_filled_plan_fails_and_says_where(checker: PlanChecker) -> None:
    text = _plan("enterprise_complete").replace("每月召开推进会", "【填写：资金保障】每月召开推进会")
    report = checker.check_text("enterprise", text)
    assert not report.ok and report.placeholders == 1 and report.uncovered_mandatory == []
    assert any("实施路径1处（资金保障）" in p for p in report.problems)


def test_findings_are_advice_with_their_clauses(checker: PlanChecker, rules: Rules) -> None:
    text = (
        _plan("enterprise_complete")
        .replace("2026年1月—3月启动部署；2026年4月—12月全面实施；2027年1月—3月总结推广。", "分三个阶段推进。")
        .replace("形成1套化工企业环境治理制度汇编、1个碳排放核算平台和3个典型案例", "取得良好成效")
        .replace("在全行业率先按装置开展碳盘查", "按装置开展碳盘查")
        .replace("，形成的核算方法可复制推广到园区内同类化工企业", "")
    )
    report = checker.check_text("enterprise", text)
    failed = {f.id: f for f in report.findings if not f.passed}
    assert set(failed) == {"timeline", "outputs", "innovation.1.new", "innovation.1.replicable"}
    assert failed["timeline"].clause == "form.plan" and not failed["timeline"].required
    assert failed["innovation.1.new"].clause == rules.type("enterprise").innovation.clause
    assert failed["innovation.1.replicable"].clause == "plan.1"
    assert report.ok, report.problems  # advice does not fail the plan
    assert any(p.startswith("建议：") and p.endswith("〔form.plan〕") for p in report.problems)


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


def test_text_far_beyond_the_limit_is_counted_and_structure_checked_only(checker: PlanChecker) -> None:
    text = _plan("enterprise_complete") + "\n" + "本单位持续推进各项工作。\n" * 130_000  # ≈ 5 MB of UTF-8
    report = checker.check_text("enterprise", text)
    assert report.chars > 30 * 3000 and not report.ok and not report.semantic_checked
    assert report.sections_found == ["试点目标", "试点内容", "实施路径", "实施时间及进度安排", "预期产出及示范意义"]
    assert {c.state for c in report.mandatory} == {"unchecked"}
    assert any("未做内容（语义）检查" in p for p in report.problems)


def test_embedding_past_its_budget_falls_back_to_keywords(rules: Rules) -> None:
    hurried = PlanChecker(rules, make_embeddings("e5"), budget_seconds=0.0)
    report = hurried.check_text("enterprise", _plan("enterprise_paraphrased"))
    assert not report.semantic_checked
    assert any("语义比对超时" in p for p in report.problems)
    assert report.uncovered_mandatory  # keywords alone miss some paraphrases


def test_public_shape_keeps_the_cli_contract_and_adds_item_states(rules: Rules) -> None:
    public = check_plan(rules, "town", "").public()
    assert set(public) >= PLAN_CHECK_KEYS
    assert [(i["item_kind"], i["number"], i["state"]) for i in public["items"]][:2] == [
        ("mandatory", 1, "missing"),
        ("mandatory", 2, "missing"),
    ]
