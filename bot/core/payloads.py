"""JSON shapes shared by the CLI and the HTTP API: scripts rely on them, so they change only on purpose."""

from __future__ import annotations

from pydantic import BaseModel

from bot.core.answering.answer import Answer
from knowledge.rules import ChecklistEntry, Eligibility, Rules
from knowledge.schema import ApplicantType, Condition, Item, ItemGroup


class ConditionPublic(BaseModel):
    number: int
    text: str
    clause: str
    met: bool | None
    missing: bool = False


class EligibilityPublic(BaseModel):
    type: str
    verdict: str
    failing: list[int]
    unknown: list[int]
    conditions: list[ConditionPublic]

    @classmethod
    def of(cls, result: Eligibility) -> EligibilityPublic:
        return cls(
            type=result.type,
            verdict=result.verdict,
            failing=list(result.failing),
            unknown=list(result.unknown),
            conditions=[ConditionPublic(**vars(c)) for c in result.conditions],
        )


class ChecklistEntryPublic(BaseModel):
    kind: str
    key: str
    title: str
    text: str
    clause: str
    required: bool
    missing: bool


class ChecklistPublic(BaseModel):
    type: str
    name: str
    items: list[ChecklistEntryPublic]

    @classmethod
    def of(cls, kind: ApplicantType, entries: list[ChecklistEntry]) -> ChecklistPublic:
        return cls(type=kind.id, name=kind.name, items=[ChecklistEntryPublic(**vars(e)) for e in entries])


class RuleItemPublic(BaseModel):
    number: int
    text: str | None
    clause: str
    missing: bool
    title: str | None = None


class ItemGroupPublic(BaseModel):
    score: int
    clause: str
    scoring: str | None
    scoring_truncated: bool
    items: list[RuleItemPublic]

    @classmethod
    def of(cls, group: ItemGroup) -> ItemGroupPublic:
        return cls(
            score=group.score,
            clause=group.clause,
            scoring=group.scoring,
            scoring_truncated=group.scoring_truncated,
            items=[_item(i) for i in group.items],
        )


class TypeRulesPublic(BaseModel):
    id: str
    name: str
    quota: int
    conditions: list[RuleItemPublic]
    mandatory: ItemGroupPublic
    innovation: ItemGroupPublic

    @classmethod
    def of(cls, kind: ApplicantType) -> TypeRulesPublic:
        return cls(
            id=kind.id,
            name=kind.name,
            quota=kind.quota,
            conditions=[_item(c) for c in kind.conditions],
            mandatory=ItemGroupPublic.of(kind.mandatory),
            innovation=ItemGroupPublic.of(kind.innovation),
        )


def rules_payload(rules: Rules, kinds: list[ApplicantType]) -> dict:
    """The rules for ``kinds`` plus the programme facts and the form, as plain JSON."""
    return {
        "types": [TypeRulesPublic.of(k).model_dump() for k in kinds],
        "facts": [f.model_dump(mode="json") for f in rules.facts],
        "form": rules.data.form.model_dump(mode="json"),
    }


def _item(entry: Condition | Item) -> RuleItemPublic:
    return RuleItemPublic(
        number=entry.number,
        text=entry.text,
        clause=entry.clause,
        missing=entry.missing,
        title=getattr(entry, "title", None),
    )


class CitationPublic(BaseModel):
    id: str
    title: str
    text: str


class AskPublic(BaseModel):
    """``pilotbot ask --json`` and ``POST /api/ask``."""

    answer: str
    citations: list[CitationPublic]
    refused: bool
    mode: str
    assumed_type: str | None = None  # the type taken from the conversation (chat only)
    suggestions: list[str] = []  # next questions worth asking

    @classmethod
    def of(cls, answer: Answer) -> AskPublic:
        return cls(
            answer=answer.answer,
            citations=[CitationPublic(**vars(c)) for c in answer.citations],
            refused=answer.refused,
            mode=answer.mode,
            assumed_type=answer.assumed_type,
            suggestions=list(answer.suggestions),
        )
