"""Staff's view of what applicants ask: the questions log grouped by similarity, and curated answers."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time, timedelta, timezone
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from bot.channels.http.citations import citation_label
from bot.channels.http.deps import CoreDep, StaffDep
from bot.channels.http.routes.plan import attachment
from bot.core.answering.curated import unknown_clauses
from bot.core.answering.question_groups import QuestionGroup, group_questions
from bot.core.runtime import Core
from bot.core.stores.curated import CuratedAnswer
from bot.core.stores.questions import LoggedQuestion
from knowledge.rules import UnknownType

router = APIRouter(prefix="/api/staff", tags=["staff"], dependencies=[StaffDep])
SHANGHAI = timezone(timedelta(hours=8))  # dates staff pick are Shanghai dates
MAX_PHRASINGS = 50
CSV_HEADER = ["问题组", "提问时间", "渠道", "用户（哈希）", "问题", "拒答", "评价", "评价意见", "回答", "引用条款"]


class QuestionFilter(BaseModel):
    refused: bool = False
    down: bool = Field(False, description="only answers rated 👎")
    type: str | None = Field(None, description="applicant type named in the question")
    since: date | None = None
    until: date | None = Field(None, description="inclusive")


class CuratedBody(BaseModel):
    questions: list[Annotated[str, Field(min_length=1, max_length=1000)]] = Field(
        default_factory=list, max_length=MAX_PHRASINGS, description="the phrasings it answers (a question group)"
    )
    text: str = Field(min_length=1, max_length=4000)
    clause_ids: list[Annotated[str, Field(max_length=100)]] = Field(min_length=1, max_length=20)


def _filtered(core: Core, f: QuestionFilter) -> list[LoggedQuestion]:
    since = datetime.combine(f.since, time(), SHANGHAI) if f.since else None
    until = datetime.combine(f.until + timedelta(days=1), time(), SHANGHAI) if f.until else None
    type_id = None
    if f.type:
        try:
            type_id = core.rules.type(f.type).id
        except UnknownType as exc:
            raise HTTPException(422, str(exc)) from exc
    return [
        q
        for q in core.questions.recent(since=since, until=until)
        if (not f.refused or q.refused)
        and (not f.down or q.vote == -1)
        and (type_id is None or q.applicant_type == type_id)
    ]


def _groups(core: Core, f: QuestionFilter) -> list[QuestionGroup]:
    return group_questions(core.answerer.embed_missing(_filtered(core, f)), core.answerer.cues)


def _question_json(q: LoggedQuestion) -> dict:
    return {
        "id": q.id,
        "question": q.question,
        "channel": q.channel,
        "user": q.user_hash,
        "refused": q.refused,
        "vote": {1: "up", -1: "down"}.get(q.vote or 0),
        "comment": q.comment,
        "curated_id": q.curated_id,
        "asked_at": q.created_at.isoformat(),
    }


def _group_json(core: Core, group: QuestionGroup) -> dict:
    latest = group.latest
    return {
        "question": group.question,
        "phrasings": group.phrasings[:MAX_PHRASINGS],
        "count": len(group.questions),
        "refused": group.refused,
        "down": group.down,
        "up": group.up,
        "answer": latest.answer,
        "mode": latest.mode,
        "citations": latest.citations,
        "type": latest.applicant_type,
        "last_asked_at": latest.created_at.isoformat(),
        "curated_id": next((q.curated_id for q in group.questions if q.curated_id), None),
        "questions": [_question_json(q) for q in group.questions],
    }


def _curated_json(core: Core, entry: CuratedAnswer) -> dict:
    titles = {c.id: citation_label(c.id, c.title) for c in core.answerer.cite(entry.clause_ids)}
    return {
        "id": entry.id,
        "questions": entry.questions,
        "text": entry.text,
        "clause_ids": entry.clause_ids,
        "clauses": [{"id": c, "label": titles.get(c, c)} for c in entry.clause_ids],
        "created_at": entry.created_at.isoformat(),
        "updated_at": entry.updated_at.isoformat(),
    }


@router.get("/questions")
def list_questions(core: CoreDep, f: Annotated[QuestionFilter, Query()]) -> dict:
    """Applicants' questions grouped by similarity with counts, refusals and 👎; filtered, biggest first."""
    groups = _groups(core, f)
    return {"total": sum(len(g.questions) for g in groups), "groups": [_group_json(core, g) for g in groups]}


@router.get("/questions.csv")
def export_questions(core: CoreDep, f: Annotated[QuestionFilter, Query()]) -> Response:
    """One row per question asked (same filters), with its group, answer, refusal and feedback."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["问题组", "提问时间", "渠道", "用户（哈希）", "问题", "拒答", "评价", "评价意见", "回答", "引用条款"]
    )
    for number, group in enumerate(_groups(core, f), start=1):
        for q in group.questions:
            vote = {1: "👍", -1: "👎"}.get(q.vote or 0, "")
            asked = q.created_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
            row = [number, asked, q.channel, q.user_hash, q.question, "是" if q.refused else "否", vote, q.comment]
            writer.writerow([*row, q.answer, "、".join(q.citations)])
    data = "\ufeff" + buffer.getvalue()
    return Response(data.encode("utf-8"), media_type="text/csv; charset=utf-8", headers=attachment("提问记录.csv"))


def _checked(core: Core, body: CuratedBody) -> list[str]:
    ids = list(dict.fromkeys(c.strip() for c in body.clause_ids if c.strip()))
    if unknown := unknown_clauses(core.rules, ids):
        raise HTTPException(422, f"条款编号不存在：{'、'.join(unknown)}")
    if not ids:
        raise HTTPException(422, "请至少引用一个条款编号")
    return ids


@router.get("/curated")
def list_curated(core: CoreDep) -> dict:
    return {"curated": [_curated_json(core, e) for e in core.curated.all()]}


@router.post("/curated", status_code=201)
def create_curated(body: CuratedBody, core: CoreDep) -> dict:
    """A curated answer for a question group: served first, on every channel, for matching questions."""
    ids = _checked(core, body)
    questions = list(dict.fromkeys(q.strip() for q in body.questions if q.strip()))
    if not questions:
        raise HTTPException(422, "请提供它要回答的问题")
    embeddings = [core.answerer.embed(q) for q in questions]
    entry = core.curated.add(questions=questions, embeddings=embeddings, text=body.text.strip(), clause_ids=ids)
    return _curated_json(core, entry)


@router.put("/curated/{curated_id}")
def update_curated(curated_id: int, body: CuratedBody, core: CoreDep) -> dict:
    ids = _checked(core, body)
    questions = list(dict.fromkeys(q.strip() for q in body.questions if q.strip())) or None
    embeddings = [core.answerer.embed(q) for q in questions] if questions else None
    entry = core.curated.update(
        curated_id, text=body.text.strip(), clause_ids=ids, questions=questions, embeddings=embeddings
    )
    if entry is None:
        raise HTTPException(404, "没有这条标准答案")
    return _curated_json(core, entry)


@router.delete("/curated/{curated_id}", status_code=204)
def delete_curated(curated_id: int, core: CoreDep) -> Response:
    if not core.curated.delete(curated_id):
        raise HTTPException(404, "没有这条标准答案")
    core.questions.forget_curated(curated_id)
    return Response(status_code=204)
