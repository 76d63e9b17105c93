"""The WeChat Official Account adapter: verify, decrypt, deduplicate, hand the text to the dialog core,
and answer passively within ~4 s, or after that through the customer-service API — or, without it, as
the passive reply to the user's next message. No reply is dropped."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass

from bot.channels.blocking import run_blocking
from bot.channels.logs import log_event
from bot.channels.ratelimit import TOO_MANY, UserRateLimiter
from bot.channels.text import split_message, utf8_bytes
from bot.channels.wechat.crypto import WeChatCipher, WeChatCryptoError, check_signature, signature
from bot.channels.wechat.customer_service import CustomerServiceSender
from bot.channels.wechat.pending import PendingReplies
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
GENERATING = "正在生成，稍后发送任意消息取回。"
STILL_GENERATING = "（还有内容正在生成，稍后发送任意消息取回。）"
NOTHING_PENDING = "没有待取回的内容。发送“菜单”查看可用功能。"
FAILED = "抱歉，处理这条消息时出错，请稍后重试。"
FETCH_WORDS = {"取回", "取回结果"}  # only fetch: not passed on to the dialog
MODES = ("plaintext", "compatible", "safe")  # 明文 / 兼容 / 安全, as chosen in the 公众平台
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
        mode: str = "plaintext",
        cipher: WeChatCipher | None = None,
        sender: CustomerServiceSender | None = None,
        passive_timeout: float = PASSIVE_TIMEOUT,
        limiter: UserRateLimiter | None = None,
        clock=time.time,
    ) -> None:
        if mode not in MODES or (mode != "plaintext" and cipher is None):
            raise ValueError(f"WeChat mode {mode!r} needs one of {MODES}, and a cipher unless plaintext")
        self.core, self.token, self.mode, self.cipher, self.sender = core, token, mode, cipher, sender
        self.passive_timeout = passive_timeout
        self.limiter = limiter or UserRateLimiter(20)
        self.clock = clock
        self.seen = SeenStore(core.settings.database)
        self.pending = PendingReplies(core.settings.database)
        self._background: set[asyncio.Task] = set()

    # --- verification ---------------------------------------------------------------------------------------

    def verify_url(self, sig: str, timestamp: str, nonce: str, echostr: str) -> str:
        """WeChat's server check (GET): echo ``echostr`` back if the signature is ours and recent."""
        self._verify({"signature": sig, "timestamp": timestamp, "nonce": nonce})
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
            if self.mode == "safe":
                raise Rejected("plaintext message in safe mode")
            return message
        if self.mode == "plaintext" or self.cipher is None:
            raise Rejected("encrypted message in plaintext mode")
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
        if not self.seen.claim(nonce_key, "nonce", f"{openid} {key}"):
            log_event(log, "replay", channel=CHANNEL, user_id=openid)
            original = (self.seen.get(nonce_key) or ("", ""))[1].split(" ", 1)
            if original[0] != openid or len(original) < 2:  # a captured nonce naming another user: answer nothing
                return Outcome("success", "text/plain")
            return self._cached(params, original[1], message)
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
        if not self.limiter.allow(openid):
            return self._passive(params, key, message, [TOO_MANY])
        earlier, generating = await asyncio.to_thread(self.pending.take, openid)
        still = [STILL_GENERATING] if generating else []
        if incoming is None:
            return await self._reply(params, key, message, [*earlier, UNSUPPORTED, *still])
        if incoming.kind == "text" and incoming.text.strip() in FETCH_WORDS and (earlier or generating):
            return await self._reply(params, key, message, [*earlier, *still] if earlier else [GENERATING])
        task = asyncio.create_task(run_blocking(self._process, openid, incoming))
        try:
            chunks = await asyncio.wait_for(asyncio.shield(task), self.passive_timeout)
        except TimeoutError:
            return await self._late(params, key, message, task, earlier)
        except Exception:
            log.exception("dialog failed on a WeChat message")
            chunks = [FAILED]
        return await self._reply(params, key, message, [*earlier, *chunks, *still])

    async def _late(
        self, params: dict[str, str], key: str, message: dict[str, str], task: asyncio.Task, earlier: list[str]
    ) -> Outcome:
        """The reply missed the passive window: push it when it is ready, or keep it for the next message."""
        openid = message.get("FromUserName", "")
        if self.sender is not None:
            self.seen.set(key, "delegated")
            log_event(log, "delegated", channel=CHANNEL, user_id=openid)
            self._track(asyncio.create_task(self._deliver_later(task, openid)))
            if earlier:
                return await self._reply(params, key, message, earlier)
            return Outcome("success", "text/plain")
        pending_id = await asyncio.to_thread(self.pending.open, openid)
        log_event(log, "kept", channel=CHANNEL, user_id=openid)
        self._track(asyncio.create_task(self._keep_later(task, pending_id)))
        return await self._reply(params, key, message, [*earlier, GENERATING])

    def _process(self, openid: str, incoming: Incoming) -> list[str]:
        replies = self.core.dialog.handle(CHANNEL, openid, incoming)
        chunks = self.render(replies)
        if len(chunks) > 1 and self.sender is None:  # no customer-service API: one message, and a link to the rest
            return [self._excerpt_with_link(chunks)]
        return chunks

    def _one_message(self, parts: list[str]) -> str:
        """Everything in one passive message: whole when it fits, else an excerpt and a link to the rest."""
        text = "\n\n".join(p for p in parts if p)
        if utf8_bytes(text) <= MAX_BYTES:
            return text
        return self._excerpt_with_link(split_message(text, MAX_BYTES, utf8_bytes))

    def _excerpt_with_link(self, chunks: list[str]) -> str:
        url = self._link(Document("pilotbot-回复全文.txt", "text/plain; charset=utf-8", "\n\n".join(chunks).encode()))
        tail = f"\n……内容较长，完整内容请打开：{url}"
        head = split_message(chunks[0], MAX_BYTES - utf8_bytes(tail), utf8_bytes)[0]
        return head + tail

    async def _reply(self, params: dict[str, str], key: str, message: dict[str, str], parts: list[str]) -> Outcome:
        """Answer passively; what does not fit goes through the customer-service API, or into one message."""
        openid = message.get("FromUserName", "")
        if self.sender is None:
            content = await asyncio.to_thread(self._one_message, parts)
            return self._passive(params, key, message, [content])
        if len(parts) > 1:
            self._track(asyncio.create_task(asyncio.to_thread(self._send_all, openid, parts[1:])))
        return self._passive(params, key, message, parts[:1])

    @staticmethod
    async def _result(task: asyncio.Task) -> list[str]:
        try:
            return await task
        except Exception:
            log.exception("dialog failed on a WeChat message")
            return [FAILED]

    async def _deliver_later(self, task: asyncio.Task, openid: str) -> None:
        chunks = await self._result(task)
        await asyncio.to_thread(self._send_all, openid, chunks)

    async def _keep_later(self, task: asyncio.Task, pending_id: int) -> None:
        chunks = await self._result(task)
        content = await asyncio.to_thread(self._one_message, chunks)
        await asyncio.to_thread(self.pending.fill, pending_id, content)

    def _send_all(self, openid: str, chunks: list[str]) -> None:
        """Push through the customer-service API; whatever cannot be pushed waits for the next message."""
        for n, chunk in enumerate(chunks):
            try:
                if self.sender is None:
                    raise RuntimeError("customer-service API not configured")
                self.sender.send_text(openid, chunk)
            except Exception as exc:  # a failed delivery must not take the worker down, nor lose the reply
                log.warning("customer-service send failed (%s); reply kept for the next message", type(exc).__name__)
                self.pending.keep(openid, self._one_message(chunks[n:]))
                return

    def _track(self, task: asyncio.Task) -> None:
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def drain(self, timeout: float | None = None) -> None:
        """Wait for background deliveries (at shutdown, at most ``timeout`` seconds; and in tests)."""
        deadline = None if timeout is None else asyncio.get_running_loop().time() + timeout
        while self._background:
            left = None if deadline is None else deadline - asyncio.get_running_loop().time()
            if left is not None and left <= 0:
                log.warning("%d WeChat deliveries still running at shutdown", len(self._background))
                return
            await asyncio.wait(list(self._background), timeout=left)

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
    """One key per delivery, bound to its sender: a retry or replay naming another user is another message."""
    if message.get("MsgId"):
        return f"msg:{message.get('FromUserName', '')}:{message['MsgId']}"
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
