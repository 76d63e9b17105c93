"""The WeChat webhook against the real app and core; only WeChat's customer-service servers are faked."""

from __future__ import annotations

import time
from collections.abc import Iterator
from itertools import count

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr, ValidationError

from bot.channels.http.app import create_app
from bot.channels.wechat.crypto import WeChatCipher, signature
from bot.channels.wechat.customer_service import CustomerServiceClient
from bot.channels.wechat.xmlmsg import parse
from bot.core.config import Settings
from tests.bot.channels.conftest import make_core
from tests.support.json_server import json_server

TOKEN = "pilotbot-wechat-token"
AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
APPID = "wx5823bf96d3bd56c7"
APP_SECRET = "wechat-app-secret"
_ids = count(1)


class FakeWeChatApi:
    """WeChat's token and custom-send endpoints on loopback, so the real customer-service client runs."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []
        self.expire_next_send = False
        self.send_errcode = 0  # e.g. 45015: the user has not written within 48 hours
        self.url = ""

    def respond(self, method: str, path: str, body: dict | None, headers) -> dict:
        if method == "GET":
            self.calls.append(("token", {"path": path}))
            return {"access_token": f"token-{len(self.calls)}", "expires_in": 7200}
        self.calls.append(("send", {"path": path, **(body or {})}))
        if self.expire_next_send:
            self.expire_next_send = False
            return {"errcode": 42001, "errmsg": "access_token expired"}
        return {"errcode": self.send_errcode, "errmsg": "ok" if not self.send_errcode else "refused"}

    def sent(self, openid: str | None = None) -> list[str]:
        """The texts pushed through the customer-service API (to ``openid``, or to anyone)."""
        return [
            call["text"]["content"]
            for name, call in self.calls
            if name == "send" and openid in (None, call["touser"]) and call["msgtype"] == "text"
        ]


@pytest.fixture
def wechat_api() -> Iterator[FakeWeChatApi]:
    api = FakeWeChatApi()
    with json_server(api.respond) as url:
        api.url = url
        yield api


def _app(http_settings, answerer, api: FakeWeChatApi | None, **overrides):
    """The app configured the way an operator would: the customer-service API only when an AppSecret is set."""
    settings = http_settings.model_copy(
        update={
            "wechat_token": SecretStr(TOKEN),
            "wechat_aes_key": SecretStr(AES_KEY),
            "wechat_appid": APPID,
            "wechat_mode": "compatible",
            "public_url": "https://pilotbot.example.gov.cn",
            **({"wechat_secret": SecretStr(APP_SECRET), "wechat_api_base": api.url} if api else {}),
            **overrides,
        }
    )
    return create_app(settings, core=make_core(settings, answerer))


@pytest.fixture
def wechat(http_settings, answerer, wechat_api) -> Iterator[TestClient]:
    with TestClient(_app(http_settings, answerer, wechat_api)) as client:
        yield client


def _params(nonce: str | None = None, timestamp: int | None = None, **extra) -> dict[str, str]:
    ts = str(timestamp if timestamp is not None else int(time.time()))
    nonce = nonce or f"n{next(_ids)}"
    return {"signature": signature(TOKEN, ts, nonce), "timestamp": ts, "nonce": nonce, "openid": "o-user", **extra}


def _text(content: str, msg_id: int | None = None, user: str = "o-user") -> str:
    msg_id = msg_id or next(_ids) + 10_000
    return (
        f"<xml><ToUserName><![CDATA[gh_pilot]]></ToUserName><FromUserName><![CDATA[{user}]]></FromUserName>"
        f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        f"<Content><![CDATA[{content}]]></Content><MsgId>{msg_id}</MsgId></xml>"
    )


def post(client: TestClient, body: str, params: dict | None = None):
    return client.post("/wechat", params=params or _params(), content=body.encode())


def content_of(response) -> str:
    return parse(response.content)["Content"]


def test_url_verification_echoes_and_forgery_is_403(wechat: TestClient) -> None:
    params = _params()
    ok = wechat.get("/wechat", params={**params, "echostr": "echo-123"})
    assert ok.status_code == 200 and ok.text == "echo-123"
    forged = wechat.get("/wechat", params={**params, "signature": "0" * 40, "echostr": "x"})
    assert forged.status_code == 403


def test_plaintext_question_gets_a_passive_answer(wechat: TestClient) -> None:
    response = post(wechat, _text("材料交几份"))
    reply = parse(response.content)
    assert reply["ToUserName"] == "o-user" and reply["FromUserName"] == "gh_pilot"
    assert "一式三份" in reply["Content"] and "〔plan.4.1〕" in reply["Content"]


@pytest.mark.parametrize("tamper", ["signature", "stale", "future"])
def test_forged_or_stale_requests_are_403_and_not_processed(wechat: TestClient, tamper: str) -> None:
    params = _params()
    if tamper == "signature":
        params["signature"] = "f" * 40
    else:
        params = _params(timestamp=int(time.time()) + (-400 if tamper == "stale" else 400))
    assert post(wechat, _text("资格"), params).status_code == 403
    assert wechat.app.state.core.dialog.store.load("wechat", "o-user").state == "idle"


def test_malformed_xml_is_400(wechat: TestClient) -> None:
    assert post(wechat, "<xml><MsgType>text").status_code == 400
    assert post(wechat, '<!DOCTYPE x [<!ENTITY a "b">]><xml></xml>').status_code == 400


def test_retries_with_the_same_msgid_run_the_core_once(wechat: TestClient) -> None:
    post(wechat, _text("资格", user="o-retry"))
    post(wechat, _text("企业", user="o-retry"))
    answer = _text("是", msg_id=987654, user="o-retry")
    replies = [post(wechat, answer) for _ in range(3)]  # WeChat's retries: new nonce, same MsgId
    session = wechat.app.state.core.dialog.store.load("wechat", "o-retry")
    assert session.flow["answers"] == {"1": True}, "the answer was applied exactly once"
    assert len({content_of(r) for r in replies}) == 1 and "第2条" in content_of(replies[0])


def test_a_replayed_request_is_never_processed_again(wechat: TestClient) -> None:
    params = _params()
    first = post(wechat, _text("资格", user="o-replay"), params)
    replay = post(wechat, _text("企业", user="o-replay"), params)  # same nonce, different body
    assert content_of(replay) == content_of(first)
    assert wechat.app.state.core.dialog.store.load("wechat", "o-replay").state == "eligibility.type"


def test_safe_mode_round_trip(wechat: TestClient) -> None:
    cipher = WeChatCipher(AES_KEY, APPID)
    ts, nonce = str(int(time.time())), "safe-nonce-1"
    encrypted = cipher.encrypt(_text("截止时间"))
    params = {
        **_params(nonce=nonce, timestamp=int(ts)),
        "encrypt_type": "aes",
        "msg_signature": signature(TOKEN, ts, nonce, encrypted),
    }
    body = f"<xml><ToUserName><![CDATA[gh_pilot]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>"
    response = post(wechat, body, params)
    envelope = parse(response.content)
    assert envelope["MsgSignature"] == signature(TOKEN, envelope["TimeStamp"], envelope["Nonce"], envelope["Encrypt"])
    assert "10月底前" in parse(cipher.decrypt(envelope["Encrypt"]).encode())["Content"]
    params["msg_signature"] = "0" * 40
    assert (
        post(wechat, body, {**params, **_params(), "encrypt_type": "aes", "msg_signature": "0" * 40}).status_code == 403
    )


def test_slow_answers_go_through_the_customer_service_api(http_settings, answerer, wechat_api) -> None:
    app = _app(http_settings, answerer, wechat_api)
    with TestClient(app) as client:
        app.state.wechat.passive_timeout = 0.0  # nothing is ready in time, as with a slow LLM answer
        response = post(client, _text("企业申报条件有哪些", user="o-slow"))
        assert response.text == "success"
        deadline = time.monotonic() + 10
        while not wechat_api.sent("o-slow") and time.monotonic() < deadline:
            time.sleep(0.05)
    assert "三同时" in wechat_api.sent("o-slow")[0]
    token, send = wechat_api.calls[0], wechat_api.calls[1]
    assert token[0] == "token" and f"appid={APPID}" in token[1]["path"] and f"secret={APP_SECRET}" in token[1]["path"]
    assert send[0] == "send" and send[1]["path"].startswith("/cgi-bin/message/custom/send?access_token=token-1")


def test_long_replies_are_split_under_2048_bytes_and_5_messages(wechat: TestClient, wechat_api) -> None:
    response = post(wechat, _text("企业必选项和创新项有哪些", user="o-long"))
    first = content_of(response)
    wechat.portal.call(wechat.app.state.wechat.drain)
    chunks = [first, *wechat_api.sent("o-long")]
    assert len(chunks) >= 2 and len(chunks) <= 5
    assert all(len(c.encode()) <= 2048 for c in chunks)
    assert "自行监测" in "".join(chunks) and "碳排放核算" in "".join(chunks)


def test_overlong_output_ends_with_a_download_link(wechat: TestClient) -> None:
    channel = wechat.app.state.wechat
    from bot.core.dialog.messages import Reply

    chunks = channel.render([Reply("段落。" * 400 + "\n\n" + "再一段。" * 400 + "\n\n" + "第三段。" * 600)] * 3)
    assert len(chunks) == 5 and chunks[-1].startswith("内容较长")
    url = chunks[-1].split("：", 1)[1]
    assert url.startswith("https://pilotbot.example.gov.cn/api/documents/")
    assert wechat.get(url.removeprefix("https://pilotbot.example.gov.cn")).status_code == 200


def test_drafts_are_sent_as_summary_and_links(wechat: TestClient, wechat_api) -> None:
    for text in ["起草", "楼宇", "示范大厦", "跳过", "跳过", "跳过", "跳过"]:
        post(wechat, _text(text, user="o-draft"))
    last = post(wechat, _text("跳过", user="o-draft"))
    wechat.portal.call(wechat.app.state.wechat.drain)
    passive = "" if last.text == "success" else content_of(last)  # a slow draft is delivered by the API instead
    everything = passive + "".join(wechat_api.sent("o-draft"))
    assert "已生成" in everything and "/api/documents/" in everything and ".docx" in everything


def test_text_commands_and_numbered_choices(wechat: TestClient) -> None:
    menu = content_of(post(wechat, _text("菜单", user="o-cmd")))
    assert "回复数字选择" in menu and "1. 资格自查" in menu
    types = content_of(post(wechat, _text("1", user="o-cmd")))
    assert "2. 企业" in types
    first_condition = content_of(post(wechat, _text("2", user="o-cmd")))
    assert "企业类" in first_condition and "三同时" in first_condition


def test_subscribe_event_greets_and_images_are_declined(wechat: TestClient) -> None:
    event = (
        "<xml><ToUserName>gh</ToUserName><FromUserName>o-evt</FromUserName><CreateTime>1</CreateTime>"
        "<MsgType>event</MsgType><Event>subscribe</Event></xml>"
    )
    assert "申报助手" in content_of(post(wechat, event))
    image = _text("x").replace("<MsgType><![CDATA[text]]>", "<MsgType><![CDATA[image]]>")
    assert "仅支持文字消息" in content_of(post(wechat, image))


def test_user_text_cannot_break_out_of_cdata(wechat: TestClient) -> None:
    response = post(wechat, _text("/x]]]]><![CDATA[><evil/>", user="o-cdata"))
    assert "未知命令" in content_of(response)


def test_per_user_rate_limit_is_polite_and_loses_nothing(http_settings, answerer, wechat_api) -> None:
    with TestClient(_app(http_settings, answerer, wechat_api, user_rate_limit=3)) as client:
        post(client, _text("资格", user="o-rate"))
        post(client, _text("企业", user="o-rate"))
        post(client, _text("是", user="o-rate"))
        limited = content_of(post(client, _text("是", user="o-rate")))
        assert "稍后再试" in limited
        session = client.app.state.core.dialog.store.load("wechat", "o-rate")
        assert session.flow["answers"] == {"1": True}


def test_customer_service_client_caches_and_refreshes_the_token(wechat_api: FakeWeChatApi) -> None:
    client = CustomerServiceClient("wxapp", "s3cret", base_url=wechat_api.url)
    client.send_text("o1", "第一条")
    client.send_text("o1", "第二条")
    assert [c[0] for c in wechat_api.calls] == ["token", "send", "send"]
    assert wechat_api.calls[1][1]["text"] == {"content": "第一条"} and "token-1" in wechat_api.calls[1][1]["path"]
    wechat_api.expire_next_send = True
    client.send_text("o1", "第三条")
    assert [c[0] for c in wechat_api.calls[3:]] == ["send", "token", "send"]


def test_without_the_customer_service_api_long_replies_become_one_message_and_a_link(http_settings, answerer) -> None:
    with TestClient(_app(http_settings, answerer, None)) as client:
        assert client.app.state.wechat.sender is None
        reply = content_of(post(client, _text("企业必选项和创新项有哪些", user="o-nocs")))
        assert len(reply.encode()) <= 2048 and "完整内容请打开：https://pilotbot.example.gov.cn/api/documents/" in reply
        url = reply.rsplit("：", 1)[1].removeprefix("https://pilotbot.example.gov.cn")
        assert "碳排放核算" in client.get(url).content.decode()


def test_url_verification_rejects_an_old_timestamp(wechat: TestClient) -> None:
    hour_old = _params(timestamp=int(time.time()) - 3600)
    assert wechat.get("/wechat", params={**hour_old, "echostr": "echo-old"}).status_code == 403
    recent = _params(timestamp=int(time.time()) - 60)
    assert wechat.get("/wechat", params={**recent, "echostr": "echo-new"}).text == "echo-new"


def _encrypted(content: str, user: str) -> tuple[dict[str, str], str]:
    ts, nonce = str(int(time.time())), f"enc{next(_ids)}"
    encrypted = WeChatCipher(AES_KEY, APPID).encrypt(_text(content, user=user))
    params = {**_params(nonce=nonce, timestamp=int(ts)), "encrypt_type": "aes"}
    params["msg_signature"] = signature(TOKEN, ts, nonce, encrypted)
    return params, f"<xml><ToUserName><![CDATA[gh_pilot]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>"


def test_safe_mode_refuses_plaintext_and_plaintext_mode_refuses_ciphertext(http_settings, answerer, wechat_api) -> None:
    with TestClient(_app(http_settings, answerer, wechat_api, wechat_mode="safe")) as safe:
        assert post(safe, _text("资格", user="o-safe")).status_code == 403
        assert safe.app.state.core.dialog.store.load("wechat", "o-safe").state == "idle"
        assert post(safe, *reversed(_encrypted("资格", "o-safe"))).status_code == 200
    with TestClient(_app(http_settings, answerer, wechat_api, wechat_mode="plaintext")) as plain:
        assert post(plain, *reversed(_encrypted("资格", "o-plain"))).status_code == 403
        assert "一式三份" in content_of(post(plain, _text("材料交几份", user="o-plain")))


def test_the_mode_setting_takes_the_platform_names_and_needs_the_key_for_safe_mode() -> None:
    keys = {"wechat_aes_key": AES_KEY, "wechat_appid": APPID}
    assert Settings(wechat_mode="安全模式", **keys).wechat_mode == "safe"
    assert Settings(wechat_mode="兼容", **keys).wechat_mode == "compatible"
    assert Settings(wechat_mode="明文").wechat_mode == "plaintext"
    with pytest.raises(ValidationError, match="PILOTBOT_WECHAT_AES_KEY"):
        Settings(wechat_mode="safe")


def test_a_replayed_nonce_naming_another_user_gets_no_reply(wechat: TestClient) -> None:
    params = _params()
    original = post(wechat, _text("材料交几份", msg_id=555001, user="o-victim"), params)
    assert "一式三份" in content_of(original)
    replay = post(wechat, _text("材料交几份", msg_id=555001, user="o-attacker"), params)
    assert "o-attacker" not in replay.text and "一式三份" not in replay.text
    retry = post(wechat, _text("材料交几份", msg_id=555001, user="o-victim"), params)  # a true replay: same answer
    assert content_of(retry) == content_of(original)


def test_a_retry_naming_another_user_is_not_answered_from_the_cache(wechat: TestClient) -> None:
    post(wechat, _text("资格", msg_id=555002, user="o-first"))
    other = post(wechat, _text("清单", msg_id=555002, user="o-second"))  # same MsgId, another sender
    assert "o-second" in other.text
    assert "申报清单" in content_of(other) or "主体类型" in content_of(other)
    assert wechat.app.state.core.dialog.store.load("wechat", "o-second").state == "items.type"


def _with_linked_text(client: TestClient, content: str) -> str:
    """A reply's text, plus the full text behind its “完整内容” link when it has one."""
    if "完整内容请打开：" not in content:
        return content
    url = content.rsplit("：", 1)[1].strip().removeprefix("https://pilotbot.example.gov.cn")
    return content + client.get(url).content.decode()


