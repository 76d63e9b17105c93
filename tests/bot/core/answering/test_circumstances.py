"""What the user says of their own situation is judged against the conditions, as of today: the judgement
first, then the condition's words and why (“去年出过一次较大的突发环境事件，还能报吗” → 不可以)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.answering.answerer import Answerer

TODAY = date(2026, 11, 30)


@pytest.fixture(scope="module")
def judged(rules, retriever) -> Answerer:
    return Answerer(rules, retriever, today=lambda: TODAY)


def test_a_penalty_this_month_fails_the_one_year_condition(judged: Answerer) -> None:
    answer = judged.ask("纸质材料一式三份我们都印好了，就是想确认下：企业近一年被生态环境部门罚过一次，还能不能申报？")
    assert answer.answer.startswith("不可以，不符合申报条件")
    assert "近一年未受到生态环境主管部门的处罚" in answer.answer
    assert [c.id for c in answer.citations] == ["guide.enterprise.condition.3"]


def test_an_incident_in_the_window_fails_and_says_when_it_no_longer_counts(judged: Answerer) -> None:
    answer = judged.ask("我们村2025年春天出过一次较大的突发环境事件，现在想报社区试点，行吗？")
    assert answer.answer.startswith("不行，不符合申报条件")
    assert "2023年11月30日以来" in answer.answer and "2028年6月1日" in answer.answer  # three years after May 2025
    assert "guide.community.condition.3" in [c.id for c in answer.citations]


@pytest.mark.parametrize(
    "question",
    ["我们厂五年前出过一次较大事故，能报吗", "我们企业近三年只出过一次一般级别的突发环境事件，这影响申报吗"],
)
def test_an_incident_before_the_window_or_below_its_grade_does_not_bar(judged: Answerer, question: str) -> None:
    text = judged.ask(question).answer
    assert text.startswith(("可以，就您所说的情况，不影响申报", "不影响。")) and "不符合申报条件" not in text


def test_without_a_date_or_grade_the_answer_says_what_it_depends_on(judged: Answerer) -> None:
    answer = judged.ask("我们厂出过一次事故，能报吗")
    assert answer.answer.startswith("要看具体情况")
    assert "2023年11月30日以来" in answer.answer and "一般级别的不受影响" in answer.answer


def test_a_permit_not_yet_obtained_is_not_full_coverage_unless_none_is_needed(judged: Answerer) -> None:
    told = judged.ask("我们园区有30多家企业，其中两家按规定要办排污许可证，但现在还没办下来")
    assert told.answer.startswith("按您所说，目前不符合申报条件") and "全覆盖" in told.answer
    assert "guide.park.condition.3" in [c.id for c in told.citations]
    exempt = judged.ask("园区里有两家小作坊依法不需要办排污许可，所以还没办，园区能报吗")
    assert exempt.answer.startswith("可以")


def test_a_building_not_yet_open_is_told_so_when_it_introduces_itself(judged: Answerer) -> None:
    answer = judged.ask("我们是前滩一栋新楼的业主方，楼还在内装，明年下半年才开业")
    assert answer.answer.startswith("按您所说，目前不符合申报条件") and "已建成投用" in answer.answer


def test_an_introduction_that_meets_a_limit_is_not_judged(judged: Answerer) -> None:
    answer = judged.ask("我们是物业公司，管着一栋写字楼，想报这个")
    assert not answer.answer.startswith("按您所说")


def test_a_penalty_from_another_authority_does_not_count(judged: Answerer) -> None:
    text = judged.ask("我们是青浦一家印染企业，今年8月被消防部门罚了一笔款，这影响申报吗").answer
    assert text.startswith("不影响。") and "不是生态环境主管部门作出的" in text


def test_asked_whether_it_counts_the_answer_says_it_does(judged: Answerer) -> None:
    """“罚得少也算吗” → 算 (and so 不符合), not 不算: the judgement follows what was asked."""
    text = judged.ask("我们企业这个月被区生态环境局罚了两万块，金额很小，也算吗？").answer
    assert text.startswith("算，不符合申报条件")


def test_a_situation_mentioned_while_asking_about_an_item_is_not_judged(judged: Answerer) -> None:
    assert "申报条件" not in judged.ask("去年出过事故，整改算创新项吗").answer.split("\n")[0]


def test_an_authority_named_in_a_stated_penalty_is_not_the_topic_asked(judged: Answerer) -> None:
    """“被区生态环境局罚过” says who fined them; “还卡我们吗” asks whether it counts against applying."""
    answer = judged.ask("我们企业2025年5月被区生态环境局罚过一次款，现在是2026年11月，光看处罚这一条，还卡我们吗？")
    assert answer.answer.startswith("不卡") and "guide.enterprise.condition.3" in [c.id for c in answer.citations]
