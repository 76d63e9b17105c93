"""Typed messages in and replies out: the only vocabulary channels and the dialog core share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from bot.core.answering.answer import Citation

COMMANDS = ("start", "help", "ask", "eligibility", "items", "draft", "check", "cancel", "reset")


@dataclass(frozen=True)
class Incoming:
    """One user message: free text, a button choice, an uploaded file, or a command (with optional argument)."""

    kind: Literal["text", "choice", "file", "command"]
    text: str = ""
    value: str = ""
    filename: str = ""
    data: bytes = b""

    @classmethod
    def of_text(cls, text: str) -> Incoming:
        return cls("text", text=text)

    @classmethod
    def of_choice(cls, value: str) -> Incoming:
        return cls("choice", value=value)

    @classmethod
    def of_file(cls, filename: str, data: bytes) -> Incoming:
        return cls("file", filename=filename, data=data)

    @classmethod
    def of_command(cls, name: str, argument: str = "") -> Incoming:
        return cls("command", value=name, text=argument)


@dataclass(frozen=True)
class Option:
    label: str
    value: str


@dataclass(frozen=True)
class Document:
    filename: str
    mime: str
    data: bytes


@dataclass(frozen=True)
class Reply:
    """One message back: text, optionally with buttons, citations or a document attached."""

    text: str = ""
    options: list[Option] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    document: Document | None = None
    refused: bool = False  # the question was outside the notice, or asked what the notice does not settle
