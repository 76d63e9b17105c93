"""``make eval``: on the golden (development) set, retrieval metrics for BM25, dense, hybrid and the naive
baseline and the answer pass rate; on the frozen test set, the pass rate per category.

Writes ``eval/report.md`` and exits non-zero when the gates fail (golden: hybrid hit@3 and answer pass
rate ≥ 0.95, every refusal and injection case passing, hybrid beating the baseline; test set: every
category ≥ 0.90 and overall ≥ 0.95). The test set is judged as of the day it was written.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bot.core.answering.answerer import Answerer
from eval.baseline import NaiveBaseline
from eval.golden import Verdict, judge, load_golden
from eval.metrics import RetrievalScores, score_ranker
from eval.testset import DEVELOPMENT, TESTSET_SETS, TESTSET_TODAY, UNSEEN, Outcome, pass_rates
from eval.testset_run import gates as testset_gates
from eval.testset_run import judge_conversations, judge_questions, load_conversations, load_questions
from eval.testset_run import report as testset_report
from indexer.config import IndexSettings
from indexer.factory import open_retriever
from knowledge.rules import default_rules

REPORT = Path(__file__).parent / "report.md"
GATE = 0.95


def main() -> int:
    console = Console()
    rules = default_rules()
    cases = load_golden()
    with tempfile.TemporaryDirectory(prefix="pilotbot-eval-") as data_dir:
        retriever = open_retriever(IndexSettings(data_dir=Path(data_dir)), rules)
        retrievable = [c for c in cases if c.retrievable]
        scores = [
            score_ranker("bm25", lambda q: [{c.id} for c, _ in retriever.bm25_ranking(q)], retrievable),
            score_ranker("dense", lambda q: [{c.id} for c, _ in retriever.dense_ranking(q)], retrievable),
            score_ranker("hybrid", lambda q: [{h.chunk.id} for h in retriever.search(q, k=10)], retrievable),
        ]
        baseline = NaiveBaseline(rules, retriever.embeddings)
        try:
            scores.append(score_ranker("naive baseline", baseline.rank, retrievable))
        finally:
            baseline.close()
        answerer = Answerer(rules, retriever, today=lambda: TESTSET_TODAY)
        verdicts = [judge(c, answerer.ask(c.q)) for c in cases]
        outcomes = _testset(answerer, Path(data_dir))
        unseen = {which: _testset(answerer, Path(data_dir), which) for which in UNSEEN}
        development = {which: _testset(answerer, Path(data_dir), which) for which in DEVELOPMENT}
    passed = sum(v.passed for v in verdicts) / len(verdicts)
    guarded = [v for v in verdicts if v.case.refused and not v.case.known_gap]
    gates = {
        f"hybrid hit@3 ≥ {GATE}": scores[2].hit3 >= GATE,
        f"answer pass rate ≥ {GATE}": passed >= GATE,
        "all refusal/injection cases pass": all(v.passed for v in guarded),
        "hybrid beats naive baseline (hit@3)": scores[2].hit3 > scores[3].hit3,
    }
    gates |= {f"test set: {name}": ok for name, ok in testset_gates(outcomes).items()}
    _print(console, scores, verdicts, passed, gates)
    console.print(testset_report(outcomes), markup=False, highlight=False)
    for which, held_out in unseen.items():
        console.print(
            f"Test set {which} (unseen, reported, not a gate): {_summary(held_out)}", markup=False, highlight=False
        )
    for which, dev in development.items():
        console.print(f"Development set {which}: {_summary(dev)}", markup=False, highlight=False)
    markdown = (
        _markdown(scores, verdicts, passed, gates)
        + "\n## Frozen test set (v1, the gate)\n\n"
        + testset_report(outcomes)
        + "".join(
            f"\n\n## Frozen test set {which} (unseen; reported, not a gate; failures not listed)\n\n{_summary(o)}"
            for which, o in unseen.items()
        )
        + "\n\n## Development sets (independent writers; failures read while building)\n\n"
        + "\n".join(f"- {which}: {_summary(dev)}" for which, dev in development.items())
        + "\n"
    )
    REPORT.write_text(markdown, encoding="utf-8")
    console.print(f"report written to {REPORT}")
    return 0 if all(gates.values()) else 1


def _summary(outcomes: list[Outcome]) -> str:
    """Rates only: the unseen set's failures are not printed, so reading them cannot make it a development set."""
    return ", ".join(f"{name} {p}/{t}" for name, (p, t) in pass_rates(outcomes).items())


def _testset(answerer: Answerer, data_dir: Path, which: str = "v1") -> list[Outcome]:
    """The frozen questions through this answerer, the conversations through a dialog core around it."""
    from bot.core.config import Settings
    from bot.core.runtime import build_dialog

    settings = Settings(data_dir=data_dir, database_url=f"sqlite:///{data_dir / f'eval-{which}.db'}")
    dialog = build_dialog(settings, answerer=answerer)
    folder = TESTSET_SETS[which]
    return judge_questions(answerer, load_questions(folder / "questions.yaml")) + judge_conversations(
        dialog, load_conversations(folder / "conversations.yaml")
    )


def _print(console: Console, scores: list[RetrievalScores], verdicts: list[Verdict], passed: float, gates) -> None:
    table = Table(title=f"Retrieval ({scores[0].n} in-scope golden questions)")
    for column in ("ranker", "hit@1", "hit@3", "MRR"):
        table.add_column(column)
    for s in scores:
        table.add_row(s.name, f"{s.hit1:.3f}", f"{s.hit3:.3f}", f"{s.mrr:.3f}")
    console.print(table)
    console.print(f"Answer pass rate: {passed:.3f} ({sum(v.passed for v in verdicts)}/{len(verdicts)})")
    for v in verdicts:
        if not v.passed:
            console.print(f"  [red]FAIL[/] [{v.case.tag}] {v.case.q}: {'; '.join(v.reasons)}", markup=True)
    for gate, ok in gates.items():
        console.print(f"{'[green]PASS[/]' if ok else '[red]FAIL[/]'} {gate}")


def _markdown(scores: list[RetrievalScores], verdicts: list[Verdict], passed: float, gates) -> str:
    lines = [
        "# pilotbot eval report",
        "",
        f"Golden set: {len(verdicts)} questions ({scores[0].n} in scope with clauses to retrieve).",
        "",
        "| ranker | hit@1 | hit@3 | MRR |",
        "| --- | --- | --- | --- |",
        *[f"| {s.name} | {s.hit1:.3f} | {s.hit3:.3f} | {s.mrr:.3f} |" for s in scores],
        "",
        f"Answer pass rate: **{passed:.3f}** ({sum(v.passed for v in verdicts)}/{len(verdicts)})",
        "",
        *[f"- {'PASS' if ok else 'FAIL'}: {gate}" for gate, ok in gates.items()],
        "",
    ]
    failures = [v for v in verdicts if not v.passed]
    if failures:
        lines += ["## Failing answers", ""]
        lines += [f"- [{v.case.tag}] {v.case.q}: {'; '.join(v.reasons)}" for v in failures]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
