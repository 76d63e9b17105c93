"""Yearly deadlines read for the year the user names, and set beside each other, as of a fixed day."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.answering.answer import Answer
from bot.core.answering.answerer import Answerer
from bot.core.understanding.query import Memory

TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def dated(rules, retriever) -> Answerer:
    return Answerer(rules, retriever, today=lambda: TODAY)


def _ids(answer: Answer) -> list[str]:
    return [c.id for c in answer.citations]


def test_the_report_on_a_year_is_due_in_the_next(dated: Answerer) -> None:
    answer = dated.ask("2026年度的总结报告最晚哪天交？")
    assert answer.answer.startswith("2026年度的总结报告的截止日期是2027年1月31日，距今还有61天")
    assert "notice.1" in _ids(answer)


def test_a_year_s_report_already_due_says_the_date_has_passed(dated: Answerer) -> None:
    answer = dated.ask("2025年度总结报告啥时候交")
    assert answer.answer.startswith("2025年度的总结报告的截止日期是2026年1月31日，已经过了")


def test_the_deadline_of_a_year_named_is_that_year_s(dated: Answerer) -> None:
    assert dated.ask("2026年的申报截止时间是哪天").answer.startswith("2026年的截止日期是2026年10月31日，已经过了")


def test_a_year_followed_by_its_month_is_a_date_not_the_year_asked(dated: Answerer) -> None:
    assert "2026年的截止日期" not in dated.ask("2026年10月还能报吗").answer


def test_two_deadlines_set_side_by_side_are_two_provisions(dated: Answerer) -> None:
    answer = dated.ask("这个跟试点申报那个截止时间是一回事吗？", Memory(fact="annual_report"))
    assert answer.answer.startswith("不是一回事") and {"notice.1", "plan.4.1"} <= set(_ids(answer))
    assert "2027年1月31日" in answer.answer and "2027年10月31日" in answer.answer


def test_how_long_is_left_after_the_annual_report_counts_the_days_to_its_next_date(dated: Answerer) -> None:
    answer = dated.ask("今天12月1号 还剩多久", Memory(fact="annual_report"))
    assert not answer.refused and _ids(answer) == ["notice.1"]
    assert "下一次截止日期是2027年1月31日，距今还有61天" in answer.answer


def test_whether_a_year_s_report_is_still_in_time_is_asked_of_the_report_in_view(dated: Answerer) -> None:
    answer = dated.ask("现在都11月底了，2026年度的还来得及吗", Memory(fact="annual_report"))
    assert _ids(answer) == ["notice.1"]
    assert answer.answer.startswith("2026年度的总结报告的截止日期是2027年1月31日，距今还有61天，还来得及")


def test_handing_in_today_is_judged_against_this_year_s_deadline(dated: Answerer) -> None:
    answer = dated.ask("今天交还行吗？", Memory(fact="deadline"))
    assert not answer.refused and _ids(answer) == ["plan.4.1"]
    assert "2026年10月31日已经过了" in answer.answer


def test_turning_back_to_applying_after_the_annual_report_asks_applying_s_deadline(dated: Answerer) -> None:
    answer = dated.ask("回到申报，今年的截止已经过了吗", Memory(fact="annual_report"))
    assert _ids(answer) == ["plan.4.1"] and "2026年10月31日已经过了" in answer.answer
