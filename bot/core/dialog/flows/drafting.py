"""Plan drafting: collect a short profile, then send the skeleton as Markdown and .docx with its check."""

from __future__ import annotations

import re

from bot.core.dialog.flows.common import Services, answer_text, idle, on_type_answer, start_with_type
from bot.core.dialog.messages import Document, Incoming, Option, Reply
from bot.core.dialog.states import DraftFlow, DraftState
from bot.core.dialog.user_answers import is_skip
from bot.core.plans.application import application_docx, application_markdown, application_stem
from bot.core.plans.drafting import PlanProfile, draft_plan, plain_text
from bot.core.plans.files import DOCX_MIME
from bot.core.stores.sessions import Session
from knowledge.schema import ApplicantType

FIELDS = [
    ("name", "申报单位名称是？", True),
    ("address", "单位地址？（可回复“跳过”）", False),
    ("contact", "联系人姓名/职务、手机、邮箱？（可回复“跳过”）", False),
    ("description", "用一句话介绍单位（用于简介，可回复“跳过”）：", False),
    ("innovation", "", False),
    ("start", "试点计划从何时开始？例如“2026年1月”（可回复“跳过”）", False),
]
SKIP_OPTION = Option("跳过", "skip")
PICK = "pick:"  # an option that may be one of several picked together
MAX_FIELD = 300


def start(core: Services, session: Session, argument: str = "") -> list[Reply]:
    return start_with_type(core, session, argument, DraftState.TYPE, "起草实施方案", _begin)


def on_input(core: Services, session: Session, incoming: Incoming) -> list[Reply]:
    if session.state == DraftState.TYPE:
        return on_type_answer(core, session, incoming, _begin)
    flow = DraftFlow.of(session.flow)
    kind = core.rules.type(flow.type)
    if flow.field >= len(FIELDS):
        return _finish(core, session, kind)
    field, _, required = FIELDS[flow.field]
    raw = answer_text(incoming).strip()
    skipped = raw == "skip" or is_skip(raw)
    if required and (skipped or not raw):
        return [Reply("这一项必填：请输入申报单位名称。")]
    if field == "innovation":
        numbers = _innovation_numbers(kind, incoming, raw, skipped)
        if numbers is None:
            return [_innovation_prompt(kind, "没能读懂，")]
        flow.profile["innovation"] = numbers
    else:
        flow.profile[field] = "" if skipped else raw[:MAX_FIELD]
    flow.field += 1
    session.flow = flow.dump()
    return _ask(core, session, kind)


def _begin(core: Services, session: Session, kind: ApplicantType) -> list[Reply]:
    session.data["type"] = kind.id
    session.state = DraftState.PROFILE
    session.flow = DraftFlow(type=kind.id).dump()
    return [Reply(f"好的，为{kind.name}类起草试点实施方案框架。先请提供几项信息。"), *_ask(core, session, kind)]


def _ask(core: Services, session: Session, kind: ApplicantType) -> list[Reply]:
    flow = DraftFlow.of(session.flow)
    if flow.field >= len(FIELDS):
        return _finish(core, session, kind)
    field, prompt, required = FIELDS[flow.field]
    if field == "innovation":
        return [_innovation_prompt(kind)]
    return [Reply(prompt, [] if required else [SKIP_OPTION])]


def innovation_options(kind: ApplicantType) -> list[Option]:
    """One option per 创新项 present in the source, then 全部 and 跳过: the list is the only numbering the
    user sees, so “2” (or the second button) is the second 创新项 listed, and “1、3” the first and third.
    Values are ``pick:N`` by item number; the web chat lets several be picked and sends ``pick:1,5``."""
    items = [Option(item.title, f"{PICK}{item.number}") for item in kind.innovation.present]
    return [*items, Option("全部", "all"), SKIP_OPTION]


def _innovation_prompt(kind: ApplicantType, prefix: str = "") -> Reply:
    text = f"{prefix}请选择要开展的创新项：点选（可多选），或回复编号（如“1、3”），或“全部”“跳过”。"
    return Reply(text, innovation_options(kind))


def _innovation_numbers(kind: ApplicantType, incoming: Incoming, raw: str, skipped: bool) -> list[int] | None:
    """The 创新项 chosen: a button, 全部/跳过, or the numbers of the options listed."""
    present = [i.number for i in kind.innovation.present]
    if skipped:
        return []
    if raw in ("all", "全部", "都要"):
        return present
    if incoming.kind == "choice" and raw.startswith(PICK):
        numbers = [int(n) for n in re.findall(r"\d+", raw.removeprefix(PICK))]
        return sorted(set(numbers)) if numbers and all(n in present for n in numbers) else None
    positions = [int(n) for n in re.findall(r"\d+", raw)]
    if not positions or any(not 1 <= n <= len(present) for n in positions):
        return None
    return sorted({present[n - 1] for n in positions})


def _finish(core: Services, session: Session, kind: ApplicantType) -> list[Reply]:
    profile = PlanProfile(**DraftFlow.of(session.flow).profile)
    draft = draft_plan(core.rules, kind.id, profile, core.writer)
    markdown = application_markdown(core.rules, draft)
    report = core.checker.check_text(kind.id, plain_text(markdown))
    session.data["last_draft"] = {"type": kind.id, "profile": profile.model_dump()}
    idle(session)
    stem = application_stem(profile.name)
    todo = [f"{report.placeholders}处【填写：…】待补全"] if report.placeholders else []
    if report.uncovered_mandatory:
        todo.append(f"{len(report.uncovered_mandatory)}项必选项还没有本单位自己的内容（框架只引用了要求原文）")
    status = (
        "✅ 已通过基本检查。"
        if report.ok
        else "⚠️ 这还是框架，检查不会通过：" + "；".join(todo) + "。补全后发送“检查”并上传，即可复查。"
    )
    summary = (
        f"已生成《{core.rules.data.form.title}》（含《{draft.title}》）：方案{draft.chars}字（上限3000），"
        f"简介草稿{draft.intro_chars}字（上限200），并附各项申报条件的证明材料清单。\n{status}\n\n简介草稿：{draft.intro}"
    )
    return [
        Reply(summary),
        Reply("Markdown 版本", document=Document(f"{stem}.md", "text/markdown", markdown.encode())),
        Reply(
            "Word 版本（A4，可打印盖章）",
            document=Document(f"{stem}.docx", DOCX_MIME, application_docx(core.rules, draft)),
        ),
    ]
