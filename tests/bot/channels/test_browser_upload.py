"""A plan uploaded in the web chat, in a real browser (Debian's Chromium via Playwright): the check report
must come back on the page. Only stable hooks are used: the chat's file input, button names and reply text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.channels.http.app import create_app
from tests.bot.channels.conftest import make_core
from tests.support.live import live_server

CHROMIUM = "/usr/bin/chromium"
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not Path(CHROMIUM).exists() or not shutil.which("chromium"):
    pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM}", allow_module_level=True)

# The plan covers 企业必选项第1项 in the applicant's own words, and nothing else.
COVERING = "本公司已将绿色发展写入2026—2028年发展规划，通过ISO14001环境管理体系认证，由安环部负责体系运行和年度内审。"
PLAN = f"## 一、试点目标\n建设绿色示范企业。\n## 二、试点内容\n{COVERING}\n"


@pytest.fixture
def page():
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
        yield browser.new_context(viewport={"width": 420, "height": 900}).new_page()
        browser.close()


def test_a_plan_uploaded_in_the_chat_gets_its_report_on_the_page(http_settings, answerer, page, tmp_path) -> None:
    plan = tmp_path / "示范企业方案.md"
    plan.write_text(PLAN, encoding="utf-8")
    app = create_app(http_settings, core=make_core(http_settings, answerer))
    with live_server(app) as base:
        page.goto(base + "/")
        # The greeting is drawn by chat.js after its `start` round trip: only then is the file input listened to
        # (the heading is static HTML, there before the script runs — uploading then raced the script).
        page.wait_for_selector(".msg.bot")
        page.set_input_files("#file", str(plan))
        page.get_by_text("请选择申报主体类型").last.wait_for()
        page.get_by_role("button", name="企业", exact=True).last.click()
        report = page.get_by_text("缺少必备章节").last
        report.wait_for(timeout=15_000)
        text = report.inner_text()
    assert "方案需要修改" in text and "❌ 必选项2" in text
    assert "✅ 必选项1" in text and COVERING[:15] in text, "the report quotes the uploaded file's covering sentence"
