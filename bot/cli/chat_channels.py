"""``pilotbot telegram``: run the Telegram bot with long polling."""

from __future__ import annotations

from bot.cli.common import console, fail, setup_logging


def telegram() -> None:
    """Run the Telegram bot with long polling (needs PILOTBOT_TELEGRAM_TOKEN)."""
    from bot.channels.telegram.bot import build_application
    from bot.core.config import get_settings
    from bot.core.runtime import build_core

    setup_logging()
    settings = get_settings()
    if not settings.telegram_token:
        fail("set PILOTBOT_TELEGRAM_TOKEN to the token @BotFather gave you")
    application = build_application(build_core(settings), webhook=False)
    console.print("Telegram 机器人已启动（长轮询），Ctrl-C 退出。")
    application.run_polling()
