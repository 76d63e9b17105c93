"""Every error as JSON ``{"error", "detail"}`` — ours, FastAPI's and Starlette's alike — and never a trace.

Starlette raises its own ``HTTPException`` for unknown routes (404), wrong methods (405) and bodies it
cannot parse (broken multipart); FastAPI's handler does not see those, so both classes are handled here.
Unexpected exceptions are caught by :class:`CatchAll` inside the app, so Starlette's outermost error
middleware never re-raises them to the server, which would reset a keep-alive connection.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.channels.http.limits import send_json

log = logging.getLogger("pilotbot.http")
INTERNAL = {"error": "服务器内部错误", "detail": None}
# Starlette's English defaults, said in the users' language.
STATUS_MESSAGES = {
    400: "请求无效",
    401: "未授权",
    403: "禁止访问",
    404: "未找到该地址",
    405: "不支持该请求方法",
    413: "请求体过大",
    415: "不支持的内容类型",
    422: "请求无效",
    429: "请求过于频繁，请稍后再试",
    503: "服务暂不可用，请稍后再试",
}


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)


async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    """Our own errors carry a Chinese message; the framework's get the status's message and keep theirs as detail."""
    ours = isinstance(exc.detail, str) and not exc.detail.isascii()
    if ours:
        error, detail = exc.detail, None
    elif isinstance(exc.detail, str):
        error, detail = STATUS_MESSAGES.get(exc.status_code, "请求无效"), exc.detail
    else:
        error, detail = "请求无效", exc.detail
    return JSONResponse({"error": error, "detail": detail}, status_code=exc.status_code, headers=exc.headers)


async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    first = errors[0] if errors else {}
    field = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
    message = _message(first)
    detail = [{"field": ".".join(map(str, e.get("loc", ()))), "message": e.get("msg")} for e in errors]
    return JSONResponse({"error": f"{field}: {message}" if field else message, "detail": detail}, status_code=422)


def _message(error: dict) -> str:
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "string_too_long":
        return f"不能超过{ctx.get('max_length')}个字符"
    if kind == "string_too_short":
        return "不能为空" if ctx.get("min_length") == 1 else f"至少{ctx.get('min_length')}个字符"
    if kind == "missing":
        return "缺少该字段"
    if kind == "json_invalid":
        return "请求体不是有效的 JSON"
    return str(error.get("msg", "请求无效"))


class CatchAll:
    """Any exception a route lets escape becomes a logged 500 JSON answer on a connection that stays open."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            log.exception("unhandled error on %s", scope.get("path"))
            if started:  # half a response is out: nothing better than to let the server close it
                raise
            await send_json(send, 500, INTERNAL)
