"""Reading short answers in a dialog: 是/否/不确定 in their many Chinese forms, item statuses, skips."""

from __future__ import annotations

import re

_UNKNOWN = re.compile(r"不确定|不知道|不清楚|不太清楚|说不准|待确认|不好说|unknown|not sure|\?|？")
_NO = re.compile(r"^(?:否|不是|不对|没有|没|无|未|不|不符合|不满足|不行|不属实|还没|尚未|no|n|false)")
_YES = re.compile(r"^(?:是|是的|对|有|已|已完成|完成了|符合|满足|属实|嗯|好|可以|yes|y|true|ok)")

STATUS_WORDS = {
    "done": re.compile(r"已完成|完成|做完|已做|已经|done", re.I),
    "planned": re.compile(r"计划|打算|准备|将要|拟|planned|plan", re.I),
    "na": re.compile(r"不适用|无关|不涉及|n/?a", re.I),
    "skip": re.compile(r"跳过|下一个|略过|skip", re.I),
}
SKIP = re.compile(r"^(?:跳过|略过|不填|无|没有|skip)$", re.I)


def read_yes_no(text: str) -> bool | str | None:
    """True, False, None (the user does not know), or ``"?"`` when the answer cannot be read."""
    answer = text.strip().lower().rstrip("。！!.")
    if not answer:
        return "?"
    if _UNKNOWN.search(answer):
        return None
    if _NO.match(answer):
        return False
    if _YES.match(answer):
        return True
    return "?"


def read_status(text: str) -> str | None:
    # “不适用” contains no “完成”, but “未完成” would read as done: check negations first.
    answer = text.strip()
    if re.search(r"未完成|没完成|还没", answer):
        return "planned"
    for status in ("na", "skip", "done", "planned"):
        if STATUS_WORDS[status].search(answer):
            return status
    return None


def is_skip(text: str) -> bool:
    return bool(SKIP.match(text.strip()))
