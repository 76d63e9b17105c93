from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from bot.channels.http.deps import CoreDep

router = APIRouter(include_in_schema=False)
STATIC = Path(__file__).resolve().parents[1] / "static"


@router.get("/", response_class=HTMLResponse)
def applicant_chat() -> HTMLResponse:
    return HTMLResponse((STATIC / "chat.html").read_text(encoding="utf-8"))


@router.get("/staff", response_class=HTMLResponse)
def staff_desk(core: CoreDep) -> HTMLResponse:
    token = core.settings.staff_token
    if token is None or not token.get_secret_value():
        return HTMLResponse((STATIC / "staff_disabled.html").read_text(encoding="utf-8"), status_code=404)
    return HTMLResponse((STATIC / "staff.html").read_text(encoding="utf-8"))
