"""``pilotbot serve`` as a user runs it: a real process, Telegram configured but unreachable, one Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.support.live import free_port

PILOTBOT = Path(sys.executable).with_name("pilotbot")


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def _post(url: str, payload: dict) -> tuple[int, dict]:
    data = json.dumps(payload).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_serve_keeps_serving_without_telegram_and_stops_on_one_signal(index_settings, tmp_path) -> None:
    port, dead_proxy = free_port(), free_port()  # nothing listens on the proxy port: Telegram is unreachable
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PILOTBOT_") and "proxy" not in k.lower()},
        "PILOTBOT_DATA_DIR": str(index_settings.data_dir),
        "PILOTBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'serve.db'}",
        "PILOTBOT_TELEGRAM_TOKEN": "123456:unreachable-token",
        "PILOTBOT_TELEGRAM_SECRET": "webhook-secret",
        "PILOTBOT_REQUEST_TIMEOUT": "2",
        "HTTPS_PROXY": f"http://127.0.0.1:{dead_proxy}",
        "HTTP_PROXY": f"http://127.0.0.1:{dead_proxy}",
    }
    server = subprocess.Popen(
        [str(PILOTBOT), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    output: list[bytes] = []
    reader = threading.Thread(target=lambda: output.extend(server.stdout), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 180
        telegram: dict = {}
        while telegram.get("state") != "retrying" or telegram.get("attempts", 0) < 2:
            assert server.poll() is None, b"".join(output).decode(errors="replace")[-2000:]
            assert time.monotonic() < deadline, "server never reported Telegram as retrying"
            try:
                status, body = _get(url + "/readyz")
                assert status == 200, body
                telegram = body["channels"]["telegram"]
            except OSError:
                pass
            time.sleep(0.3)
        status, body = _post(url + "/api/ask", {"question": "材料交几份"})
        assert status == 200 and "一式三份" in body["answer"]
        # (the time budget itself is tested in-process: a plan check is now bounded far below any budget)

        server.send_signal(signal.SIGINT)  # once
        started = time.monotonic()
        code = server.wait(timeout=40)
        stopped_in = time.monotonic() - started
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    log = b"".join(output).decode(errors="replace")
    assert code == 0, log[-2000:]
    assert stopped_in < 20, f"took {stopped_in:.1f} s to stop"
    assert "Telegram unreachable (attempt 1" in log
