"""Numbers written with digits or Chinese numerals (3, 三, 两, 十二, 半), as users type them."""

from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def number(raw: str) -> float:
    """The value of ``raw`` (“12”, “三”, “十二”, “二十”, “半” → 0.5); 0 for what is no number."""
    if raw.isdigit():
        return int(raw)
    if raw == "半":
        return 0.5
    if "十" in raw:
        tens, _, ones = raw.partition("十")
        return (DIGITS.get(tens, 1) if tens else 1) * 10 + (DIGITS.get(ones, 0) if ones else 0)
    return DIGITS.get(raw, 0)


def chinese(n: int) -> str:
    """1–10 as the notice writes them in headings (四、实施时间及进度安排); digits beyond."""
    return "一二三四五六七八九十"[n - 1] if 1 <= n <= 10 else str(n)
