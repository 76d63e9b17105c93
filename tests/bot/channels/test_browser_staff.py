"""The staff desk in Chromium: per-file progress and idempotent uploads, confirming 通过 on a failing plan,
save feedback, delete, the questions log with a curated answer served on the next ask, a phone layout,
and axe-core on every page."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bot.channels.browser import audit, browser, live_core, open_page, server, shot, wait_replies  # fixtures
from tests.bot.channels.conftest import STAFF_TOKEN

CURATED = "纸质材料一式三份，并附电子版本，由组织单位于每年10月底前报送市生态环境局。"


@pytest.fixture
def desk(browser, server, request):
    page = open_page(browser, getattr(request, "param", "desktop"))
    page.goto(server + "/staff")
    audit(page)  # the login form
    page.fill("#token", STAFF_TOKEN)
    page.press("#token", "Enter")
    page.wait_for_selector("#desk:not([hidden])")
    yield page
    page.context.close()


def _plans(tmp_path: Path) -> list[Path]:
    failing = tmp_path / "甲园区方案.md"
    failing.write_text("## 一、试点目标\n建设示范园区。\n## 二、试点内容\n建立健全环境治理领导机构。", encoding="utf-8")
    other = tmp_path / "乙园区方案.txt"
    other.write_text("一、试点目标\n打造绿色园区。", encoding="utf-8")
    return [failing, other]


def _upload(desk, files: list[Path]) -> None:
    desk.set_input_files("#files", [str(f) for f in files])
    desk.click("#check-button")
    desk.locator("#upload-result li", has_text="完成").wait_for(timeout=120_000)


def test_upload_progress_duplicates_confirmation_save_and_delete(desk, tmp_path: Path) -> None:
    assert desk.input_value("#type") == ""  # no default type: an enterprise plan is never judged as a park's
    desk.fill("#district", "浦东新区")
    desk.set_input_files("#files", [str(f) for f in _plans(tmp_path)])
    desk.click("#check-button")
    assert desk.locator("#reviews tbody tr").count() == 0  # the form refused: the type is required
    desk.select_option("#type", "park")
    _upload(desk, _plans(tmp_path))
    progress = desk.locator("#upload-result").inner_text()
    assert "✅ 甲园区方案.md：已检查" in progress and "✅ 乙园区方案.txt：已检查" in progress
    _upload(desk, _plans(tmp_path)[:1])  # the same file again
    assert "此前已上传" in desk.locator("#upload-result").inner_text()
    assert desk.locator("#reviews tbody tr").count() == 2
    first = desk.locator("#reviews tbody tr").first
    first.locator("select").select_option("通过")
    first.locator("textarea").fill("同意报送")
    messages = []
    desk.once("dialog", lambda d: (messages.append(d.message), d.dismiss()))
    first.locator("button:has-text('保存')").click()
    desk.locator("#reviews .status-cell .bad").first.wait_for()
    assert "未通过基本检查" in messages[0]
    assert desk.locator("#tally tbody td:nth-child(4)").first.inner_text() == "0"  # dismissed: nothing counted
    desk.once("dialog", lambda d: d.accept())
    first.locator("button:has-text('保存')").click()
    desk.locator("#reviews .status-cell", has_text="已保存").wait_for()
    assert desk.locator("#tally tbody td:nth-child(4)").first.inner_text() == "1"
    shot(desk, "staff-desk-desktop", full_page=True)
    audit(desk)
    desk.once("dialog", lambda d: d.accept())
    desk.locator("#reviews tbody tr").last.locator("button:has-text('删除')").click()
    desk.locator("#reviews tbody tr").nth(1).wait_for(state="detached")
    assert desk.locator("#reviews tbody tr").count() == 1


def test_questions_log_to_a_curated_answer_served_on_the_next_ask(desk, browser, server, live_core) -> None:
    chat = open_page(browser, "desktop")
    chat.goto(server + "/")
    chat.wait_for_selector(".msg.bot")
    for question in ("申报材料需要交几份", "今天天气怎么样"):
        count = chat.locator(".msg.bot").count()
        chat.fill("#input", question)
        chat.click("#send")
        wait_replies(chat, count)
    desk.click("#tab-questions")
    group = desk.locator(".group", has_text="申报材料需要交几份")
    group.wait_for()
    assert "1 次" in group.inner_text()
    desk.check("#f-refused")
    desk.click("#question-filter button[type=submit]")
    desk.locator("#questions-summary", has_text="共 1 次提问").wait_for()
    assert desk.locator(".group").count() == 1 and "今天天气怎么样" in desk.locator(".group").inner_text()
    audit(desk)
    desk.uncheck("#f-refused")
    desk.click("#question-filter button[type=submit]")
    group.locator("button:has-text('编写标准答案')").click()
    group.locator("textarea").fill(CURATED)
    group.locator("input").fill("plan.4.1, plan.99")
    group.locator("button:has-text('保存标准答案')").click()
    group.locator(".bad", has_text="plan.99").wait_for()  # ids are checked against the notice
    group.locator("input").fill("plan.4.1")
    group.locator("button:has-text('保存标准答案')").click()
    group.locator(".good", has_text="已保存").wait_for()
    shot(desk, "staff-questions-desktop", full_page=True)
    count = chat.locator(".msg.bot").count()
    chat.fill("#input", "材料要交几份？")
    chat.click("#send")
    wait_replies(chat, count)
    answer = chat.locator(".msg.bot").last
    assert CURATED in answer.inner_text() and "附件 实施方案 › 四、组织实施" in answer.inner_text()
    chat.context.close()
    desk.click("#tab-curated")
    entry = desk.locator("#curated-list .group", has_text=CURATED)
    entry.wait_for()
    assert "plan.4.1" in entry.inner_text()
    audit(desk)
    shot(desk, "staff-curated-desktop", full_page=True)
    desk.once("dialog", lambda d: d.accept())
    entry.locator("button:has-text('删除')").click()
    desk.locator("#curated-list", has_text="还没有标准答案").wait_for()
    assert live_core.curated.all() == []


@pytest.mark.parametrize("desk", ["phone"], indirect=True)
def test_the_desk_is_usable_on_a_phone(desk, tmp_path: Path) -> None:
    desk.select_option("#type", "park")
    desk.fill("#district", "浦东新区")
    _upload(desk, _plans(tmp_path)[:1])
    select = desk.locator("#reviews select").first.bounding_box()
    save = desk.locator("#reviews button:has-text('保存')").first.bounding_box()
    assert select["x"] >= 0 and select["x"] + select["width"] <= 390, select  # the status is on screen
    assert save["x"] + save["width"] <= 390
    assert desk.evaluate("document.documentElement.scrollWidth") <= 390
    shot(desk, "staff-desk-phone", full_page=True)
    audit(desk)


def test_the_disabled_desk_page_is_accessible(browser, server, http_settings, answerer) -> None:
    page = open_page(browser, "phone")
    page.goto(server + "/static/staff_disabled.html")
    audit(page)
    page.context.close()
