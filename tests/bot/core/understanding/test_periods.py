"""A stated event's time becomes a span of days, read as of today, so “去年” can be held against 近一年."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.understanding.periods import Period, event_period, months_before
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
