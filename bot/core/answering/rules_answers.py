"""Answers the rules decide, composed from the rules data: complete lists, single items, facts, dates,
and “the notice does not say”. Which one to give is the answerer's decision, made on the :class:`Query`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from bot.core.answering.answer import Answer, Citation, Topic
from bot.core.understanding.query import Query
from knowledge.lexicon import ItemKind, Lexicon
from knowledge.rules import Rules
from knowledge.schema import ApplicantType, Condition, Due, Fact, ItemGroup

GUIDE_KINDS: tuple[ItemKind, ...] = ("condition", "mandatory", "innovation")


class RulesAnswerer:
    def __init__(self, rules: Rules, lexicon: Lexicon, today: Callable[[], date]) -> None:
        self.rules = rules
        self.lexicon = lexicon
        self.today = today

    # --- helpers -----------------------------------------------------------------------------------------------

    def cite(self, *clause_ids: str) -> list[Citation]:
        out = []
        for clause_id in dict.fromkeys(clause_ids):
            clause = self.rules.source.clause(clause_id)
            out.append(Citation(clause.id, clause.title, clause.text))
        return out

    def label(self, kind: ItemKind) -> str:
        return self.lexicon.item_kinds[kind].label

    def lost(self, what: str) -> str:
        """The one sentence for an item the extracted source skips."""
        return f"{what}在现有通知文本中缺失，{self.rules.missing_notice}"

    # --- single items ------------------------------------------------------------------------------------------

    def item(self, kind: ApplicantType, item_kind: ItemKind, number: int, query: Query | None = None) -> Answer:
        """“企业必选项第4条” → that item, or the note that the source lost it, or that there is no such item."""
        if item_kind == "condition":
            return self._condition(kind, number)
        group: ItemGroup = getattr(kind, item_kind)
        label = self.label(item_kind)
        topic = Topic(kind.id, item_kind, listed=tuple(i.number for i in group.items), item=number)
        try:
            item = group.item(number)
        except KeyError:
            text = f"{kind.name}类{label}共{len(group.items)}项，没有第{number}项。"
            return Answer(text, self.cite(group.clause), topic=topic)
        if item.missing:
            return Answer(self.lost(f"{kind.name}类{label}第{number}项"), self.cite(group.clause), topic=topic)
        text = f"{kind.name}类{label}第{number}项（{item.title}）：{item.text}\n{self._kind_note(item_kind, group)}"
        if query is not None and query.asks("yes_no"):
            text = f"{self._judgement(item_kind)}{text}"
        return Answer(text, self.cite(item.clause, group.clause), topic=topic)

    def _condition(self, kind: ApplicantType, number: int) -> Answer:
        by_number = {c.number: c for c in kind.conditions}
        topic = Topic(kind.id, "condition", listed=tuple(by_number))
        if number not in by_number:
            text = f"{kind.name}类申报条件共{len(kind.conditions)}条，没有第{number}条。"
            return Answer(text, self.cite(kind.content_clause), topic=topic)
        cond = by_number[number]
        topic = Topic(kind.id, "condition", listed=tuple(by_number), item=number)
        if cond.missing:
            return Answer(self.lost(f"{kind.name}类申报条件第{number}条"), self.cite(kind.content_clause), topic=topic)
        text = f"{kind.name}类申报条件第{number}条：{cond.text}\n申报条件须全部满足。"
        return Answer(text, self.cite(cond.clause), topic=topic)

    def item_by_clause(self, clause_id: str, query: Query) -> Answer | None:
        """An item found by its content (“楼宇一定要做节能改造吗”), answered as that item, judgement first."""
        for kind in self.rules.types:
            for cond in kind.conditions:
                if cond.clause == clause_id and not cond.missing:
                    answer = self._condition(kind, cond.number)
                    return _prefixed(answer, "这是" if not query.asks("yes_no") else "相关的是")
            for item_kind in ("mandatory", "innovation"):
                group: ItemGroup = getattr(kind, item_kind)
                for item in group.present:
                    if item.clause == clause_id:
                        answer = self.item(kind, item_kind, item.number)
                        lead = self._judgement(item_kind) if query.asks("yes_no") else ""
                        return _prefixed(answer, f"{lead}这是")
        return None

    def _judgement(self, item_kind: ItemKind) -> str:
        if item_kind == "mandatory":
            return "是，必须做。"
        if item_kind == "innovation":
            return "不是必选的，属于可选的创新项。"
        return ""

    def _kind_note(self, item_kind: ItemKind, group: ItemGroup) -> str:
        if item_kind == "mandatory":
            return f"（必选项合计{group.score}分，均须在试点实施方案中落实。）"
        return f"（创新项合计{group.score}分，可结合实际选择若干方向开展。）"

    # --- lists ---------------------------------------------------------------------------------------------------

    def lists(self, kinds: list[ApplicantType], item_kinds: tuple[ItemKind, ...], query: Query) -> Answer:
        """The complete list(s) asked for; for a comparison, both sides."""
        parts: list[str] = []
        clauses: list[str] = []
        listed: tuple[int, ...] = ()
        for kind in kinds:
            for item_kind in item_kinds:
                text, cited, numbers = self._list(kind, item_kind)
                parts.append(text)
                clauses += cited
                listed = numbers
        if query.asks("compare") and len(kinds) == 2:
            a, b = kinds
            counts = [f"{k.name}类{self.label(ik)}{self._count(k, ik)}" for ik in item_kinds for k in (a, b)]
            parts.append("对比：" + "；".join(counts) + "。各类主体的条目内容不同，以上分别列出。")
        topic = Topic(kinds[0].id if len(kinds) == 1 else None, item_kinds[-1], listed=listed)
        return Answer("\n\n".join(parts), self.cite(*clauses), topic=topic)

    def _count(self, kind: ApplicantType, item_kind: ItemKind) -> str:
        if item_kind == "condition":
            return f"{len(kind.conditions)}条"
        return f"{len(getattr(kind, item_kind).items)}项"

    def _list(self, kind: ApplicantType, item_kind: ItemKind) -> tuple[str, list[str], tuple[int, ...]]:
        if item_kind == "condition":
            return self._conditions_text(kind)
        group: ItemGroup = getattr(kind, item_kind)
        label = self.label(item_kind)
        lines = [f"{kind.name}类{label}（共{len(group.items)}项，合计{group.score}分）："]
        for item in group.items:
            lines.append(f"{item.number}、{self.rules.missing_notice}" if item.missing else item.text or "")
        if item_kind == "innovation":
            lines.append(f"评分说明：{group.scoring}")
            if group.scoring_truncated:
                lines.append(f"（评分说明其余部分{self.lost('')[1:]}）")
        else:
            lines.append("必选项均须在试点实施方案中落实。")
        if group.missing:
            lines.append("注意：" + self.lost(f"第{'、'.join(str(i.number) for i in group.missing)}项"))
        numbers = tuple(i.number for i in group.items)
        return "\n".join(lines), [i.clause for i in group.present] + [group.clause], numbers

    def _conditions_text(self, kind: ApplicantType) -> tuple[str, list[str], tuple[int, ...]]:
        lines = [f"{kind.name}属于可申报的主体类型。{kind.name}类申报条件（共{len(kind.conditions)}条，需全部满足）："]
        for cond in kind.conditions:
            lines.append(f"{cond.number}、{self.rules.missing_notice}" if cond.missing else cond.text or "")
        lost = [c for c in kind.conditions if c.missing]
        if lost:
            lines.append("注意：" + self.lost(f"第{'、'.join(str(c.number) for c in lost)}条"))
        numbers = tuple(c.number for c in kind.conditions)
        return "\n".join(lines), [c.clause for c in kind.conditions if not c.missing], numbers

    def kind_overview(self, item_kind: ItemKind) -> Answer:
        label = self.label(item_kind)
        lines = [f"各类主体的{label}不同："]
        clauses: list[str] = []
        for kind in self.rules.types:
            if item_kind == "condition":
                lost = [c for c in kind.conditions if c.missing]
                clauses += [c.clause for c in kind.conditions if not c.missing][:1]
                note = f"（第{lost[0].number}条原文缺失）" if lost else ""
                lines.append(f"· {kind.name}：{len(kind.conditions)}条{note}")
            else:
                group: ItemGroup = getattr(kind, item_kind)
                clauses.append(group.clause)
                note = f"（第{'、'.join(str(i.number) for i in group.missing)}项原文缺失）" if group.missing else ""
                lines.append(f"· {kind.name}：{len(group.items)}项，合计{group.score}分{note}")
        lines.append(f"请告诉我您的主体类型，例如“企业{label}有哪些”。")
        return Answer("\n".join(lines), self.cite(*clauses), topic=Topic(None, item_kind))

    # --- a stated situation against the conditions -----------------------------------------------------------

    def situation(self, kinds: list[ApplicantType], query: Query) -> Answer | None:
        """“去年被罚过款还能报吗” → the condition that speaks of it, and what follows from it."""
        found = [
            (kind, cond)
            for kind in kinds or self.rules.types
            for cond in kind.conditions
            if any(k in query.normalized for k in cond.keywords)
        ]
        if not found:
            return None
        lines = ["与您所说情况相关的申报条件："]
        lines += [f"· {kind.name}类申报条件第{cond.number}条：{cond.text}" for kind, cond in found]
        lines.append("申报条件须全部满足；如不满足上述条件，则不符合申报要求。可发送“资格”逐条自查。")
        topic = Topic(found[0][0].id if len({k.id for k, _ in found}) == 1 else None, "condition")
        return Answer("\n".join(lines), self.cite(*(c.clause for _, c in found)), topic=topic)

    def absent_requirement(self, kind: ApplicantType, query: Query) -> Answer | None:
        """“街镇一定要有X才能申报吗” where no condition of the type mentions X: 否, with the full list."""
        conditions: tuple[Condition, ...] = kind.conditions
        text_of = " ".join(f"{c.text or ''} {' '.join(c.keywords)}" for c in conditions)
        if not query.content or any(word in text_of for word in query.content):
            return None
        listing, clauses, numbers = self._conditions_text(kind)
        lost = [c for c in conditions if c.missing]
        head = (
            f"否。{kind.name}类申报条件中没有这项要求"
            + (f"（第{'、'.join(str(c.number) for c in lost)}条原文缺失，请以原件为准）" if lost else "")
            + "。"
        )
        return Answer(f"{head}\n{listing}", self.cite(*clauses), topic=Topic(kind.id, "condition", listed=numbers))

    # --- scoring -------------------------------------------------------------------------------------------------

    def scoring(self, kinds: list[ApplicantType], query: Query) -> Answer:
        fact = self.rules.fact("scoring")
        head = ""
        full_marks = any(w in query.normalized for w in self.lexicon.full_marks)
        if query.asks("yes_no") and ("mandatory" in query.item_kinds or full_marks):
            head = "不是。满分由必选项和创新项两部分组成：只做必选项最多得必选项的分值，满分还需创新项的得分。\n"
        if not kinds:
            text = f"{head}{fact.title}：{fact.answer}"
            return Answer(text, self.cite(*fact.clauses), topic=Topic(None, "scoring", fact="scoring"))
        lines, clauses = [], []
        for kind in kinds:
            mand, inno = kind.mandatory, kind.innovation
            lines.append(
                f"{kind.name}类：必选项合计{mand.score}分，创新项合计{inno.score}分，共{mand.score + inno.score}分。"
                f"创新项评分说明：{inno.scoring}"
            )
            if inno.scoring_truncated:
                lines.append(f"其后的评分项{self.lost('')[1:]}")
            clauses += [mand.clause, inno.clause]
        topic = Topic(kinds[0].id if len(kinds) == 1 else None, "scoring", fact="scoring")
        return Answer(head + "\n".join(lines), self.cite(*clauses), topic=topic)

    # --- programme facts ---------------------------------------------------------------------------------------

    def fact(self, fact_id: str, kinds: list[ApplicantType], query: Query) -> Answer:
        fact = self.rules.fact(fact_id)
        text = f"{fact.title}：{fact.answer}"
        if fact.due is not None:
            text = f"{self._dates(fact.due)}\n{text}"
        if fact.id == "goal" and len(kinds) == 1:
            kind = kinds[0]
            text = f"{kind.name}类试点内容：{self.rules.clause_text(kind.content_clause)}\n\n{text}"
            topic = Topic(kind.id, fact=fact.id)
            return Answer(text, self.cite(kind.content_clause, *fact.clauses), topic=topic)
        if fact.id == "quota" and kinds:
            text += "\n" + "；".join(f"{t.name}类每个区原则上不超过{t.quota}个" for t in kinds) + "。"
        return Answer(
            text, self.cite(*fact.clauses), topic=Topic(kinds[0].id if len(kinds) == 1 else None, fact=fact.id)
        )

    def _dates(self, due: Due) -> str:
        """This year's date for a yearly deadline, whether it has passed, and the next one."""
        today = self.today()
        this_year = _on(due, today.year)
        if today <= this_year:
            left = (this_year - today).days
            return f"今年的截止日期是{_cn(this_year)}，距今还有{left}天，还来得及。"
        following = _on(due, today.year + 1)
        return f"今年（{today.year}年）的截止日期{_cn(this_year)}已经过了；下一次截止日期是{_cn(following)}。"

    # --- what the notice does not settle --------------------------------------------------------------------

    def unset(self, topic_id: str) -> Answer:
        topic = next(t for t in self.lexicon.unset_topics if t.id == topic_id)
        related: list[Fact] = [self.rules.fact(f) for f in topic.related if f != "contacts"]
        contacts = self.rules.fact("contacts")
        lines = [f"通知未作规定：通知及其附件没有规定{topic.label}。"]
        if related:
            lines.append("通知中相关的规定：")
            lines += [f"· {f.title}：{f.answer}" for f in related]
        lines.append(f"如需确认，请咨询所在区的组织单位或市生态环境局（{contacts.answer}）")
        clauses = [c for f in related for c in f.clauses] + list(contacts.clauses)
        return Answer("\n".join(lines), self.cite(*clauses), refused=True, topic=Topic(fact=None))

    # --- a type on its own ----------------------------------------------------------------------------------

    def overview(self, kind: ApplicantType) -> Answer:
        text, clauses, numbers = self._conditions_text(kind)
        text = f"{kind.name}类试点内容：{self.rules.clause_text(kind.content_clause)}\n\n{text}"
        text += (
            f"\n\n必选项{len(kind.mandatory.items)}项（{kind.mandatory.score}分），"
            f"创新项{len(kind.innovation.items)}项（{kind.innovation.score}分）；"
            f"每个区{kind.name}类名额原则上不超过{kind.quota}个。"
        )
        topic = Topic(kind.id, "condition", listed=numbers)
        return Answer(text, self.cite(*clauses, kind.content_clause, "plan.4.1"), topic=topic)


def _on(due: Due, year: int) -> date:
    day = due.day
    while True:
        try:
            return date(year, due.month, day)
        except ValueError:
            day -= 1  # 每月底: the last day the month has


def _cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _prefixed(answer: Answer, prefix: str) -> Answer:
    from dataclasses import replace

    return replace(answer, answer=f"{prefix}{answer.answer}")
