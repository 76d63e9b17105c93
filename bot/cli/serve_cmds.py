"""``pilotbot serve``: the HTTP server (API, web chat, staff desk, and the Telegram/WeChat webhooks)."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli.common import console, setup_logging

GRACE_SECONDS = 15  # after Ctrl-C / SIGTERM, how long open requests may take before the server exits anyway


def serve(
    host: Annotated[str, typer.Option(help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="端口")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="工作进程数（无状态，可多开）")] = 1,
) -> None:
    """Serve pilotbot over HTTP; the index is built first if it is missing."""
    import uvicorn

    from bot.cli.index_cmds import build

    setup_logging()
    build(as_json=False)  # once, before workers start, so they only open it
    from bot.channels.wechat.pending import PendingReplies
    from bot.channels.wechat.seen import SeenStore
    from bot.core.config import get_settings
    from bot.core.runtime import prepare_database

    settings = get_settings()
    prepare_database(settings)
    SeenStore(settings.database).prune()  # WeChat delivery records are kept a day
    PendingReplies(settings.database).prune()  # and so are replies nobody came back for
    console.print(f"pilotbot 已启动：http://{host}:{port}  （API 文档 /docs，审核台 /staff）")
    uvicorn.run(
        "bot.channels.http.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        timeout_graceful_shutdown=GRACE_SECONDS,
    )
