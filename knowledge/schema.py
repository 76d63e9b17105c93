"""Typed shape of ``rules.yaml``: validation here is what makes a malformed rule fail loudly."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

TypeId = Literal["park", "enterprise", "town", "community", "building"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Provision(_Strict):
    """A permission or a limit written inside a clause (“(依法不需要办理的除外)”, “可附页”, “商业商务楼宇”).

    A yes/no question touching every concept group is decided by it: ``allows`` gives 可以, otherwise 不可以.
    ``quote`` is verbatim from the clause (checked at load), so the judgement always shows its source.
    """

    allows: bool
    quote: str
    says: str
    concepts: tuple[tuple[str, ...], ...] = Field(min_length=1)
    unless: tuple[str, ...] = ()  # words that hand the question to another provision (“依法不需要办…还没办”)
    # the unit it excludes is not of this type at all (住宅小区 is no 楼宇): the user is then not taken to be one
    not_of_type: bool = False

    def touched_by(self, text: str) -> bool:
        lowered = text.lower()
        if any(word.lower() in lowered for word in self.unless):
            return False
        return all(any(word.lower() in lowered for word in group) for group in self.concepts)


class Bar(_Strict):
    """What a condition rules out for a time (“近三年内未发生较大及以上突发环境事件”), so a situation the user
    states (“去年出过一次较大的事故”) can be judged against it: an event named by ``words`` within ``years``
    before today fails the condition, unless it is of a grade the clause spares (一般 below 较大及以上).

    ``quote`` is verbatim from the clause (checked at load); ``grades`` are the words of the grades it names.
    """

    quote: str
    event: str  # what the clause speaks of, as the answer names it (生态环境主管部门的处罚)
    words: tuple[str, ...] = Field(min_length=1)
    years: int = Field(ge=1)
    grades: tuple[str, ...] = ()  # the grades the clause rules out; an event of another grade is spared
    spared: tuple[str, ...] = ()  # words of the grades below them
    by: tuple[str, ...] = ()  # who the event must come from (生态环境主管部门): a stated event by another…
    not_by: tuple[str, ...] = ()  # …(消防, 市场监管) does not count


class Condition(_Strict):
    """One 申报条件; ``missing`` conditions are numbered in the source but their text is lost."""

    number: int = Field(ge=1)
    clause: str
    missing: bool = False
    text: str | None = None
    question: str | None = None
    keywords: tuple[str, ...] = ()
    proof: tuple[str, ...] = ()  # pilotbot's suggested 证明材料 for this condition (form.proof names none)
    provisions: tuple[Provision, ...] = ()
    bars: tuple[Bar, ...] = ()

    @model_validator(mode="after")
    def _present_means_complete(self) -> Condition:
        if not self.missing and not (self.text and self.question and self.proof):
            raise ValueError("a condition needs `text`, `question` and `proof` unless it is `missing: true`")
        return self


class Item(_Strict):
    """One 必选项 or 创新项; ``concepts`` are groups of synonyms a plan must touch to cover it."""

    number: int = Field(ge=1)
    clause: str
    missing: bool = False
    text: str | None = None
    title: str | None = None
    concepts: tuple[tuple[str, ...], ...] = ()

    @model_validator(mode="after")
    def _present_means_complete(self) -> Item:
        if not self.missing and not (self.text and self.title and self.concepts):
            raise ValueError("an item needs `text`, `title` and `concepts` unless it is `missing: true`")
        return self


class ItemGroup(_Strict):
    score: int = Field(gt=0)
    clause: str
    items: tuple[Item, ...]
    scoring: str | None = None
    scoring_truncated: bool = False

    @model_validator(mode="after")
    def _numbered_in_order(self) -> ItemGroup:
        _check_numbering([i.number for i in self.items])
        return self

    @property
    def present(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if not i.missing)

    @property
    def missing(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.missing)

    def item(self, number: int) -> Item:
        for item in self.items:
            if item.number == number:
                return item
        raise KeyError(number)


class ApplicantType(_Strict):
    id: TypeId
    name: str
    aliases: tuple[str, ...]
    quota: int = Field(gt=0)
    content_clause: str
    # types whose units are this type's members (园区's 企业: “园区…，依法不用办的企业怎么算” is about the park)
    members: tuple[TypeId, ...] = ()
    conditions: tuple[Condition, ...]
    mandatory: ItemGroup
    innovation: ItemGroup

    @model_validator(mode="after")
    def _numbered_in_order(self) -> ApplicantType:
        _check_numbering([c.number for c in self.conditions])
        return self

    @property
    def entries(self) -> tuple[Condition | Item, ...]:
        """Every entry of the type's guide the text holds: its conditions, then its present items."""
        return (*self.conditions, *self.mandatory.present, *self.innovation.present)


