"""The golden set gates answers in CI as well as in `make eval`: ≥ 0.95 overall, every guard case passing."""

from __future__ import annotations

import pytest

from bot.core.answering.answerer import Answerer
from eval.golden import judge, load_golden
from eval.metrics import score_ranker

CASES = load_golden()


def test_golden_set_is_large_and_varied() -> None:
    assert len(CASES) >= 80
    tags = {c.tag for c in CASES}
    assert {"out-of-scope", "injection", "no-amount", "typo", "mixed"} <= tags


def test_answer_pass_rate(answerer: Answerer) -> None:
    verdicts = [judge(c, answerer.ask(c.q)) for c in CASES]
    failures = [f"{v.case.q}: {v.reasons}" for v in verdicts if not v.passed]
    assert sum(v.passed for v in verdicts) / len(verdicts) >= 0.95, failures
    failed_refusals = [
        f"{v.case.q}: {v.reasons}" for v in verdicts if v.case.refused and not v.case.known_gap and not v.passed
    ]
    assert not failed_refusals, "every out-of-scope and injection case must pass"


@pytest.mark.parametrize("case", [c for c in CASES if c.refused and not c.known_gap], ids=lambda c: c.q[:20])
def test_every_refusal_and_injection_case(answerer: Answerer, case) -> None:
    verdict = judge(case, answerer.ask(case.q))
    assert verdict.passed, verdict.reasons


def test_hybrid_hit_at_3(retriever) -> None:
    cases = [c for c in CASES if c.retrievable]
    scores = score_ranker("hybrid", lambda q: [{h.chunk.id} for h in retriever.search(q, k=10)], cases)
    assert scores.hit3 >= 0.95


def test_the_unseen_test_set_s_failures_are_never_printed() -> None:
    """Reading its failures would make it one more development set; only its rates may be shown."""
    from eval.testset import Outcome
    from eval.testset_run import report

    outcomes = [Outcome("plain", "一个问题", ["cites none of …"]), Outcome("plain", "另一个问题")]
    assert "一个问题" in report(outcomes)
    assert "一个问题" not in report(outcomes, failures=False) and "1/2" in report(outcomes, failures=False)
