"""Each dialog end to end through the core, including a restart in the middle."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

import pytest
from docx import Document

from bot.core.config import Settings
from bot.core.dialog.dialog import Dialog
from bot.core.dialog.messages import Incoming
from bot.core.runtime import build_dialog
from bot.core.stores.sessions import SessionStore

T, C, F, CMD = Incoming.of_text, Incoming.of_choice, Incoming.of_file, Incoming.of_command


def say(dialog: Dialog, *messages: Incoming, user: str = "u1"):
    replies = []
    for message in messages:
        replies = dialog.handle("test", user, message)
    return replies


def text(replies) -> str:
    return "\n".join(r.text for r in replies)


def test_start_shows_welcome_and_menu(dialog: Dialog) -> None:
    replies = say(dialog, CMD("start"))
    assert "申报助手" in replies[0].text
    assert [o.value for o in replies[0].options] == ["cmd:eligibility", "cmd:items", "cmd:draft", "cmd:check"]


def test_free_text_outside_a_dialog_is_a_question(dialog: Dialog) -> None:
    replies = say(dialog, T("材料交几份"))
    assert "一式三份" in replies[0].text and replies[0].citations[0].id == "plan.4.1"


def test_eligibility_walk_through_ends_with_a_verdict(dialog: Dialog) -> None:
    replies = say(dialog, CMD("eligibility"))
    assert [o.label for o in replies[0].options] == ["园区", "企业", "街镇", "社区(村居)", "楼宇"]
    replies = say(dialog, T("我们是写字楼物业"))
    assert "第1条" in text(replies) and [o.value for o in replies[-1].options] == ["yes", "no", "unknown"]
    replies = say(dialog, C("yes"), T("是的"), T("没有"))
    assert "暂不符合楼宇类申报条件" in text(replies)
    assert "楼宇环境投诉问题得到有效处理" in text(replies)
    assert dialog.store.load("test", "u1").state == "idle"


def test_unreadable_answer_is_re_prompted(dialog: Dialog) -> None:
    say(dialog, CMD("eligibility", "企业"))
    replies = say(dialog, T("今天天气不错"))
    assert "没能读懂" in replies[0].text
    assert dialog.store.load("test", "u1").flow["answers"] == {}


def test_park_eligibility_notes_the_lost_condition(dialog: Dialog) -> None:
    replies = say(dialog, CMD("eligibility"), C("type:park"), C("yes"))
    assert "第2条：在现有通知文本中缺失" in text(replies)
    replies = say(dialog, C("yes"))
    assert "还不能确定" in text(replies)


def test_restart_mid_dialog_resumes_where_it_was(dialog: Dialog, store: SessionStore) -> None:
    say(dialog, CMD("eligibility"), C("type:enterprise"), C("yes"))
    reopened = build_dialog(Settings(), answerer=dialog.services.answerer, store=SessionStore(str(store.engine.url)))
    replies = say(reopened, T("是"))
    assert "第3条" in text(replies)
    replies = say(reopened, T("不确定"))
    assert "还不能确定" in text(replies) and "近三年内未发生" in text(replies)


def test_numbered_replies_pick_the_last_options(dialog: Dialog) -> None:
    say(dialog, CMD("eligibility"))
    replies = say(dialog, T("2"))
    assert "企业类" in text(replies)


def test_items_walk_through_records_progress(dialog: Dialog) -> None:
    replies = say(dialog, CMD("items", "楼宇"))
    assert "必选项第1项" in text(replies) and [o.value for o in replies[-1].options][:3] == ["done", "planned", "na"]
    replies = say(dialog, C("done"), T("计划中"))
    assert "创新项第1项" in text(replies) and "评分说明" in text(replies)
    replies = say(dialog, T("不适用"), T("跳过"), C("done"), C("planned"), C("na"))
    summary = text(replies)
    assert "✅ 已完成 必选1" in summary and "🕒 计划中 必选2" in summary
    assert "10月底前" in summary and "一式三份" in summary and "不超过4个" in summary and "200字以内" in summary
    replies = say(dialog, CMD("items"))
    assert "申报清单进度" in text(replies) and [o.value for o in replies[-1].options] == [
        "resume",
        "restart",
        "progress",
    ]


def test_cancel_leaves_any_dialog(dialog: Dialog) -> None:
    say(dialog, CMD("draft"))
    replies = say(dialog, T("取消"))
    assert "已取消" in replies[0].text
    assert dialog.store.load("test", "u1").state == "idle"


def test_draft_dialog_sends_markdown_and_docx_that_pass_the_check(dialog: Dialog) -> None:
    replies = say(
        dialog,
        CMD("draft"),
        C("type:community"),
        T("幸福里居委会"),
        T("跳过"),
        T("李四 主任 13900000000"),
        T("老旧小区，居民约三千户"),
        T("1、3"),
        T("2026年2月"),
    )
    assert "这还是框架，检查不会通过" in text(replies) and "证明材料清单" in text(replies)
    documents = [r.document for r in replies if r.document]
    assert [d.filename for d in documents] == ["幸福里居委会-申报表.md", "幸福里居委会-申报表.docx"]
    markdown = documents[0].data.decode()
    assert "社区环境自治与圆桌对话" in markdown and "对接基金会" not in markdown
    assert "2026年2月" in markdown
    [form] = Document(io.BytesIO(documents[1].data)).tables  # the 申报表, with the plan in its 试点实施方案 row
    assert "二、试点内容" in form.columns[1].cells[3].text


def test_draft_re_asks_for_a_required_name_and_bad_innovation_numbers(dialog: Dialog) -> None:
    say(dialog, CMD("draft", "企业"))
    assert "必填" in say(dialog, T("跳过"))[0].text
    say(dialog, T("示范公司"), T("跳过"), T("跳过"), T("跳过"))
    assert "没能读懂" in say(dialog, T("1、99"))[0].text


def test_check_dialog_reports_on_an_uploaded_file(dialog: Dialog) -> None:
    plan = "一、试点目标\n提升员工满意度。\n二、试点内容\n组织团建。"
    say(dialog, CMD("check"), C("type:enterprise"))
    replies = say(dialog, F("plan.txt", plan.encode("gb18030")))
    assert "方案需要修改" in text(replies) and "缺少必备章节" in text(replies) and "❌ 必选项4" in text(replies)


def test_broken_upload_gets_a_clear_message_and_keeps_waiting(dialog: Dialog) -> None:
    say(dialog, CMD("check", "企业"))
    replies = say(dialog, F("plan.docx", b"garbage"))
    assert "无法" in replies[0].text and "重新发送" in replies[0].text
    assert dialog.store.load("test", "u1").state == "check.wait"


def test_file_outside_a_dialog_asks_for_the_type_then_checks(dialog: Dialog) -> None:
    replies = say(dialog, F("plan.md", "# 方案\n## 一、试点目标\n目标。".encode()))
    assert "请选择申报主体类型" in replies[0].text
    replies = say(dialog, C("type:town"))
    assert "街镇类" in text(replies) and "缺少必备章节" in text(replies)


def test_reset_forgets_everything(dialog: Dialog) -> None:
    say(dialog, CMD("items", "企业"), C("done"))
    assert dialog.store.load("test", "u1").data["progress"]
    assert "已清除" in say(dialog, T("重置"))[0].text
    assert dialog.store.load("test", "u1").data == {}


def test_unknown_command_and_oversized_text(dialog: Dialog) -> None:
    assert "未知命令" in say(dialog, T("/frobnicate"))[0].text
    assert "消息太长" in say(dialog, T("字" * 5000))[0].text


def test_concurrent_messages_never_corrupt_a_session(dialog: Dialog) -> None:
    say(dialog, CMD("items", "企业"))
    answers = ["done", "planned", "na", "done", "planned", "na", "done", "planned"]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda a: dialog.handle("test", "u1", C(a)), answers))
    progress = dialog.store.load("test", "u1").data["progress"]["enterprise"]
    assert len(progress) == len(answers)
    assert list(progress) == [f"mandatory.{n}" for n in range(1, 9)]


@pytest.mark.parametrize("user", ["a", "b"])
def test_sessions_are_per_user(dialog: Dialog, user: str) -> None:
    say(dialog, CMD("eligibility", "企业"), user="a")
    state = dialog.store.load("test", user).state
    assert state == ("eligibility.ask" if user == "a" else "idle")


# Paths into every flow that offers options; each ends where options are on offer.
OPTION_PATHS = {
    "menu": [CMD("start")],
    "type": [CMD("eligibility")],
    "eligibility": [CMD("eligibility", "企业")],
    "items": [CMD("items", "企业")],
    "items resume": [CMD("items", "企业"), C("done"), CMD("items")],
    "draft address": [CMD("draft", "企业"), T("示范公司")],
    "draft contact": [CMD("draft", "企业"), T("示范公司"), T("跳过")],
    "draft innovation": [CMD("draft", "企业"), T("示范公司"), T("跳过"), T("跳过"), T("跳过")],
}


@pytest.mark.parametrize("path", OPTION_PATHS)
def test_a_number_always_means_the_option_shown_with_it(dialog: Dialog, path: str) -> None:
    """In every flow, “n” does exactly what choosing the n-th option offered does."""
    options = say(dialog, *OPTION_PATHS[path], user=f"{path}-probe")[-1].options
    assert options, "the path must end where options are offered"
    for n, option in enumerate(options, start=1):
        by_number = say(dialog, *OPTION_PATHS[path], T(str(n)), user=f"{path}-number-{n}")
        by_choice = say(dialog, *OPTION_PATHS[path], C(option.value), user=f"{path}-choice-{n}")
        assert text(by_number) == text(by_choice), f"{n}. {option.label}"
        number_state = dialog.store.load("test", f"{path}-number-{n}")
        choice_state = dialog.store.load("test", f"{path}-choice-{n}")
        assert (number_state.state, number_state.flow) == (choice_state.state, choice_state.flow)


def test_numbered_replies_while_drafting_mean_the_options(dialog: Dialog, rules) -> None:
    """“1” for “1. 跳过” skips; the number beside 全部 picks every 创新项; “1、3” picks the first and third."""
    innovation = rules.type("enterprise").innovation.present
    say(dialog, CMD("draft", "企业"), T("示范公司"), T("1"), T("1"), T("1"), user="numbers")
    profile = dialog.store.load("test", "numbers").flow["profile"]
    assert profile == {"name": "示范公司", "address": "", "contact": "", "description": ""}
    offered = dialog.store.load("test", "numbers").data["options"]
    everything = next(n for n, (label, _) in enumerate(offered, start=1) if label == "全部")
    replies = say(dialog, T(str(everything)), T("1"), user="numbers")
    draft = next(r.document.data.decode() for r in replies if r.document and r.document.filename.endswith(".md"))
    assert all(item.title in draft for item in innovation)
    assert "位于1" not in draft and "1。" not in draft

    say(dialog, CMD("draft", "企业"), T("示范公司"), T("1"), T("1"), T("1"), T("1、3"), user="two")
    chosen = dialog.store.load("test", "two").flow["profile"]["innovation"]
    assert chosen == [innovation[0].number, innovation[2].number]
