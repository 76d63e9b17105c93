from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz")
def readyz(request: Request) -> JSONResponse:
    """The index is loaded and the store answers."""
    core = getattr(request.app.state, "core", None)
    checks = {"index": False, "store": False}
    if core is not None:
        checks["index"] = bool(core.answerer.retriever.chunks)
        try:
            checks["store"] = core.dialog.store.ping()
        except Exception:  # any database error means: not ready
            checks["store"] = False
    ready = all(checks.values())
    return JSONResponse(
        {"status": "ready" if ready else "not ready", "checks": checks}, status_code=200 if ready else 503
    )
