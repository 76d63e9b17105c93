"""What an answer is, whichever path produced it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from knowledge.lexicon import ItemKind

Mode = Literal["rules", "extractive", "llm", "curated"]


@dataclass(frozen=True)
class Citation:
    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Topic:
    """What an answer was about, so the next message can refer to it (“第三条”, “那楼宇呢”)."""

    type: str | None = None
    item_kind: ItemKind | None = None
    fact: str | None = None
    listed: tuple[int, ...] = ()
    item: int | None = None  # the one item shown, when the answer is about a single item
    types: tuple[str, ...] = ()  # the types an answer covered together (a comparison)
    overview: bool = False  # a type's overview (content, conditions, counts): “那楼宇呢” asks the same of 楼宇
    excluded: str | None = None  # the type the user's unit was just judged not to be (住宅小区 is no 楼宇)


@dataclass(frozen=True)
class Answer:
    answer: str
    citations: list[Citation] = field(default_factory=list)
    refused: bool = False
    mode: Mode = "rules"
    topic: Topic | None = None
    assumed_type: str | None = None  # the applicant type taken from the conversation, not from the question
    suggestions: tuple[str, ...] = ()  # next questions worth asking
    stated: str = ""  # the circumstances the user stated in the message, for the conversation to remember
    introduced: str | None = None  # the type the user introduced themselves as in the message (“我们是化工厂”)
    place: str | None = None  # the organiser of the place the user said they are in (化工区 → 上海化工区管委会)
    counts: tuple[tuple[str, int], ...] = ()  # the types the user counted, judged against their quotas
    told: tuple[tuple[str, ItemKind, int], ...] = ()  # the items the user said a plan holds (“只写了A、B、C”)
    elsewhere: str | None = None  # the user said they are outside the programme's area (江苏昆山): its unset topic
    subject: tuple[str, ...] = ()  # what a single entry shown was asked about (环境投诉), for “那社区呢”
