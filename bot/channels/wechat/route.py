"""``GET/POST /wechat``: the FastAPI side of the WeChat channel, mounted when PILOTBOT_WECHAT_TOKEN is set."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import PlainTextResponse, Response

from bot.channels.wechat.channel import Malformed, Rejected, WeChatChannel

MAX_BODY = 64 * 1024


def wechat_router(get_channel) -> APIRouter:
    router = APIRouter(tags=["wechat"], include_in_schema=False)

    @router.get("/wechat")
    def verify(signature: str = "", timestamp: str = "", nonce: str = "", echostr: str = "") -> PlainTextResponse:
        channel: WeChatChannel = get_channel()
        try:
            return PlainTextResponse(channel.verify_url(signature, timestamp, nonce, echostr))
        except Rejected as exc:
            raise HTTPException(403, "签名校验失败") from exc

    @router.post("/wechat")
    async def receive(request: Request) -> Response:
        channel: WeChatChannel = get_channel()
        body = await request.body()
        if len(body) > MAX_BODY:
            raise HTTPException(413, "消息过大")
        try:
            outcome = await channel.handle(dict(request.query_params), body)
        except Rejected as exc:
            raise HTTPException(403, "请求校验失败") from exc
        except Malformed as exc:
            raise HTTPException(400, "消息格式错误") from exc
        return Response(outcome.body, media_type=outcome.media_type)

    return router
