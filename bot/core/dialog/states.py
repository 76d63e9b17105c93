"""Every state a dialog can be in, read in one place: one ``StrEnum`` per flow, and one typed model per flow
for the data it keeps between messages.

A session stores the value (``"items.walk"``); the prefix names the flow that owns the state, so the dialog
hands the next message to that flow. Values are stored in sessions: rename a member freely, never a value.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from knowledge.schema import TypeId


class Idle(StrEnum):
    IDLE = "idle"  # no flow: free text is a question


class EligibilityState(StrEnum):
    TYPE = "eligibility.type"  # waiting for the applicant type
    ASK = "eligibility.ask"  # asking the conditions one by one


class ItemsState(StrEnum):
    TYPE = "items.type"
    RESUME = "items.resume"  # progress exists: continue, restart or only show it
    WALK = "items.walk"  # marking each 必选项 and 创新项


class DraftState(StrEnum):
    TYPE = "draft.type"
    PROFILE = "draft.profile"  # collecting the unit's details, the 创新项 and the start month


class CheckState(StrEnum):
    TYPE = "check.type"
    WAIT = "check.wait"  # waiting for the plan file or pasted text


# --- what each state keeps: one typed model per flow (session.flow holds its JSON) ------------------------------


class FlowData(BaseModel):
    """A flow's own data between two messages. Unknown keys from another release are ignored; a value of the
    wrong shape fails validation, and the dialog then restarts cleanly instead of failing mid-flow."""

    model_config = ConfigDict(extra="ignore")

    @classmethod
    def of(cls, flow: dict) -> Self:
        return cls.model_validate(flow)

    def dump(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


class EligibilityFlow(FlowData):
    type: TypeId
    answers: dict[str, bool | None] = {}  # condition number → 符合 / 不符合 / 不确定 (None)
    current: int = 0  # the condition asked last


class ItemsFlow(FlowData):
    type: TypeId
    current: str | None = None  # "mandatory.3" / "innovation.2": the item being marked


class DraftFlow(FlowData):
    type: TypeId
    field: int = Field(default=0, ge=0)  # index of the next profile field to ask
    profile: dict[str, Any] = {}  # PlanProfile's fields as collected so far


class CheckFlow(FlowData):
    type: TypeId | None = None  # unknown while the type is being asked for a file already sent
    pending_text: str | None = None  # a plan sent before its type was known


FLOW_DATA: dict[str, type[FlowData]] = {
    EligibilityState.ASK: EligibilityFlow,
    ItemsState.RESUME: ItemsFlow,
    ItemsState.WALK: ItemsFlow,
    DraftState.PROFILE: DraftFlow,
    CheckState.TYPE: CheckFlow,
    CheckState.WAIT: CheckFlow,
}
KNOWN_STATES = {s.value for states in (Idle, EligibilityState, ItemsState, DraftState, CheckState) for s in states}


def resumable(state: str, flow: dict) -> bool:
    """Whether a stored dialog can go on: a state this release knows, holding data of the shape it expects."""
    if state not in KNOWN_STATES:
        return False
    model = FLOW_DATA.get(state)
    if model is None:
        return True
    try:
        model.of(flow)
    except ValidationError:
        return False
    return not (state == CheckState.WAIT and CheckFlow.of(flow).type is None)
