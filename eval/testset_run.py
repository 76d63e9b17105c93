"""Run the frozen test set: single questions through the answerer, conversations through the dialog core.

``python -m eval.testset_run [--json FILE]`` prints the pass rate per category; ``make eval`` runs it too.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from bot.core.config import Settings
from bot.core.dialog.messages import Incoming
from bot.core.runtime import build_answerer, build_dialog
from eval.testset import (
    TESTSET_SETS,
    TESTSET_TODAY,
    UNSEEN,
    Conversation,
    Outcome,
    Question,
    load_conversations,
    load_questions,
    pass_rates,
)

GATE_CATEGORY = 0.90
GATE_OVERALL = 0.95


def judge_questions(answerer, questions: list[Question]) -> list[Outcome]:
    outcomes = []
    for case in questions:
        answer = answerer.ask(case.q)
        reasons = case.expect.failures(answer.answer, (c.id for c in answer.citations), answer.refused)
        outcomes.append(Outcome(case.category, case.q, reasons))
    return outcomes


def judge_conversations(dialog, conversations: list[Conversation]) -> list[Outcome]:
    """Every constrained turn is one outcome in category ``conversation``; each conversation has its own user."""
    outcomes = []
    for n, conversation in enumerate(conversations):
        for i, turn in enumerate(conversation.turns):
            replies = dialog.handle("eval", f"conversation-{n}", Incoming.of_text(turn.say))
            if turn.expect is None:
                continue
            text = "\n".join(r.text for r in replies)
            cited = [c.id for r in replies for c in r.citations]
            refused = any(getattr(r, "refused", False) for r in replies)
            reasons = turn.expect.failures(text, cited, refused)
            outcomes.append(Outcome("conversation", f"{conversation.name}#{i + 1} {turn.say}", reasons))
    return outcomes


def run(data_dir: Path, which: str = "v1") -> list[Outcome]:
    settings = Settings(data_dir=data_dir, database_url=f"sqlite:///{data_dir / 'eval.db'}")
    answerer = build_answerer(settings, today=lambda: TESTSET_TODAY)
    dialog = build_dialog(settings, answerer=answerer)
    folder = TESTSET_SETS[which]
    questions = load_questions(folder / "questions.yaml")
    return judge_questions(answerer, questions) + judge_conversations(
        dialog, load_conversations(folder / "conversations.yaml")
    )


def gates(outcomes: list[Outcome]) -> dict[str, bool]:
    rates = pass_rates(outcomes)
    checks = {
        f"{name} ≥ {GATE_CATEGORY}": passed / total >= GATE_CATEGORY
        for name, (passed, total) in rates.items()
        if name != "overall"
    }
    passed, total = rates["overall"]
    checks[f"overall ≥ {GATE_OVERALL}"] = passed / total >= GATE_OVERALL
    return checks


def report(outcomes: list[Outcome], *, failures: bool = True) -> str:
    """Rates per category and, unless ``failures`` is off (the unseen set), each failure with its reasons."""
    lines = ["| category | passed | rate |", "| --- | --- | --- |"]
    for name, (passed, total) in pass_rates(outcomes).items():
        lines.append(f"| {name} | {passed}/{total} | {passed / total:.3f} |")
    failed = [o for o in outcomes if not o.passed] if failures else []
    if failed:
        lines += ["", "Failures:", ""]
        lines += [f"- [{o.category}] {o.label}: {'; '.join(o.reasons)}" for o in failed]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", type=Path, help="write every outcome as JSON here")
    parser.add_argument("--set", choices=sorted(TESTSET_SETS), default="v1", help="which frozen test set")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pilotbot-testset-") as tmp:
        outcomes = run(Path(tmp), args.set)
    unseen = args.set in UNSEEN
    print(report(outcomes, failures=not unseen))
    if args.json and not unseen:
        args.json.write_text(
            json.dumps([vars(o) | {"passed": o.passed} for o in outcomes], ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
    results = gates(outcomes)
    for gate, ok in results.items():
        print(f"{'PASS' if ok else 'FAIL'} {gate}")
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
