"""The FastAPI app: routers, limits and JSON errors around the shared core.

``create_app`` builds the core (index, sessions) at start-up unless one is passed in, so
``uvicorn --workers N`` gets N identical, stateless workers over the same database and index.
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from bot.channels.http.limits import BodyLimit, RateLimit
from bot.channels.http.routes import ask, chat, health, pages, plan, questions, rules, staff
from bot.channels.telegram.bot import build_application, register_commands
from bot.channels.telegram.route import telegram_router
from bot.channels.wechat.customer_service import CustomerServiceSender
from bot.channels.wechat.route import wechat_router
from bot.channels.wechat.setup import build_wechat_channel
from bot.core.config import Settings, get_settings
from bot.core.runtime import Core, build_core

log = logging.getLogger(__name__)


def create_app(
    settings: Settings | None = None,
    core: Core | None = None,
    *,
    wechat_sender: CustomerServiceSender | None = None,
    telegram_request=None,
) -> FastAPI:
    """The app; ``wechat_sender`` and ``telegram_request`` stand in for WeChat's and Telegram's servers in tests."""
    settings = settings or (core.settings if core else get_settings())

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.core = core or build_core(settings)
        if settings.wechat_token:
            app.state.wechat = build_wechat_channel(app.state.core, wechat_sender)
        if settings.telegram_token and settings.telegram_secret:
            app.state.telegram = build_application(app.state.core, webhook=True, request=telegram_request)
            await app.state.telegram.initialize()
            await register_commands(app.state.telegram)
            await app.state.telegram.start()
        yield
        if getattr(app.state, "wechat", None):
            await app.state.wechat.drain()
        if getattr(app.state, "telegram", None):
            await app.state.telegram.stop()
            await app.state.telegram.shutdown()

    app = FastAPI(
        title="pilotbot",
        description="上海市现代环境治理体系试点示范 申报助手 API：问答、资格判断、申报清单、方案起草与检查。",
        version="0.1.0",
        lifespan=lifespan,
    )
    for router in (ask.router, rules.router, plan.router, chat.router, staff.router, health.router, pages.router):
        app.include_router(router)
    app.include_router(questions.router)
    if settings.wechat_token:
        app.include_router(wechat_router(lambda: app.state.wechat))
    if settings.telegram_token and settings.telegram_secret:
        app.include_router(telegram_router(lambda: app.state.telegram, settings.telegram_secret.get_secret_value()))
    app.mount("/static", StaticFiles(directory=pages.STATIC), name="static")
    _install_error_handlers(app)
    app.add_middleware(RateLimit, per_minute=settings.rate_limit)
    app.add_middleware(BodyLimit)
    return app


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        error = exc.detail if isinstance(exc.detail, str) else "请求无效"
        detail = None if isinstance(exc.detail, str) else exc.detail
        return JSONResponse({"error": error, "detail": detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        first = errors[0] if errors else {}
        field = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        message = _message(first)
        detail = [{"field": ".".join(map(str, e.get("loc", ()))), "message": e.get("msg")} for e in errors]
        return JSONResponse({"error": f"{field}: {message}" if field else message, "detail": detail}, status_code=422)

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s", request.url.path)
        return JSONResponse({"error": "服务器内部错误", "detail": None}, status_code=500)


def _message(error: dict) -> str:
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "string_too_long":
        return f"不能超过{ctx.get('max_length')}个字符"
    if kind == "string_too_short":
        return "不能为空" if ctx.get("min_length") == 1 else f"至少{ctx.get('min_length')}个字符"
    if kind == "missing":
        return "缺少该字段"
    return str(error.get("msg", "请求无效"))
