"""The HTTP API against the real app: contracts shared with the CLI, every limit, JSON errors."""

from __future__ import annotations

import io
import json
import shutil

import pytest
from docx import Document
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import create_engine
from typer.testing import CliRunner

from bot.channels.http.app import create_app
from bot.cli import app as cli_app
from bot.core.answering.answerer import Answerer
from bot.core.plans.files import DOCX_MIME
from indexer.factory import open_retriever
from indexer.store import chroma_client
from tests.bot.channels.conftest import make_core
from tests.support.contracts import ASK_ADDED_KEYS, ASK_KEYS, PLAN_CHECK_KEYS


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"] == {"index": True, "store": True}


def test_ask_has_the_cli_shape(client: TestClient) -> None:
    body = client.post("/api/ask", json={"question": "材料交几份"}).json()
    assert set(body) == ASK_KEYS | ASK_ADDED_KEYS  # the contract's fields kept, new ones added
    assert body["assumed_type"] is None and 1 <= len(body["suggestions"]) <= 3
    assert body["mode"] == "rules" and "一式三份" in body["answer"]
    assert set(body["citations"][0]) == {"id", "title", "text"}


def test_ask_over_1000_characters_is_422_with_a_clear_message(client: TestClient) -> None:
    response = client.post("/api/ask", json={"question": "问" * 1001})
    assert response.status_code == 422
    assert response.json()["error"] == "question: 不能超过1000个字符"


@pytest.mark.parametrize("payload", [{}, {"question": ""}, {"question": 5}, []])
def test_malformed_ask_bodies_are_422_json(client: TestClient, payload) -> None:
    response = client.post("/api/ask", json=payload)
    assert response.status_code == 422 and set(response.json()) == {"error", "detail"}


def test_eligibility_matches_the_cli(client: TestClient) -> None:
    facts = {"1": True, "2": True, "3": False}
    http = client.post("/api/eligibility", json={"type": "enterprise", "facts": facts}).json()
    cli = CliRunner().invoke(cli_app, ["eligibility", "--type", "enterprise", "--facts", json.dumps(facts), "--json"])
    assert http == json.loads(cli.stdout)
    assert http["verdict"] == "ineligible" and http["failing"] == [3]


def test_eligibility_errors(client: TestClient) -> None:
    assert client.post("/api/eligibility", json={"type": "school", "facts": {}}).status_code == 422
    response = client.post("/api/eligibility", json={"type": "企业", "facts": {"9": True}})
    assert response.status_code == 422 and "没有第9条" in response.json()["error"]


def test_checklist(client: TestClient) -> None:
    body = client.get("/api/checklist/写字楼").json()
    assert body["type"] == "building" and body["items"][0]["key"] == "mandatory.1"
    assert client.get("/api/checklist/school").status_code == 404


def test_plan_draft_markdown_and_docx(client: TestClient) -> None:
    profile = {"type": "town", "name": "示范街道", "innovation": [5], "start": "2026年1月"}
    markdown = client.post("/api/plan/draft", json=profile)
    assert markdown.status_code == 200 and markdown.headers["content-type"].startswith("text/markdown")
    assert "## 一、试点目标" in markdown.text and "EOD" in markdown.text
    assert int(markdown.headers["x-plan-chars"]) <= 3000
    docx = client.post("/api/plan/draft", json=profile, headers={"Accept": DOCX_MIME})
    assert docx.headers["content-type"] == DOCX_MIME
    assert "attachment" in docx.headers["content-disposition"]
    [form] = Document(io.BytesIO(docx.content)).tables  # the 申报表, with the plan in its 试点实施方案 row
    assert any(p.text == "二、试点内容" for cell in form.columns[1].cells for p in cell.paragraphs)


def test_plan_draft_errors(client: TestClient) -> None:
    assert client.post("/api/plan/draft", json={"type": "town"}).status_code == 422
    bad = client.post("/api/plan/draft", json={"type": "park", "name": "x", "innovation": [3]})
    assert bad.status_code == 422 and "没有可选的创新项" in bad.json()["error"]