class Due(_Strict):
    """A yearly date the notice sets (每年10月底前 → month 10, day 31), so answers can name this year's date."""

    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    # 每年1月31日前报上一年度总结报告: the report on a year is due in the year after it
    for_year_before: bool = False


class Fact(_Strict):
    """A programme fact answered from the rules rather than by retrieval."""

    id: str
    title: str
    answer: str
    keywords: tuple[str, ...]
    clauses: tuple[str, ...] = Field(min_length=1)
    amounts: Literal["none"] | None = None
    due: Due | None = None
    examples: tuple[str, ...] = ()  # questions that ask for this fact: what an unset topic is told apart from
    obliges: bool = False  # a requirement (“要盖章吗” → 需要), not only information
    open_details: bool = False  # states a rule whose details it leaves open (盖章: which seal is not said)
    answers: tuple[str, ...] = ()  # question forms (understanding.yaml) this fact answers as a follow-up
    called: tuple[str, ...] = ()  # what it is called once in view (“上面那个报告交给谁”): the fact asked again
    provisions: tuple[Provision, ...] = ()
    hedge: str | None = None  # the word that softens its limit (原则上): asked whether the limit is firm, said so
    lists_missing: bool = False  # answered with the entries the text lacks, per type, read from `missing: true`

    @model_validator(mode="after")
    def _hedge_in_answer(self) -> Fact:
        if self.hedge is not None and self.hedge not in self.answer:
            raise ValueError(f"fact {self.id}: hedge {self.hedge!r} is not in its answer")
        return self


class FormField(_Strict):
    id: str
    label: str
    clause: str
    limit: int | None = None
    hint: str | None = None


class Section(_Strict):
    number: int
    title: str
    aliases: tuple[str, ...] = ()


class Form(_Strict):
    title: str
    clause: str
    fields: tuple[FormField, ...]
    intro_limit: int = Field(gt=0)
    plan_limit: int = Field(gt=0)
    sections: tuple[Section, ...] = Field(min_length=1)
    proof: str
    proof_clause: str


class Programme(_Strict):
    title: str
    notice: str
    issuers: tuple[str, ...]
    issued: str
    clause: str
    missing_notice: str


class Organizer(_Strict):
    name: str  # as the notice names it (上海化工区管委会): a quote of the organisers' clause
    places: tuple[str, ...] = Field(min_length=1)  # what applicants call where they are (化工区)


class Organizers(_Strict):
    """Which organiser (组织单位) an applicant goes through, by where it is: the zones the notice names, else
    “各区生态环境局” — the district's own office."""

    clause: str
    zones: tuple[Organizer, ...]
    districts: tuple[str, ...]  # Shanghai's districts, by their full names (浦东新区, 黄浦区)
    district_office: str  # the organiser of a district, “{district}生态环境局”
    bodies: tuple[str, ...] = ()  # words of the organisers' own names (管委会): “我们是化工区管委会” is no place
    facts: tuple[str, ...]  # the facts whose answer names the organisers: told which one is the user's


class RulesData(_Strict):
    programme: Programme
    facts: tuple[Fact, ...]
    form: Form
    types: tuple[ApplicantType, ...] = Field(min_length=1)
    organizers: Organizers | None = None


def _check_numbering(numbers: list[int]) -> None:
    if numbers != list(range(1, len(numbers) + 1)):
        raise ValueError(f"numbers must run 1..n without gaps (mark lost ones `missing: true`), got {numbers}")
