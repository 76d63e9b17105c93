"""``pilotbot serve``: the HTTP server (API, web chat, staff desk, and the Telegram/WeChat webhooks)."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli.common import console, fail, setup_logging


def serve(
    host: Annotated[str, typer.Option(help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="端口")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="工作进程数（无状态，可多开）")] = 1,
) -> None:
    """Serve pilotbot over HTTP; the index is built first if it is missing."""
    import uvicorn

    from bot.channels.wechat.seen import SeenStore
    from bot.cli.index_cmds import build
    from bot.core.config import get_settings
    from bot.core.runtime import prepare_database

    setup_logging()
    settings = get_settings()
    _check_port_free(host, port)
    # The database first: one behind the code stops here with "run `pilotbot db upgrade`", before any work.
    prepare_database(settings)
    SeenStore(settings.database).prune()  # WeChat delivery records are kept a day
    build(as_json=False)  # once, before workers start, so they only open it
    console.print(f"pilotbot 已启动：http://{host}:{port}  （API 文档 /docs，审核台 /staff）")
    uvicorn.run(
        "bot.channels.http.app:create_app", factory=True, host=host, port=port, workers=workers, log_level="info"
    )


def _check_port_free(host: str, port: int) -> None:
    """Fail in one line now, rather than after building the index, when another server holds the port."""
    import socket

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind((host, port))
        except OSError as exc:
            fail(f"cannot listen on {host}:{port} ({exc.strerror}) — stop the other server or choose --port")
