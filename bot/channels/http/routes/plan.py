from __future__ import annotations

import asyncio
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request, Response
from pydantic import ValidationError

from bot.channels.blocking import run_blocking
from bot.channels.http.deps import CoreDep
from bot.channels.http.schemas import CheckTextRequest, DraftRequest
from bot.core.plans.application import application_docx, application_markdown, application_stem
from bot.core.plans.drafting import PlanProfile, draft_plan
from bot.core.plans.files import DOCX_MIME, UploadError
from knowledge.rules import UnknownType

router = APIRouter(prefix="/api/plan", tags=["plan"])
CHECK_TIMEOUT_SECONDS = 30.0  # the check itself is bounded far below this (size limits, embedding budget)


def attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"}


@router.post("/draft", responses={200: {"content": {"text/markdown": {}, DOCX_MIME: {}}}})
async def create_draft(body: DraftRequest, request: Request, core: CoreDep) -> Response:
    """Draft the 申报表 with its plan skeleton: Markdown, or an A4 .docx when the Accept header asks for Word."""
    return await run_blocking(_draft, body, request.headers.get("accept", ""), core)


def _draft(body: DraftRequest, accept: str, core) -> Response:
    try:
        profile = PlanProfile(**body.model_dump(exclude={"type"}))
        draft = draft_plan(core.rules, body.type, profile, core.dialog.services.writer)
    except UnknownType as exc:
        raise HTTPException(422, str(exc)) from exc
    except ValueError as exc:
        raise HTTPException(422, str(exc).splitlines()[0]) from exc
    headers = {"X-Plan-Chars": str(draft.chars), "X-Intro-Chars": str(draft.intro_chars)}
    if DOCX_MIME in accept:
        filename = f"{application_stem(profile.name)}.docx"
        data = application_docx(core.rules, draft)
        return Response(data, media_type=DOCX_MIME, headers={**headers, **attachment(filename)})
    markdown = application_markdown(core.rules, draft)
    return Response(markdown, media_type="text/markdown; charset=utf-8", headers=headers)


@router.post("/check")
async def check_plan(request: Request, core: CoreDep) -> dict:
    """Check a plan sent as multipart (``file`` + ``type``) or JSON ``{"type", "text"}``.

    Same JSON as `pilotbot plan check --json`."""
    content_type = request.headers.get("content-type", "")
    try:
        if content_type.startswith("multipart/form-data"):
            form = await request.form()
            upload, type_name = form.get("file"), str(form.get("type") or "")
            if upload is None or isinstance(upload, str):
                raise HTTPException(422, "缺少文件字段 file")
            data = await upload.read()
            kind = core.rules.type(type_name)
            work = run_blocking(core.checker.check_upload, kind.id, upload.filename or "", data)
        else:
            body = CheckTextRequest.model_validate_json(await request.body())
            kind = core.rules.type(body.type)
            work = run_blocking(core.checker.check_text, kind.id, body.text)
        report = await asyncio.wait_for(work, CHECK_TIMEOUT_SECONDS)
    except TimeoutError as exc:
        raise HTTPException(503, "检查超时，请精简方案（3000字以内）后重试") from exc
    except UnknownType as exc:
        raise HTTPException(422, str(exc)) from exc
    except UploadError as exc:
        raise HTTPException(415, str(exc)) from exc
    except ValidationError as exc:
        raise HTTPException(422, exc.errors(include_url=False, include_context=False)) from exc
    return report.public()
