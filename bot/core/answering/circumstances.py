"""A situation the user states (“去年出过一次较大的突发环境事件”), read against the conditions that rule
such a thing out for a time (“近三年内未发生较大及以上突发环境事件”).

Each reading says whether the condition fails, holds, or depends on what the user has not said (the date,
the grade), and why, so the answer can start with the judgement and show its grounds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from bot.core.understanding.numerals import chinese
from bot.core.understanding.periods import Period, event_period, months_before
from knowledge.lexicon import EventTimes
from knowledge.schema import ApplicantType, Bar, Condition

Verdict = Literal["fails", "holds", "depends"]
CLAUSE_BREAK = re.compile(r"[，。；！？,;!?\n]+")  # one clause of what a user says


@dataclass(frozen=True)
class Reading:
    applicant: ApplicantType
    condition: Condition
    bar: Bar
    said: str  # the user's words the reading rests on
    verdict: Verdict
    reason: str
    clear_from: date | None = None  # the first day the event no longer falls in the window


def read_bars(
    applicants: list[ApplicantType], text: str, today: date, words: EventTimes, as_of: date | None = None
) -> list[Reading]:
    """Every bar of these types' conditions that a clause of ``text`` speaks of, judged as of ``as_of`` (a day
    the user supposes, “等到明年4月以后”) or else ``today``; the event's own time is always read from today."""
    clauses = [c.strip() for c in CLAUSE_BREAK.split(text) if c.strip()]
    readings = []
    for applicant in applicants:
        for condition in applicant.conditions:
            for bar in condition.bars:
                said = [c for c in clauses if any(w in c for w in bar.words)]
                if said:  # the latest word on it that decides, else the latest (“金额很小，也算吗” adds no date)
                    read = [_read(applicant, condition, bar, c, today, words, as_of) for c in reversed(said)]
                    readings.append(next((r for r in read if r.verdict != "depends"), read[0]))
    return readings


def _read(
    applicant: ApplicantType,
    condition: Condition,
    bar: Bar,
    said: str,
    today: date,
    words: EventTimes,
    as_of: date | None = None,
):
    start = months_before(max(today, as_of or today), 12 * bar.years)
    window = f"近{chinese(bar.years)}年内（{day_text(start)}以来）"

    def reading(verdict: Verdict, reason: str, clear_from: date | None = None) -> Reading:
        return Reading(applicant, condition, bar, said, verdict, reason, clear_from)

    if bar.not_by and any(a in said for a in bar.not_by) and not any(a in said for a in bar.by):
        return reading("holds", f"您说的不是{bar.event.removesuffix('的处罚')}作出的，本条不受影响")
    if any(n in said for n in words.negations):
        return reading("holds", f"您说没有发生这类情况，本条不受影响（{window}）")
    graded = any(g in said for g in bar.grades)
    if bar.grades and not graded and any(s in said for s in bar.spared):
        return reading("holds", f"您说的属于{_first(bar.spared)}级别，不属于{bar.event}，本条不受影响")
    period = event_period(said, today, words)
    grade_unknown = bool(bar.grades) and not graded
    if period is not None and period.last < start:
        return reading("holds", f"您说的发生在{day_text(start)}以前，不在{window.split('（')[0]}，本条不受影响")
    if period is not None and period.first >= start:
        clear = _clear_from(period, bar)
        if grade_unknown:
            return reading(
                "depends", f"发生在{window}；如属{bar.event}则不符合本条，{_first(bar.spared)}级别的不受影响", clear
            )
        return reading("fails", f"您说的发生在{window}，不符合本条", clear)
    when = f"如发生在{day_text(start)}以来（{window.split('（')[0]}）则不符合本条，更早的不受本条限制"
    if grade_unknown:
        when += f"；{_first(bar.spared)}级别的不受影响"
    return reading("depends", when, _clear_from(period, bar) if period else None)


def _clear_from(period: Period, bar: Bar) -> date:
    last = period.last
    try:
        later = last.replace(year=last.year + bar.years)
    except ValueError:  # 29 February
        later = last.replace(year=last.year + bar.years, day=28)
    return later + timedelta(days=1)


def _first(words: tuple[str, ...]) -> str:
    return words[0] if words else ""


def day_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
