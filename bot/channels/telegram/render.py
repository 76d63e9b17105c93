"""Core replies as Telegram messages: escaped HTML under 4096 characters, inline keyboards for choices."""

from __future__ import annotations

import html
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.channels.text import split_message
from bot.core.dialog.messages import Reply

LIMIT = 4096
TEXT_BUDGET = 3500  # escaping can grow text (& → &amp;); split the raw text well under the limit


@dataclass(frozen=True)
class OutgoingText:
    html: str
    keyboard: InlineKeyboardMarkup | None = None


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.options:
        return None
    rows, row = [], []
    for option in reply.options:
        row.append(InlineKeyboardButton(option.label, callback_data=option.value[:64]))
        if len(row) == 3:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    return InlineKeyboardMarkup(rows)


def render_text(reply: Reply) -> list[OutgoingText]:
    """Everything from documents or users is escaped; only our own tags are HTML."""
    pieces = [html.escape(p, quote=False) for p in split_message(reply.text, TEXT_BUDGET)]
    if reply.citations:
        lines = "\n".join(f"〔{html.escape(c.id)}〕{html.escape(c.title, quote=False)}" for c in reply.citations)
        quote = f"<blockquote expandable>依据条款：\n{lines}</blockquote>"
        if pieces and len(pieces[-1]) + len(quote) + 1 <= LIMIT:
            pieces[-1] = f"{pieces[-1]}\n{quote}"
        else:
            pieces += [f"<blockquote expandable>{p}</blockquote>" for p in split_message(lines, TEXT_BUDGET)]
    out = [OutgoingText(p) for p in pieces if p]
    if out and reply.options:
        out[-1] = OutgoingText(out[-1].html, keyboard(reply))
    return out
