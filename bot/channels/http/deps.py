"""Dependencies for route functions: the core, and the staff check."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request

from bot.core.runtime import Core


def get_core(request: Request) -> Core:
    core = getattr(request.app.state, "core", None)
    if core is None:
        raise HTTPException(503, "服务正在启动，请稍后再试")
    return core


CoreDep = Annotated[Core, Depends(get_core)]


def require_staff(core: CoreDep, authorization: Annotated[str | None, Header()] = None) -> None:
    """Staff routes need ``Authorization: Bearer <PILOTBOT_STAFF_TOKEN>``; without a token the desk is off."""
    token = core.settings.staff_token
    if token is None or not token.get_secret_value():
        raise HTTPException(404, "审核台未启用（未设置 PILOTBOT_STAFF_TOKEN）")
    scheme, _, given = (authorization or "").strip().partition(" ")
    expected = token.get_secret_value().encode()
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), expected):
        raise HTTPException(401, "审核台口令错误")


StaffDep = Depends(require_staff)
