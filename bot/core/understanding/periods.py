"""When a stated event happened, as a span of days, so it can be read against a condition's window.

“近三年内未发生较大及以上突发环境事件” decides “去年出过一次较大的事故” only once 去年 is a span of dates:
wholly inside the window fails the condition, wholly before it does not, and a span across its start
(“三年前”) depends on the day. The words (去年, 年初, 最近 …) are data in ``understanding.yaml``; numerals,
年 and 月 are grammar, here.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from bot.core.understanding.numerals import number as _number
from knowledge.lexicon import EventTimes

_NUMBER = r"(\d{1,2}|[一二两三四五六七八九十]{1,3}|半)"
_YEAR = re.compile(r"(?<![近这去\d])((?:19|20)?\d{2})年(?![内里前以之来多半度])")
_MONTH_AFTER = re.compile(rf"^(?:的)?{_NUMBER}月")
_MONTHS_AGO = re.compile(rf"{_NUMBER}个多?月(?:以)?前")
_YEARS_AGO = re.compile(rf"{_NUMBER}年多?(?:以)?前")
_WITHIN_YEARS = re.compile(rf"(?:近|最近|过去|这)(?:的)?{_NUMBER}年|{_NUMBER}年(?:内|里|之内|以内|来)")
_BARE_MONTH = re.compile(rf"(?<![年\d]){_NUMBER}月份?")
_FULL_YEAR = re.compile(r"((?:19|20)\d{2})年")
_ANY_MONTH = re.compile(rf"(?<![\d个]){_NUMBER}月份?")  # not “3个月”
# a month named on its own (“1月底那个”, “10月份要交的”), not one of a date told with its year or day (2025年1月, 1月31)
_MONTH_NAMED = re.compile(rf"(?<![年\d]){_NUMBER}\s*月(?!\s*\d{{2}})")


@dataclass(frozen=True)
class Period:
    """The first and last day the event may have happened on (never after today)."""

    first: date
    last: date


def event_period(text: str, today: date, words: EventTimes) -> Period | None:
    """The span of days ``text`` places an event in, the most specific reading first; None if it says no time."""
    for read in (_calendar_year, _year_back, _ago, _within, _recent, _bare_month):
        if (period := read(text, today, words)) is not None:
            return Period(min(period.first, today), min(period.last, today))
    return None


def months_named(text: str) -> set[int]:
    """The months of the year the text names on their own."""
    return {m for raw in _MONTH_NAMED.findall(text) if 1 <= (m := int(_number(raw))) <= 12}


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (the month's last day where it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _months(year: int, first: int, last: int) -> Period:
    return Period(date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1]))


def _within_year(year: int, rest: str, words: EventTimes) -> Period:
    """A year, narrowed by the month (“3月”, “9月底”) or part of it (“年初”, “春天”) said right after it."""
    if (month := _MONTH_AFTER.match(rest)) and 1 <= (m := int(_number(month.group(1)))) <= 12:
        return _in_month(year, m, rest[month.end() :], words)
    head = rest[:6].removeprefix("的")
    for part, (first, last) in sorted(words.parts.items(), key=lambda p: -len(p[0])):
        if head.startswith(part) or f"年{head}".startswith(part):  # 2025年初: the year's 年 begins 年初
            return _months(year, first, last)
    return _months(year, 1, 12)


def _in_month(year: int, month: int, rest: str, words: EventTimes) -> Period:
    """A month, narrowed by the part of it said right after it (“月初”, “9月底”, “中旬”)."""
    whole = _months(year, month, month)
    head = rest.removeprefix("份")
    for part, (first, last) in sorted(words.month_parts.items(), key=lambda p: -len(p[0])):
        if head.startswith(part):
            return Period(whole.first.replace(day=first), whole.last.replace(day=min(last, whole.last.day)))
    return whole


# --- a time the user supposes ------------------------------------------------------------------------------------


def supposed_time(clause: str, words: EventTimes) -> str:
    """The time a clause supposes rather than tells of (“明年5月”), or "": a time that is not in the past by its
    own words (明年, 11月初, 下个月, not 去年), with a supposing word before it (“要是明年5月…”, “等到…”,
    “预计…”) or a word right after it that puts something off till then (“9月底才审完”, “明年4月以后”)."""
    span = _time_span(clause, words)
    if span is None:
        return ""
    start, end = span
    after = clause[end:].removeprefix("份")
    if any(w in clause[:start] for w in words.supposing) or after.startswith(words.then_words):
        return clause[start:end]
    return ""


def names_time(clause: str, words: EventTimes) -> bool:
    """Whether a clause names a time that could be supposed (“预计明年6月开业”)."""
    return _time_span(clause, words) is not None


def supposed_period(clause: str, today: date, words: EventTimes) -> Period | None:
    """The days a supposed time spans (“明年5月” → May 2027; “11月初” → this year's, or next year's when that
    month has not come round yet; “明年” → the whole year); None when the clause names no such time."""
    if (match := _FULL_YEAR.search(clause)) is not None:
        return _within_year(int(match.group(1)), clause[match.end() :], words)
    for word, ahead in sorted(_years_ahead(words).items(), key=lambda w: -len(w[0])):
        if (at := clause.find(word)) >= 0:
            return _within_year(today.year + ahead, clause[at + len(word) :], words)
    for word, ahead in sorted(words.months_ahead.items(), key=lambda w: -len(w[0])):
        if word in clause:
            day = months_before(today, -ahead)
            return _months(day.year, day.month, day.month)
    if (match := _ANY_MONTH.search(clause)) and 1 <= (m := int(_number(match.group(1)))) <= 12:
        year = today.year if m >= today.month else today.year + 1
        return _in_month(year, m, clause[match.end() :], words)
    return None


def period_text(period: Period) -> str:
    """“2027年5月”, “2027年”, “2026年11月1日至11月10日”."""
    first, last = period.first, period.last
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return f"{first.year}年"
    month_end = calendar.monthrange(last.year, last.month)[1]
    if first.day == 1 and last.day == month_end and (first.year, first.month) == (last.year, last.month):
        return f"{first.year}年{first.month}月"
    return f"{first.year}年{first.month}月{first.day}日至{last.month}月{last.day}日"


def _years_ahead(words: EventTimes) -> dict[str, int]:
    """明年, 后年 — and this year's own words (今年 0): a supposed time is never in a past year."""
    return {**{w: 0 for w, back in words.years_back.items() if back == 0}, **words.years_ahead}


