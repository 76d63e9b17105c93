"""What an answer is, whichever path produced it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Mode = Literal["rules", "extractive", "llm"]


@dataclass(frozen=True)
class Citation:
    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Answer:
    answer: str
    citations: list[Citation] = field(default_factory=list)
    refused: bool = False
    mode: Mode = "rules"
