"""A bounded load test of ``POST /api/ask`` against a local server (loopback only, stops by itself).

Starts ``uvicorn bot.channels.http.app:create_app`` in a subprocess over a prebuilt index, sends
``total`` requests at ``concurrency``, and reports throughput, p50/p95/p99 and errors.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from eval.golden import load_golden


@dataclass(frozen=True)
class LoadResult:
    total: int
    concurrency: int
    workers: int
    seconds: float
    latencies_ms: list[float]
    errors: int

    @property
    def throughput(self) -> float:
        return self.total / self.seconds


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(data_dir: Path, workers: int) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {
        **os.environ,
        "PILOTBOT_DATA_DIR": str(data_dir),
        "PILOTBOT_DATABASE_URL": f"sqlite:///{data_dir / 'load.db'}",
        "PILOTBOT_RATE_LIMIT": "0",
    }
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "bot.channels.http.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/readyz", timeout=1).status_code == 200:
                return process, url
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.terminate()
    raise RuntimeError("server did not become ready")


def golden_questions() -> list[str]:
    return [c.q for c in load_golden()]


def distinct_questions(total: int) -> list[str]:
    """Questions from the development sets, none asked twice: no answer comes from a cache."""
    from eval.testset import DEVELOPMENT, TESTSET_SETS, load_questions

    questions = dict.fromkeys(q.q for s in DEVELOPMENT for q in load_questions(TESTSET_SETS[s] / "questions.yaml"))
    return list(questions)[:total]


async def _fire(url: str, total: int, concurrency: int, questions: list[str]) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = 0
    counter = iter(range(total))
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=url, timeout=10, limits=limits) as client:

        async def worker() -> None:
            nonlocal errors
            for n in counter:
                start = time.perf_counter()
                try:
                    response = await client.post("/api/ask", json={"question": questions[n % len(questions)]})
                    if response.status_code != 200:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                latencies.append((time.perf_counter() - start) * 1000)

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, errors


def run_load(
    data_dir: Path, total: int = 2000, concurrency: int = 16, workers: int = 2, questions: list[str] | None = None
) -> LoadResult:
    """``questions`` (the golden questions by default) are asked in turn, from the first again when used up."""
    questions = questions or golden_questions()
    process, url = start_server(data_dir, workers)
    try:
        asyncio.run(_fire(url, 50, 4, ["材料交几份", "园区申报条件有哪些"]))  # warm every worker
        start = time.perf_counter()
        latencies, errors = asyncio.run(_fire(url, total, concurrency, questions))
        seconds = time.perf_counter() - start
    finally:
        process.terminate()
        process.wait(timeout=30)
    return LoadResult(total, concurrency, workers, seconds, latencies, errors)
