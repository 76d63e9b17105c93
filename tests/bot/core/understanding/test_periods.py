"""A stated event's time becomes a span of days, read as of today, so “去年” can be held against 近一年; a time
the user supposes (“要是明年5月才弄完”) becomes the days a deadline or a window is read from."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.understanding.periods import (
    Period,
    event_period,
    months_before,
    months_named,
    period_text,
    supposed_period,
    supposed_time,
)
from knowledge.lexicon import default_lexicon

TODAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("said", "first", "last"),
    [
        ("2025年初出过一次较大突发环境事件", date(2025, 1, 1), date(2025, 3, 31)),
        ("我们村2025年春天出过一次", date(2025, 3, 1), date(2025, 5, 31)),
        ("2023年5月被罚过", date(2023, 5, 1), date(2023, 5, 31)),
        ("23年底出过事故", date(2023, 10, 1), date(2023, 12, 31)),
        ("去年镇上出过一起较大的突发环境事件", date(2025, 1, 1), date(2025, 12, 31)),
        ("去年初被罚", date(2025, 1, 1), date(2025, 3, 31)),
        ("今年上半年", date(2026, 1, 1), date(2026, 6, 30)),
        ("这个月初刚被区生态环境局罚了一笔", date(2026, 8, 30), TODAY),  # recent: the last three months
        ("两个月前被罚", date(2026, 8, 30), date(2026, 10, 30)),
        ("三年前出过事故", date(2023, 5, 30), date(2024, 5, 30)),  # about three years: either side of the edge
        ("近三年没有出过事", date(2023, 11, 30), TODAY),
        ("8月份被罚过", date(2026, 8, 1), date(2026, 8, 31)),  # the latest August up to today
        ("12月份被罚过", date(2025, 12, 1), date(2025, 12, 31)),
    ],
)
def test_a_stated_time_is_a_span_of_days(said: str, first: date, last: date) -> None:
    assert event_period(said, TODAY, default_lexicon().event_times) == Period(first, last)


@pytest.mark.parametrize("said", ["出过一次较大的事故", "近10年", "去年"])
def test_no_span_ends_after_today_and_none_is_made_up(said: str) -> None:
    period = event_period(said, TODAY, default_lexicon().event_times)
    if said == "出过一次较大的事故":
        assert period is None  # no time said: the answer says what it depends on
    else:
        assert period is not None and period.last <= TODAY and period.first < period.last
    assert said != "近10年" or period.first == date(2016, 11, 30)  # 近10年 is a window, not the year 2010


def test_months_before_keeps_the_day_or_the_month_s_last() -> None:
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(TODAY, 36) == date(2023, 11, 30)


@pytest.mark.parametrize(
    ("said", "time", "first", "last"),
    [
        ("要是明年5月才弄完呢", "明年5月", date(2027, 5, 1), date(2027, 5, 31)),
        ("那要是拖到明年11月呢", "明年11月", date(2027, 11, 1), date(2027, 11, 30)),
        ("要是区里明年9月底才审完", "明年9月底", date(2027, 9, 21), date(2027, 9, 30)),
        ("要是我们11月初才把材料交给区里", "11月初", date(2026, 11, 1), date(2026, 11, 10)),  # this year's
        ("那等明年投用了再报", "明年", date(2027, 1, 1), date(2027, 12, 31)),
        ("预计明年6月开业", "明年6月", date(2027, 6, 1), date(2027, 6, 30)),
        ("等2027年底再报", "2027年底", date(2027, 10, 1), date(2027, 12, 31)),
        ("下个月才能交", "下个月", date(2026, 12, 1), date(2026, 12, 31)),
    ],
)
def test_a_supposed_time_is_read_as_the_days_it_spans(said: str, time: str, first: date, last: date) -> None:
    words = default_lexicon().event_times
    assert supposed_time(said, words) == time
    assert supposed_period(said, TODAY, words) == Period(first, last)


@pytest.mark.parametrize(
    "said",
    ["今年3月因为废气超标被区生态环境局罚了款", "去年做了光伏等项目", "今年10月底前没来得及报", "申报截止是什么时候"],
)
def test_a_time_told_of_what_happened_is_no_supposed_time(said: str) -> None:
    assert supposed_time(said, default_lexicon().event_times) == ""


def test_a_supposed_time_is_named_as_a_month_a_year_or_its_days() -> None:
    assert period_text(Period(date(2027, 5, 1), date(2027, 5, 31))) == "2027年5月"
    assert period_text(Period(date(2027, 1, 1), date(2027, 12, 31))) == "2027年"
    assert period_text(Period(date(2026, 11, 1), date(2026, 11, 10))) == "2026年11月1日至11月10日"


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("1月底那个是什么", {1}),
        ("十二月份要交的", {12}),
        ("2025年1月被罚过", set()),
        ("1月31号之前", set()),
        ("几月份", set()),
    ],
)
def test_a_month_is_named_on_its_own_not_inside_a_date(text: str, months: set[int]) -> None:
    assert months_named(text) == months
