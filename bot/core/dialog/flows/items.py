"""Required-items walk-through: each 必选项 and 创新项 with its scoring text, marked done / planned / n.a."""

from __future__ import annotations

from bot.core.dialog.flows.common import Services, answer_text, idle, on_type_answer, start_with_type
from bot.core.dialog.messages import Incoming, Option, Reply
from bot.core.dialog.states import ItemsFlow, ItemsState
from bot.core.dialog.user_answers import read_status
from bot.core.stores.sessions import Session
from knowledge.schema import ApplicantType

STATUS_OPTIONS = [Option("已完成", "done"), Option("计划中", "planned"), Option("不适用", "na"), Option("跳过", "skip")]
STATUS_LABELS = {"done": "✅ 已完成", "planned": "🕒 计划中", "na": "➖ 不适用", "skip": "⬜ 未标记"}
RESUME_OPTIONS = [Option("继续标记", "resume"), Option("重新开始", "restart"), Option("只看进度", "progress")]


def start(core: Services, session: Session, argument: str = "") -> list[Reply]:
    return start_with_type(core, session, argument, ItemsState.TYPE, "申报清单", _open)


def on_input(core: Services, session: Session, incoming: Incoming) -> list[Reply]:
    if session.state == ItemsState.TYPE:
        return on_type_answer(core, session, incoming, _open)
    flow = ItemsFlow.of(session.flow)
    kind = core.rules.type(flow.type)
    raw = answer_text(incoming)
    if session.state == ItemsState.RESUME:
        if raw in ("resume", "继续", "继续标记"):
            return _walk(core, session, kind)
        if raw in ("restart", "重新开始"):
            session.data.setdefault("progress", {})[kind.id] = {}
            return _walk(core, session, kind)
        if raw in ("progress", "只看进度", "进度"):
            idle(session)
            return [_summary(core, session, kind)]
        return [Reply("请选择：继续标记、重新开始或只看进度。", RESUME_OPTIONS)]
    status = raw if incoming.kind == "choice" and raw in STATUS_LABELS else read_status(raw)
    if status is None:
        return [Reply("请回复“已完成”“计划中”“不适用”或“跳过”。", STATUS_OPTIONS)]
    if flow.current is None:
        return _walk(core, session, kind)
    current = session.data.setdefault("progress", {}).setdefault(kind.id, {})[flow.current] = status
    reminder = _mandatory_reminder(core, kind, flow.current) if current == "na" else []
    return [*reminder, *_walk(core, session, kind)]


def _mandatory_reminder(core: Services, kind: ApplicantType, key: str) -> list[Reply]:
    """必选项 are what every pilot must carry out: marking one 不适用 deserves a second look."""
    if not key.startswith("mandatory."):
        return []
    text = (
        f"⚠️ 提醒：必选项是{kind.name}类试点必须落实的内容（合计{kind.mandatory.score}分），"
        "不能简单标为“不适用”。请确认确实不涉及，并在实施方案中说明原因；如需改标，重新进入“申报清单”即可。"
    )
    return [Reply(text, citations=core.answerer.rules_first.cite(kind.mandatory.clause))]


def _open(core: Services, session: Session, kind: ApplicantType) -> list[Reply]:
    session.data["type"] = kind.id
    progress = session.data.setdefault("progress", {}).setdefault(kind.id, {})
    session.flow = ItemsFlow(type=kind.id).dump()
    if progress:
        session.state = ItemsState.RESUME
        done = sum(1 for s in progress.values() if s != "skip")
        return [_summary(core, session, kind), Reply(f"您已标记{done}项。接下来？", RESUME_OPTIONS)]
    intro = Reply(
        f"{kind.name}类：必选项{len(kind.mandatory.items)}项（合计{kind.mandatory.score}分，均须落实），"
        f"创新项{len(kind.innovation.items)}项（合计{kind.innovation.score}分，可择项）。请逐项标记进展。"
    )
    return [intro, *_walk(core, session, kind)]


def _entries(kind: ApplicantType):
    for group_name, group in (("mandatory", kind.mandatory), ("innovation", kind.innovation)):
        for item in group.items:
            yield f"{group_name}.{item.number}", group_name, group, item


def _walk(core: Services, session: Session, kind: ApplicantType) -> list[Reply]:
    progress = session.data.setdefault("progress", {}).setdefault(kind.id, {})
    for key, group_name, group, item in _entries(kind):
        if key in progress or item.missing:
            continue
        session.state = ItemsState.WALK
        session.flow = ItemsFlow(type=kind.id, current=key).dump()
        label = "必选项" if group_name == "mandatory" else "创新项"
        text = f"{label}第{item.number}项（{item.title}）：\n{item.text}"
        if group_name == "innovation" and group.scoring:
            text += f"\n评分说明：{group.scoring}（其后评分项原文缺失）"
        return [Reply(text, STATUS_OPTIONS, citations=core.answerer.rules_first.cite(item.clause))]
    idle(session)
    return [_summary(core, session, kind), _logistics(core, kind)]


def _summary(core: Services, session: Session, kind: ApplicantType) -> Reply:
    progress = session.data.get("progress", {}).get(kind.id, {})
    lines = [f"📋 {kind.name}类申报清单进度："]
    for key, group_name, _, item in _entries(kind):
        label = "必选" if group_name == "mandatory" else "创新"
        if item.missing:
            lines.append(f"⚠️ {label}{item.number}：{core.rules.missing_notice}")
        else:
            lines.append(f"{STATUS_LABELS[progress.get(key, 'skip')]} {label}{item.number} {item.title}")
    return Reply("\n".join(lines))


def _logistics(core: Services, kind: ApplicantType) -> Reply:
    entries = [e for e in core.rules.checklist(kind.id) if e.kind == "application"]
    lines = ["📮 申报材料与报送要求："] + [f"· {e.title}：{e.text}" for e in entries]
    return Reply("\n".join(lines), citations=core.answerer.rules_first.cite(*(e.clause for e in entries)))
