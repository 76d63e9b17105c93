"""``make bench``: measured, not asserted. Warm ``ask`` latency, index build time, cold CLI start, HTTP load,
plan-check latency by size and the time to refuse a .docx bomb (``python -m eval.bench plan`` for those alone).

Targets (2-core machine, no LLM): warm ask p50 ≤ 30 ms and p95 ≤ 80 ms; a 1,000-character question
≤ 200 ms; index build ≤ 15 s; cold ``pilotbot ask`` answered from the rules ≤ 1.0× the time of
``python -c 'import fastapi, chromadb'`` in the same run (paired, alternating); 2,000 ``/api/ask`` at
concurrency 16 ≥ 100 req/s, p95 ≤ 250 ms, no errors;
a 3,000字 plan checked in ≤ 300 ms warm (p95), growing linearly; a .docx bomb refused in < 1 s.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.core.answering.answerer import Answerer
from eval.golden import load_golden
from eval.load import distinct_questions, run_load
from eval.plan_bench import rows as plan_rows
from indexer.config import IndexSettings
from indexer.factory import build_index, open_retriever
from knowledge.rules import default_rules


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bench_build(data_dir: Path) -> float:
    start = time.perf_counter()
    build_index(IndexSettings(data_dir=data_dir), default_rules())
    return time.perf_counter() - start


def bench_ask(data_dir: Path, rounds: int = 5) -> tuple[list[float], list[float]]:
    """Latencies (ms) over the golden set: all questions, and those that went through retrieval."""
    rules = default_rules()
    answerer = Answerer(rules, open_retriever(IndexSettings(data_dir=data_dir), rules))
    questions = [c.q for c in load_golden()]
    answerer.ask(questions[0])  # warm up
    every, retrieval = [], []
    for _ in range(rounds):
        for q in questions:
            start = time.perf_counter()
            answer = answerer.ask(q)
            elapsed = (time.perf_counter() - start) * 1000
            every.append(elapsed)
            if answer.mode != "rules":
                retrieval.append(elapsed)
    return every, retrieval


def bench_long_question(data_dir: Path, rounds: int = 10) -> list[float]:
    """Latencies (ms) of a 1,000-character question (the API's limit): its cost must be bounded."""
    rules = default_rules()
    answerer = Answerer(rules, open_retriever(IndexSettings(data_dir=data_dir), rules))
    question = ("我们是一家位于工业园区的化工企业，近年来持续推进清洁生产和节能改造，" * 30)[
        :990
    ] + "请问需要满足什么条件"
    answerer.ask(question)
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        answerer.ask(question)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def bench_cold_cli(data_dir: Path, runs: int = 5) -> tuple[list[float], list[float]]:
    """Cold ``pilotbot ask`` on a rules question, paired with ``import fastapi, chromadb`` run alternately,
    so machine load affects both alike; the ratio of medians is the figure."""
    exe = Path(sys.executable).with_name("pilotbot")
    env = {**os.environ, "PILOTBOT_DATA_DIR": str(data_dir)}
    ask = [str(exe), "ask", "纸质材料要几份", "--json"]
    imports = [sys.executable, "-c", "import fastapi, chromadb"]
    _timed(ask, env)  # first run writes the jieba and pinyin caches
    asks, baseline = [], []
    for _ in range(runs):
        asks.append(_timed(ask, env))
        baseline.append(_timed(imports, env))
    return asks, baseline


def main() -> None:
    if sys.argv[1:] == ["plan"]:
        print("| measure | value | target |\n| --- | --- | --- |")
        print("\n".join(plan_rows()))
        return
    data_dir = Path(tempfile.mkdtemp(prefix="pilotbot-bench-"))
    try:
        build_s = bench_build(data_dir)
        asks, retrieval = bench_ask(data_dir)
        long_question = bench_long_question(data_dir)
        cold, imports = bench_cold_cli(data_dir)
        load = run_load(data_dir)
        different = distinct_questions(2000)
        distinct = run_load(data_dir, total=len(different), questions=different)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    print("| measure | value | target |")
    print("| --- | --- | --- |")
    print(f"| index build (fresh, whole notice) | {build_s:.1f} s | ≤ 15 s |")
    print(f"| warm ask p50 ({len(asks)} asks) | {statistics.median(asks):.1f} ms | ≤ 30 ms |")
    print(f"| warm ask p95 | {percentile(asks, 0.95):.1f} ms | ≤ 80 ms |")
    print(
        f"| warm ask p50 / p95, retrieval path only ({len(retrieval)} asks) | "
        f"{statistics.median(retrieval):.1f} / {percentile(retrieval, 0.95):.1f} ms | ≤ 30 / ≤ 80 ms |"
    )
    print(
        f"| 1,000-character question p50 / max | {statistics.median(long_question):.0f} / "
        f"{max(long_question):.0f} ms | ≤ 200 ms |"
    )
    ratio = statistics.median(cold) / statistics.median(imports)
    print(
        f'| cold `pilotbot ask "纸质材料要几份"` (median of {len(cold)}) | {statistics.median(cold):.2f} s '
        f"= {ratio:.2f}× `import fastapi, chromadb` ({statistics.median(imports):.2f} s) | ≤ 1.0× |"
    )
    for name, result in (("the golden questions in turn", load), ("all different questions", distinct)):
        lat = result.latencies_ms
        print(
            f"| HTTP load: {result.total} × POST /api/ask ({name}), concurrency {result.concurrency}, "
            f"{result.workers} workers | {result.throughput:.0f} req/s | ≥ 100 req/s |"
        )
        print(
            f"| HTTP latency p50 / p95 / p99 | {percentile(lat, 0.5):.0f} / {percentile(lat, 0.95):.0f} / "
            f"{percentile(lat, 0.99):.0f} ms | p95 ≤ 250 ms |"
        )
        print(f"| HTTP errors | {result.errors} | 0 |")
    print("\n".join(plan_rows()))


if __name__ == "__main__":
    main()
