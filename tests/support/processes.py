"""Running pilotbot the way users do: the installed ``pilotbot`` entry point in a subprocess."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

PILOTBOT = Path(sys.executable).with_name("pilotbot")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pilotbot_env(data_dir: Path, database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a fresh install: no PILOTBOT_* from the caller, no network proxies."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PILOTBOT_") and "proxy" not in k.lower()}
    env.update(PILOTBOT_DATA_DIR=str(data_dir), PILOTBOT_DATABASE_URL=database_url, PILOTBOT_RATE_LIMIT="0")
    env.update(extra)
    return env


def copy_index(index_dir: Path, into: Path) -> Path:
    """A private copy of the session's index, so a subprocess can open (and update) it freely."""
    shutil.copytree(index_dir, into, dirs_exist_ok=True)
    return into


@dataclass
class Server:
    base: str
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@contextmanager
def serving(*args: str, env: dict[str, str], cwd: Path, timeout: float = 120) -> Iterator[Server]:
    """``pilotbot serve`` on a free port until /healthz answers; stopped with SIGTERM (then killed) after."""
    port = free_port()
    log_path = cwd / f"serve-{port}.log"
    with log_path.open("wb") as log:
        command = [str(PILOTBOT), "serve", "--port", str(port), *args]
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=log, stderr=log)
        server = Server(f"http://127.0.0.1:{port}", process, log_path)
        try:
            deadline = time.monotonic() + timeout
            while not _healthy(server.base):
                assert server.process.poll() is None, f"serve exited: {server.log()[-2000:]}"
                assert time.monotonic() < deadline, f"no /healthz after {timeout} s: {server.log()[-2000:]}"
                time.sleep(0.2)
            yield server
        finally:
            if server.process.poll() is None:
                server.process.send_signal(signal.SIGTERM)
                try:
                    server.process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    server.process.kill()
                    server.process.wait()


def _healthy(base: str) -> bool:
    try:
        return httpx.get(f"{base}/healthz", timeout=2).status_code == 200
    except httpx.TransportError:
        return False