def _time_span(clause: str, words: EventTimes) -> tuple[int, int] | None:
    """Where a supposable time stands in the clause: a year, a year word or a month, with what narrows it."""
    found = [m.span() for m in (_FULL_YEAR.search(clause), _ANY_MONTH.search(clause)) if m]
    found += [(at, at + len(w)) for w in (*_years_ahead(words), *words.months_ahead) if (at := clause.find(w)) >= 0]
    if not found:
        return None
    start = min(a for a, _ in found)
    end = start
    for a, b in sorted(found):  # “明年5月”, “2027年9月底”: a year and the month after it are one time
        if a <= end + 1:
            end = max(end, b)
    rest = clause[end:].removeprefix("份")
    part = next((p for p in sorted(words.month_parts, key=len, reverse=True) if rest.startswith(p)), "")
    return start, end + len(part)


def _calendar_year(text: str, today: date, words: EventTimes) -> Period | None:
    if not (match := _YEAR.search(text)):
        return None
    year = int(match.group(1))
    year += 2000 if year < 100 else 0
    if not 1990 <= year <= today.year:
        return None
    return _within_year(year, text[match.end() :], words)


def _year_back(text: str, today: date, words: EventTimes) -> Period | None:
    for word, back in sorted(words.years_back.items(), key=lambda w: -len(w[0])):
        if (at := text.find(word)) >= 0:
            return _within_year(today.year - back, text[at + len(word) :], words)
    return None


def _ago(text: str, today: date, _words: EventTimes) -> Period | None:
    if match := _MONTHS_AGO.search(text):
        months = max(1, round(_number(match.group(1))))
        return Period(months_before(today, months + 1), months_before(today, months - 1))
    if match := _YEARS_AGO.search(text):
        months = round(_number(match.group(1)) * 12)
        return Period(months_before(today, months + 6), months_before(today, max(0, months - 6)))
    return None


def _within(text: str, today: date, _words: EventTimes) -> Period | None:
    if match := _WITHIN_YEARS.search(text):
        years = _number(match.group(1) or match.group(2))
        return Period(months_before(today, round(years * 12)), today) if years else None
    return None


def _recent(text: str, today: date, words: EventTimes) -> Period | None:
    if any(word in text for word in words.recent):
        return Period(months_before(today, words.recent_months), today)
    return None


def _bare_month(text: str, today: date, _words: EventTimes) -> Period | None:
    """“3月份出过一次事故”: the latest such month up to today."""
    if (match := _BARE_MONTH.search(text)) and 1 <= (m := int(_number(match.group(1)))) <= 12:
        return _months(today.year if m <= today.month else today.year - 1, m, m)
    return None
