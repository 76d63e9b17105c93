"""The grounding guard: an LLM answer may only state numbers, dates and quotes its sources contain."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_QUOTE = re.compile(r"[「“\"『]([^」”\"』]{2,80})[」”\"』]")
_CLAUSE_REF = re.compile(r"〔[\w.]+〕|\[[\w.]+\]")
_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub("", text).replace("，", ",").replace("（", "(").replace("）", ")").replace("：", ":")


def ungrounded_claims(answer: str, sources: list[str]) -> list[str]:
    """Numbers and quoted phrases in ``answer`` that appear in none of ``sources`` (clause ids excepted)."""
    haystack = _norm("\n".join(sources))
    body = _CLAUSE_REF.sub("", answer)
    problems = [n for n in _NUMBER.findall(body) if _norm(n) not in haystack]
    problems += [q for q in _QUOTE.findall(body) if _norm(q) not in haystack]
    return problems
