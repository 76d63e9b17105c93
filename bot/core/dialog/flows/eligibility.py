"""Eligibility walk-through: pick a type, answer each 申报条件, get the rules module's verdict."""

from __future__ import annotations

from bot.core.dialog.flows.common import Services, answer_text, idle, on_type_answer, start_with_type
from bot.core.dialog.messages import Incoming, Option, Reply
from bot.core.dialog.states import EligibilityFlow, EligibilityState
from bot.core.dialog.user_answers import read_yes_no
from bot.core.stores.sessions import Session
from knowledge.schema import ApplicantType

ANSWER_OPTIONS = [Option("符合", "yes"), Option("不符合", "no"), Option("不确定", "unknown")]
_VALUES = {"yes": True, "no": False, "unknown": None}
NEXT_STEPS = [Option("申报清单", "cmd:items"), Option("起草方案", "cmd:draft")]


def start(core: Services, session: Session, argument: str = "") -> list[Reply]:
    return start_with_type(core, session, argument, EligibilityState.TYPE, "资格自查", _begin)


def on_input(core: Services, session: Session, incoming: Incoming) -> list[Reply]:
    if session.state == EligibilityState.TYPE:
        return on_type_answer(core, session, incoming, _begin)
    raw = answer_text(incoming)
    value = _VALUES[raw] if incoming.kind == "choice" and raw in _VALUES else read_yes_no(raw)
    if value == "?":
        return [Reply("没能读懂您的回答，请回复“符合”“不符合”或“不确定”。", ANSWER_OPTIONS)]
    flow = EligibilityFlow.of(session.flow)
    flow.answers[str(flow.current)] = value
    session.flow = flow.dump()
    return _next(core, session)


def _begin(core: Services, session: Session, kind: ApplicantType) -> list[Reply]:
    session.data["type"] = kind.id
    session.state = EligibilityState.ASK
    session.flow = EligibilityFlow(type=kind.id).dump()
    intro = Reply(f"好的，我们逐条核对{kind.name}类的{len(kind.conditions)}项申报条件（需全部满足）。")
    return [intro, *_next(core, session)]


def _next(core: Services, session: Session) -> list[Reply]:
    flow = EligibilityFlow.of(session.flow)
    kind = core.rules.type(flow.type)
    replies: list[Reply] = []
    for condition in kind.conditions:
        if str(condition.number) in flow.answers:
            continue
        if condition.missing:
            flow.answers[str(condition.number)] = None
            replies.append(
                Reply(f"第{condition.number}条：在现有通知文本中缺失，无法核对。{core.rules.missing_notice}")
            )
            continue
        flow.current = condition.number
        session.flow = flow.dump()
        replies.append(
            Reply(f"第{condition.number}条：{condition.question}\n（原文：{condition.text}）", ANSWER_OPTIONS)
        )
        return replies
    session.flow = flow.dump()
    return [*replies, *_verdict(core, session, kind)]


def _verdict(core: Services, session: Session, kind: ApplicantType) -> list[Reply]:
    answers = {int(k): v for k, v in EligibilityFlow.of(session.flow).answers.items()}
    result = core.rules.assess_eligibility(kind.id, answers)
    session.data.setdefault("eligibility", {})[kind.id] = result.verdict
    idle(session)
    lines = []
    if result.verdict == "eligible":
        lines.append(f"✅ 按您的回答，{kind.name}类申报条件全部满足，可以申报。")
        lines.append("下一步：发送“清单”查看必选项和创新项，或发送“起草”生成实施方案框架。")
    elif result.verdict == "ineligible":
        lines.append(f"❌ 按您的回答，暂不符合{kind.name}类申报条件：")
        lines += [f"· {c.text}" for c in result.conditions if c.number in result.failing]
        lines.append("建议先整改达标，或咨询所在区生态环境局（组织单位）。")
    else:
        lines.append(f"❓ 目前还不能确定是否符合{kind.name}类申报条件，以下条件有待确认：")
        lines += [f"· {c.text}" for c in result.conditions if c.number in result.unknown]
        lines.append("请准备相应证明材料核实后再自查，或咨询所在区生态环境局（组织单位）。")
    citations = core.answerer.rules_first.cite(*(c.clause for c in result.conditions if not c.missing))
    next_steps = NEXT_STEPS if result.verdict == "eligible" else []
    return [Reply("\n".join(lines), next_steps, citations=citations)]
