"""What an adversarial client sees: JSON errors from the framework too, security headers, the time budget,
and a 413 that reaches clients sending their whole body first. Socket-level cases run on a live server."""

from __future__ import annotations

import http.client
import json
import time
import urllib.error
import urllib.request

import pytest
from fastapi.testclient import TestClient

from bot.channels.http.app import create_app
from tests.bot.channels.conftest import make_core
from tests.support.live import live_server

OVER_LIMIT = 5 * 1024 * 1024 + 1


def _is_error_json(response) -> bool:
    body = response.json()
    return set(body) == {"error", "detail"} and isinstance(body["error"], str) and not body["error"].isascii()


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        ("GET", "/no/such/page", {}, 404),
        ("GET", "/static/no-such-file.js", {}, 404),
        ("DELETE", "/api/ask", {}, 405),
        ("PUT", "/healthz", {}, 405),
        ("POST", "/api/ask", {"content": b'{"question": ', "headers": {"Content-Type": "application/json"}}, 422),
        (
            "POST",
            "/api/plan/check",
            {"content": b"garbage", "headers": {"Content-Type": "multipart/form-data; boundary=x"}},
            400,
        ),
        (
            "POST",
            "/api/chat/file",
            {"content": b"garbage", "headers": {"Content-Type": "multipart/form-data; boundary=x"}},
            400,
        ),
    ],
)
def test_framework_errors_are_json_with_error_and_detail(client: TestClient, method, path, kwargs, status) -> None:
    response = client.request(method, path, **kwargs)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    assert _is_error_json(response), response.text


def test_security_headers_on_pages_downloads_and_errors(client: TestClient, staff_headers) -> None:
    session = "web-headers-0001"
    for text in ["起草", "企业", "示范公司", "跳过", "跳过", "跳过", "全部"]:
        client.post("/api/chat", json={"session": session, "message": {"kind": "text", "text": text}})
    replies = client.post("/api/chat", json={"session": session, "message": {"kind": "text", "text": "跳过"}})
    download = next(r["document"]["url"] for r in replies.json()["replies"] if r["document"])
    responses = {
        "chat page": client.get("/"),
        "staff page": client.get("/staff"),
        "script": client.get("/static/chat.js"),
        "document download": client.get(download),
        "csv export": client.get("/api/staff/reviews.csv", headers=staff_headers),
        "error": client.get("/nowhere"),
    }
    for name, response in responses.items():
        headers = response.headers
        assert headers["x-content-type-options"] == "nosniff", name
        assert headers["x-frame-options"] == "DENY", name
        assert headers["referrer-policy"] == "no-referrer", name
        policy = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "script-src 'self';" in policy, name
        assert "unsafe-inline" not in policy, name


def test_a_request_over_its_time_budget_gets_a_json_504(http_settings, answerer, monkeypatch) -> None:
    settings = http_settings.model_copy(update={"request_timeout": 0.2})
    plan = "一、试点目标\n本单位建立健全环境治理领导机构。"
    core = make_core(settings, answerer)
    check = core.checker.check_text

    def slow_check(type_name: str, text: str):  # the plan check is bounded now: make this one outlast the budget
        time.sleep(1.0)
        return check(type_name, text)

    monkeypatch.setattr(core.checker, "check_text", slow_check)
    with TestClient(create_app(settings, core=core)) as client:
        response = client.post("/api/plan/check", json={"type": "enterprise", "text": plan})
        assert response.status_code == 504
        assert _is_error_json(response) and response.json()["detail"] == {"budget_seconds": 0.2}


def _urllib_post(url: str, data, headers: dict[str, str]) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_urllib_receives_the_413_for_an_over_limit_body(http_settings, answerer) -> None:
    """urllib sends the whole body before reading the answer and never asks for 100-continue."""
    app = create_app(http_settings, core=make_core(http_settings, answerer))
    with live_server(app) as url:
        declared = _urllib_post(url + "/api/plan/check", b"x" * OVER_LIMIT, {"Content-Type": "application/json"})
        chunked = _urllib_post(
            url + "/api/ask",
            iter([b"x" * (1024 * 1024)] * 6),
            {"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
        )
        question = json.dumps({"question": "材料交几份"}).encode()
        still_serving = _urllib_post(url + "/api/ask", question, {"Content-Type": "application/json"})
    assert declared == (413, {"error": "请求体超过5MB", "detail": {"limit_bytes": 5 * 1024 * 1024}})
    assert chunked[0] == 413 and chunked[1]["error"] == "请求体超过5MB"
    assert still_serving[0] == 200 and "一式三份" in still_serving[1]["answer"]


def test_unexpected_errors_keep_the_connection_alive(http_settings, broken_core) -> None:
    core = broken_core
    with live_server(create_app(http_settings, core=core)) as url:
        connection = http.client.HTTPConnection(url.removeprefix("http://"), timeout=10)
        connection.request("POST", "/api/ask", body=b'{"question": "x"}', headers={"Content-Type": "application/json"})
        failed = connection.getresponse()
        body = json.loads(failed.read())
        connection.request("GET", "/healthz")  # same socket: it must not have been reset
        after = connection.getresponse()
        assert (failed.status, body) == (500, {"error": "服务器内部错误", "detail": None})
        assert after.status == 200 and json.loads(after.read()) == {"status": "ok"}
        connection.close()