def test_without_an_appsecret_slow_replies_are_kept_for_the_next_message(http_settings, answerer) -> None:
    with TestClient(_app(http_settings, answerer, None)) as client:
        channel = client.app.state.wechat
        assert channel.sender is None
        channel.passive_timeout = 0.0  # nothing is ready in time, as with a slow draft or a pasted plan
        first = content_of(post(client, _text("企业申报条件有哪些", user="o-keep")))
        assert first == "正在生成，稍后发送任意消息取回。"
        meanwhile = content_of(post(client, _text("材料交几份", user="o-keep")))  # sent while the first runs
        assert "正在生成" in meanwhile
        client.portal.call(channel.drain)
        fetched = content_of(post(client, _text("取回", user="o-keep")))
        assert len(fetched.encode()) <= 2048
        everything = _with_linked_text(client, meanwhile) + _with_linked_text(client, fetched)
        assert "三同时" in everything and "一式三份" in everything
        assert everything.index("三同时") < everything.index("一式三份"), "results come back in order"
        assert client.get("/readyz").json()["channels"]["wechat"] == {
            "state": "configured",
            "mode": "compatible",
            "customer_service": False,
        }


def test_a_failed_push_is_kept_for_the_next_message(http_settings, answerer, wechat_api: FakeWeChatApi) -> None:
    wechat_api.send_errcode = 45015
    overrides = {"wechat_secret": SecretStr("app-secret"), "wechat_api_base": wechat_api.url}
    with TestClient(_app(http_settings, answerer, None, **overrides)) as client:
        channel = client.app.state.wechat
        assert isinstance(channel.sender, CustomerServiceClient)  # the real client, built from the settings
        channel.passive_timeout = 0.0
        assert post(client, _text("企业申报条件有哪些", user="o-push")).text == "success"
        client.portal.call(channel.drain)
        assert [c[0] for c in wechat_api.calls] == ["token", "send"]
        assert "三同时" in wechat_api.calls[1][1]["text"]["content"]
        fetched = content_of(post(client, _text("取回", user="o-push")))
        assert "三同时" in fetched
