"""Understanding as a specification: each YAML case says what a message (in a conversation) is read as."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.core.understanding.query import Memory
from bot.core.understanding.understand import default_understander, understand

CASES = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c.get("name", c["say"]) for c in CASES])
def test_understanding(case: dict) -> None:
    query = understand(case["say"], Memory.of(case.get("memory")))
    expect = case["expect"]
    read = {
        "types": list(query.types),
        "kinds": list(query.item_kinds),
        "number": query.item_number,
        "fact": query.fact,
        "unset": query.unset_topic,
        "item_clause": query.item_clause,
        "foreign_item": query.foreign_item,
        "type_remembered": query.type_remembered,
        "kind_remembered": query.kind_remembered,
        "whole_list": query.whole_list,
        "elliptical": query.elliptical,
        "normalized": query.normalized,
        "verb": query.verb,
        "counted": query.counted,
        "statement": query.statement,
        "value_slot": query.value_slot,
        "stated_value": list(query.stated_value) if query.stated_value else None,
        "type_explicit": query.type_explicit,
        "asking": query.asking,
        "content": list(query.content),
        "situation": query.situation,
        "recalled": query.recalled,
        "supposed": query.supposed,
        "year": query.year,
        "compared_facts": list(query.compared_facts),
        "compared": [list(c) for c in query.compared],
        "items_back": [list(c) for c in query.items_back],
        "stage_done": query.stage_done,
        "counts": [list(c) for c in query.counts],
        "across": {t: list(clauses) for t, clauses in query.across},
        "speaker": query.speaker,
    }
    for key, wanted in expect.items():
        if key == "forms":
            assert set(wanted) <= query.forms, f"forms {sorted(query.forms)}"
        elif key == "not_forms":
            assert not set(wanted) & query.forms, f"forms {sorted(query.forms)}"
        else:
            assert read[key] == wanted, f"{key}: read {read[key]!r}, expected {wanted!r} ({query})"


def test_a_damaged_memory_is_read_as_an_empty_one() -> None:
    assert Memory.of({"type": 5, "listed": "x"}) == Memory()
    assert Memory.of("not a dict") == Memory()
    assert Memory.of({"type": "enterprise", "future_field": 1}).type == "enterprise"


def test_a_memory_naming_what_the_rules_no_longer_hold_is_read_without_it() -> None:
    """A session kept across an upgrade that renamed a fact or a type: read, never a 500."""
    memory = Memory(fact="renamed_fact", type="factory", own_type="factory", pair=("x", "enterprise"))
    query = understand("哪几个部门", memory)
    assert query.types == () and query.fact != "renamed_fact"
    assert understand("那必选项呢", Memory(type="enterprise", fact="gone")).types == ("enterprise",)


def test_a_long_message_is_read_by_its_start_and_its_end() -> None:
    query = understand("我们是一家企业。" + "很长的背景说明" * 500 + "请问必选项有哪些")
    assert query.types == ("enterprise",) and query.item_kinds == ("mandatory",)
    assert len(query.text) <= 301


def test_a_message_asking_several_things_is_split_into_its_questions() -> None:
    split = default_understander().questions
    assert split("我们是街道，材料交给谁？要交几份？") == ["我们是街道，材料交给谁？", "要交几份？"]
    assert split("企业申报条件有哪些？") == ["企业申报条件有哪些？"]
    assert split("我们是园区。想申报。") == ["我们是园区。想申报。"]  # statements only: one message
    assert len(split("材料交给谁？要交几份？什么时候截止？有没有模板？")) == 3  # the rest go with the last


def test_questions_of_one_form_are_one_question() -> None:
    """“一定要建成吗？正在创建的行不行？” narrows one question; split, its second half would lose the first."""
    split = default_understander().questions
    assert len(split("园区一定要已经建成示范园区才能报吗？正在创建的行不行？")) == 1
    assert len(split("有奖金吗？大概多少")) == 2


def test_questions_about_different_kinds_are_split() -> None:
    assert len(default_understander().questions("楼宇必选项几条？创新项多少分？")) == 2


def test_a_question_that_only_goes_on_stays_with_the_one_before() -> None:
    """“分别是谁？” asks nothing of its own: answered alone it would be out of scope."""
    split = default_understander().questions
    assert split("申报表上要几个单位盖章？分别是谁？") == ["申报表上要几个单位盖章？分别是谁？"]


def test_two_clauses_asking_two_things_are_two_questions() -> None:
    split = default_understander().questions
    assert split("我们审完之后报到哪里，最晚什么时候") == ["我们审完之后报到哪里，", "最晚什么时候"]
    assert len(split("整个试点评分满分是多少，40加60吗")) == 1  # the second clause checks the first
    assert len(split("什么时候截止，是10月底吗")) == 1  # one fact asked twice over
    assert len(split("我想问一下，企业申报条件有哪些")) == 1
    assert len(split("今年没选上的话，明年能拿同一个方案再报吗？要不要改？")) == 1  # yes/no going on from yes/no
    assert len(split("油烟噪声要管到什么程度？试点里有要求吗")) == 2
    # what is told first goes with the first question
    assert split("我们审核同意以后，材料报给谁，要几份？") == ["我们审核同意以后，材料报给谁，", "要几份？"]


def test_two_numbered_items_are_asked_in_turn() -> None:
    split = default_understander().questions
    assert split("第三条和第六条分别说的啥") == ["第三条说的啥", "第六条说的啥"]


def test_two_things_asked_of_one_shared_attribute_are_two_questions() -> None:
    split = default_understander().questions
    both = ["单位简介的字数上限是多少？", "实施方案的字数上限是多少？"]
    assert split("单位简介和实施方案的字数上限分别是多少？") == both
    assert split("简介和方案分别限多少字") == ["简介限多少字", "方案限多少字"]
    both = ["申报单位简介的字数上限是多少？", "试点实施方案的字数上限是多少？"]
    assert split("申报单位简介和试点实施方案，字数上限分别是多少？") == both  # the attribute after a comma


def test_a_focus_marker_at_the_end_of_a_part_leads_into_the_question_after_it() -> None:
    text = "“由组织单位报送”——这个流程我们去年已经走过一遍了。我想知道的是，优秀试点项目会报到哪几个部门？"
    assert default_understander().questions(text) == [text]
    assert default_understander().questions("材料交给谁？想问一下要几份？") == ["材料交给谁？", "想问一下要几份？"]


def test_a_question_closed_by_a_full_stop_after_its_tag_is_a_question_of_its_own() -> None:
    split = default_understander().questions
    text = "审核是市生态环境局和发改委一起弄的对吧。那最后典型案例是怎么评出来的？"
    assert split(text) == ["审核是市生态环境局和发改委一起弄的对吧。", "那最后典型案例是怎么评出来的？"]
