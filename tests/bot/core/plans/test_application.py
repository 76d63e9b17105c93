"""The complete 申报表: laid out like 附件1, printable (A4, Chinese fonts, properties), read back by the check."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from bot.core.plans.application import application_docx, application_markdown
from bot.core.plans.checker import PlanChecker
from bot.core.plans.drafting import Draft, PlanProfile, draft_plan, plain_text
from indexer.embeddings import make_embeddings
from knowledge.rules import Rules

FILLED_PLAN = (Path(__file__).resolve().parents[3] / "fixtures" / "plans" / "enterprise_complete.md").read_text(
    encoding="utf-8"
)
FILLED_INTRO = (
    "上海某某化工有限公司成立于2003年，主营精细化工产品，员工320人，2023年通过ISO14001认证，连续三年无环境处罚。"
)


@pytest.fixture(scope="module")
def checker(rules: Rules) -> PlanChecker:
    return PlanChecker(rules, make_embeddings("e5"))


def _draft(rules: Rules, type_id: str = "enterprise", **extra) -> Draft:
    profile = {
        "name": "上海某某化工有限公司",
        "address": "上海市金山区示范路1号",
        "contact": "张三/安环部经理 13800000000 zhang@example.com",
        "innovation": [1],
        "start": "2026年1月",
        **extra,
    }
    return draft_plan(rules, type_id, PlanProfile(**profile))


def _filled(rules: Rules, **changes) -> Draft:
    """The drafted form with the applicant's own plan and 简介 written in."""
    return dataclasses.replace(_draft(rules), **{"markdown": FILLED_PLAN, "intro": FILLED_INTRO, **changes})


def _all_text(data: bytes) -> list[str]:
    document = Document(io.BytesIO(data))
    cells = [p.text for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return [p.text for p in document.paragraphs] + cells


def test_docx_is_laid_out_like_attachment_1(rules: Rules) -> None:
    data = application_docx(rules, _draft(rules))
    document = Document(io.BytesIO(data))
    [table] = document.tables
    labels = [row.cells[0].text for row in table.rows]
    assert labels == [
        "申报主体类型",
        "申报单位",
        "申报单位简介（200字以内）",
        "试点实施方案（3000字以内，可附页）",
        "申报单位意见",
        "组织单位意见",
    ]
    assert "☑企业" in table.rows[0].cells[1].text and "□园区" in table.rows[0].cells[1].text
    units = table.rows[1].cells[1].text
    for line in ["单位名称：上海某某化工有限公司", "联系人姓名/职务：张三/安环部经理", "手机：13800000000"]:
        assert line in units
    assert "邮箱：zhang@example.com" in units
    plan = [p.text for p in table.rows[3].cells[1].paragraphs]
    sections = ["一、试点目标", "二、试点内容", "三、实施路径", "四、实施时间及进度安排", "五、预期产出及示范意义"]
    assert [p for p in plan if p in sections] == sections
    for row in table.rows[4:]:
        assert [p.text for p in row.cells[1].paragraphs][-2:] == ["（盖章）", "年　　月　　日"]


def test_docx_is_a4_with_chinese_fonts_and_properties(rules: Rules) -> None:
    document = Document(io.BytesIO(application_docx(rules, _draft(rules))))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "仿宋"
    heading = document.styles["Heading 2"].element.rPr.rFonts
    assert heading.get(qn("w:eastAsia")) == "黑体" and heading.get(qn("w:eastAsiaTheme")) is None
    props = document.core_properties
    assert props.author == "pilotbot" and props.last_modified_by == "pilotbot"
    assert props.title == "上海市现代环境治理体系试点示范项目申报表（上海某某化工有限公司）"


@pytest.mark.parametrize("type_id", ["park", "enterprise", "town", "community", "building"])
def test_proof_documents_are_listed_per_condition_with_clauses(rules: Rules, type_id: str) -> None:
    kind = rules.type(type_id)
    text = "\n".join(_all_text(application_docx(rules, _draft(rules, type_id, innovation=[]))))
    markdown = application_markdown(rules, _draft(rules, type_id, innovation=[]))
    for condition in kind.conditions:
        assert f"〔{condition.clause}〕" in text and f"〔{condition.clause}〕" in markdown
        for document in condition.proof:
            assert f"□ {document}" in text and f"- {document}" in markdown
    if type_id == "park":
        assert "2. 条目缺失，请以原件为准" in text


def test_drafted_form_is_not_ok_until_filled(rules: Rules, checker: PlanChecker) -> None:
    draft = _draft(rules)
    report = checker.check_upload("enterprise", "申报表.docx", application_docx(rules, draft))
    assert report.form and not report.ok
    assert report.chars == draft.chars and report.intro_chars == draft.intro_chars
    assert report.uncovered_mandatory == list(range(1, 9)) and report.placeholders > 0
    assert any("申报单位简介1处（单位基本情况）" in p for p in report.problems)


def test_filled_form_round_trips_through_the_check(rules: Rules, checker: PlanChecker) -> None:
    draft = _filled(rules)
    from_docx = checker.check_upload("enterprise", "申报表.docx", application_docx(rules, draft))
    from_md = checker.check_upload("enterprise", "申报表.md", application_markdown(rules, draft).encode())
    assert from_docx.ok, from_docx.problems
    assert from_docx.form and from_docx.intro_chars == draft.intro_chars
    assert {f.id for f in from_docx.findings if f.required} == {"type", "intro", "unit_fields"}
    assert from_docx.public() == from_md.public()
    assert from_docx.public() == checker.check_text("enterprise", plain_text(FILLED_PLAN)).public() | {
        "form": True,
        "intro_chars": draft.intro_chars,
        "findings": from_docx.public()["findings"],
    }


def test_form_with_a_long_intro_or_missing_unit_fields_is_not_ok(rules: Rules, checker: PlanChecker) -> None:
    long_intro = _filled(rules, intro=FILLED_INTRO * 5)
    report = checker.check_upload("enterprise", "a.docx", application_docx(rules, long_intro))
    assert not report.ok and any(p.startswith("申报单位简介") and "超过200字" in p for p in report.problems)
    no_phone = _filled(rules, profile=PlanProfile(name="上海某某化工有限公司", address="金山区", contact="张三"))
    report = checker.check_upload("enterprise", "b.docx", application_docx(rules, no_phone))
    failed = {f.id: f for f in report.findings if not f.passed}
    assert failed["unit_fields"].clause == "form.applicant" and "手机、邮箱" in failed["unit_fields"].message
    assert not report.ok


def test_form_ticked_for_another_type_is_not_ok(rules: Rules, checker: PlanChecker) -> None:
    markdown = application_markdown(rules, _filled(rules))
    assert checker.check_text("enterprise", markdown).ok
    as_town = checker.check_text("enterprise", markdown.replace("□街镇", "☑街镇").replace("☑企业", "□企业"))
    failed = {f.id: f for f in as_town.findings if not f.passed}
    assert not as_town.ok and failed["type"].clause == "form.type" and "街镇" in failed["type"].message
    unticked = checker.check_text("enterprise", markdown.replace("☑企业", "□企业"))
    assert not unticked.ok and any(p.startswith("申报主体类型未勾选") for p in unticked.problems)
