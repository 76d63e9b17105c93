"""Drafts for every type fit the limits, are structurally sound but not ok until filled, and round-trip."""

from __future__ import annotations

import io

import pytest
from docx import Document

from bot.core.plans.application import application_docx, application_markdown
from bot.core.plans.checker import PlanChecker
from bot.core.plans.drafting import PlanProfile, draft_plan, plain_text
from bot.core.plans.files import markdown_to_docx, read_upload
from indexer.embeddings import make_embeddings
from knowledge.rules import Rules, count_chars

TYPES = ["park", "enterprise", "town", "community", "building"]


@pytest.fixture(scope="module")
def checker(rules: Rules) -> PlanChecker:
    return PlanChecker(rules, make_embeddings("e5"))


def _profile(rules: Rules, type_id: str, **extra) -> PlanProfile:
    every = [i.number for i in rules.type(type_id).innovation.present]
    fields = {
        "name": "上海示范单位",
        "address": "上海市浦东新区示范路1号",
        "contact": "张三/主任 13800000000",
        "description": "一家重视环境治理的单位",
        "innovation": every,
        "start": "2026年3月",
    }
    return PlanProfile(**{**fields, **extra})


@pytest.mark.parametrize("type_id", TYPES)
def test_draft_is_sound_within_budgets_but_not_ok_until_filled(
    rules: Rules, checker: PlanChecker, type_id: str
) -> None:
    draft = draft_plan(rules, type_id, _profile(rules, type_id))
    report = checker.check_text(type_id, plain_text(draft.markdown))
    assert report.missing_sections == [] and report.sections_in_order
    assert report.chars == draft.chars <= 3000
    assert all(s.chars <= s.budget for s in draft.sections), [(s.title, s.chars, s.budget) for s in draft.sections]
    assert not report.ok and report.placeholders > 0
    assert report.uncovered_mandatory == [i.number for i in rules.type(type_id).mandatory.present]
    chosen = [c.number for c in report.innovation if c.state == "restated"]
    assert chosen == [i.number for i in rules.type(type_id).innovation.present] and report.innovation_covered == []
    assert draft.intro_chars <= 200 and "上海示范单位" in draft.intro


def test_sections_in_order_with_placeholders_and_item_guidance(rules: Rules) -> None:
    draft = draft_plan(rules, "enterprise", _profile(rules, "enterprise", innovation=[1]))
    titles = ["一、试点目标", "二、试点内容", "三、实施路径", "四、实施时间及进度安排", "五、预期产出及示范意义"]
    positions = [draft.markdown.index(f"## {t}") for t in titles]
    assert positions == sorted(positions)
    assert "【填写：" in draft.markdown
    assert "建立污染物排放自行监测管理制度" in draft.markdown
    assert "碳排放核算" in draft.markdown and "绿色供应链" not in draft.markdown
    assert "2026年3月—2026年5月" in draft.markdown


def test_lost_park_item_is_marked_not_invented(rules: Rules) -> None:
    draft = draft_plan(rules, "park", _profile(rules, "park"))
    assert "必选项第2项：条目缺失，请以原件为准" in draft.markdown


def test_unknown_innovation_number_is_refused(rules: Rules) -> None:
    with pytest.raises(ValueError, match="没有可选的创新项"):
        draft_plan(rules, "park", _profile(rules, "park", innovation=[2]))


def test_long_description_is_trimmed_to_200_characters(rules: Rules) -> None:
    draft = draft_plan(rules, "town", _profile(rules, "town", description="长" * 290))
    assert draft.intro_chars <= 200


@pytest.mark.parametrize("type_id", TYPES)
def test_docx_round_trip_gives_the_same_report(rules: Rules, checker: PlanChecker, type_id: str) -> None:
    draft = draft_plan(rules, type_id, _profile(rules, type_id))
    data = markdown_to_docx(draft.markdown)
    document = Document(io.BytesIO(data))
    assert next(p.text for p in document.paragraphs if p.style.name == "Heading 1") == "一、试点目标"
    from_docx = checker.check_upload(type_id, "draft.docx", data)
    from_md = checker.check_upload(type_id, "draft.md", draft.markdown.encode())
    assert from_docx.public() == from_md.public()
    form_docx = checker.check_upload(type_id, "form.docx", application_docx(rules, draft))
    form_md = checker.check_upload(type_id, "form.md", application_markdown(rules, draft).encode())
    assert form_docx.form and form_docx.public() == form_md.public()
    assert form_docx.chars == from_md.chars and form_docx.public()["items"] == from_md.public()["items"]


def test_plain_text_counts_what_a_reader_sees() -> None:
    assert count_chars(plain_text("## 一、试点目标\n- **要点**")) == count_chars("一、试点目标\n要点")


def test_read_upload_decodes_gb18030() -> None:
    assert read_upload("plan.txt", "一、试点目标".encode("gb18030")) == "一、试点目标"


def test_llm_prose_is_kept_when_the_skeleton_stays_sound(rules: Rules) -> None:
    """The writer stands in for a remote LLM (an outer edge); its prose is kept if sections and 字数 hold."""

    def writer(title: str, brief: str, budget: int) -> str:
        return f"围绕{title}，本单位将在2026年内完成三项重点任务。"

    draft = draft_plan(rules, "enterprise", _profile(rules, "enterprise"), writer)
    assert "围绕实施路径，本单位将在2026年内完成三项重点任务。" in draft.markdown

    def rambling(title: str, brief: str, budget: int) -> str:
        return "## 四、实施时间及进度安排\n重复的章节"

    assert "重复的章节" not in draft_plan(rules, "enterprise", _profile(rules, "enterprise"), rambling).markdown