def test_plan_check_json_and_multipart_match_the_cli_shape(client: TestClient) -> None:
    keys = PLAN_CHECK_KEYS
    text = "一、试点目标\n目标\n二、试点内容\n内容"
    as_json = client.post("/api/plan/check", json={"type": "enterprise", "text": text}).json()
    files = {"file": ("plan.txt", text.encode("gb18030"), "text/plain")}
    as_upload = client.post("/api/plan/check", data={"type": "enterprise"}, files=files).json()
    assert set(as_json) >= keys and as_json == as_upload
    assert as_json["missing_sections"] == ["实施路径", "实施时间及进度安排", "预期产出及示范意义"]


def test_plan_check_rejects_unreadable_files(client: TestClient) -> None:
    files = {"file": ("plan.pdf", b"%PDF-1.4", "application/pdf")}
    response = client.post("/api/plan/check", data={"type": "enterprise"}, files=files)
    assert response.status_code == 415 and "仅支持" in response.json()["error"]
    broken = client.post("/api/plan/check", data={"type": "enterprise"}, files={"file": ("a.docx", b"zz", DOCX_MIME)})
    assert broken.status_code == 415


def test_bodies_over_5_mb_are_413_before_being_read(client: TestClient) -> None:
    big = b"x" * (5 * 1024 * 1024 + 1)
    response = client.post("/api/plan/check", content=big, headers={"Content-Type": "application/json"})
    assert response.status_code == 413 and response.json()["error"] == "请求体超过5MB"


def test_streamed_bodies_over_5_mb_are_413(client: TestClient) -> None:
    def chunks():
        for _ in range(6):
            yield b"x" * (1024 * 1024)

    response = client.post("/api/ask", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413


def test_chat_runs_the_dialog_core(client: TestClient) -> None:
    session = "web-session-0001"
    start = client.post("/api/chat", json={"session": session, "message": {"kind": "command", "value": "start"}})
    assert "申报助手" in start.json()["replies"][0]["text"]
    client.post("/api/chat", json={"session": session, "message": {"kind": "command", "value": "eligibility"}})
    step = client.post("/api/chat", json={"session": session, "message": {"kind": "choice", "value": "type:park"}})
    reply = step.json()["replies"][-1]
    assert reply["options"] == [
        {"label": "符合", "value": "yes"},
        {"label": "不符合", "value": "no"},
        {"label": "不确定", "value": "unknown"},
    ]


def test_chat_drafts_come_with_download_links(client: TestClient) -> None:
    session = "web-session-0002"

    def say(text: str):
        return client.post("/api/chat", json={"session": session, "message": {"kind": "text", "text": text}}).json()

    for text in ["起草", "企业", "示范公司", "跳过", "跳过", "跳过", "全部"]:
        say(text)
    replies = say("2026年1月")["replies"]
    links = [r["document"] for r in replies if r["document"]]
    assert [d["filename"] for d in links] == ["示范公司-申报表.md", "示范公司-申报表.docx"]
    download = client.get(links[1]["url"])
    assert download.status_code == 200 and download.headers["content-type"] == DOCX_MIME
    assert client.get("/api/documents/not-a-real-id").status_code == 404


def test_chat_file_upload_is_checked(client: TestClient) -> None:
    session = "web-session-0003"
    files = {
        "file": ("plan.md", "## 一、试点目标\n目标\n## 二、试点内容\n建设绿色示范楼宇。".encode(), "text/markdown")
    }
    first = client.post("/api/chat/file", data={"session": session}, files=files).json()
    assert "请选择申报主体类型" in first["replies"][0]["text"]
    chosen = client.post(
        "/api/chat", json={"session": session, "message": {"kind": "choice", "value": "type:building"}}
    )
    report = chosen.json()["replies"][-1]["text"]
    assert "楼宇" in report and "方案需要修改" in report and "缺少必备章节" in report
    assert "❌ 必选项1" in report, "the report covers the uploaded plan's 必选项"


@pytest.mark.parametrize("session", ["short", "bad session!", "x" * 200])
def test_chat_rejects_bad_session_ids(client: TestClient, session: str) -> None:
    response = client.post("/api/chat", json={"session": session, "message": {"kind": "text", "text": "hi"}})
    assert response.status_code == 422


def test_rate_limit_answers_429_with_retry_after(http_settings, answerer) -> None:
    settings = http_settings.model_copy(update={"rate_limit": 3})
    with TestClient(create_app(settings, core=make_core(settings, answerer))) as limited:
        codes = [limited.post("/api/ask", json={"question": "截止时间"}).status_code for _ in range(5)]
        assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]
        response = limited.post("/api/ask", json={"question": "截止时间"})
        assert int(response.headers["retry-after"]) >= 1 and "稍后再试" in response.json()["error"]
        assert limited.get("/healthz").status_code == 200  # only /api is limited


