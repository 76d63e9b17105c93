"""PILOTBOT_CHROMA_URL: the same index in a chroma server (``chroma run`` on loopback) instead of embedded."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from indexer.config import IndexSettings
from indexer.factory import build_index, open_retriever
from knowledge.rules import Rules

CHROMA = Path(sys.executable).with_name("chroma")


@pytest.fixture
def chroma_url(tmp_path: Path):
    if not CHROMA.exists() and not shutil.which("chroma"):
        pytest.skip("the chroma server CLI is not installed")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    server = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        assert time.monotonic() < deadline, "chroma server did not start"
        time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(timeout=20)


def test_index_in_a_chroma_server(chroma_url: str, tmp_path: Path, rules: Rules) -> None:
    settings = IndexSettings(data_dir=tmp_path / "local", chroma_url=chroma_url)
    first = build_index(settings, rules)
    assert first.embedded > 0
    assert build_index(settings, rules).embedded == 0
    other_host = IndexSettings(data_dir=tmp_path / "another-host", chroma_url=chroma_url)
    retriever = open_retriever(other_host, rules, build_if_missing=False)  # BM25 rebuilt from the server's rows
    assert retriever.search("EOD模式是什么", k=1)[0].chunk.id == "guide.town.innovation.5"
