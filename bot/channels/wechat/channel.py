"""The WeChat Official Account adapter: verify, decrypt, deduplicate, hand the text to the dialog core,
and answer passively within ~4 s or through the customer-service API after that."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass

from bot.channels.logs import log_event
from bot.channels.ratelimit import TOO_MANY, UserRateLimiter
from bot.channels.text import split_message, utf8_bytes
from bot.channels.wechat.crypto import WeChatCipher, WeChatCryptoError, check_signature, signature
from bot.channels.wechat.customer_service import CustomerServiceSender
from bot.channels.wechat.seen import SeenStore
from bot.channels.wechat.xmlmsg import BadMessage, encrypted_envelope, parse, text_reply
from bot.core.dialog.messages import Document, Incoming, Reply
from bot.core.runtime import Core

log = logging.getLogger("pilotbot.wechat")
CHANNEL = "wechat"
MAX_BYTES = 2048
MAX_MESSAGES = 5
MAX_AGE = 300
PASSIVE_TIMEOUT = 4.0
UNSUPPORTED = "目前仅支持文字消息。发送“菜单”查看可用功能。"
EVENT_COMMANDS = {"subscribe": "start"}


class Rejected(Exception):
    """A request that fails verification: answered 403, nothing processed."""


class Malformed(Exception):
    """A verified request whose body cannot be read: answered 400."""


@dataclass
class Outcome:
    body: str
    media_type: str = "application/xml"


class WeChatChannel:
    def __init__(
        self,
        core: Core,
        *,
        token: str,
        cipher: WeChatCipher | None = None,
        sender: CustomerServiceSender | None = None,
        passive_timeout: float = PASSIVE_TIMEOUT,
        limiter: UserRateLimiter | None = None,
        clock=time.time,
    ) -> None:
        self.core, self.token, self.cipher, self.sender = core, token, cipher, sender
        self.passive_timeout = passive_timeout
        self.limiter = limiter or UserRateLimiter(20)
        self.clock = clock
        self.seen = SeenStore(core.settings.database)
        self._background: set[asyncio.Task] = set()

    # --- verification ---------------------------------------------------------------------------------------

    def verify_url(self, sig: str, timestamp: str, nonce: str, echostr: str) -> str:
        """WeChat's server check (GET): echo ``echostr`` back if the signature is ours."""
        if not check_signature(sig, self.token, timestamp, nonce):
            raise Rejected("bad signature")
        return echostr

    def _verify(self, params: dict[str, str]) -> None:
        timestamp, nonce = params.get("timestamp", ""), params.get("nonce", "")
        if not check_signature(params.get("signature", ""), self.token, timestamp, nonce):
            raise Rejected("bad signature")
        if not timestamp.isdigit() or abs(self.clock() - int(timestamp)) > MAX_AGE:
            raise Rejected("stale timestamp")

    def _open(self, params: dict[str, str], body: bytes) -> dict[str, str]:
        try:
            message = parse(body)
        except BadMessage as exc:
            raise Malformed(str(exc)) from exc
        if params.get("encrypt_type") != "aes":
            return message
        if self.cipher is None:
            raise Rejected("safe mode is not configured")
        encrypted = message.get("Encrypt", "")
        if not check_signature(
            params.get("msg_signature", ""), self.token, params["timestamp"], params["nonce"], encrypted
        ):
            raise Rejected("bad msg_signature")
        try:
            return parse(self.cipher.decrypt(encrypted).encode())
        except (WeChatCryptoError, BadMessage) as exc:
            raise Rejected(f"cannot decrypt: {exc}") from exc

    # --- handling -------------------------------------------------------------------------------------------

    async def handle(self, params: dict[str, str], body: bytes) -> Outcome:
        self._verify(params)
        message = self._open(params, body)
        openid = message.get("FromUserName", "")
        key = _message_key(message)
        nonce_key = f"nonce:{params['timestamp']}:{params['nonce']}"
        if not self.seen.claim(nonce_key, "nonce", key):
            log_event(log, "replay", channel=CHANNEL, user_id=openid)
            return self._cached(params, self.seen.get(nonce_key)[1], message)
        if not self.seen.claim(key, "processing"):
            log_event(log, "retry", channel=CHANNEL, user_id=openid)
            return self._cached(params, key, message)
        incoming = _incoming(message)
        log_event(
            log,
            "message",
            channel=CHANNEL,
            user_id=openid,
            kind=incoming.kind if incoming else "other",
            size=len(message.get("Content", "")),
        )
        if incoming is None:
            return self._passive(params, key, message, [UNSUPPORTED])
        if not self.limiter.allow(openid):
            return self._passive(params, key, message, [TOO_MANY])
        task = asyncio.create_task(asyncio.to_thread(self._process, openid, incoming))
        try:
            chunks = await asyncio.wait_for(asyncio.shield(task), self.passive_timeout)
        except TimeoutError:
            self.seen.set(key, "delegated")
            log_event(log, "delegated", channel=CHANNEL, user_id=openid)
            self._track(asyncio.create_task(self._deliver_later(task, openid)))
            return Outcome("success", "text/plain")
        if len(chunks) > 1:
            self._track(asyncio.create_task(asyncio.to_thread(self._send_all, openid, chunks[1:])))
        return self._passive(params, key, message, chunks[:1])

    def _process(self, openid: str, incoming: Incoming) -> list[str]:
        replies = self.core.dialog.handle(CHANNEL, openid, incoming)
        chunks = self.render(replies)
        if len(chunks) > 1 and self.sender is None:  # no customer-service API: one message, and a link to the rest
            return [self._excerpt_with_link(chunks)]
        return chunks

    def _excerpt_with_link(self, chunks: list[str]) -> str:
        url = self._link(Document("pilotbot-回复全文.txt", "text/plain; charset=utf-8", "\n\n".join(chunks).encode()))
        tail = f"\n……内容较长，完整内容请打开：{url}"
        head = split_message(chunks[0], MAX_BYTES - utf8_bytes(tail), utf8_bytes)[0]
        return head + tail

    async def _deliver_later(self, task: asyncio.Task, openid: str) -> None:
        chunks = await task
        await asyncio.to_thread(self._send_all, openid, chunks)

    def _send_all(self, openid: str, chunks: list[str]) -> None:
        if self.sender is None:
            log.warning(
                "customer-service API not configured (PILOTBOT_WECHAT_SECRET); %d message(s) dropped", len(chunks)
            )
            return
        for chunk in chunks:
            try:
                self.sender.send_text(openid, chunk)
            except Exception as exc:  # a failed delivery must not take the worker down
                log.warning("customer-service send failed: %s", type(exc).__name__)
                return

    def _track(self, task: asyncio.Task) -> None:
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def drain(self) -> None:
        """Wait for background deliveries (used at shutdown and by tests)."""
        while self._background:
            await asyncio.gather(*list(self._background), return_exceptions=True)

    # --- replies --------------------------------------------------------------------------------------------

    def _passive(self, params: dict[str, str], key: str, message: dict[str, str], chunks: list[str]) -> Outcome:
        content = chunks[0] if chunks else ""
        self.seen.set(key, "replied", content)
        return self._xml(params, message, content)

    def _cached(self, params: dict[str, str], key: str, message: dict[str, str]) -> Outcome:
        found = self.seen.get(key)
        if found and found[0] == "replied":
            return self._xml(params, message, found[1])
        return Outcome("success", "text/plain")

    def _xml(self, params: dict[str, str], message: dict[str, str], content: str) -> Outcome:
        xml = text_reply(message.get("FromUserName", ""), message.get("ToUserName", ""), content, int(self.clock()))
        if params.get("encrypt_type") != "aes" or self.cipher is None:
            return Outcome(xml)
        encrypted = self.cipher.encrypt(xml)
        timestamp, nonce = str(int(self.clock())), params["nonce"]
        return Outcome(
            encrypted_envelope(encrypted, signature(self.token, timestamp, nonce, encrypted), timestamp, nonce)
        )

    def render(self, replies: list[Reply]) -> list[str]:
        """Replies as WeChat texts: ≤2048 bytes each, at most 5; numbered options; documents as links."""
        blocks = [self._render_one(reply) for reply in replies]
        chunks = split_message("\n\n".join(b for b in blocks if b), MAX_BYTES, utf8_bytes)
        if len(chunks) <= MAX_MESSAGES:
            return chunks
        full = "\n\n".join(chunks)
        url = self._link(Document("pilotbot-回复全文.txt", "text/plain; charset=utf-8", full.encode()))
        return [*chunks[: MAX_MESSAGES - 1], f"内容较长，以上为节选。完整内容请打开：{url}"]

    def _render_one(self, reply: Reply) -> str:
        parts = [reply.text] if reply.text else []
        if reply.citations:
            parts.append("依据：" + "、".join(f"〔{c.id}〕" for c in reply.citations))
        if reply.options:
            parts.append("回复数字选择：\n" + "\n".join(f"{n}. {o.label}" for n, o in enumerate(reply.options, 1)))
        if reply.document:
            parts.append(f"下载 {reply.document.filename}：{self._link(reply.document)}")
        return "\n".join(parts)

    def _link(self, document: Document) -> str:
        return f"{self.core.settings.public_url.rstrip('/')}/api/documents/{self.core.documents.put(document)}"


def _message_key(message: dict[str, str]) -> str:
    if message.get("MsgId"):
        return f"msg:{message['MsgId']}"
    return f"evt:{message.get('FromUserName', '')}:{message.get('CreateTime', '')}:{message.get('Event', '')}"


def _incoming(message: dict[str, str]) -> Incoming | None:
    kind = message.get("MsgType")
    if kind == "text":
        return Incoming.of_text(message.get("Content", ""))
    if kind == "event":
        event = message.get("Event", "").lower()
        if event in EVENT_COMMANDS:
            return Incoming.of_command(EVENT_COMMANDS[event])
        if event == "click" and message.get("EventKey"):
            return Incoming.of_command(message["EventKey"].lower())
    return None
