"""The cleaned notice keeps the seed's wording and gives every citable clause a stable id."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from knowledge.sources import SourceDocument, parse_source

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "notice-2021-09-08.txt"


def _squash(text: str) -> str:
    return re.sub(r"[\s|*]", "", text)


@pytest.mark.parametrize(
    "clause_id",
    [
        "notice.1",
        "notice.2",
        "notice.3.3",
        "plan.1",
        "plan.4.1",
        "plan.contacts",
        "form.plan",
        "form.proof",
        "guide.enterprise.condition.3",
        "guide.enterprise.mandatory.4",
        "guide.enterprise.innovation.1",
        "guide.park.scoring",
        "guide.building.mandatory_score",
    ],
)
def test_issue_named_clauses_exist(source: SourceDocument, clause_id: str) -> None:
    assert source.clause(clause_id).text


def test_every_clause_text_stands_verbatim_in_the_seed(source: SourceDocument) -> None:
    if not SEED.exists():
        pytest.skip(f"seed text not found at {SEED}")
    seed = _squash(SEED.read_text(encoding="utf-8"))
    for clause in source.clauses:
        if clause.id == "form.plan":  # the form row is laid out over lines; its words are checked below
            continue
        assert _squash(clause.text) in seed, clause.id


def test_form_plan_row_lists_the_five_sections_in_order(source: SourceDocument) -> None:
    text = source.clause("form.plan").text
    titles = ["试点目标", "试点内容", "实施路径", "实施时间及进度安排", "预期产出及示范意义"]
    assert [text.index(t) for t in titles] == sorted(text.index(t) for t in titles)
    assert "3000字以内" in text


def test_clause_paths_follow_the_document_structure(source: SourceDocument) -> None:
    clause = source.clause("guide.enterprise.mandatory.4")
    assert clause.path[-3:] == ("2-2试点主体:企业", "试点的主要内容及要求", "必选项")
    assert source.clause("plan.4.1").title.endswith("四、组织实施 › (一)试点申报")


def test_gaps_in_the_extracted_text_are_recorded_not_invented(source: SourceDocument) -> None:
    assert {g.id for g in source.gaps} == {
        "guide.park.condition.2",
        "guide.park.mandatory.2",
        "guide.park.innovation.2",
        "guide.park.innovation.3",
        "guide.park.innovation.4",
    }
    assert not {g.id for g in source.gaps} & {c.id for c in source.clauses}


def test_duplicate_clause_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="used twice"):
        parse_source('<a id="x.1"></a>\none\n\n<a id="x.1"></a>\ntwo\n')


def test_editorial_notes_are_not_part_of_clause_text() -> None:
    doc = parse_source('## A\n<a id="a.1"></a>\n正文\n\n> 【编者注】提取文本缺少第2条（编号 a.2）。\n')
    assert doc.clause("a.1").text == "正文"
    assert [g.id for g in doc.gaps] == ["a.2"]
