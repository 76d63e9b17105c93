"""The words of understanding (``understanding.yaml``), validated and cross-checked against the rules.

Like the rules, these are data: a cue that leads nowhere (an unknown fact, a clause pattern matching no
clause) fails at load time with the file and field named, not at the first question that needs it.
"""

from __future__ import annotations

import re
from fnmatch import fnmatch
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from knowledge.rules import RULES_PATH, Rules, RulesError, default_rules

LEXICON_PATH = RULES_PATH.parent / "understanding.yaml"

ItemKind = Literal["condition", "mandatory", "innovation", "scoring"]
QuestionForm = Literal[
    "compare",
    "after",
    "when",
    "how_many",
    "yes_no",
    "requirement",
    "which",
    "to_whom",
    "first",
    "procedure",
    "which_type",
    "which_types",
    "firm",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KindCues(_Strict):
    label: str
    cues: tuple[str, ...] = Field(min_length=1)
    clauses: tuple[str, ...] = Field(min_length=1)
    in_view: tuple[str, ...] = ()  # words naming the kind only while it is the kind in view


class UnsetTopic(_Strict):
    """Something applicants ask that the notice never settles (durations, fees, other regions …)."""

    id: str
    label: str
    cues: tuple[str, ...] = Field(min_length=1)
    related: tuple[str, ...] = ()  # ids of the facts the notice does set nearby
    answered_by_dates: bool = False  # asked of a fact with a yearly date, the date is the answer
    anywhere: bool = False  # said anywhere in the message (“我们是浙江嘉善的企业，…能不能报”), not only where it asks
    off_topic: bool = False  # not about the programme at all: refused as off-topic, not as “通知未作规定”
    supposed_anywhere: bool = False  # named in a clause that supposes (“如果…行政复议被撤销了，还算不算…”), it is asked
    asked_as: tuple[QuestionForm, ...] = ()  # only when asked in one of these forms (“几号前交到区里” asks when)
    # facts it is asked as the other side of (“这个截止是交给区里还是交给市里的”): that side is answered
    alternative_to: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()  # questions about the topic in other words, matched by meaning


class Judgement(_Strict):
    """How a yes/no answer is worded after the verb the question used (“需要吗” → 需要 / 不需要)."""

    verbs: tuple[str, ...] = Field(min_length=1)
    positive: str
    negative: str


class ValueSlot(_Strict):
    """A kind of value a question asks for, and what such a value looks like in an answer's text."""

    label: str
    asks: tuple[str, ...] = ()  # none: consulted only by the form of the question (the count of “多少个”)
    values: tuple[str, ...] = Field(min_length=1)
    stated: bool = False  # a value of this kind stated in a yes/no question must be the one the answer holds
    money: tuple[str, ...] = ()  # words that ask about money in a yes/no question (the amount slot only)
    owner: str | None = None  # the one fact such a value belongs to (a phone number: the contacts), if any

    def found_in(self, text: str, measure: str = "") -> bool:
        """Whether the text holds a value of this kind — counted in ``measure`` when the question named one
        (“几支” is answered by a number of 支, not by “40分”)."""
        found = (m.group() for pattern in self.values for m in re.finditer(pattern, text))
        return any(not measure or value.endswith(measure) for value in found)

    def stated_in(self, text: str) -> str | None:
        """The value of this kind a text states (“每个季度”), if any."""
        for pattern in self.values:
            if match := re.search(pattern, text):
                return match.group()
        return None


class EventTimes(_Strict):
    """The words that place a stated event in time (“去年”, “2025年初”, “这个月初”), read against a
    condition's window (近三年内, 近一年); numerals and 年/月 are grammar, in the code."""

    years_back: dict[str, int]  # 今年 0, 去年 1, 前年 2 …
    recent: tuple[str, ...]  # 最近, 这个月, 前几天: within ``recent_months`` of today
    recent_months: int = Field(ge=1)
    parts: dict[str, tuple[int, int]]  # 年初, 下半年, 春天 …: the months of a year they span
    negations: tuple[str, ...]  # “一次处罚都没有”: the event did not happen
    # A time the user supposes (“要是明年5月才弄完”, “等到明年4月以后”), read against deadlines and windows:
    years_ahead: dict[str, int] = {}  # 明年 1, 后年 2 (with years_back's 今年 0)
    months_ahead: dict[str, int] = {}  # 下个月 1
    month_parts: dict[str, tuple[int, int]] = {}  # 初 / 中旬 / 底 after “N月”: the days of the month they span
    supposing: tuple[str, ...] = ()  # before the time: 要是, 等到, 拖到
    then_words: tuple[str, ...] = ()  # right after the time: 才, 以后, 之后
    # “那还能赶上吗”, “最早能赶上哪一年”: asks whether a time the user told before makes a deadline
    catch_words: tuple[str, ...] = ()


class Lexicon(_Strict):
    """The words of understanding (`understanding.yaml`)."""

    item_kinds: dict[ItemKind, KindCues]
    forms: dict[QuestionForm, tuple[str, ...]]
    asking: tuple[str, ...]
    not_asking: tuple[str, ...]
    corrections: tuple[str, ...] = ()  # “不对，我是想问我们下面一个居委会”: what follows corrects who is asking
    polite_openers: tuple[str, ...] = ()  # “不好意思，说错了”: words before a correction that do not hide it
    aside_markers: tuple[str, ...]
    item_count_words: tuple[str, ...] = ()  # “一共几条”: how many entries, asked beside another slot (the score)
    previous_refs: tuple[str, ...] = ()  # “跟刚才那个有啥区别”: the item shown before the last one, compared
    aside_refs: tuple[str, ...] = ()  # “先不说这个”: what is set aside is what was just told
    continuations: tuple[str, ...] = ()  # a clause that starts so goes on from the one before (“…，是哪类的条件”)
    similar_words: tuple[str, ...] = ()  # “企业有类似的吗” after an item: the named type's counterpart
    more_words: tuple[str, ...] = ()  # “其他的” after a kind shown: more of that kind
    also_asked: tuple[str, ...] = ()  # “街镇也是必须的吗” after an item: that type's entry on the same thing
    after_alone: tuple[str, ...] = ()  # a message of only these words (“然后”) asks what comes next
    detail_words: tuple[str, ...] = ()  # “具体要做到什么” right after one item: that item
    name_words: tuple[str, ...] = ()  # “以镇政府的名义报”: the words before the applicant's own type
    belongs_words: tuple[str, ...] = ("的",)  # “街道下面居委会”: the type after one of these is the speaker's
    acceptance_verbs: tuple[str, ...] = ()  # “…的行不行”: whether a unit in that situation will do
    list_words: tuple[str, ...] = ()  # “都有哪些”, “有几条” right after a list: that list again
    what_asks: tuple[str, ...] = ()  # “必须做的第一条是什么内容”: what it says, not whether it must be done
    whole_list_words: tuple[str, ...] = ()  # “每项都得做吗” after a kind listed: asked of the whole list
    missing_words: tuple[str, ...] = ()  # “漏了哪些” after a plan's items were told: those not told
    last_refs: tuple[str, ...] = ()  # “回到刚才那个”: the last item shown, though other things came since
    first_refs: tuple[str, ...] = ()  # “回到开头那个”: the oldest item still in view
    each_words: tuple[str, ...] = ()  # “…在两边分别是…”: asked of each of two types
    number_asked: tuple[str, ...] = ()  # “第几条来着” after an item: that item's number
    focus_markers: tuple[str, ...]
    form_facts: dict[QuestionForm, str]
    full_marks: tuple[str, ...]
    situation_markers: tuple[str, ...]
    event_times: EventTimes
    situation_refs: tuple[str, ...]
    own_refs: tuple[str, ...]
    speaker_words: tuple[str, ...] = ()
    engaged_markers: tuple[str, ...] = ()
    guiding_markers: tuple[str, ...] = ()
    counts_against: dict[str, tuple[str, str]]
    # …of which those that ask whether it counts either way (算): as meeting a provision, against a bar
    counts_either_way: tuple[str, ...] = ()
    qualify_words: tuple[str, ...]
    generic_words: tuple[str, ...]
    function_chars: str
    unset_topics: tuple[UnsetTopic, ...]
    typo_terms: tuple[str, ...]
    english: dict[str, str]
    synonyms: dict[str, str]
    followups: dict[str, tuple[str, ...]]
    judgements: tuple[Judgement, ...]
    requirement_verbs: tuple[str, ...]
    requirement_words: tuple[str, ...] = ()  # “这个是硬指标吗”: asks whether it is required, verb or not
    counters: tuple[str, ...]
    both_words: tuple[str, ...]
    both_items_words: tuple[str, ...] = ()
    together_words: tuple[str, ...]
    total_words: tuple[str, ...]
    other_types_words: tuple[str, ...]
    applying: tuple[str, ...]
    application_words: tuple[str, ...] = ()  # “下一轮申报呢”: applying's own deadline
    intend_words: tuple[str, ...] = ()  # “打算2027年报”: a year then 报 is applying that year, no 年报
    recipients: tuple[str, ...] = ()  # “报市局”: where materials go, not what is applied for
    home_words: tuple[str, ...] = ()
    section_words: tuple[str, ...] = ()
    plan_names: tuple[str, ...] = ()
    same_thing_words: tuple[str, ...] = ()
    sameness_asks: tuple[str, ...] = ()  # “年限要求一样吗”: whether two entries say the same of something
    also_words: tuple[str, ...] = ()
    waiting_words: tuple[str, ...] = ()
    rule_words: tuple[str, ...] = ()
    intro_words: tuple[str, ...] = ()
    light_verbs: tuple[str, ...] = ()
    recall_words: tuple[str, ...] = ()  # “回到刚才餐饮那条”: words pointing back, not the entry's words
    means_phrases: tuple[str, ...] = ()  # a two-character preposition, then a question word (通过什么)
    over_words: tuple[str, ...] = ()
    received_words: tuple[str, ...] = ()  # “辖区里有7个居委会交了材料”: one type's applications counted
    quote_markers: tuple[str, ...] = ()  # “申报条件里说近三年没发生…”: what follows is the notice's, not the user's
    role_words: tuple[str, ...] = ()  # “食品厂的环保专员”: a post, said by the one who holds it
    notice_refs: tuple[str, ...] = ()  # “倡导绿色办公在文件里有吗”: asked of the notice, not of the type in view
    doing_asks: tuple[str, ...] = ()  # “…方案已经写好了，我们要干嘛”: what to do after the step told
    exception_asks: tuple[str, ...] = ()  # “什么情况下可以突破”: how a hedged limit is exceeded, never set
    next_steps: dict[str, str] = {}
    stages_done: dict[str, tuple[str, ...]] = {}
    value_slots: dict[str, ValueSlot]

    def corrects(self, text: str) -> bool:
        """Whether the message opens by correcting what was said (“不对，…”), also after a polite word
        (“不好意思说错了，我们其实是…”) — not “这样写对不对”, which asks."""
        opening = text.lstrip(" ，,")
        while (polite := next((w for w in self.polite_openers if opening.startswith(w)), None)) is not None:
            opening = opening[len(polite) :].lstrip(" ，,")
        return opening.startswith(self.corrections)

    def sums(self, text: str) -> bool:
        """Whether the text asks for a sum over the types it names (“街镇和社区加起来最多报几个”)."""
        return any(w in text for w in self.total_words)

    def topic(self, topic_id: str | None) -> UnsetTopic | None:
        """The unset topic with this id; None for none or an unknown id."""
        return next((t for t in self.unset_topics if t.id == topic_id), None)


def load_lexicon(path: Path = LEXICON_PATH, rules: Rules | None = None) -> Lexicon:
    """Load and cross-check the lexicon; a defect raises :class:`RulesError` naming the file and field."""
    rules = rules or default_rules()
    try:
        lexicon = Lexicon.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (yaml.YAMLError, ValidationError) as exc:
        raise RulesError(f"{path}: {exc}") from exc
    facts = {f.id for f in rules.facts}
    for topic in lexicon.unset_topics:
        for field in ("related", "alternative_to"):
            for fact_id in getattr(topic, field):
                if fact_id not in facts:
                    raise RulesError(f"{path}: unset_topics.{topic.id}.{field}: unknown fact {fact_id!r}")
    for form, fact_id in lexicon.form_facts.items():
        if fact_id not in facts:
            raise RulesError(f"{path}: form_facts.{form}: unknown fact {fact_id!r}")
    for step, following in lexicon.next_steps.items():
        for fact_id in (step, following):
            if fact_id not in facts:
                raise RulesError(f"{path}: next_steps.{step}: unknown fact {fact_id!r}")
    for name, slot in lexicon.value_slots.items():
        if slot.owner is not None and slot.owner not in facts:
            raise RulesError(f"{path}: value_slots.{name}.owner: unknown fact {slot.owner!r}")
    for stage in lexicon.stages_done:
        if stage not in lexicon.next_steps:
            raise RulesError(f"{path}: stages_done.{stage}: no next step after it in next_steps")
    for fact in rules.facts:
        for form in fact.answers:
            if form not in lexicon.forms:
                raise RulesError(f"{RULES_PATH}: facts.{fact.id}.answers: unknown question form {form!r}")
    for slot_id, slot in lexicon.value_slots.items():
        for pattern in slot.values:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise RulesError(f"{path}: value_slots.{slot_id}.values: {pattern!r}: {exc}") from exc
    for kind, cues in lexicon.item_kinds.items():
        for pattern in cues.clauses:
            if not any(fnmatch(i, pattern) for i in rules.source.ids):
                raise RulesError(f"{path}: item_kinds.{kind}.clauses: {pattern!r} matches no clause")
    return lexicon


@cache
def default_lexicon() -> Lexicon:
    return load_lexicon()
