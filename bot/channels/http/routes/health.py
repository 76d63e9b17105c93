"""Liveness and readiness. Ready means the index answers and the store answers; the chat channels are
reported beside them but never make the server unready (a Telegram outage must not take the web down)."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

router = APIRouter(tags=["health"])
log = logging.getLogger("pilotbot.http")


@router.get("/healthz")
def healthz() -> dict:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz")
def readyz(request: Request) -> JSONResponse:
    """The index and the store answer (503 otherwise), and how each chat channel stands."""
    core = getattr(request.app.state, "core", None)
    checks = {"index": False, "store": False}
    if core is not None:
        checks["index"] = _check("index", lambda: bool(core.answerer.retriever.chunks) and _index_answers(core))
        checks["store"] = _check("store", core.dialog.store.ping)
    ready = all(checks.values())
    body = {"status": "ready" if ready else "not ready", "checks": checks, "channels": _channels(request.app.state)}
    return JSONResponse(body, status_code=200 if ready else 503)


def _index_answers(core) -> bool:
    """The vector collection answers a count, locally or on the chroma server."""
    return core.answerer.retriever.index.collection.count() > 0


def _check(name: str, probe) -> bool:
    try:
        return bool(probe())
    except Exception as exc:  # any failure to answer means: not ready
        log.warning("readiness: %s unavailable (%s)", name, type(exc).__name__)
        return False


def _channels(state) -> dict:
    telegram = getattr(state, "telegram", None)
    wechat = getattr(state, "wechat", None)
    return {
        "telegram": telegram.status() if telegram is not None else {"state": "not configured"},
        "wechat": (
            {"state": "configured", "mode": wechat.mode, "customer_service": wechat.sender is not None}
            if wechat is not None
            else {"state": "not configured"}
        ),
    }
