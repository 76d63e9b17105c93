"""The dialog, telling the answerer who is asking so the questions log knows the channel and hashed user."""

from __future__ import annotations

from bot.core.answering.asker import asking
from bot.core.dialog.dialog import Dialog
from bot.core.dialog.messages import Incoming, Reply


class RecordedDialog(Dialog):
    def handle(self, channel: str, user_id: str, incoming: Incoming) -> list[Reply]:
        with asking(channel, user_id):
            return super().handle(channel, user_id, incoming)
