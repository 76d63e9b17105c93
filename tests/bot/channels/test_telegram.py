"""Telegram, the way PTB's own tests do it: a real Application over an offline request object, hand-built
updates through ``process_update``, assertions on what the bot would have sent to Telegram."""

from __future__ import annotations

import asyncio
import http.client
import json
import time
from itertools import count, pairwise

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from telegram import Update
from telegram.error import NetworkError
from telegram.request import BaseRequest

from bot.channels.http.app import create_app
from bot.channels.telegram.bot import Pacer, build_application, send_replies
from bot.channels.telegram.render import LIMIT
from bot.core.dialog.messages import Reply
from bot.core.plans.files import read_upload
from bot.core.runtime import Core
from bot.core.stores.sessions import SessionStore
from tests.bot.channels.conftest import make_core
from tests.support.live import live_server

TOKEN = "123456:TEST-token"
SECRET = "webhook-secret-value"
BOT_USER = {"id": 123456, "is_bot": True, "first_name": "pilotbot", "username": "pilotbot_test_bot"}
_ids = count(1)


class OfflineRequest(BaseRequest):
    """Telegram's Bot API, offline: every call is recorded and answered the way Telegram would."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict, float]] = []
        self.files: dict[str, bytes] = {}
        self.uploads: list[tuple[str, bytes]] = []  # (file name, content) of every file sent to a chat

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(self, url, method, request_data=None, **kwargs) -> tuple[int, bytes]:
        if "/file/bot" in url:
            return 200, self.files[url.rsplit("/", 1)[-1]]
        name = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        self.calls.append((name, params, time.monotonic()))
        if request_data is not None:
            self.uploads += [(filename, content) for filename, content, *_ in request_data.multipart_data.values()]
        chat = {"id": params.get("chat_id", 1), "type": "private"}
        message = {"message_id": next(_ids), "date": int(time.time()), "chat": chat}
        results = {
            "getMe": BOT_USER,
            "sendMessage": {**message, "text": params.get("text", "")},
            "sendDocument": {**message, "document": {"file_id": "f", "file_unique_id": "u"}},
            "getFile": {
                "file_id": params.get("file_id"),
                "file_unique_id": "u",
                "file_size": 10,
                "file_path": params.get("file_id"),
            },
        }
        return 200, json.dumps({"ok": True, "result": results.get(name, True)}).encode()

    def sent(self, method: str) -> list[dict]:
        return [params for name, params, _ in self.calls if name == method]


def _user(user_id: int) -> dict:
    return {"id": user_id, "is_bot": False, "first_name": "申报人"}


def text_update(text: str, user_id: int = 42) -> dict:
    message = {
        "message_id": next(_ids),
        "date": int(time.time()),
        "chat": {"id": user_id, "type": "private"},
        "from": _user(user_id),
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": next(_ids), "message": message}


def callback_update(data: str, user_id: int = 42) -> dict:
    message = {
        "message_id": next(_ids),
        "date": int(time.time()),
        "chat": {"id": user_id, "type": "private"},
        "text": "…",
    }
    return {
        "update_id": next(_ids),
        "callback_query": {
            "id": str(next(_ids)),
            "from": _user(user_id),
            "chat_instance": "ci",
            "data": data,
            "message": message,
        },
    }


def document_update(name: str, size: int, user_id: int = 42) -> dict:
    message = {
        "message_id": next(_ids),
        "date": int(time.time()),
        "chat": {"id": user_id, "type": "private"},
        "from": _user(user_id),
        "document": {"file_id": name, "file_unique_id": name, "file_name": name, "file_size": size},
    }
    return {"update_id": next(_ids), "message": message}


@pytest.fixture
def tg_settings(http_settings):
    return http_settings.model_copy(update={"telegram_token": SecretStr(TOKEN), "telegram_secret": SecretStr(SECRET)})


@pytest.fixture
def core(tg_settings, answerer) -> Core:
    return make_core(tg_settings, answerer)


class Bot:
    """A running PTB Application over the offline request, fed hand-built updates."""

    def __init__(self, core: Core, pace: float = 0.0) -> None:
        self.request = OfflineRequest()
        self.application = build_application(core, webhook=True, request=self.request, pace=pace)

    async def __aenter__(self) -> Bot:
        await self.application.initialize()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.application.shutdown()

    async def send(self, payload: dict) -> None:
        await self.application.process_update(Update.de_json(payload, self.application.bot))

    def texts(self) -> list[str]:
        return [p["text"] for p in self.request.sent("sendMessage")]


def run(coro):
    return asyncio.run(coro)


def test_start_replies_with_an_inline_menu(core: Core) -> None:
    async def scenario():
        async with Bot(core) as bot:
            await bot.send(text_update("/start"))
            return bot.request.sent("sendMessage")

    sent = run(scenario())
    assert "申报助手" in sent[0]["text"] and sent[0]["parse_mode"] == "HTML"
    buttons = [b["callback_data"] for row in sent[0]["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons == ["cmd:eligibility", "cmd:items", "cmd:draft", "cmd:check"]


def test_buttons_are_acknowledged_then_acted_on(core: Core) -> None:
    async def scenario():
        async with Bot(core) as bot:
            await bot.send(text_update("/eligibility"))
            await bot.send(callback_update("type:enterprise"))
            return [name for name, _, _ in bot.request.calls], bot.texts()

    calls, texts = run(scenario())
    answered = calls.index("answerCallbackQuery")
    assert answered < len(calls) - 1 and calls[answered + 1] == "sendMessage"
    assert "企业类" in texts[-2] and "三同时" in texts[-1]


def test_restart_mid_dialog_continues_where_it_was(tg_settings, answerer) -> None:
    async def first_life(core: Core):
        async with Bot(core) as bot:
            await bot.send(text_update("/eligibility 楼宇", user_id=7))
            await bot.send(callback_update("yes", user_id=7))
            return bot.texts()

    async def second_life(core: Core):
        async with Bot(core) as bot:
            await bot.send(text_update("符合", user_id=7))
            await bot.send(text_update("符合", user_id=7))
            return bot.texts()

    before = run(first_life(make_core(tg_settings, answerer)))
    assert "第2条" in before[-1]
    restarted = make_core(tg_settings, answerer)
    restarted.dialog.store = SessionStore(tg_settings.database)  # a new process reopens the database
    after = run(second_life(restarted))
    assert "第3条" in after[0] and "可以申报" in after[-1]


def test_document_upload_is_downloaded_and_checked(core: Core) -> None:
    async def scenario():
        async with Bot(core) as bot:
            bot.request.files["plan.txt"] = "一、试点目标\n目标\n二、试点内容\n内容".encode("gb18030")
            await bot.send(text_update("/check 企业"))
            await bot.send(document_update("plan.txt", 40))
            return bot.texts(), [n for n, _, _ in bot.request.calls]

    texts, calls = run(scenario())
    assert "getFile" in calls
    assert "方案需要修改" in texts[-1] and "缺少必备章节" in texts[-1]


@pytest.mark.parametrize(
    ("name", "size", "message"), [("plan.pdf", 100, "仅支持"), ("plan.docx", 6_000_000, "超过5MB")]
)
def test_bad_uploads_get_a_clear_reply_and_are_not_downloaded(core: Core, name: str, size: int, message: str) -> None:
    async def scenario():
        async with Bot(core) as bot:
            await bot.send(document_update(name, size))
            return bot.texts(), [n for n, _, _ in bot.request.calls]

    texts, calls = run(scenario())
    assert message in texts[-1] and "getFile" not in calls


def test_drafts_come_back_as_documents(core: Core) -> None:
    async def scenario():
        async with Bot(core) as bot:
            for text in ["/draft 企业", "示范公司", "跳过", "跳过", "跳过", "全部", "2026年1月"]:
                await bot.send(text_update(text, user_id=9))
            return bot.request.sent("sendDocument"), bot.request.uploads, bot.texts()

    documents, uploads, texts = run(scenario())
    assert len(documents) == 2 and "已生成" in texts[-1]
    assert [name for name, _ in uploads] == ["示范公司-申报表.md", "示范公司-申报表.docx"]
    markdown, docx = (content for _, content in uploads)
    assert "示范公司" in markdown.decode() and "五、预期产出及示范意义" in markdown.decode()
    assert docx[:2] == b"PK" and "五、预期产出及示范意义" in read_upload("a.docx", docx)


def test_user_text_is_escaped_in_html(core: Core) -> None:
    async def scenario():
        async with Bot(core) as bot:
            await bot.send(text_update("/x<b>&</b>"))
            return bot.texts()

    reply = run(scenario())[-1]
    assert "未知命令" in reply and "&lt;b&gt;&amp;&lt;/b&gt;" in reply and "<b>" not in reply


def test_long_replies_are_split_under_4096_in_order_and_paced(core: Core) -> None:
    long_text = "\n\n".join(f"第{n}段：" + "环境治理" * 200 for n in range(8))

    async def scenario():
        async with Bot(core) as bot:
            await send_replies(bot.application.bot, Pacer(0.2), 42, [Reply(long_text)])
            return [(p["text"], t) for n, p, t in bot.request.calls if n == "sendMessage"]

    sent = run(scenario())
    assert len(sent) >= 2 and all(len(text) <= LIMIT for text, _ in sent)
    assert sent[0][0].startswith("第0段")
    assert "".join(text for text, _ in sent).count("第7段") == 1
    gaps = [b - a for (_, a), (_, b) in pairwise(sent)]
    assert all(gap >= 0.19 for gap in gaps)


def test_per_user_rate_limit_is_polite(tg_settings, answerer) -> None:
    core = make_core(tg_settings.model_copy(update={"user_rate_limit": 2}), answerer)

    async def scenario():
        async with Bot(core) as bot:
            for _ in range(3):
                await bot.send(text_update("材料交几份", user_id=11))
            return bot.texts()

    texts = run(scenario())
    assert "一式三份" in texts[0] and "稍后再试" in texts[-1]


def test_webhook_checks_the_secret_and_registers_commands(tg_settings, answerer) -> None:
    request = OfflineRequest()
    app = create_app(tg_settings, core=make_core(tg_settings, answerer), telegram_request=request)
    with TestClient(app) as client:
        wait_until(lambda: request.sent("setMyCommands"))  # the channel comes up in the background
        commands = request.sent("setMyCommands")[0]["commands"]
        assert [c["command"] for c in commands] == [
            "start",
            "help",
            "ask",
            "eligibility",
            "items",
            "draft",
            "check",
            "cancel",
            "reset",
        ]
        assert commands[3]["description"] == "申报资格自查"
        update = text_update("/start", user_id=77)
        assert client.post("/telegram", json=update).status_code == 403
        assert (
            client.post("/telegram", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"}).status_code
            == 403
        )
        assert not request.sent("sendMessage")
        ok = client.post("/telegram", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
        assert ok.status_code == 200
        deadline = time.monotonic() + 10
        while not request.sent("sendMessage") and time.monotonic() < deadline:
            time.sleep(0.05)
    assert "申报助手" in request.sent("sendMessage")[0]["text"]


class UnreachableRequest(OfflineRequest):
    """Telegram's Bot API behind a broken route (as from mainland China): every call fails until
    ``reachable`` is set; each failure's time is kept to see the backoff."""

    def __init__(self) -> None:
        super().__init__()
        self.reachable = False
        self.failures: list[float] = []

    async def do_request(self, url, method, request_data=None, **kwargs) -> tuple[int, bytes]:
        if not self.reachable:
            self.failures.append(time.monotonic())
            raise NetworkError("httpx.ConnectError: [Errno 101] Network is unreachable")
        return await super().do_request(url, method, request_data, **kwargs)


