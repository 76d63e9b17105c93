"""The rules module: load and validate the programme's rules, and answer questions of them.

Pure functions over data: nothing here does I/O after loading, so every channel, the
indexer and the plan checker share one reading of the notice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import ValidationError

from knowledge.charcount import count_chars
from knowledge.schema import ApplicantType, Condition, Fact, RulesData
from knowledge.sources import SourceDocument, load_source

RULES_PATH = Path(__file__).parent / "rules.yaml"

__all__ = [
    "RULES_PATH",
    "ChecklistEntry",
    "ConditionResult",
    "Eligibility",
    "Rules",
    "RulesError",
    "UnknownCondition",
    "UnknownType",
    "count_chars",
    "load_rules",
]

Verdict = Literal["eligible", "ineligible", "undetermined"]
COMMON_SHARE = 0.1  # a word in this share of the clauses or more is common: it singles out no clause
_OWNERS = ("我们", "咱们", "本", "我", "某")  # “我们村”, “本厂”, “某镇”: a one-character alias is safe after these
# …or as the head of a name that ends there (“一家印染厂，”, “朱家角镇想报”), not inside a word (厂房, 乡村).
_HEAD_END = "$|[，。,.!?？！；;、 的想要能可也还在有是里上]"


@cache
def _alias_patterns(alias: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A one-character alias as the place one speaks from, as the head of a name, and as a head that is no place
    (楼里 places; it does not end a name): compiled once per alias."""
    a = re.escape(alias)
    place = re.compile(rf"(?:^|[，。,.!?？！；;、 ]){a}(?:[里上的]|那边|这边|那块|这块)")
    head = re.compile(rf"[\u4e00-\u9fff]{a}(?={_HEAD_END})")
    named = re.compile(rf"[\u4e00-\u9fff]{a}(?={_HEAD_END.replace('里上', '')})")
    return place, head, named


def _only_placed(alias: str, text: str) -> bool:
    """Whether a one-character alias stands only as the place one speaks from (楼里, 镇上), never owned (我们楼)
    or as the head of a name (一家印染厂): another unit named beside it is what the speaker is."""
    if any(owner + alias in text for owner in _OWNERS) or _listed(alias, text):
        return False
    return _alias_patterns(alias)[2].search(text) is None


# “青浦工业园里的一家制药厂”: a unit introduced as one of those inside a place is what the speaker is; the place
# is where it sits. Only with 一家/一个 (“园区里的企业要全覆盖吗” asks about the park's enterprises).
_INSIDE_ONE = re.compile(r"(?:里|内|中|里面)的?(?:我们|咱们)?(?:一家|一个|一所|一座|一栋|这家|这个|这一家)")
_COUNTED_INSIDE = re.compile(
    r"(?:里|内|中|里面|有)(?:有|共有|一共有|大概有|大约有|入驻了?|入驻有)?\s*(?:\d+|[一二两三四五六七八九十百几]+)多?\s*(?:家|个)"
    r"[\u4e00-\u9fff]{0,6}$"  # …with what they are between (有十几家重点排污企业)
)


_ELLIPSIS = re.compile(r"^(?:那么|那|换成|如果是|要是)|(?:的话)?呢?[？?。.！!]*$")


def _counted_inside(alias: str, text: str) -> bool:
    """Whether the alias is named only as members counted inside another unit (“园区里有38家企业”): the unit
    that holds them is what the speaker is about."""
    return _only_as(alias, text, lambda at: bool(_COUNTED_INSIDE.search(text[max(0, at - 12) : at])))


def _inside_one(alias: str, text: str) -> bool:
    """Whether the alias is named only as such a place (“…园区里的一家企业，园区也想报” names the park too)."""
    return _only_as(alias, text, lambda at: bool(_INSIDE_ONE.match(text, at + len(alias))))


def _located_in(alias: str, text: str) -> bool:
    """Whether the alias is named only as where the speaker sits (“我们是…小企业，在松江一个工业园里租厂房”)."""

    def located(at: int) -> bool:
        return bool(_LOCATED_BEFORE.search(text[max(0, at - 10) : at]) and _LOCATED_AFTER.match(text, at + len(alias)))

    return _only_as(alias, text, located)


def _only_as(alias: str, text: str, named_so) -> bool:
    """Whether the alias occurs in the text, and every occurrence (at its offset) is named so."""
    at, found = text.find(alias), False
    while at >= 0:
        if not named_so(at):
            return False
        found, at = True, text.find(alias, at + 1)
    return found


