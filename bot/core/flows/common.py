"""What the flows share: the core's services, type selection, and numbered options."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.answering import Answerer
from bot.core.messages import Incoming, Option, Reply
from bot.core.review import PlanChecker
from bot.core.sessions import Session
from knowledge.rules import Rules, UnknownType
from knowledge.schema import ApplicantType


@dataclass
class Services:
    rules: Rules
    answerer: Answerer
    checker: PlanChecker


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


def answer_text(incoming: Incoming) -> str:
    """Text of an answer, whether typed or chosen with a button."""
    return incoming.value if incoming.kind == "choice" else incoming.text


def idle(session: Session) -> None:
    session.state = "idle"
    session.flow = {}