def wait_until(condition, seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.02)


def test_unreachable_telegram_is_retried_with_backoff_while_everything_else_serves(tg_settings, answerer) -> None:
    request = UnreachableRequest()
    core = make_core(tg_settings, answerer)
    app = create_app(tg_settings, core=core, telegram_request=request, telegram_retry=0.05)
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    with TestClient(app) as client:
        wait_until(lambda: len(request.failures) >= 4)
        assert client.post("/api/ask", json={"question": "材料交几份"}).status_code == 200
        ready = client.get("/readyz")
        telegram = ready.json()["channels"]["telegram"]
        assert ready.status_code == 200 and telegram["state"] == "retrying"
        assert telegram["attempts"] >= 4 and telegram["last_error"] == "NetworkError"
        gaps = [b - a for a, b in pairwise(request.failures[:4])]
        assert all(later > earlier * 1.3 for earlier, later in pairwise(gaps)), gaps  # exponential backoff
        early = client.post("/telegram", json=text_update("/start", user_id=78), headers=headers)
        assert early.status_code == 503 and set(early.json()) == {"error", "detail"}

        request.reachable = True
        wait_until(lambda: client.get("/readyz").json()["channels"]["telegram"]["state"] == "up")
        assert request.sent("setMyCommands")
        assert client.post("/telegram", json=text_update("/start", user_id=78), headers=headers).status_code == 200
        wait_until(lambda: request.sent("sendMessage"))
    assert "申报助手" in request.sent("sendMessage")[0]["text"]