# a word that starts what is said of it — or a space, after which a terse message says what it asks (“镇 条件”)
_SUBJECT_AFTER = re.compile(r"还|已|没|未|是|在|刚|才|要|能|都|也|正|就|\s")
_LOCATED_BEFORE = re.compile(r"在[^，。,.!?？！；;、 ]{0,8}$")
_LOCATED_AFTER = re.compile(r"(?:里|内|中|里面)")


def _owned_or_headed(alias: str, text: str) -> bool:
    if any(owner + alias in text for owner in _OWNERS) or (
        text.startswith(alias) and _SUBJECT_AFTER.match(text, len(alias))
    ):
        return True  # “我们楼…”; “楼还没竣工 能报吗”: the unit the message is about, said first
    place, head, _ = _alias_patterns(alias)
    if place.search(text):
        return True  # “镇里没几个懂环保的人”, “厂里废水”: the place one speaks from; “镇的必选项”: whose
    if _listed(alias, text):
        return True
    return head.search(text) is not None


def _listed(alias: str, text: str) -> bool:
    """“镇和园区能不能各报一个”: a one-character alias standing for one of the units named side by side."""
    return _listed_pattern(alias).search(text) is not None


@cache
def _listed_pattern(alias: str) -> re.Pattern[str]:
    return re.compile(rf"(?:^|[，。,.!?？！；;、 ]){re.escape(alias)}(?=[和与跟及、])")


class RulesError(ValueError):
    """The rules data is malformed; the message names the file and the field."""


class UnknownType(LookupError):
    def __init__(self, name: str) -> None:
        super().__init__(f"未知的申报主体类型：{name!r}（可选：园区、企业、街镇、社区(村居)、楼宇）")


class UnknownCondition(LookupError):
    def __init__(self, type_name: str, number: object) -> None:
        super().__init__(f"{type_name}类没有第{number}条申报条件")


@dataclass(frozen=True)
class ConditionResult:
    number: int
    text: str
    clause: str
    met: bool | None
    missing: bool = False


@dataclass(frozen=True)
class Eligibility:
    type: str
    verdict: Verdict
    failing: tuple[int, ...]
    unknown: tuple[int, ...]
    conditions: tuple[ConditionResult, ...]

    @property
    def missing(self) -> tuple[int, ...]:
        return tuple(c.number for c in self.conditions if c.missing)


@dataclass(frozen=True)
class ChecklistEntry:
    """One thing an applicant must prepare, in the order the form and guide ask for it."""

    kind: Literal["mandatory", "innovation", "application"]
    key: str
    title: str
    text: str
    clause: str
    required: bool
    missing: bool = False


