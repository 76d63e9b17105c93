"""The frozen test set: questions and conversations written from the notice alone, never tuned to.

``eval/testset/*.yaml`` was written before the understanding step was built, by someone who saw neither the
code nor the golden set; it is not edited after a run (new cases go to ``golden.yaml``). Expectations are
deliberately loose — clause ids, verbatim notice phrases, judgement words, dates — so that any correct
answer passes whatever its wording.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from fnmatch import fnmatch
from pathlib import Path

import yaml

TESTSET_DIR = Path(__file__).parent / "testset"
# Each set was written from the notice alone by a writer who saw neither the code nor the other sets.
# v1 (the gate) and v2 were read while building: development sets now. v10, v7 and v3 are the unseen measures:
# frozen, and their failures are never printed (v10 was written at the start of session 6, v7 of session 5).
# v4–v6, v8, v9, v11 and v12 were written as development sets from the start.
TESTSET_SETS = {
    "v1": TESTSET_DIR,
    "v2": Path(__file__).parent / "testset_v2",
    "v3": Path(__file__).parent / "testset_v3",
    "v4": Path(__file__).parent / "devset_v4",
    "v5": Path(__file__).parent / "devset_v5",  # conversations and typos, where v3 is weakest
    "v6": Path(__file__).parent / "devset_v6",  # what the notice leaves open, plain questions
    "v7": Path(__file__).parent / "testset_v7",
    "v8": Path(__file__).parent / "devset_v8",  # conversations that need state, compound questions
    "v9": Path(__file__).parent / "devset_v9",  # what the notice leaves open, widely; conversations
    "v10": Path(__file__).parent / "testset_v10",  # session 6's unseen measure, frozen before its first run
    "v11": Path(__file__).parent / "devset_v11",  # session 6: subtle open details; turns that lean on earlier ones
    "v12": Path(__file__).parent / "devset_v12",  # session 6: words in passing, slots, open details, plain wordings
    "v13": Path(__file__).parent / "testset_v13",  # session 7's unseen measure, frozen before its first run
    "v14": Path(__file__).parent / "devset_v14",  # session 7: weighted to conversations (places, supposed dates)
    "v15": Path(__file__).parent / "testset_v15",  # session 8's unseen measure, frozen before its first run
    "v16": Path(__file__).parent / "devset_v16",  # session 8: words in passing, slots, what the notice leaves open
    "v17": Path(__file__).parent / "testset_v17",  # session 8's second unseen measure, written mid-session
    "v18": Path(__file__).parent / "devset_v18",  # session 8: subtle slots and open details; conversations that lean
    "v19": Path(__file__).parent / "testset_v19",  # session 9's unseen measure, frozen before its first run
    "v20": Path(__file__).parent / "devset_v20",  # session 9: in passing, near-notice open details, conversations
    "v21": Path(__file__).parent / "devset_v21",  # session 9: hurried phone typing, long back-stories, near details
    "v22": Path(__file__).parent / "devset_v22",  # session 9: reviewers and consultants; 40 conversations
    "v23": Path(__file__).parent / "testset_v23",  # session 10's unseen measure, frozen before its first run
    "v24": Path(__file__).parent / "devset_v24",  # session 10: small units unsure of their type, situations told
    "v25": Path(__file__).parent / "devset_v25",  # session 10: terse phone typing, procedure and timing, comparisons
    "v26": Path(__file__).parent / "devset_v26",  # session 10: 45 conversations that refer back loosely
    "v27": Path(__file__).parent / "testset_v27",  # session 11's unseen measure, frozen before its first run
    "v28": Path(__file__).parent / "devset_v28",  # session 11: unsure of their type, circumstances over turns
    "v29": Path(__file__).parent / "devset_v29",  # session 11: reviewers; terse follow-ups two or three turns back
    "v30": Path(__file__).parent / "testset_v30",  # session 12's unseen measure, frozen before its first run
    "v31": Path(__file__).parent / "devset_v31",  # session 12: 居委/村委 and building managers in everyday words
    "v32": Path(__file__).parent / "devset_v32",  # session 12: phone typing; the 实施方案 writer; turns back 2-3
    "v33": Path(__file__).parent / "devset_v33",  # session 12: 52 conversations that lean on memory
    "v34": Path(__file__).parent / "testset_v34",  # session 13's unseen measure, frozen before its first run
    "v35": Path(__file__).parent / "devset_v35",  # session 13: enterprises and parks new to programmes; memory
    "v36": Path(__file__).parent / "devset_v36",  # session 13: towns, 居委, buildings, reviewers; roundabout wording
    "v37": Path(__file__).parent / "testset_v37",  # session 14's unseen measure, frozen before its first run
    "v38": Path(__file__).parent / "devset_v38",  # session 14: busy EHS managers and parks; terse, typos, follow-ups
    "v39": Path(__file__).parent / "devset_v39",  # session 14: towns, 居委, buildings, reviewers; back-refs
    "v40": Path(__file__).parent / "testset_v40",  # session 15's unseen measure, frozen before its first run
    "v41": Path(__file__).parent / "devset_v41",  # session 15: reviewers and 居委/村委 in everyday words; back-refs
    "v42": Path(__file__).parent / "devset_v42",  # session 15: parks, enterprises, buildings telling their situation
    "v43": Path(__file__).parent / "testset_v43",  # session 16's unseen measure, frozen before its first run
    "v44": Path(__file__).parent / "devset_v44",  # session 16: towns, 居委/村委, reviewers; situations first; back-refs
    "v45": Path(__file__).parent / "devset_v45",  # session 16: enterprises, buildings, parks; phone slips, corrections
    "v46": Path(__file__).parent / "testset_v46",  # session 17's unseen measure, frozen before its first run
    "v47": Path(__file__).parent / "devset_v47",  # session 17: parks and 居委/村委 telling their situation; back-refs
    "v48": Path(__file__).parent / "devset_v48",  # session 17: enterprises, buildings, towns, reviewers; plan, typos
    "v49": Path(__file__).parent / "testset_v49",  # session 18's unseen measure, frozen before its first run
    "v50": Path(__file__).parent / "devset_v50",  # session 18: towns, 居委/村委, property managers, reviewers
    "v51": Path(__file__).parent / "devset_v51",  # session 18: EHS managers, parks, consultants; scores, dates, quotas
    "v52": Path(__file__).parent / "testset_v52",  # session 19's unseen measure, frozen before its first run
    "v53": Path(__file__).parent / "devset_v53",  # session 19: 居委/村委, buildings, small firms, reviewers; stories
    "v54": Path(__file__).parent / "devset_v54",  # session 19: parks, heavy industry, towns, consultants; scores, plans
    "v55": Path(__file__).parent / "testset_v55",  # session 20's unseen measure, frozen before its first run
    "v56": Path(__file__).parent / "devset_v56",  # session 20: enterprises of every size, units unsure of their type
    "v57": Path(__file__).parent / "devset_v57",  # session 20: 社区, buildings, parks, towns, press, NGOs, reviewers
}
# Reported by rates only, never their failures; v55 is the freshest.
UNSEEN = (
    *("v55", "v52", "v49", "v46", "v43", "v40", "v37", "v34", "v30"),
    *("v27", "v23", "v19", "v17", "v15", "v13", "v10", "v7", "v3"),
)
DEVELOPMENT = (
    *("v2", "v4", "v5", "v6", "v8", "v9", "v11", "v12", "v14", "v16", "v18", "v20", "v21", "v22"),
    *("v24", "v25", "v26", "v28", "v29", "v31", "v32", "v33", "v35", "v36", "v38", "v39", "v41", "v42"),
    *("v44", "v45", "v47", "v48", "v50", "v51", "v53", "v54", "v56", "v57"),
)
# The day the test set was written; its date questions ("还来得及吗") are judged as of this day.
TESTSET_TODAY = date(2026, 11, 30)


@dataclass(frozen=True)
class Expect:
    cite_any: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    refused: bool = False
    forbidden: tuple[str, ...] = ()

    @classmethod
    def of(cls, raw: dict) -> Expect:
        return cls(
            cite_any=tuple(raw.get("cite_any") or ()),
            phrases=tuple(tuple(str(p) for p in (g if isinstance(g, list) else [g])) for g in raw.get("phrases") or ()),
            refused=bool(raw.get("refused", False)),
            forbidden=tuple(str(p) for p in raw.get("forbidden") or ()),
        )

    def failures(self, text: str, cited: Iterable[str], refused: bool) -> list[str]:
        """Why a reply does not meet this expectation (empty when it does)."""
        cited = set(cited)
        reasons = []
        if refused != self.refused:
            reasons.append(f"refused={refused}, expected {self.refused}")
        if self.cite_any and not any(fnmatch(c, p) for c in cited for p in self.cite_any):
            reasons.append(f"cites none of {list(self.cite_any)} (cited {sorted(cited)})")
        reasons += [f"missing one of {list(g)}" for g in self.phrases if not any(p in text for p in g)]
        reasons += [f"forbidden {p!r}" for p in self.forbidden if p in text]
        return reasons


@dataclass(frozen=True)
class Question:
    q: str
    category: str
    expect: Expect


@dataclass(frozen=True)
class Turn:
    say: str
    expect: Expect | None


@dataclass(frozen=True)
class Conversation:
    name: str
    turns: tuple[Turn, ...]


@dataclass(frozen=True)
class Outcome:
    """One judged question or conversation turn."""

    category: str
    label: str
    reasons: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.reasons


def load_questions(path: Path = TESTSET_DIR / "questions.yaml") -> list[Question]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Question(c["q"], c["category"], Expect.of(c)) for c in raw]


def load_conversations(path: Path = TESTSET_DIR / "conversations.yaml") -> list[Conversation]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Conversation(
            c["name"], tuple(Turn(t["say"], Expect.of(t["expect"]) if t.get("expect") else None) for t in c["turns"])
        )
        for c in raw
    ]


def pass_rates(outcomes: Sequence[Outcome]) -> dict[str, tuple[int, int]]:
    """``{category: (passed, total)}`` plus ``"overall"``."""
    rates: dict[str, tuple[int, int]] = {}
    for o in outcomes:
        passed, total = rates.get(o.category, (0, 0))
        rates[o.category] = (passed + o.passed, total + 1)
    rates["overall"] = (sum(o.passed for o in outcomes), len(outcomes))
    return rates
