"""The python-telegram-bot Application: handlers translate updates into core messages and replies back.

No dialog logic and no ``ConversationHandler``/``user_data`` here: the session store holds every dialog,
so a restarted bot resumes where each user was.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import time
from pathlib import PurePath

from telegram import BotCommand, InputFile, Update
from telegram.constants import ParseMode
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from bot.channels.blocking import run_blocking
from bot.channels.logs import log_event
from bot.channels.ratelimit import TOO_MANY, UserRateLimiter
from bot.channels.telegram.render import render_text
from bot.core.dialog.messages import COMMANDS, Incoming, Reply
from bot.core.plans.files import MAX_UPLOAD_BYTES, SUPPORTED
from bot.core.runtime import Core

log = logging.getLogger("pilotbot.telegram")
CHANNEL = "telegram"
COMMAND_DESCRIPTIONS = {
    "start": "开始 / 主菜单",
    "help": "使用帮助",
    "ask": "提问（/ask 问题）",
    "eligibility": "申报资格自查",
    "items": "必选项、创新项清单与进度",
    "draft": "起草试点实施方案",
    "check": "检查实施方案（发送文件）",
    "cancel": "取消当前流程",
    "reset": "清除我的数据",
}


class Pacer:
    """At most one message per ``interval`` seconds per chat, sent in order (Telegram's per-chat limit)."""

    def __init__(self, interval: float = 1.0) -> None:
        self.interval = interval
        self._locks: dict[int, asyncio.Lock] = {}
        self._last: dict[int, float] = {}

    @contextlib.asynccontextmanager
    async def turn(self, chat_id: int):
        """Wait out the interval since the chat's last message was *sent*, then send. Counting from the end of
        the previous send, not from when it was let go, no two messages reach Telegram closer than the
        interval however long each request took."""
        delay = self._last.get(chat_id, 0.0) + self.interval - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        try:
            yield
        finally:
            self._last[chat_id] = time.monotonic()

    def lock(self, chat_id: int) -> asyncio.Lock:
        return self._locks.setdefault(chat_id, asyncio.Lock())


def build_application(core: Core, *, webhook: bool, request=None, pace: float = 1.0) -> Application:
    """A PTB Application over the core; ``webhook=True`` disables the updater (updates arrive via /telegram)."""
    assert core.settings.telegram_token is not None
    builder = Application.builder().token(core.settings.telegram_token.get_secret_value())
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    elif proxy := core.settings.telegram_proxy:  # in mainland China, Telegram's API is reached through one
        builder = builder.proxy(proxy).get_updates_proxy(proxy)
    if webhook:
        builder = builder.updater(None)
    application = builder.post_init(register_commands).build()
    application.bot_data.update(core=core, pacer=Pacer(pace), limiter=UserRateLimiter(core.settings.user_rate_limit))
    application.add_handler(CommandHandler(list(COMMANDS), on_command))
    application.add_handler(CallbackQueryHandler(on_choice))
    application.add_handler(MessageHandler(filters.Document.ALL, on_document))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, on_text))
    application.add_handler(MessageHandler(filters.COMMAND, on_command))
    return application


async def register_commands(application: Application) -> None:
    """Show the commands in Telegram's menu, with Chinese descriptions."""
    await application.bot.set_my_commands([BotCommand(n, d) for n, d in COMMAND_DESCRIPTIONS.items()])


async def on_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Turn /command [argument] into a core command."""
    text = update.effective_message.text or ""
    name = text.split()[0].lstrip("/").split("@")[0].lower()
    await _handle(update, context, Incoming.of_command(name, " ".join(context.args or [])))


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Free text: a question, or an answer inside a dialog."""
    await _handle(update, context, Incoming.of_text(update.effective_message.text or ""))


async def on_choice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An inline-keyboard button: acknowledge at once, then let the core act on the choice."""
    query = update.callback_query
    await query.answer()
    await _handle(update, context, Incoming.of_choice(query.data or ""))


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A draft to check: only .docx/.md/.txt up to 5 MB are downloaded at all."""
    document = update.effective_message.document
    name = document.file_name or ""
    if PurePath(name).suffix.lower() not in SUPPORTED:
        await _send(context, update.effective_chat.id, [Reply("仅支持 .docx、.md、.txt 格式的方案文件。")])
        return
    if (document.file_size or 0) > MAX_UPLOAD_BYTES:
        await _send(context, update.effective_chat.id, [Reply("文件超过5MB，请精简后再发送。")])
        return
    file = await document.get_file()
    data = bytes(await file.download_as_bytearray())
    await _handle(update, context, Incoming.of_file(name, data))


async def _handle(update: Update, context: ContextTypes.DEFAULT_TYPE, incoming: Incoming) -> None:
    core: Core = context.bot_data["core"]
    user_id = str(update.effective_user.id)
    chat_id = update.effective_chat.id
    log_event(log, "message", channel=CHANNEL, user_id=user_id, kind=incoming.kind)
    if not context.bot_data["limiter"].allow(user_id):
        await _send(context, chat_id, [Reply(TOO_MANY)])
        return
    replies = await run_blocking(core.dialog.handle, CHANNEL, user_id, incoming)
    await _send(context, chat_id, replies)


async def _send(context: ContextTypes.DEFAULT_TYPE, chat_id: int, replies: list[Reply]) -> None:
    await send_replies(context.bot, context.bot_data["pacer"], chat_id, replies)


async def send_replies(bot, pacer: Pacer, chat_id: int, replies: list[Reply]) -> None:
    """Send in order, one message per pace interval; documents as files, text as escaped HTML pieces."""
    async with pacer.lock(chat_id):
        for reply in replies:
            if reply.document:
                async with pacer.turn(chat_id):
                    await bot.send_document(
                        chat_id,
                        InputFile(io.BytesIO(reply.document.data), filename=reply.document.filename),
                        caption=reply.text[:1000] or None,
                    )
                continue
            for piece in render_text(reply):
                async with pacer.turn(chat_id):
                    await bot.send_message(chat_id, piece.html, parse_mode=ParseMode.HTML, reply_markup=piece.keyboard)