class Rules:
    """Validated rules plus the source they cite; build with :func:`load_rules`."""

    def __init__(self, data: RulesData, source: SourceDocument) -> None:
        self.data = data
        self.source = source
        self._texts = tuple(c.text for c in source.clauses)
        self._by_name = {_norm(a): t for t in data.types for a in (t.id, t.name, *t.aliases)}
        self._longest_first = sorted(self._by_name.items(), key=lambda kv: -len(kv[0]))
        districts = data.organizers.districts if data.organizers is not None else ()
        # each district by its full name and its short one (宝山区 → 宝山, 浦东新区 → 浦东)
        self._districts = tuple((d, d.removesuffix("新区").removesuffix("区")) for d in districts)
        self._district_names = frozenset(name for pair in self._districts for name in pair)

    @property
    def types(self) -> tuple[ApplicantType, ...]:
        return self.data.types

    @property
    def facts(self) -> tuple[Fact, ...]:
        return self.data.facts

    @property
    def missing_notice(self) -> str:
        return self.data.programme.missing_notice

    def fact(self, fact_id: str) -> Fact:
        for fact in self.data.facts:
            if fact.id == fact_id:
                return fact
        raise KeyError(fact_id)

    def type(self, name: str) -> ApplicantType:
        """Find a type by id, Chinese name or alias (公司→企业, 写字楼→楼宇, 居委会→社区(村居) …)."""
        try:
            return self._by_name[_norm(name)]
        except KeyError:
            raise UnknownType(name) from None

    def organizer_for(self, text: str) -> str | None:
        """The organiser of the place a message names (化工区 → 上海化工区管委会; 宝山 → 宝山区生态环境局)."""
        organizers = self.data.organizers
        if organizers is None or any(body in text for body in organizers.bodies):
            return None
        for zone in organizers.zones:
            if any(place in text for place in zone.places):
                return zone.name
        for district, short in self._districts:
            if district in text or (len(short) >= 2 and short in text):
                return organizers.district_office.format(district=district)
        return None

    def names_district(self, word: str) -> bool:
        """Whether a word is a district's name (浦东, 宝山区): where the applicant is, never what is asked about."""
        return word in self._district_names

    def detect_types(self, text: str) -> list[ApplicantType]:
        """Types named anywhere in free text, longest alias first; one-character aliases only match alone."""
        found: list[ApplicantType] = []
        norm = _norm(text)
        bare = _ELLIPSIS.sub("", norm)  # “那村呢”: a one-character alias standing for the whole question
        if bare in self._by_name:
            return [self._by_name[bare]]
        placed: list[ApplicantType] = []  # named only as the place one speaks from (“楼里入驻的一家公司”)
        norm_all = norm
        for alias, kind in self._longest_first:
            hit = alias in norm if len(alias) > 1 else _owned_or_headed(alias, norm)
            if hit and kind not in found:
                found.append(kind)
                if (
                    (len(alias) == 1 and _only_placed(alias, norm))
                    or _inside_one(alias, norm)
                    or _located_in(alias, norm)
                ):
                    placed.append(kind)
                norm = norm.replace(alias, " ")
        named = [k for k in found if k not in placed]
        found = named if named and placed else found
        members = [k for k in found if any(_counted_inside(a, norm_all) for a in (k.name, *k.aliases) if a in norm_all)]
        return [k for k in found if k not in members] if len(members) < len(found) else found

    def clause_text(self, clause_id: str) -> str:
        return self.source.clause(clause_id).text

    def acronyms(self) -> tuple[str, ...]:
        """The Latin acronyms the notice uses (EOD, PDF)."""
        return tuple(sorted({a for t in self._texts for a in re.findall(r"[A-Z][A-Z0-9]{1,}", t)}))

    def mentions(self, word: str) -> bool:
        """Whether the notice uses the word anywhere (胶装, 部门章 and 环保税 it never does)."""
        return any(word in t for t in self._texts)

    def common_word(self, word: str) -> bool:
        """A word so frequent in the notice (环境, 环保, 机制) that it says nothing about which clause is meant."""
        texts = self._texts
        return sum(word in t for t in texts) >= COMMON_SHARE * len(texts)

    def assess_eligibility(self, type_name: str, facts: Mapping[int | str, bool | None]) -> Eligibility:
        """Judge 申报条件 from what the applicant states; unstated and lost conditions stay open."""
        kind = self.type(type_name)
        by_number = {c.number: c for c in kind.conditions}
        stated: dict[int, bool | None] = {}
        for key, value in facts.items():
            number = _as_number(key)
            if number not in by_number:
                raise UnknownCondition(kind.name, key)
            stated[number] = value
        results = tuple(_judge(c, stated.get(c.number), self.missing_notice) for c in kind.conditions)
        failing = tuple(r.number for r in results if r.met is False and not r.missing)
        unknown = tuple(r.number for r in results if r.met is None or r.missing)
        verdict: Verdict = "ineligible" if failing else "undetermined" if unknown else "eligible"
        return Eligibility(kind.id, verdict, failing, unknown, results)

    def checklist(self, type_name: str) -> list[ChecklistEntry]:
        """The ordered items an applicant of this type must address: 必选项, 创新项, then the application."""
        kind = self.type(type_name)
        entries: list[ChecklistEntry] = []
        for group_name, group in (("mandatory", kind.mandatory), ("innovation", kind.innovation)):
            for item in group.items:
                entries.append(
                    ChecklistEntry(
                        kind=group_name,  # type: ignore[arg-type]
                        key=f"{group_name}.{item.number}",
                        title=item.title or self.missing_notice,
                        text=item.text or self.missing_notice,
                        clause=item.clause,
                        required=group_name == "mandatory",
                        missing=item.missing,
                    )
                )
        entries.extend(self._application_entries(kind))
        return entries

    def _application_entries(self, kind: ApplicantType) -> Iterable[ChecklistEntry]:
        form = self.data.form
        for field in form.fields:
            parts = [field.hint or "", f"{field.limit}字以内" if field.limit else ""]
            if field.id == "plan":
                parts.append("须包括：" + "、".join(s.title for s in form.sections))
            text = "；".join(p for p in parts if p) or self.clause_text(field.clause)
            yield ChecklistEntry("application", f"form.{field.id}", field.label, text, field.clause, True)
        quota = self.fact("quota")
        yield ChecklistEntry(
            "application",
            "quota",
            "申报名额",
            f"{kind.name}类每个区原则上不超过{kind.quota}个（{quota.answer}）",
            quota.clauses[0],
            True,
        )
        for fact_id in ("route", "submission", "deadline"):
            fact = self.fact(fact_id)
            yield ChecklistEntry("application", fact_id, fact.title, fact.answer, fact.clauses[0], True)


