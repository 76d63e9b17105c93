"""Plan checking in a dialog: pick a type, send a .docx/.md/.txt (or paste the text), get the report."""

from __future__ import annotations

from bot.core.dialog.flows.common import Services, ask_type, idle, on_type_answer, start_with_type
from bot.core.dialog.messages import Incoming, Reply
from bot.core.dialog.states import CheckFlow, CheckState
from bot.core.plans.checker import item_lines, summarize
from bot.core.plans.files import UploadError, read_upload
from bot.core.stores.sessions import Session
from knowledge.schema import ApplicantType

MIN_PASTED = 50
MAX_KEPT = 60_000


def start(core: Services, session: Session, argument: str = "") -> list[Reply]:
    return start_with_type(core, session, argument, CheckState.TYPE, "检查实施方案", _begin)


def on_input(core: Services, session: Session, incoming: Incoming) -> list[Reply]:
    if session.state == CheckState.TYPE:
        return on_type_answer(core, session, incoming, _begin)
    kind = core.rules.type(CheckFlow.of(session.flow).type or "")
    if incoming.kind == "file":
        try:
            text = read_upload(incoming.filename, incoming.data)
        except UploadError as exc:
            return [Reply(f"{exc} 请重新发送 .docx、.md 或 .txt 文件（5MB以内）。")]
        return _report(core, session, kind, text)
    if incoming.kind == "text" and len(incoming.text.strip()) >= MIN_PASTED:
        return _report(core, session, kind, incoming.text)
    return [Reply("请发送方案文件（.docx、.md、.txt，5MB以内），或直接粘贴方案全文。发送“取消”可退出。")]


def on_file_outside_dialog(core: Services, session: Session, incoming: Incoming) -> list[Reply]:
    """A file sent without asking first is a plan to check, for the type we know or the one we ask for."""
    try:
        text = read_upload(incoming.filename, incoming.data)
    except UploadError as exc:
        return [Reply(str(exc))]
    if session.data.get("type"):
        return _report(core, session, core.rules.type(session.data["type"]), text)
    replies = ask_type(core.rules, session, CheckState.TYPE, "检查实施方案")
    session.flow = CheckFlow(pending_text=text[:MAX_KEPT]).dump()
    return replies


def _begin(core: Services, session: Session, kind: ApplicantType) -> list[Reply]:
    """With a file already sent (before the type was known), check it; else wait for one."""
    pending = CheckFlow.of(session.flow).pending_text
    if pending is not None:
        return _report(core, session, kind, pending)
    return _wait_for_plan(session, kind)


def _wait_for_plan(session: Session, kind: ApplicantType) -> list[Reply]:
    session.data["type"] = kind.id
    session.state = CheckState.WAIT
    session.flow = CheckFlow(type=kind.id).dump()
    return [Reply(f"请发送{kind.name}类试点实施方案文件（.docx、.md、.txt，5MB以内），或直接粘贴全文。")]


def _report(core: Services, session: Session, kind: ApplicantType, text: str) -> list[Reply]:
    session.data["type"] = kind.id
    report = core.checker.check_text(kind.id, text)
    idle(session)
    return [Reply("\n".join([summarize(report, kind.name), *item_lines(report)]))]
