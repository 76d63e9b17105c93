"""The web pages in a real browser: Playwright driving Debian's Chromium against a live local server.

Screenshots of each page are saved under ``artifacts/screenshots/`` (git-ignored).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bot.channels.browser import browser, live_core, open_page, server, shot, wait_replies  # fixtures
from tests.bot.channels.conftest import STAFF_TOKEN


@pytest.fixture
def page(browser):
    page = open_page(browser, "desktop")
    page.set_viewport_size({"width": 420, "height": 900})
    yield page
    page.context.close()


def test_ask_a_question_and_see_an_answer_with_citations(server: str, page) -> None:
    page.goto(server + "/")
    page.wait_for_selector(".msg.bot")
    page.fill("#input", "企业申报条件有哪些")
    page.click("#send")
    answer = page.locator(".msg.bot").nth(1)
    answer.wait_for()
    assert "近一年未受到生态环境主管部门的处罚" in answer.inner_text()
    answer.locator("details.citations summary").click()
    assert "guide.enterprise.condition.3" in answer.locator("details.citations").inner_text()
    shot(page, "chat-answer")


def test_eligibility_dialog_by_clicking_buttons(server: str, page) -> None:
    page.goto(server + "/")
    page.wait_for_selector(".msg.bot")
    page.click("#menu button:has-text('资格自查')")
    page.locator(".msg.bot button[data-value='type:building']").last.click()
    for _ in range(3):
        count = page.locator(".msg.bot").count()
        page.locator(".msg.bot button[data-value='yes']").last.click()
        wait_replies(page, count)
    page.wait_for_selector("text=可以申报")
    shot(page, "chat-eligibility")


def test_draft_and_download_a_docx(server: str, page, tmp_path: Path) -> None:
    page.goto(server + "/")
    page.wait_for_selector(".msg.bot")
    for text in ["起草", "楼宇", "示范大厦", "跳过", "跳过", "跳过", "全部", "2026年1月"]:
        count = page.locator(".msg.bot").count()
        page.fill("#input", text)
        page.click("#send")
        wait_replies(page, count)
    link = page.locator("a.doc:has-text('.docx')")
    link.wait_for()
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert path.name == "示范大厦-申报表.docx"
    assert path.read_bytes()[:2] == b"PK"
    shot(page, "chat-draft")
    from docx import Document

    [form] = Document(str(path)).tables  # the 申报表, with the plan in its 试点实施方案 row
    assert any(p.text == "五、预期产出及示范意义" for p in form.columns[1].cells[3].paragraphs)


def test_staff_desk_upload_report_and_quota_tally(server: str, page, tmp_path: Path) -> None:
    plan = tmp_path / "示范园区方案.md"
    plan.write_text(
        "## 一、试点目标\n建设示范园区。\n## 二、试点内容\n园区成立由管委会主任任组长的环境治理领导小组，"
        "把PM2.5浓度和单位产值能耗写进园区年度考核指标体系，按季度通报。\n"
        "构建园区与企业的沟通和议事机制，积极发挥群团组织的作用。",
        encoding="utf-8",
    )
    page.set_viewport_size({"width": 1200, "height": 900})  # the desk is used at a desk
    page.goto(server + "/staff")
    page.fill("#token", STAFF_TOKEN)
    page.click("#login-button")
    page.wait_for_selector("#desk:not([hidden])")
    page.select_option("#type", "park")
    page.fill("#district", "浦东新区")
    page.set_input_files("#files", str(plan))
    page.click("#upload button[type=submit]")
    page.wait_for_selector("#reviews tbody tr")
    row = page.locator("#reviews tbody tr").first.inner_text()
    assert "示范园区方案.md" in row and "缺少必备章节" in row and "✅ 必选项1" in row
    assert "🔁 必选项3" in row and "只复述了要求" in row  # the per-item states of the check
    assert "浦东新区" in page.locator("#tally").inner_text() and "≤2" in page.locator("#tally").inner_text()
    page.locator("#reviews select").first.select_option("通过")
    page.locator("#reviews textarea").first.fill("请补充实施路径")
    page.once("dialog", lambda dialog: dialog.accept())  # the plan fails its check: 通过 must be confirmed
    page.locator("#reviews button:has-text('保存')").first.click()
    page.locator("#tally tbody td:nth-child(4)", has_text="1").wait_for()
    shot(page, "staff-desk")


def test_pages_run_under_the_content_security_policy(server: str, page, tmp_path: Path) -> None:
    """Nothing on the pages is blocked by the policy: no inline script or style, nothing from elsewhere."""
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    response = page.goto(server + "/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector(".msg.bot")
    page.fill("#input", "材料交几份")
    page.click("#send")
    answer = page.locator(".msg.bot").nth(1)
    answer.wait_for()
    assert "一式三份" in answer.inner_text()
    page.click("#menu button:has-text('资格自查')")
    page.locator(".msg.bot button[data-value='type:building']").last.click()
    page.wait_for_selector("text=第1条")
    styled = page.evaluate("getComputedStyle(document.body).fontFamily")  # the stylesheet applied
    page.goto(server + "/staff")
    page.fill("#token", STAFF_TOKEN)
    page.click("#login-button")
    page.wait_for_selector("#desk:not([hidden])")
    assert violations == [] and styled
    framed = page.evaluate(
        """async (url) => {
            const frame = document.createElement('iframe');
            frame.src = url;
            document.body.append(frame);
            await new Promise((done) => setTimeout(done, 1500));
            try { return frame.contentDocument ? frame.contentDocument.body.innerText : 'blocked'; }
            catch (error) { return 'blocked'; }
        }""",
        server + "/",
    )
    assert "申报助手" not in framed  # frame-ancestors 'none': the chat cannot be framed, not even by itself