def _judge(condition: Condition, met: bool | None, missing_notice: str) -> ConditionResult:
    if condition.missing:
        return ConditionResult(condition.number, missing_notice, condition.clause, met, missing=True)
    return ConditionResult(condition.number, condition.text or "", condition.clause, met)


def _as_number(key: int | str) -> int | str:
    if isinstance(key, int):
        return key
    return int(key) if key.strip().isdigit() else key


def _norm(name: str) -> str:
    return name.strip().lower().replace("（", "(").replace("）", ")")


def load_rules(path: Path = RULES_PATH, source: SourceDocument | None = None) -> Rules:
    """Load, validate and cross-check the rules; any defect raises :class:`RulesError` naming file and field."""
    source = source or load_source()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise RulesError(f"{path}: not valid YAML: {exc}") from exc
    try:
        data = RulesData.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise RulesError(f"{path}: {where}: {first['msg']} ({exc.error_count()} error(s))") from exc
    _check_citations(path, data, source)
    _check_quotes(path, data, source)
    return Rules(data, source)


def _check_citations(path: Path, data: RulesData, source: SourceDocument) -> None:
    known = source.ids
    for where, clause_id in _citations(data):
        if clause_id not in known:
            raise RulesError(f"{path}: {where}: cites unknown clause {clause_id!r}")


def _check_quotes(path: Path, data: RulesData, source: SourceDocument) -> None:
    """A provision's or a bar's quote must stand in the clause it reads, so a judgement never rests on invented
    words."""
    places: list[tuple[str, tuple[str, ...], tuple]] = [
        (f"facts.{f.id}.provisions", f.clauses, f.provisions) for f in data.facts
    ]
    places += [
        (f"types.{k.id}.conditions.{c.number}.provisions", (c.clause,), c.provisions)
        for k in data.types
        for c in k.conditions
        if c.provisions
    ]
    places += [
        (f"types.{k.id}.conditions.{c.number}.bars", (c.clause,), c.bars) for k in data.types for c in k.conditions
    ]
    if data.organizers is not None:
        clause = _norm(source.clause(data.organizers.clause).text)
        for fact_id in data.organizers.facts:
            if fact_id not in {f.id for f in data.facts}:
                raise RulesError(f"{path}: organizers.facts: unknown fact {fact_id!r}")
        for zone in data.organizers.zones:
            if _norm(zone.name) not in clause:
                raise RulesError(f"{path}: organizers.zones: {zone.name!r} is not in {data.organizers.clause}")
    for where, clauses, quoted in places:
        if not quoted:
            continue
        texts = [_norm(source.clause(c).text) for c in clauses]
        for entry in quoted:
            if not any(_norm(entry.quote) in text for text in texts):
                raise RulesError(f"{path}: {where}: quote {entry.quote!r} is not in {list(clauses)}")


def _citations(data: RulesData) -> Iterable[tuple[str, str]]:
    yield "programme.clause", data.programme.clause
    for fact in data.facts:
        for clause_id in fact.clauses:
            yield f"facts.{fact.id}.clauses", clause_id
    if data.organizers is not None:
        yield "organizers.clause", data.organizers.clause
    yield "form.clause", data.form.clause
    yield "form.proof_clause", data.form.proof_clause
    for field in data.form.fields:
        yield f"form.fields.{field.id}.clause", field.clause
    for kind in data.types:
        yield f"types.{kind.id}.content_clause", kind.content_clause
        for cond in kind.conditions:
            yield f"types.{kind.id}.conditions.{cond.number}.clause", cond.clause
        for group_name in ("mandatory", "innovation"):
            group = getattr(kind, group_name)
            yield f"types.{kind.id}.{group_name}.clause", group.clause
            for item in group.items:
                yield f"types.{kind.id}.{group_name}.items.{item.number}.clause", item.clause


@cache
def default_rules() -> Rules:
    """The packaged rules, loaded once per process."""
    return load_rules()
