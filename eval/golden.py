"""The golden set and how an answer is judged against it."""

from __future__ import annotations

from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

import yaml

from bot.core.answering.answer import Answer

GOLDEN_PATH = Path(__file__).parent / "golden.yaml"


@dataclass(frozen=True)
class GoldenCase:
    q: str
    cite: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    refused: bool = False
    tag: str = ""
    relevant: tuple[str, ...] = ()

    @property
    def known_gap(self) -> bool:
        """A case written to show what understanding cannot do yet: counted in the pass rate, reported, but
        not among the refusals every release must get right."""
        return self.tag == "known-gap"

    def is_relevant(self, clause_id: str) -> bool:
        """A clause it must cite, or one matching a ``relevant`` pattern (any item of a list asked for)."""
        return clause_id in self.cite or any(fnmatch(clause_id, pattern) for pattern in self.relevant)

    @property
    def retrievable(self) -> bool:
        """Cases that measure retrieval: in scope, with clauses to find."""
        return bool(self.cite) and not self.refused


@dataclass(frozen=True)
class Verdict:
    case: GoldenCase
    passed: bool
    reasons: list[str] = field(default_factory=list)


def load_golden(path: Path = GOLDEN_PATH) -> list[GoldenCase]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        GoldenCase(
            q=c["q"],
            cite=tuple(c.get("cite", ())),
            phrases=tuple(str(p) for p in c.get("phrases", ())),
            forbidden=tuple(str(p) for p in c.get("forbidden", ())),
            refused=bool(c.get("refused", False)),
            tag=c.get("tag", ""),
            relevant=tuple(c.get("relevant", ())),
        )
        for c in raw
    ]


def judge(case: GoldenCase, answer: Answer) -> Verdict:
    reasons = []
    if answer.refused != case.refused:
        reasons.append(f"refused={answer.refused}, expected {case.refused}")
    cited = {c.id for c in answer.citations}
    reasons += [f"missing citation {c}" for c in case.cite if c not in cited]
    reasons += [f"missing phrase {p!r}" for p in case.phrases if p not in answer.answer]
    reasons += [f"forbidden phrase {p!r}" for p in case.forbidden if p in answer.answer]
    return Verdict(case, not reasons, reasons)
