"""``pilotbot telegram``: run the Telegram bot with long polling."""

from __future__ import annotations

from bot.cli.common import console, fail, setup_logging


def telegram() -> None:
    """Run the Telegram bot with long polling (needs PILOTBOT_TELEGRAM_TOKEN; PILOTBOT_TELEGRAM_PROXY if Telegram
    is reached through a proxy)."""
    import asyncio

    from bot.core.config import get_settings
    from bot.core.stores.sessions import SessionStore

    setup_logging()
    settings = get_settings()
    if not settings.telegram_token:
        fail("set PILOTBOT_TELEGRAM_TOKEN to the token @BotFather gave you")
    # Before loading the index: a database behind the code (exit 4), a wrong token (2) or no route to
    # Telegram (3) each stop here with one line.
    SessionStore(settings.database)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)  # the same loop then runs the polling
    username = loop.run_until_complete(_reach_telegram(settings))
    from bot.channels.telegram.bot import build_application  # the heavy part: the core, its index and embedder
    from bot.core.runtime import build_core

    application = build_application(build_core(settings), webhook=False)
    console.print(f"Telegram 机器人 @{username} 已启动（长轮询），Ctrl-C 退出。")
    application.run_polling()


async def _reach_telegram(settings) -> str:
    """Ask Telegram who the bot is (getMe), through the proxy when one is set; returns its username."""
    from telegram import Bot
    from telegram.request import HTTPXRequest

    token = settings.telegram_token.get_secret_value()
    async with Bot(token, request=HTTPXRequest(proxy=settings.telegram_proxy)) as bot:
        return bot.username
