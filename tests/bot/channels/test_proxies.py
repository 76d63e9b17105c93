"""Reaching the outside through a proxy: Telegram through PILOTBOT_TELEGRAM_PROXY (HTTP CONNECT or SOCKS5),
WeChat's customer-service API and the LLM through the standard HTTPS_PROXY. A proxy on loopback counts what
passes through it and routes the real host names to local TLS stand-ins, trusted via SSL_CERT_FILE; the code
under test is configured exactly as in production (real URLs, real clients)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.channels.telegram.bot import build_application
from bot.channels.wechat.customer_service import CustomerServiceClient
from bot.core.answering.answer import Citation
from bot.core.answering.llm import LlmPhraser
from bot.core.config import Settings
from tests.bot.channels.conftest import make_core
from tests.support.json_server import json_server
from tests.support.proxy import loopback_proxy
from tests.support.tls import make_authority

TOKEN = "123456:PROXY-test"
HOSTS = ["api.telegram.org", "api.weixin.qq.com", "llm.example.test"]


@pytest.fixture
def trusted_tls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A server TLS context for the real host names, trusted by every httpx client in this process."""
    ca_file, context = make_authority(tmp_path, HOSTS)
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
    for name in ("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    return context


def fake_telegram(calls: list[str]):
    def respond(method: str, path: str, body: dict | None, headers) -> dict:
        name = path.rsplit("/", 1)[-1]
        calls.append(name)
        if name == "getMe":
            return {"ok": True, "result": {"id": 123456, "is_bot": True, "first_name": "p", "username": "proxied_bot"}}
        if name == "sendMessage":
            chat = {"id": int(body["chat_id"]), "type": "private"}
            message = {"message_id": 1, "date": int(time.time()), "chat": chat, "text": body["text"]}
            return {"ok": True, "result": message}
        return {"ok": True, "result": True}

    return respond


@pytest.mark.parametrize("scheme", ["http", "socks5"])
def test_telegram_goes_through_pilotbot_telegram_proxy(scheme, trusted_tls, http_settings, answerer) -> None:
    calls: list[str] = []
    with json_server(fake_telegram(calls), tls=trusted_tls) as telegram_url:
        port = int(telegram_url.rsplit(":", 1)[1])
        with loopback_proxy({"api.telegram.org": ("127.0.0.1", port)}, scheme=scheme) as proxy:
            settings = http_settings.model_copy(
                update={"telegram_token": SecretStr(TOKEN), "telegram_proxy": proxy.url}
            )
            application = build_application(make_core(settings, answerer), webhook=False)

            async def talk() -> str:
                async with application:  # initialize: getMe
                    await application.bot.send_message(42, "你好")
                    return application.bot.username

            assert asyncio.run(talk()) == "proxied_bot"
    assert calls == ["getMe", "sendMessage"]
    protocol = "CONNECT" if scheme == "http" else "SOCKS5"
    assert proxy.targets(protocol) and set(proxy.targets(protocol)) == {"api.telegram.org:443"}


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("scheme", ["http", "socks5"])
def test_pilotbot_telegram_without_a_route_fails_in_one_line(scheme, tmp_path: Path) -> None:
    """The proxy is up but cannot reach Telegram (as in mainland China without a working exit)."""
    with loopback_proxy({}, scheme=scheme) as proxy:
        result = run_cli(
            "telegram",
            env={
                "PILOTBOT_TELEGRAM_TOKEN": TOKEN,
                "PILOTBOT_TELEGRAM_PROXY": proxy.url,
                "PILOTBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'p.db'}",
                "PILOTBOT_DATA_DIR": str(tmp_path),
            },
        )
    assert result.returncode == 3
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: cannot reach Telegram's API") and proxy.url in line
    assert proxy.seen[0] == ("CONNECT" if scheme == "http" else "SOCKS5", "api.telegram.org:443")


def test_pilotbot_telegram_with_a_bad_proxy_url_is_bad_input(tmp_path: Path) -> None:
    result = run_cli("telegram", env={"PILOTBOT_TELEGRAM_TOKEN": TOKEN, "PILOTBOT_TELEGRAM_PROXY": "ftp://x"})
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: PILOTBOT_TELEGRAM_PROXY is invalid")


def test_pilotbot_telegram_debug_shows_the_traceback(tmp_path: Path) -> None:
    with loopback_proxy({}) as proxy:
        result = run_cli(
            "--debug",
            "telegram",
            env={
                "PILOTBOT_TELEGRAM_TOKEN": TOKEN,
                "PILOTBOT_TELEGRAM_PROXY": proxy.url,
                "PILOTBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'p.db'}",
            },
        )
    assert result.returncode == 1 and "Traceback" in result.stderr and "NetworkError" in result.stderr


def test_wechat_customer_service_honours_https_proxy(trusted_tls, monkeypatch) -> None:
    requests: list[str] = []

    def wechat(method: str, path: str, body: dict | None, headers) -> dict:
        requests.append(path.split("?")[0])
        if path.startswith("/cgi-bin/token"):
            return {"access_token": "tok", "expires_in": 7200}
        return {"errcode": 0, "errmsg": "ok"}

    with (
        json_server(wechat, tls=trusted_tls) as url,
        loopback_proxy({"api.weixin.qq.com": ("127.0.0.1", int(url.rsplit(":", 1)[1]))}) as proxy,
    ):
        monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        CustomerServiceClient("wx-appid", "wx-secret").send_text("openid-1", "您好")  # the real API URL
    assert requests == ["/cgi-bin/token", "/cgi-bin/message/custom/send"]
    assert proxy.targets("CONNECT") and set(proxy.targets("CONNECT")) == {"api.weixin.qq.com:443"}


def test_llm_client_honours_https_proxy(trusted_tls, monkeypatch) -> None:
    seen: list[dict] = []

    def llm(method: str, path: str, body: dict | None, headers) -> dict:
        seen.append(body or {})
        message = {"role": "assistant", "content": "纸质材料一式三份〔plan.4.1〕"}
        return {
            "id": "c1",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": "test-model",
            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }

    with (
        json_server(llm, tls=trusted_tls) as url,
        loopback_proxy({"llm.example.test": ("127.0.0.1", int(url.rsplit(":", 1)[1]))}) as proxy,
    ):
        monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        settings = Settings(llm_base_url="https://llm.example.test/v1", llm_model="test-model")
        answer = LlmPhraser(settings).phrase("材料几份", [Citation("plan.4.1", "申报要求", "一式三份")])
    assert answer == "纸质材料一式三份〔plan.4.1〕"
    assert len(seen) == 1 and seen[0]["model"] == "test-model"
    assert proxy.targets("CONNECT") == ["llm.example.test:443"]
