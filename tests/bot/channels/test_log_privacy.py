"""The logs promise: one JSON line per chat event, user ids hashed, message bodies never written.

Logs are captured at INFO, the level ``pilotbot serve`` and ``pilotbot telegram`` run at, across a message
on each channel (Telegram, WeChat, the web chat); the body and the raw user id must appear in none of them.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from bot.channels.http.app import create_app
from bot.channels.logs import user_hash
from bot.channels.wechat.crypto import signature
from tests.bot.channels.conftest import make_core
from tests.bot.channels.test_telegram import Bot, text_update

BODY = "我们公司电话13812345678，企业申报条件有哪些"
TELEGRAM_USER = 918273645
WECHAT_USER = "o-private-openid-5566"
WEB_SESSION = "web-private-session-7788"
WECHAT_TOKEN = "pilotbot-wechat-token"


TEST_CLIENT_LOGGERS = ("httpx", "httpx2")  # the test's own client logs the URLs it requests; it is not pilotbot


def everything_logged(caplog: pytest.LogCaptureFixture) -> str:
    records = [r for r in caplog.records if r.name not in TEST_CLIENT_LOGGERS]
    return "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in records)


def events(caplog: pytest.LogCaptureFixture, channel: str) -> list[dict]:
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("{")]
    return [event for event in map(json.loads, lines) if event.get("channel") == channel]


def test_telegram_logs_the_event_but_not_the_body_or_the_id(http_settings, answerer, caplog) -> None:
    settings = http_settings.model_copy(update={"telegram_token": SecretStr("123456:TEST-token")})
    caplog.set_level(logging.INFO)

    async def scenario():
        async with Bot(make_core(settings, answerer)) as bot:
            await bot.send(text_update(BODY, user_id=TELEGRAM_USER))
            return bot.texts()

    assert "三同时" in asyncio.run(scenario())[-1]
    logged = everything_logged(caplog)
    assert BODY not in logged and "13812345678" not in logged and str(TELEGRAM_USER) not in logged
    assert [e["user"] for e in events(caplog, "telegram")] == [user_hash("telegram", str(TELEGRAM_USER))]


def test_wechat_logs_the_event_but_not_the_body_or_the_openid(http_settings, answerer, caplog) -> None:
    settings = http_settings.model_copy(update={"wechat_token": SecretStr(WECHAT_TOKEN)})
    caplog.set_level(logging.INFO)
    ts, nonce = str(int(time.time())), "privacy-nonce"
    params = {"signature": signature(WECHAT_TOKEN, ts, nonce), "timestamp": ts, "nonce": nonce, "openid": WECHAT_USER}
    body = (
        f"<xml><ToUserName><![CDATA[gh_pilot]]></ToUserName><FromUserName><![CDATA[{WECHAT_USER}]]></FromUserName>"
        f"<CreateTime>{ts}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        f"<Content><![CDATA[{BODY}]]></Content><MsgId>5566778899</MsgId></xml>"
    )
    with TestClient(create_app(settings, core=make_core(settings, answerer))) as client:
        assert "三同时" in client.post("/wechat", params=params, content=body.encode()).text
    logged = everything_logged(caplog)
    assert BODY not in logged and "13812345678" not in logged and WECHAT_USER not in logged
    assert [e["user"] for e in events(caplog, "wechat")] == [user_hash("wechat", WECHAT_USER)]


def test_the_web_chat_logs_neither_the_body_nor_the_session(client: TestClient, caplog) -> None:
    caplog.set_level(logging.INFO)
    reply = client.post("/api/chat", json={"session": WEB_SESSION, "message": {"kind": "text", "text": BODY}})
    assert "三同时" in reply.json()["replies"][0]["text"]
    logged = everything_logged(caplog)
    assert BODY not in logged and "13812345678" not in logged and WEB_SESSION not in logged
