"""``POST /telegram``: the webhook. Only Telegram knows the secret token; anything else gets 403.

The body must be a JSON object that reads as an Update; anything else (an array, a string, ``null``,
an object without ``update_id``, nesting too deep to parse) is answered 400 JSON, not a stack trace.
"""

from __future__ import annotations

import hmac
import json
import logging

from fastapi import APIRouter, Header, HTTPException, Request
from telegram import Update

from bot.channels.telegram.link import TelegramLink

log = logging.getLogger("pilotbot.telegram")


def telegram_router(get_link, secret: str) -> APIRouter:
    router = APIRouter(tags=["telegram"], include_in_schema=False)

    @router.post("/telegram")
    async def webhook(
        request: Request,
        x_telegram_bot_api_secret_token: str | None = Header(default=None),
    ) -> dict:
        given = (x_telegram_bot_api_secret_token or "").encode()
        if not hmac.compare_digest(given, secret.encode()):
            raise HTTPException(403, "密钥不匹配")
        link: TelegramLink = get_link()
        if not link.up:  # Telegram redelivers later; by then the link may be up
            raise HTTPException(503, "Telegram 通道尚未连接，请稍后重试", headers={"Retry-After": "30"})
        update = read_update(await request.body(), link.application.bot)
        await link.application.update_queue.put(update)
        return {"ok": True}

    return router


def read_update(body: bytes, bot) -> Update:
    """The Update in ``body``, or HTTP 400 saying why not."""
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise HTTPException(400, "请求体不是有效的 JSON") from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("update_id"), int):
        raise HTTPException(400, "请求体不是 Telegram Update（需要含 update_id 的 JSON 对象）")
    try:
        update = Update.de_json(payload, bot)
    except (TypeError, ValueError, KeyError, AttributeError, RecursionError) as exc:
        log.info("webhook body is not a readable Update: %s", type(exc).__name__)
        raise HTTPException(400, "请求体不是有效的 Telegram Update") from exc
    if update is None:
        raise HTTPException(400, "请求体不是有效的 Telegram Update")
    return update
