"""The applicant chat in Chromium at 1280×900 and 390×844: reload resumes, paste-and-check, working state,
Markdown and citations in words, copy, 👍/👎 stored, clickable examples, 创新项 multi-select, the 必选项
reminder, used buttons disabled, no overlap on a phone, axe-core clean under a strict CSP."""

from __future__ import annotations

import pytest

from bot.core.plans.drafting import PlanProfile, draft_plan, plain_text
from tests.bot.channels.browser import audit, browser, live_core, open_page, server, shot, wait_replies  # fixtures

PLACEHOLDER_FITS = """(() => {
  const input = document.getElementById("input");
  const context = document.createElement("canvas").getContext("2d");
  context.font = getComputedStyle(input).font;
  return context.measureText(input.placeholder).width <= input.clientWidth - 20;
})()"""


@pytest.fixture
def chat(browser, server, request):
    viewport = getattr(request, "param", "desktop")
    page = open_page(browser, viewport)
    page.goto(server + "/")
    page.wait_for_selector(".msg.bot")
    page.viewport = viewport
    yield page
    page.context.close()


def type_and_send(page, text: str) -> None:
    count = page.locator(".msg.bot").count()
    page.fill("#input", text)
    page.press("#input", "Enter")  # Enter sends; Shift+Enter would add a line
    wait_replies(page, count)


def click_and_wait(page, selector: str) -> None:
    count = page.locator(".msg.bot").count()
    page.locator(selector).last.click()
    wait_replies(page, count)


@pytest.mark.parametrize("chat", ["desktop", "phone"], indirect=True)
def test_a_reload_resumes_the_dialog_where_it_was(chat) -> None:
    click_and_wait(chat, "#menu button:has-text('起草方案')")
    click_and_wait(chat, ".msg.bot button[data-value='type:building']")
    assert chat.locator(".msg.bot").last.inner_text().startswith("申报单位名称是？")
    chat.reload()
    chat.wait_for_selector(".msg.bot")
    chat.wait_for_load_state("networkidle")
    texts = chat.locator(".msg").all_inner_texts()
    assert sum("您好！我是" in t for t in texts) == 1, "the reload must not start a new session"
    assert texts[-1].startswith("申报单位名称是？") and "楼宇" in texts
    assert chat.locator(".msg.bot button[data-value='type:building']").is_disabled()  # a used button
    type_and_send(chat, "示范大厦")
    assert "单位地址" in chat.locator(".msg.bot").last.inner_text()  # the answer went to the pending question
    shot(chat, f"chat-reload-{chat.viewport}")


@pytest.mark.parametrize("chat", ["desktop", "phone"], indirect=True)
def test_a_pasted_plan_is_checked_whole_while_send_waits(chat, rules) -> None:
    profile = PlanProfile(name="示范化工有限公司", innovation=[1, 2, 3, 4, 5, 6])
    draft = plain_text(draft_plan(rules, "enterprise", profile).markdown)
    assert len(draft) > 1000 and draft.count("\n") > 10
    chat.fill("#input", draft)
    assert chat.input_value("#input") == draft  # nothing cut, line breaks kept
    held = []  # hold the upload until the page has been looked at while it waits
    chat.route("**/api/chat/file", lambda route: held.append(route))
    count = chat.locator(".msg.bot").count()
    chat.click("#send")
    chat.wait_for_selector("#working")
    assert chat.is_disabled("#send") and "检查方案" in chat.inner_text("#working")
    chat.fill("#input", "企业申报条件有哪些")
    chat.press("#input", "Enter")  # nothing queues silently behind a pending reply
    assert chat.locator(".msg.user").count() == 1 and chat.input_value("#input") == "企业申报条件有哪些"
    shot(chat, f"chat-working-{chat.viewport}")
    held[0].continue_()
    wait_replies(chat, count)
    assert not chat.is_disabled("#send")
    assert f"粘贴的方案（{len(draft)}字）" in chat.locator(".msg.user").last.inner_text()
    assert "请选择申报主体类型" in chat.locator(".msg.bot").nth(count).inner_text()  # the plan waits for its type
    click_and_wait(chat, ".msg.bot button[data-value='type:enterprise']")
    report = chat.locator(".msg.bot").last.inner_text()
    assert "章节：无" not in report and "试点目标" in report
    # a drafted skeleton is read whole (all 8 必选项 found) and, being unfilled, covers nothing yet
    assert report.count("🔁 必选项") == 8 and "只复述了要求" in report, report
    shot(chat, f"chat-paste-check-{chat.viewport}")