class RejectingRequest(OfflineRequest):
    async def do_request(self, url, method, request_data=None, **kwargs) -> tuple[int, bytes]:
        self.calls.append((url.rsplit("/", 1)[-1], {}, time.monotonic()))
        return 401, json.dumps({"ok": False, "error_code": 401, "description": "Unauthorized"}).encode()


def test_a_rejected_token_turns_the_channel_off_without_retrying(tg_settings, answerer) -> None:
    request = RejectingRequest()
    app = create_app(tg_settings, core=make_core(tg_settings, answerer), telegram_request=request, telegram_retry=0.01)
    with TestClient(app) as client:
        wait_until(lambda: client.get("/readyz").json()["channels"]["telegram"]["state"] == "failed")
        time.sleep(0.2)
        assert len(request.calls) == 1  # one getMe, no retries
        assert client.get("/readyz").status_code == 200


NOT_UPDATES = [
    b"[]",
    b'"an update"',
    b"null",
    b"42",
    b'{"foo": 1}',
    b'{"update_id": "1"}',
    b'{"update_id": 1, "message": "not a message"}',
    b'{"update_id": 1, "message": {"chat": 5}}',
    b"[" * 100_000 + b"]" * 100_000,
    b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
]


def test_webhook_answers_json_that_is_not_an_update_with_400_on_a_live_connection(tg_settings, answerer) -> None:
    request = OfflineRequest()
    app = create_app(tg_settings, core=make_core(tg_settings, answerer), telegram_request=request)
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}
    with live_server(app) as url:
        connection = http.client.HTTPConnection(url.removeprefix("http://"), timeout=10)
        for body in NOT_UPDATES:
            connection.request("POST", "/telegram", body=body, headers=headers)
            response = connection.getresponse()
            payload = json.loads(response.read())
            assert response.status == 400, (body[:40], payload)
            assert set(payload) == {"error", "detail"} and "Traceback" not in json.dumps(payload)
        connection.request("GET", "/healthz")  # the same keep-alive connection still works
        assert connection.getresponse().status == 200
        connection.close()
