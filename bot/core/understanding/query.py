"""What one message asks, and what the conversation remembers: the typed result of understanding."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict

from knowledge.lexicon import ItemKind, QuestionForm

MEMORY_VERSION = 1


class Memory(BaseModel):
    """The conversation so far, as far as understanding needs it; kept in the session for every channel.

    ``version`` lets a later release read an older session instead of failing on it.
    """

    model_config = ConfigDict(extra="ignore")

    version: int = MEMORY_VERSION
    type: str | None = None  # the applicant type last stated or inferred
    item_kind: ItemKind | None = None  # the kind of the last list or item shown
    fact: str | None = None  # the programme fact last answered
    listed: tuple[int, ...] = ()  # the item numbers of the last list shown, for “第三条”
    item: int | None = None  # the single item last shown, for “这个是必须做的吗”

    @classmethod
    def of(cls, raw: object) -> Memory:
        """Whatever an older session holds becomes a valid memory (unknown or broken parts are dropped)."""
        if not isinstance(raw, dict):
            return cls()
        try:
            return cls.model_validate(raw)
        except ValueError:
            return cls()


@dataclass(frozen=True)
class Query:
    """One message, understood once; the rules answers, retrieval and the flows all read this."""

    text: str  # as received (bounded)
    normalized: str  # typos, romanised and English terms replaced by the notice's words
    asking: str  # the part of the message that asks (“联系电话我已经有了，想问…” → what follows 想问)
    types: tuple[str, ...] = ()  # applicant type ids, named in the message or remembered
    type_remembered: bool = False  # the type comes from the conversation, not from this message
    item_kinds: tuple[ItemKind, ...] = ()  # kinds named in the asking part, in order
    kind_remembered: bool = False
    item_number: int | None = None  # “第4条”, “必选项四”, or “第三条” against the last list
    item_clause: str | None = None  # the item meant by its content, when its concepts single it out
    fact: str | None = None  # the programme fact asked about
    forms: frozenset[QuestionForm] = frozenset()
    unset_topic: str | None = None  # a topic the notice never settles
    content: tuple[str, ...] = ()  # words naming a topic beyond type, kind and question words
    elliptical: bool = False  # “那楼宇呢”, “必选项呢”: completes the previous question
    notes: tuple[str, ...] = field(default=())  # how the message was read (typos fixed …), for logs and tests

    @property
    def item_kind(self) -> ItemKind | None:
        return self.item_kinds[0] if self.item_kinds else None

    @property
    def type(self) -> str | None:
        return self.types[0] if len(self.types) == 1 else None

    def asks(self, form: QuestionForm) -> bool:
        return form in self.forms