@pytest.mark.parametrize("chat", ["desktop", "phone"], indirect=True)
def test_example_answer_citations_copy_and_feedback(chat, live_core) -> None:
    example = chat.locator(".msg.bot button.example", has_text="企业申报条件有哪些")
    count = chat.locator(".msg.bot").count()
    example.click()
    wait_replies(chat, count)
    answer = chat.locator(".msg.bot").last
    assert "近一年未受到生态环境主管部门的处罚" in answer.inner_text()
    assert answer.locator(".md li, .md p").count() >= 1  # rendered, not a raw text blob
    summary = answer.locator("details.citations summary")
    assert "附件2 › 企业 › 申报条件第" in summary.inner_text() and "guide." not in summary.inner_text()
    summary.click()
    assert "条款编号 guide.enterprise.condition.3" in answer.locator("details.citations").inner_text()
    answer.locator("button:has-text('复制')").click()
    assert "近一年未受到生态环境主管部门的处罚" in chat.evaluate("navigator.clipboard.readText()")
    answer.locator("button[aria-label='没帮助']").click()
    answer.locator("form.comment textarea").fill("想知道要准备哪些证明材料")
    answer.locator("form.comment button[type=submit]").click()
    chat.wait_for_selector("text=意见已收到")
    (logged,) = [q for q in live_core.questions.recent() if q.question == "企业申报条件有哪些"]
    assert (logged.vote, logged.comment) == (-1, "想知道要准备哪些证明材料")
    shot(chat, f"chat-answer-{chat.viewport}")
    audit(chat)


def test_innovation_items_are_picked_together_and_used_buttons_go_dead(chat) -> None:
    click_and_wait(chat, "#menu button:has-text('起草方案')")
    click_and_wait(chat, ".msg.bot button[data-value='type:enterprise']")
    type_and_send(chat, "示范化工有限公司")
    for _ in range(3):
        click_and_wait(chat, ".msg.bot button[data-value='skip']")
    prompt = chat.locator(".msg.bot").nth(chat.locator(".msg.bot").count() - 1)
    confirm = prompt.locator("button.confirm")
    assert confirm.is_disabled()
    prompt.locator("button[data-value='pick:1']").click()
    prompt.locator("button[data-value='pick:3']").click()
    assert prompt.locator("button[aria-pressed=true]").count() == 2 and "2项" in confirm.inner_text()
    shot(chat, "chat-innovation-picks-desktop")
    count = chat.locator(".msg.bot").count()
    confirm.click()
    wait_replies(chat, count)
    assert chat.locator(".msg.user").last.inner_text().startswith("已选：碳排放核算与碳减排方案")
    assert all(b.is_disabled() for b in prompt.locator(".options button").all())
    assert "试点计划从何时开始" in chat.locator(".msg.bot").last.inner_text()
    click_and_wait(chat, ".msg.bot button[data-value='skip']")
    chat.wait_for_selector("a.doc:has-text('.md')")
    summary = chat.locator(".msg.bot", has_text="已生成").last.inner_text()
    assert "碳排放核算与碳减排方案" in summary and "全生命周期绿色管理" in summary  # the two picked
    assert "这还是框架，检查不会通过" in summary


def test_marking_a_mandatory_item_not_applicable_gets_a_reminder(chat) -> None:
    click_and_wait(chat, "#menu button:has-text('申报清单')")
    click_and_wait(chat, ".msg.bot button[data-value='type:building']")
    click_and_wait(chat, ".msg.bot button[data-value='na']")
    reminder = chat.locator(".msg.bot", has_text="必选项是楼宇类试点必须落实的内容")
    assert reminder.count() == 1 and "附件2 › 楼宇 › 必选项" in reminder.inner_text()
    shot(chat, "chat-mandatory-reminder-desktop")
    audit(chat)


@pytest.mark.parametrize("chat", ["phone"], indirect=True)
def test_a_reader_at_the_end_stays_there_as_the_composer_grows(chat) -> None:
    type_and_send(chat, "企业申报条件有哪些")
    chat.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    chat.fill("#input", "\n".join(f"第{n}行" for n in range(1, 9)))  # no scrolling after typing: the page keeps up
    chat.wait_for_timeout(300)
    last = chat.locator(".msg.bot").last.bounding_box()
    composer = chat.locator("#composer").bounding_box()
    assert last["y"] + last["height"] <= composer["y"], "the last reply slid behind the growing composer"


@pytest.mark.parametrize("chat", ["phone"], indirect=True)
def test_on_a_phone_nothing_overlaps(chat) -> None:
    type_and_send(chat, "企业申报条件有哪些")
    chat.fill("#input", "\n".join(f"第{n}行" for n in range(1, 9)))  # the composer grows with what is typed…
    chat.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # …and the last reply must still show
    last = chat.locator(".msg.bot").last.bounding_box()
    composer = chat.locator("#composer").bounding_box()
    send = chat.locator("#send").bounding_box()
    assert last["y"] + last["height"] <= composer["y"], "the last reply hides behind the composer"
    assert composer["height"] <= 0.4 * 844, composer  # the typed text grows up to 30% of the screen, no more
    assert send["height"] < 44 and send["x"] + send["width"] <= 390, send  # “发送” on one line, on screen
    placeholder_fits = chat.evaluate(PLACEHOLDER_FITS)
    assert placeholder_fits
    assert chat.evaluate("document.documentElement.scrollWidth") <= 390
    shot(chat, "chat-phone")
    audit(chat)
