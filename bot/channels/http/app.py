"""The FastAPI app: routers, limits and JSON errors around the shared core.

``create_app`` builds the core (index, sessions) at start-up unless one is passed in, so
``uvicorn --workers N`` gets N identical, stateless workers over the same database and index.
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from bot.channels.http.budget import TimeBudget
from bot.channels.http.errors import CatchAll, install_error_handlers
from bot.channels.http.headers import SecurityHeaders
from bot.channels.http.limits import BodyLimit, RateLimit
from bot.channels.http.routes import ask, chat, health, pages, plan, questions, rules, staff
from bot.channels.telegram.bot import build_application
from bot.channels.telegram.link import TelegramLink
from bot.channels.telegram.route import telegram_router
from bot.channels.wechat.customer_service import CustomerServiceSender
from bot.channels.wechat.route import wechat_router
from bot.channels.wechat.setup import build_wechat_channel
from bot.core.config import Settings, get_settings
from bot.core.runtime import Core, build_core

log = logging.getLogger(__name__)
DRAIN_SECONDS = 30.0  # at shutdown, how long WeChat's in-flight replies may take to be stored or sent


def create_app(
    settings: Settings | None = None,
    core: Core | None = None,
    *,
    wechat_sender: CustomerServiceSender | None = None,
    telegram_request=None,
    telegram_retry: float = 2.0,
) -> FastAPI:
    """The app; ``wechat_sender`` and ``telegram_request`` stand in for WeChat's and Telegram's servers in tests,
    ``telegram_retry`` is the first delay before reconnecting to Telegram (it doubles up to 5 minutes)."""
    settings = settings or (core.settings if core else get_settings())
    telegram_on = bool(settings.telegram_token and settings.telegram_secret)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.core = core or build_core(settings)
        if settings.wechat_token:
            app.state.wechat = build_wechat_channel(app.state.core, wechat_sender)
        if telegram_on:  # each channel starts, retries and fails on its own: never blocks the others
            application = build_application(app.state.core, webhook=True, request=telegram_request)
            app.state.telegram = TelegramLink(application, first_delay=telegram_retry)
            app.state.telegram.start()
        yield
        if getattr(app.state, "wechat", None):
            await app.state.wechat.drain(DRAIN_SECONDS)
        if getattr(app.state, "telegram", None):
            await app.state.telegram.stop()

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
    if telegram_on:
        app.include_router(telegram_router(lambda: app.state.telegram, settings.telegram_secret.get_secret_value()))
    app.mount("/static", StaticFiles(directory=pages.STATIC), name="static")
    install_error_handlers(app)
    # Added innermost first: headers on everything, then size, rate, time budget, and errors closest to the routes.
    app.add_middleware(CatchAll)
    app.add_middleware(TimeBudget, seconds=settings.request_timeout)
    app.add_middleware(RateLimit, per_minute=settings.rate_limit)
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders)
    return app
