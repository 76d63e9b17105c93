"""The conversation core: one state machine behind every channel.

Channels hand in :class:`Incoming` messages and send back the :class:`Reply` list; all dialog
state lives in the session store, so a restart resumes any dialog where it was.
"""

from __future__ import annotations

import re

from bot.core.dialog.flows import checking, drafting, eligibility, items
from bot.core.dialog.flows.common import Services, idle
from bot.core.dialog.messages import COMMANDS, Incoming, Option, Reply
from bot.core.dialog.states import Idle, resumable
from bot.core.stores.sessions import Session, SessionStore
from bot.core.understanding.memory import remember
from bot.core.understanding.query import Memory

MAX_TEXT = 4000
# Each flow is started by the command of its name, and owns the states named "<name>.<step>".
FLOWS = {"eligibility": eligibility, "items": items, "draft": drafting, "check": checking}
# Words that act as commands on channels without slash commands (WeChat), and slash commands typed as text.
COMMAND_WORDS = {
    "菜单": "help",
    "帮助": "help",
    "开始": "start",
    "你好": "start",
    "资格": "eligibility",
    "资格自查": "eligibility",
    "清单": "items",
    "申报清单": "items",
    "起草": "draft",
    "起草方案": "draft",
    "检查": "check",
    "检查方案": "check",
    "取消": "cancel",
    "退出": "cancel",
    "重置": "reset",
    "清除数据": "reset",
    "提问": "ask",
}
MENU = [
    Option("资格自查", "cmd:eligibility"),
    Option("申报清单", "cmd:items"),
    Option("起草方案", "cmd:draft"),
    Option("检查方案", "cmd:check"),
]
WELCOME = (
    "您好！我是“上海市现代环境治理体系试点示范”申报助手，所有回答均依据2021年9月8日通知及其附件并注明条款出处。\n"
    "· 直接提问，例如“企业申报条件有哪些”“材料交几份”\n"
    "· 资格自查：逐条核对申报条件\n"
    "· 申报清单：逐项了解必选项、创新项并记录进度\n"
    "· 起草方案：生成3000字以内的试点实施方案框架（Markdown 和 Word）\n"
    "· 检查方案：上传 .docx/.md/.txt 方案，按规则检查\n"
    "随时发送“取消”退出当前流程，“重置”清除您的数据。"
)
_SLASH = re.compile(r"^/(\w+)(?:@\w+)?\s*(.*)$", re.S)


class Dialog:
    def __init__(self, services: Services, store: SessionStore) -> None:
        self.services = services
        self.store = store

    def handle(self, channel: str, user_id: str, incoming: Incoming) -> list[Reply]:
        incoming = _as_command(incoming)
        if incoming.kind == "text" and len(incoming.text) > MAX_TEXT:
            return [
                Reply(f"消息太长（{len(incoming.text)}字），请控制在{MAX_TEXT}字以内；较长的方案请以文件形式发送。")
            ]
        if incoming.kind == "command" and incoming.value == "reset":
            self.store.delete(channel, user_id)
            return [Reply("已清除您在本助手中的所有数据（对话进度、清单标记、方案信息）。发送“菜单”重新开始。")]
        return self.store.transact(channel, user_id, lambda session: self._step(session, incoming))

    def _step(self, session: Session, incoming: Incoming) -> list[Reply]:
        incoming = _numbered_choice(session, incoming)
        if incoming.kind == "choice" and incoming.value.startswith("cmd:"):
            incoming = Incoming.of_command(incoming.value.removeprefix("cmd:"))
        if incoming.kind == "choice" and incoming.value.startswith("ask:"):
            idle(session)  # a suggested question leaves any flow, like a command does
            replies = [self._answer(session, incoming.value.removeprefix("ask:"))]
        elif incoming.kind == "command":
            replies = self._command(session, incoming)
        elif session.state != Idle.IDLE and not resumable(session.state, session.flow):
            idle(session)  # a state from another release, or damaged data: start over, never fail mid-flow
            replies = [Reply("之前的流程无法继续（可能因版本更新），已为您重新开始。请从菜单选择。", MENU)]
        elif session.state != Idle.IDLE:
            replies = FLOWS[session.state.split(".")[0]].on_input(self.services, session, incoming)
        elif incoming.kind == "file":
            replies = checking.on_file_outside_dialog(self.services, session, incoming)
        elif incoming.kind == "choice":
            replies = [Reply("这个选项已过期，请重新选择。", MENU)]
        else:
            replies = [self._answer(session, incoming.text)]
        options = next((r.options for r in reversed(replies) if r.options), [])
        session.data["options"] = [[o.label, o.value] for o in options]
        return replies

    def _command(self, session: Session, incoming: Incoming) -> list[Reply]:
        name, argument = incoming.value, incoming.text.strip()
        if name in ("start", "help"):
            idle(session)
            return [Reply(WELCOME, MENU)]
        if name == "cancel":
            was = session.state
            idle(session)
            return [Reply("已取消当前流程。" if was != Idle.IDLE else "当前没有进行中的流程。", MENU)]
        if name == "ask":
            idle(session)
            return [self._answer(session, argument)] if argument else [Reply("请直接输入您的问题。")]
        if name in FLOWS:
            idle(session)
            return FLOWS[name].start(self.services, session, argument)
        return [Reply(f"未知命令“{name}”。可用命令：" + "、".join(COMMANDS), MENU)]

    def _answer(self, session: Session, question: str) -> Reply:
        """Answer against what the conversation remembers, then remember what this answer was about."""
        memory = Memory.of_session(session.data)
        answer = self.services.answerer.ask(question, memory)
        session.data["memory"] = remember(memory, answer).model_dump(mode="json")
        options = [
            Option(s, f"cmd:{COMMAND_WORDS[s]}" if s in COMMAND_WORDS else f"ask:{s}") for s in answer.suggestions
        ]
        return Reply(answer.answer, options, citations=answer.citations, refused=answer.refused)


def _as_command(incoming: Incoming) -> Incoming:
    """Slash commands and command words typed as text become commands; everything else is left alone."""
    if incoming.kind != "text":
        return incoming
    text = incoming.text.strip()
    if match := _SLASH.match(text):
        return Incoming.of_command(match.group(1).lower(), match.group(2))
    if text in COMMAND_WORDS:
        return Incoming.of_command(COMMAND_WORDS[text])
    return incoming


def _numbered_choice(session: Session, incoming: Incoming) -> Incoming:
    """“2” answers the second of the options last offered, in every flow and on every channel: the number
    shown beside an option (WeChat and the terminal list them numbered) always means that option."""
    options = session.data.get("options") or []
    text = incoming.text.strip()
    if incoming.kind == "text" and text.isdecimal() and 1 <= int(text) <= len(options):
        return Incoming.of_choice(options[int(text) - 1][1])
    return incoming
