"""``POST /telegram``: the webhook. Only Telegram knows the secret token; anything else gets 403."""

from __future__ import annotations

import hmac
import json

from fastapi import APIRouter, Header, HTTPException, Request
from telegram import Update


def telegram_router(get_application, secret: str) -> APIRouter:
    router = APIRouter(tags=["telegram"], include_in_schema=False)

    @router.post("/telegram")
    async def webhook(
        request: Request,
        x_telegram_bot_api_secret_token: str | None = Header(default=None),
    ) -> dict:
        given = (x_telegram_bot_api_secret_token or "").encode()
        if not hmac.compare_digest(given, secret.encode()):
            raise HTTPException(403, "secret token mismatch")
        try:
            payload = json.loads(await request.body())
        except ValueError as exc:
            raise HTTPException(400, "body is not JSON") from exc
        application = get_application()
        await application.update_queue.put(Update.de_json(payload, application.bot))
        return {"ok": True}

    return router
