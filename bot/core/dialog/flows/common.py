"""What the flows share: the core's services, type selection, and numbered options."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.core.answering.answerer import Answerer
from bot.core.dialog.messages import Incoming, Option, Reply
from bot.core.dialog.states import Idle
from bot.core.plans.checker import PlanChecker
from bot.core.plans.drafting import SectionWriter
from bot.core.stores.sessions import Session
from bot.core.understanding.query import Memory
from knowledge.rules import Rules, UnknownType
from knowledge.schema import ApplicantType


@dataclass
class Services:
    rules: Rules
    answerer: Answerer
    checker: PlanChecker
    writer: SectionWriter | None = None  # an LLM writing first-draft prose, when one is configured


def type_options(rules: Rules) -> list[Option]:
    return [Option(kind.name, f"type:{kind.id}") for kind in rules.types]


def ask_type(rules: Rules, session: Session, state: str, purpose: str) -> list[Reply]:
    session.state = state
    return [Reply(f"请选择申报主体类型（{purpose}）：", type_options(rules))]


def pick_type(rules: Rules, incoming: Incoming) -> ApplicantType | None:
    """A type from a button, or named in text (“我们是写字楼物业” → 楼宇)."""
    if incoming.kind == "choice" and incoming.value.startswith("type:"):
        try:
            return rules.type(incoming.value.removeprefix("type:"))
        except UnknownType:
            return None
    if incoming.kind in ("text", "command") and incoming.text.strip():
        found = rules.detect_types(incoming.text)
        return found[0] if len(found) == 1 else None
    return None


TYPE_REPROMPT = "没有识别出主体类型，请点选或输入：园区、企业、街镇、社区(村居)、楼宇。"
Begin = Callable[[Services, Session, ApplicantType], list[Reply]]


def remembered_type(rules: Rules, session: Session) -> ApplicantType | None:
    """The applicant type the conversation already established, if any."""
    type_id = Memory.of_session(session.data).type
    try:
        return rules.type(type_id) if type_id else None
    except UnknownType:
        return None


def remember_type(session: Session, kind: ApplicantType) -> None:
    memory = Memory.of_session(session.data)
    if memory.type != kind.id:
        memory = Memory(type=kind.id)  # another type: what was listed for the old one no longer applies
    session.data["memory"] = memory.model_dump(mode="json")


def start_with_type(core: Services, session: Session, argument: str, state: str, purpose: str, begin: Begin):
    """Begin at once when the command names one type (“/draft 企业”) or the conversation already has one;
    else ask which type."""
    found = core.rules.detect_types(argument) if argument else []
    if len(found) == 1:
        remember_type(session, found[0])
        return begin(core, session, found[0])
    if not argument and (known := remembered_type(core.rules, session)):
        note = Reply(f"按您之前说明的{known.name}类进行（如需更换类型，发送“取消”后重新开始并说明类型）。")
        return [note, *begin(core, session, known)]
    return ask_type(core.rules, session, state, purpose)


def on_type_answer(core: Services, session: Session, incoming: Incoming, begin: Begin) -> list[Reply]:
    """The answer to “which type?”: begin with it, or ask again."""
    kind = pick_type(core.rules, incoming)
    if kind is None:
        return [Reply(TYPE_REPROMPT)]
    remember_type(session, kind)
    return begin(core, session, kind)


def answer_text(incoming: Incoming) -> str:
    """Text of an answer, whether typed or chosen with a button."""
    return incoming.value if incoming.kind == "choice" else incoming.text


def idle(session: Session) -> None:
    session.state = Idle.IDLE
    session.flow = {}
