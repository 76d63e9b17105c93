from __future__ import annotations

from fastapi import APIRouter, HTTPException

from bot.channels.http.deps import CoreDep
from bot.channels.http.schemas import EligibilityRequest
from bot.core.payloads import ChecklistPublic, EligibilityPublic
from knowledge.rules import UnknownCondition, UnknownType

router = APIRouter(prefix="/api", tags=["rules"])


@router.post("/eligibility", response_model=EligibilityPublic)
def assess_eligibility(body: EligibilityRequest, core: CoreDep) -> EligibilityPublic:
    """Verdict from the stated conditions (same JSON as `pilotbot eligibility --json`)."""
    try:
        return EligibilityPublic.of(core.rules.assess_eligibility(body.type, body.facts))
    except (UnknownType, UnknownCondition) as exc:
        raise HTTPException(422, str(exc)) from exc


@router.get("/checklist/{type_name}", response_model=ChecklistPublic)
def read_checklist(type_name: str, core: CoreDep) -> ChecklistPublic:
    """The ordered items an applicant of this type must prepare."""
    try:
        kind = core.rules.type(type_name)
    except UnknownType as exc:
        raise HTTPException(404, str(exc)) from exc
    return ChecklistPublic.of(kind, core.rules.checklist(kind.id))
