from __future__ import annotations

from fastapi import APIRouter

from bot.channels.blocking import run_blocking
from bot.channels.http.deps import CoreDep
from bot.channels.http.schemas import AskRequest
from bot.core.payloads import AskPublic

router = APIRouter(prefix="/api", tags=["ask"])


@router.post("/ask", response_model=AskPublic)
async def ask_question(body: AskRequest, core: CoreDep) -> AskPublic:
    """Answer a question from the notice with clause citations (same JSON as `pilotbot ask --json`)."""
    return AskPublic.of(await run_blocking(core.answerer.ask, body.question))