def test_unexpected_errors_are_json_without_a_stack_trace(http_settings, broken_core) -> None:
    core = broken_core
    with TestClient(create_app(http_settings, core=core), raise_server_exceptions=False) as broken:
        response = broken.post("/api/ask", json={"question": "x"})
    assert response.status_code == 500
    assert response.json() == {"error": "服务器内部错误", "detail": None}
    assert "secret" not in response.text and "Traceback" not in response.text


def test_openapi_docs_are_served(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/api/ask",
        "/api/eligibility",
        "/api/checklist/{type_name}",
        "/api/plan/draft",
        "/api/plan/check",
        "/api/chat",
    } <= set(paths)
    assert client.get("/docs").status_code == 200


def test_pages_are_served(client: TestClient) -> None:
    assert "申报助手" in client.get("/").text
    assert "审核台" in client.get("/staff").text


def test_staff_desk_is_disabled_without_a_token(http_settings, answerer) -> None:
    settings = http_settings.model_copy(update={"staff_token": SecretStr("")})
    with TestClient(create_app(settings, core=make_core(settings, answerer))) as plain:
        assert plain.get("/staff").status_code == 404
        assert plain.get("/api/staff/reviews", headers={"Authorization": "Bearer x"}).status_code == 404


def test_readyz_is_503_when_the_store_is_unreachable(http_settings, answerer) -> None:
    core = make_core(http_settings, answerer)
    with TestClient(create_app(http_settings, core=core)) as client:
        assert client.get("/readyz").status_code == 200
        # The database goes away under a running server: a PostgreSQL URL where nothing listens.
        core.dialog.store.engine = create_engine(
            "postgresql+psycopg://pilotbot:x@127.0.0.1:9/gone", connect_args={"connect_timeout": 2}
        )
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "not ready"
    assert response.json()["checks"] == {"index": True, "store": False}


def test_readyz_is_503_when_the_index_is_unavailable(http_settings, tmp_path, rules) -> None:
    """A copy of the index whose vector collection is then dropped: the retriever can no longer search."""
    data_dir = tmp_path / "index-copy"
    shutil.copytree(http_settings.data_dir, data_dir)
    settings = http_settings.model_copy(update={"data_dir": data_dir})
    retriever = open_retriever(settings, rules, build_if_missing=False)
    core = make_core(settings, Answerer(rules, retriever))
    with TestClient(create_app(settings, core=core)) as client:
        assert client.get("/readyz").json()["checks"] == {"index": True, "store": True}
        chroma = chroma_client(settings)
        for collection in chroma.list_collections():
            chroma.delete_collection(getattr(collection, "name", collection))
        response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["checks"] == {"index": False, "store": True}


def test_readyz_reports_each_channel(client: TestClient) -> None:
    assert client.get("/readyz").json()["channels"] == {
        "telegram": {"state": "not configured"},
        "wechat": {"state": "not configured"},
    }
