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
    pair: tuple[str, ...] = ()  # the two types last discussed together, for “两者有什么不同”
    own_type: str | None = None  # the type the user introduced themselves as, for “回到我们自己”
    situation: str = ""  # what the user said of their own circumstances (“去年出过一次较大的事故”)
    situation_type: str | None = None  # …and the type they spoke as then
    place: str | None = None  # the organiser of where the user said they are (化工区 → 上海化工区管委会)
    elsewhere: str | None = None  # the topic of a place outside the programme the user said they are in (昆山)
    overview: bool = False  # the last answer was a type's overview, so “那楼宇呢” asks 楼宇's overview
    shown: tuple[tuple[str, ItemKind, int], ...] = ()  # the last single items shown, oldest first: (type, kind, n)
    counts: tuple[tuple[str, int], ...] = ()  # the types counted last (“园区3个，企业5个”), for “哪些类别超了”
    cited: tuple[tuple[str, ItemKind, int], ...] = ()  # guide entries the last answers quoted, newest first
    seen: tuple[str, ...] = ()  # the types discussed, most recent last, each once: “这三类” counts back from the end
    told: tuple[tuple[str, ItemKind, int], ...] = ()  # the items a plan was told to hold, for “漏了哪些”
    subject: tuple[str, ...] = ()  # the words the single item shown was asked by (环境投诉), for “那社区呢”

    @classmethod
    def of_session(cls, data: dict) -> Memory:
        """The memory kept in a session's data; a first-release session knows only the type its flows chose."""
        if "memory" in data:
            return cls.of(data["memory"])
        legacy = data.get("type")
        return cls(type=legacy) if isinstance(legacy, str) else cls()

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
    type_explicit: bool = False  # named as “X类” (按楼宇类, 报社区类): the type is what is asked about
    item_kinds: tuple[ItemKind, ...] = ()  # kinds named in the asking part, in order
    kind_remembered: bool = False
    whole_list: bool = False  # “每项都得做吗” right after a list: a yes/no of all its items
    item_number: int | None = None  # “第4条”, “必选项四”, or “第三条” against the last list
    item_clause: str | None = None  # the item meant by its content, when its concepts single it out
    unsaid: tuple[str, ...] = ()  # words the item was asked by before that the item meant now never says (基金会)
    foreign_item: str | None = None  # …an item of another type than the one asked about (楼宇 and EOD)
    fact: str | None = None  # the programme fact asked about
    fact_strength: int = 0  # length of the longest keyword that named it (0: remembered, or none)
    forms: frozenset[QuestionForm] = frozenset()
    unset_topic: str | None = None  # a topic the notice never settles
    content: tuple[str, ...] = ()  # words naming a topic beyond type, kind and question words
    elliptical: bool = False  # “那楼宇呢”, “必选项呢”: completes the previous question
    value_slot: str | None = None  # the kind of value asked for (频次, 时长, 金额, 人员, 部门), when one is
    stated_value: tuple[str, str] | None = None  # (slot, value) a yes/no question states: “每个季度报一次吗”
    about_applying: bool = False  # names applying itself (申报, 资格 …), not only what a pilot does
    asks_applying: bool = False  # …in the part that asks (“条件都OK。想问清洁生产那条讲啥” does not)
    statement: bool = False  # asks nothing (“我们是化工园区”): the user is introducing themselves
    told_again: bool = False  # …naming the type they already introduced themselves as (“镇里正在谋划一个EOD项目”)
    speaker: str | None = None  # of two types named, the one the user says they are (“我在一个居委会，街道说…”)
    verb: str | None = None  # the verb a yes/no question asks with (“一定要…吗” → 一定要), to answer in its words
    counted: int | None = None  # applicants the message counts (“5个街道都想报”), read against the quota
    situation: str = ""  # clauses stating the user's own circumstances against a condition (“去年被罚过款”)
    recalled: str = ""  # circumstances stated earlier in the conversation, when this question asks about them
    place: str | None = None  # the organiser of where the user is, said now or before (化工区 → 上海化工区管委会)
    compared: tuple[tuple[str, ItemKind, int], ...] = ()  # two items to set side by side: (type, kind, number)
    compared_facts: tuple[str, ...] = ()  # “这个跟申报截止时间是一回事吗” after the annual report: two facts
    items_back: tuple[tuple[str, ItemKind, int], ...] = ()  # “这三件里哪几件属于必选项”: the items shown lately
    told_items: tuple[tuple[str, ItemKind, int], ...] = ()  # “必选项只写了A、B、C”: the items a plan holds
    across: tuple[tuple[str, tuple[str, ...]], ...] = ()  # “哪几类有…的要求”: each type, its entries saying it
    elsewhere: str | None = None  # the user is outside the programme's area (said now or before): its unset topic
    counts: tuple[tuple[str, int], ...] = ()  # several types counted at once (“园区3个，企业5个，社区2个”)
    stage_done: str | None = None  # the procedure step a statement tells is behind the user (审核 of “已经审核通过了”)
    supposed: str = ""  # the clause that supposes a time (“要是明年5月才弄完呢”), read against deadlines and windows
    year: int | None = None  # a calendar year the question is about (“2026年这一年的总结”), not one it supposes
    stated_length: tuple[int, bool] | None = None  # “简介写了500多字”: (500, True), read against a field's limit
    notes: tuple[str, ...] = field(default=())  # how the message was read (typos fixed …), for logs and tests

    @property
    def item_kind(self) -> ItemKind | None:
        return self.item_kinds[0] if self.item_kinds else None

    @property
    def type(self) -> str | None:
        return self.types[0] if len(self.types) == 1 else None

    def asks(self, form: QuestionForm) -> bool:
        return form in self.forms
