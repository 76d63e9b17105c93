"""Answers the rules decide, composed from the rules data: complete lists, single items, facts, dates,
and “the notice does not say”. Which one to give is the answerer's decision, made on the :class:`Query`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from difflib import SequenceMatcher

from bot.core.answering.answer import Answer, Citation, Topic
from bot.core.answering.circumstances import CLAUSE_BREAK, day_text, read_bars
from bot.core.understanding.numerals import chinese
from bot.core.understanding.periods import Period, period_text, supposed_period
from bot.core.understanding.query import Query
from bot.core.understanding.understand import entry_of
from knowledge.lexicon import ItemKind, Lexicon
from knowledge.rules import Rules
from knowledge.schema import ApplicantType, Condition, Due, Fact, FormField, ItemGroup, Provision

GUIDE_KINDS: tuple[ItemKind, ...] = ("condition", "mandatory", "innovation")
EXTRACTIVE_HEAD = "根据通知原文，相关规定如下："
ALIKE_CHARS = 6  # characters two entries must share word for word to be called the same on what is asked


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

    def label(self, applicant: ItemKind) -> str:
        return self.lexicon.item_kinds[applicant].label

    def judge(self, query: Query | None, yes: bool, *, permission: bool = False) -> str:
        """是/否 in the question's own words: “一定要…吗” → 需要 / 不需要, “能…吗” → 可以 / 不可以.

        ``permission`` answers whether something is allowed, so a question asked with a requirement verb
        (“一定得是商业楼吗？住宅楼行不行”) is answered 可以 / 不可以."""
        verb = query.verb if query is not None else None
        families = self.lexicon.judgements
        family = next((j for j in families if verb in j.verbs), None)
        if family is None or (permission and verb in self.lexicon.requirement_verbs):
            family = next(j for j in families if "可以" in j.verbs) if permission else None
        if family is None:
            return "是" if yes else "否"
        return family.positive if yes else family.negative

    def asks_requirement(self, query: Query | None) -> bool:
        """Whether the question asks if something is required: by its verb (一定要), or by its words whatever the
        verb (“这个是硬指标吗”, “算硬性任务吗”)."""
        if query is None:
            return False
        return query.verb in self.lexicon.requirement_verbs or any(
            w in query.asking for w in self.lexicon.requirement_words
        )

    def lost(self, what: str) -> str:
        """The one sentence for an item the extracted source skips."""
        return f"{what}在现有通知文本中缺失，{self.rules.missing_notice}"

    # --- single items ------------------------------------------------------------------------------------------

    def item(self, applicant: ApplicantType, item_kind: ItemKind, number: int, query: Query | None = None) -> Answer:
        """“企业必选项第4条” → that item, or the note that the source lost it, or that there is no such item."""
        if item_kind == "condition":
            answer = self._condition(applicant, number, proof=query is not None and query.fact == "proof")
            if query is not None and query.asks("yes_no") and (met := self._meets(query)):
                return _prefixed(answer, met)  # “楼是2019年建成投用的，第一条算满足吧”
            return answer
        group: ItemGroup = getattr(applicant, item_kind)
        label = self.label(item_kind)
        topic = Topic(applicant.id, item_kind, listed=tuple(i.number for i in group.items), item=number)
        try:
            item = group.item(number)
        except KeyError:
            # the items it does have, so that “楼宇的也有第三条吗” is answered with what 楼宇 has instead
            held = [i.text or "" for i in group.present]
            text = "\n".join([f"{applicant.name}类{label}共{len(group.items)}项，没有第{number}项。", *held])
            return Answer(text, self.cite(*(i.clause for i in group.present), group.clause), topic=topic)
        if item.missing:  # say so, then the items the text does hold
            lines = [
                self.lost(f"{applicant.name}类{label}第{number}项"),
                f"现有文本中{applicant.name}类的其他{label}：",
            ]
            lines += [f"{i.number}、{i.title}" for i in group.present]
            return Answer("\n".join(lines), self.cite(*(i.clause for i in group.present), group.clause), topic=topic)
        text = (
            f"{applicant.name}类{label}第{number}项（{item.title}）：{item.text}\n{self._kind_note(item_kind, group)}"
        )
        if query is not None and query.asks("yes_no"):
            text = f"{self._judgement(item_kind, query)}{text}"
        return Answer(text, self.cite(item.clause, group.clause), topic=topic)

    def compare_items(self, items: tuple[tuple[str, ItemKind, int], ...], query: Query | None = None) -> Answer:
        """“两边的第一条有什么区别”, “这两条侧重点有啥不一样”: each item's own words, side by side, so the user
        sees where they differ — pilotbot does not summarise a difference the notice does not state. Asked
        whether they are the same on something (“突发环境事件的年限要求一样吗”), the words both say of it are
        quoted as the judgement."""
        answers = [self.item(self.rules.type(t), kind, n) for t, kind, n in items]
        lines = ["两条原文对照如下（各自的侧重点以原文为准）："]
        if query is not None and len(items) == 2 and (same := self._said_alike(items, query)):
            lines = [f"在这一点上一样：两条都规定“{same}”。", "两条原文对照如下："]
        lines += [f"· {a.answer.splitlines()[0]}" for a in answers]
        cited = [c.id for a in answers for c in a.citations]
        types = tuple(dict.fromkeys(t for t, _, _ in items))
        kinds = {kind for _, kind, _ in items}
        topic = Topic(types[0] if len(types) == 1 else None, kinds.pop() if len(kinds) == 1 else None, types=types)
        return Answer("\n".join(lines), self.cite(*cited), topic=topic)

    def _said_alike(self, items: tuple[tuple[str, ItemKind, int], ...], query: Query) -> str | None:
        """The longest stretch two entries share, when the question asks whether they are the same and every
        word it asks about that both entries use lies within that stretch."""
        if not any(w in query.asking for w in self.lexicon.sameness_asks):
            return None
        # each entry's text without its number (“4、近三年内…” → “近三年内…”)
        first, second = (re.sub(r"^\d+、", "", self.rules.clause_text(f"guide.{t}.{kind}.{n}")) for t, kind, n in items)
        match = SequenceMatcher(None, first, second, autojunk=False).find_longest_match(0, len(first), 0, len(second))
        common = first[match.a : match.a + match.size].strip("，,。；; ")
        asked = [w for w in query.content if w in first and w in second]
        return common if len(common) >= ALIKE_CHARS and asked and all(w in common for w in asked) else None

    def across(self, across: tuple[tuple[str, tuple[str, ...]], ...], kinds: tuple[ItemKind, ...]) -> Answer:
        """“哪几类的申报条件里有近三年未发生突发环境事件的要求”: the types whose entries say it, each entry in its
        own words — and the types asked about whose entries do not, so the answer covers every type asked."""
        having = [(t, clauses) for t, clauses in across if clauses]
        lines, cited = [f"{'、'.join(self._type_name(t) for t, _ in having)}有这方面的规定："], []
        for clause in (c for _, clauses in having for c in clauses):
            entry = entry_of(clause)
            if entry is None:
                continue
            told = self.item(self.rules.type(entry[0]), entry[1], entry[2])
            lines.append(f"· {told.answer.splitlines()[0]}")
            cited.append(clause)
        scope = "、".join(self.label(k) for k in kinds if k != "scoring") or "申报条件、必选项和创新项"
        if without := [t for t, clauses in across if not clauses]:
            lines.append(f"{'、'.join(self._type_name(t) for t in without)}的{scope}中没有这一内容。")
        types = tuple(t for t, _ in having)
        topic = Topic(types[0] if len(types) == 1 else None, types=types)
        return Answer("\n".join(lines), self.cite(*cited), topic=topic)

    def items_back(self, items: tuple[tuple[str, ItemKind, int], ...]) -> Answer:
        """“这三件里面哪几件属于必选项”: each item told lately, in the order told, with its kind."""
        lines = ["逐件对应如下："]
        cited: list[str] = []
        for n, (type_id, kind, number) in enumerate(items, 1):
            told = self.item(self.rules.type(type_id), kind, number)
            head = told.answer.splitlines()[0].removeprefix("这是").split("：")[0]
            lines.append(f"· 第{chinese(n)}件：{head}——{self.label(kind)}")
            cited += [c.id for c in told.citations]
        counted = {k: sum(kind == k for _, kind, _ in items) for k in dict.fromkeys(kind for _, kind, _ in items)}
        lines.append("；".join(f"{self.label(k)}{c}件" for k, c in counted.items()) + "。")
        types = tuple(dict.fromkeys(t for t, _, _ in items))
        return Answer("\n".join(lines), self.cite(*cited), topic=Topic(types[0] if len(types) == 1 else None))

    def coverage(self, told: tuple[tuple[str, ItemKind, int], ...]) -> Answer:
        """“必选项他们只写了清洁生产、自行监测、信息公开三条”, “漏了哪些”: the items told, by number, and those of
        the same kind not told — the list a reviewer checks a plan against."""
        type_id, kind = told[0][0], told[0][1]
        applicant = self.rules.type(type_id)
        group: ItemGroup = getattr(applicant, kind)
        label = self.label(kind)
        numbers = {n for _, _, n in told}
        named = "、".join(f"第{i.number}项（{i.title}）" for i in group.present if i.number in numbers)
        left = [i for i in group.present if i.number not in numbers]
        lines = [f"{applicant.name}类{label}共{len(group.items)}项。您提到的对应{named}。"]
        if left:
            lines.append(f"未涉及的{label}（{len(left)}项）：")
            lines += [i.text or "" for i in left]
        lost = [i.number for i in group.items if i.missing]
        if lost:
            lines.append(self.lost(f"第{'、'.join(map(str, lost))}项"))
        lines.append(self._kind_note(kind, group))
        cited = [i.clause for i in left] + [i.clause for i in group.present if i.number in numbers]
        topic = Topic(type_id, kind, listed=tuple(i.number for i in left))
        return Answer("\n".join(lines), self.cite(*cited, group.clause), topic=topic, told=told)

    def _type_name(self, type_id: str) -> str:
        return f"{self.rules.type(type_id).name}类"

    def compare_facts(self, fact_ids: tuple[str, ...], applicants: list[ApplicantType], query: Query) -> Answer:
        """“年度总结报告跟申报截止时间是一回事吗”: two facts of the rules are two different provisions — each is
        told in full (with its dates), so the user sees what each one says."""
        answers = [self.fact(f, applicants, replace(query, year=None)) for f in fact_ids]
        head = "不是一回事，两者是不同的规定：" if query.asks("yes_no") else "两者是不同的规定："
        lines = [head, *(f"· {''.join(reversed(a.answer.splitlines()))}" for a in answers)]  # the fact, then its dates
        cited = [c.id for a in answers for c in a.citations]
        return Answer("\n".join(lines), self.cite(*cited), topic=Topic(fact=fact_ids[-1]))

    def _condition(self, applicant: ApplicantType, number: int, *, proof: bool = False) -> Answer:
        by_number = {c.number: c for c in applicant.conditions}
        topic = Topic(applicant.id, "condition", listed=tuple(by_number))
        if number not in by_number:
            held = [c.text or "" for c in applicant.conditions if not c.missing]
            text = "\n".join([f"{applicant.name}类申报条件共{len(applicant.conditions)}条，没有第{number}条。", *held])
            cited = (c.clause for c in applicant.conditions if not c.missing)
            return Answer(text, self.cite(*cited, applicant.content_clause), topic=topic)
        cond = by_number[number]
        topic = Topic(applicant.id, "condition", listed=tuple(by_number), item=number)
        if cond.missing:  # say so, then what the text does hold: the other conditions (and, asked, the proof)
            lines = [self.lost(f"{applicant.name}类申报条件第{number}条")]
            clauses = [c.clause for c in applicant.conditions if not c.missing]
            if proof:
                form = self.rules.data.form
                lines.append(f"证明材料：申报表（附件1）须“{form.proof.removeprefix('附件:')}”，通知未列明具体文件。")
                clauses.append(form.proof_clause)
            lines.append(f"现有文本中{applicant.name}类的其他申报条件（须全部满足）：")
            lines += [c.text or "" for c in applicant.conditions if not c.missing]
            return Answer("\n".join(lines), self.cite(*clauses, applicant.content_clause), topic=topic)
        text = f"{applicant.name}类申报条件第{number}条：{cond.text}\n申报条件须全部满足。"
        if proof:  # “第二条怎么证明”: the form asks for proof but names none; these are suggestions
            lines = [f"· {d}" for d in cond.proof]
            head = (
                f"证明材料：申报表须“{self.rules.data.form.proof.removeprefix('附件:')}”，通知未列明具体文件；可参考："
            )
            text = "\n".join([text, head, *lines])
            return Answer(text, self.cite(cond.clause, self.rules.data.form.proof_clause), topic=topic)
        return Answer(text, self.cite(cond.clause), topic=topic)

    def item_by_clause(self, clause_id: str, query: Query) -> Answer | None:
        """An item found by its content (“楼宇一定要做节能改造吗”), answered as that item, judgement first."""
        for applicant in self.rules.types:
            for cond in applicant.conditions:
                if cond.clause == clause_id and not cond.missing:
                    answer = self._condition(applicant, cond.number)
                    if query.asks("yes_no") and (met := self._meets(query)):
                        return _prefixed(answer, met)
                    return _prefixed(answer, "这是" if not query.asks("yes_no") else "相关的是")
            for item_kind in ("mandatory", "innovation"):
                group: ItemGroup = getattr(applicant, item_kind)
                for item in group.present:
                    if item.clause == clause_id:
                        answer = self.item(applicant, item_kind, item.number)
                        lead = self._judgement(item_kind, query) if query.asks("yes_no") else ""
                        return _prefixed(answer, f"{lead}这是")
        return None

    def _meets(self, query: Query) -> str | None:
        """“我们有专职人员，也有预算，算符合吗”: what the user says they have, against the condition that names
        it — a lead that judges only what was said, and sends them to the clause's full wording."""
        if not any(w in query.asking for w in self.lexicon.qualify_words):
            return None
        told = query.normalized.replace(query.asking, "")
        if not told.strip(" ，,。"):
            return None
        if any(n in told for n in self.lexicon.event_times.negations):
            return "按您所说，这一条目前不满足（不符合）。相关的是"
        return "按您所说，这一条看来可以满足（符合与否以条文全文为准）。相关的是"

    def foreign_item(self, asked: ApplicantType, clause_id: str, query: Query) -> Answer | None:
        """An item the question names for one type that only another type's guide has: say so, and show it."""
        for applicant in self.rules.types:
            for cond in applicant.conditions:
                if cond.clause == clause_id:  # 楼宇类的申报条件里有没有“近一年未受…处罚”这一条
                    judgement = f"{self.judge(query, False)}。" if query.asks("yes_no") else ""
                    head = f"{asked.name}类的申报条件中没有这一条；它是{applicant.name}类申报条件第{cond.number}条"
                    own, own_clauses, numbers = self._conditions_text(asked)
                    text = f"{judgement}{head}：{cond.text}\n\n{own}"
                    topic = Topic(asked.id, "condition", listed=numbers)
                    return Answer(text, self.cite(cond.clause, *own_clauses), topic=topic)
            for item_kind in ("mandatory", "innovation"):
                group: ItemGroup = getattr(applicant, item_kind)
                for item in group.present:
                    if item.clause != clause_id:
                        continue
                    label = self.label(item_kind)
                    named = [k for k in query.item_kinds if k in ("mandatory", "innovation")]
                    scope = label if named else f"{self.label('mandatory')}和{self.label('innovation')}"
                    head = f"{asked.name}类的{scope}中没有这一项；它是{applicant.name}类{label}第{item.number}项"
                    # “在文件里有吗” with the type only remembered asks of the notice, which has it: no 没有
                    judged = query.asks("yes_no") and not query.type_remembered
                    judgement = f"{self.judge(query, False)}。" if judged else ""
                    text = f"{judgement}{head}（{item.title}）：{item.text}"
                    own: ItemGroup = getattr(asked, item_kind)
                    topic = Topic(asked.id, item_kind, listed=tuple(i.number for i in own.items))
                    return Answer(text, self.cite(item.clause, own.clause), topic=topic)
        return None

    def _judgement(self, item_kind: ItemKind, query: Query) -> str:
        """The yes/no before an item: whether it is required, or — asked “算不算创新” — whether it is of the
        kind asked about."""
        if item_kind not in ("mandatory", "innovation"):
            return ""
        label = self.label(item_kind)
        if "condition" in query.item_kinds and not query.kind_remembered:  # “订个环保公约，是必要条件吗”
            if item_kind == "mandatory":
                return "它不是申报条件，但属于必选项，须在试点实施方案中落实。"
            return f"{self.judge(query, False)}。它不是申报条件，属于可选的创新项。"
        asked = [k for k in query.item_kinds if k in ("mandatory", "innovation")] if not query.kind_remembered else []
        if asked and not self.asks_requirement(query):
            if asked[0] == item_kind:
                return f"{self.judge(query, True)}，属于{label}。"
            status = "不是必选项，属于可选的创新项" if item_kind == "innovation" else "属于必选项，必须做"
            return f"{self.judge(query, False)}。它{status}。"
        if item_kind == "mandatory":
            return f"{self.judge(query, True) if self.asks_requirement(query) else '是'}，这是必选项，必须做。"
        if query.verb and not self.asks_requirement(query):  # “能不能成立自治小组”: allowed, and encouraged
            return f"{self.judge(query, True, permission=True)}，这是可选的创新项，鼓励结合实际开展。"
        if query.verb and query.verb not in self.lexicon.requirement_verbs:  # “这个是硬指标吗” → 不是
            return f"{self.judge(query, False)}，这不是必选项，属于可选的创新项。"
        return "不是必选的，属于可选的创新项。"

    def _kind_note(self, item_kind: ItemKind, group: ItemGroup) -> str:
        if item_kind == "mandatory":
            return f"（必选项合计{group.score}分，均须在试点实施方案中落实。）"
        return f"（创新项合计{group.score}分，可结合实际选择若干方向开展。）"

    # --- lists ---------------------------------------------------------------------------------------------------

    def lists(self, applicants: list[ApplicantType], item_kinds: tuple[ItemKind, ...], query: Query) -> Answer:
        """The complete list(s) asked for; for a comparison, both sides."""
        parts: list[str] = []
        clauses: list[str] = []
        listed: tuple[int, ...] = ()
        for applicant in applicants:
            for item_kind in item_kinds:
                text, cited, numbers = self._list(applicant, item_kind)
                parts.append(text)
                clauses += cited
                listed = numbers
        if len(applicants) == 1 and len(item_kinds) == 2 and (query.asks("how_many") or query.asks("compare")):
            parts.insert(0, self._two_counts(applicants[0], item_kinds))  # “创新项比必选项多几条”
        if query.whole_list and len(item_kinds) == 1:
            parts.insert(0, self._whole_list_judgement(item_kinds[0], query))
        if query.asks("compare") and len(applicants) == 2:
            a, b = applicants
            counts = [f"{k.name}类{self.label(ik)}{self._count(k, ik)}" for ik in item_kinds for k in (a, b)]
            parts.append("对比：" + "；".join(counts) + "。各类主体的条目内容不同，以上分别列出。")
        topic = Topic(applicants[0].id if len(applicants) == 1 else None, item_kinds[-1], listed=listed)
        return Answer("\n\n".join(parts), self.cite(*clauses), topic=topic)

    def _whole_list_judgement(self, item_kind: ItemKind, query: Query) -> str:
        """“每项都得做吗” of the list just shown: whether all of it is required, as its kind decides."""
        if item_kind == "condition":
            return f"{self.judge(query, True)}，申报条件须全部满足。"
        if item_kind == "mandatory":
            return f"{self.judge(query, True)}，必选项均须在试点实施方案中落实。"
        if item_kind == "innovation":
            return f"{self.judge(query, False)}，创新项不要求全部开展，可结合实际选择若干方向。"
        return ""

    def _two_counts(self, applicant: ApplicantType, kinds: tuple[ItemKind, ...]) -> str:
        """Two lists of one type counted against each other: both counts and the difference."""
        first, second = kinds
        n, m = self._size(applicant, first)[0], self._size(applicant, second)[0]
        counted = "、".join(f"{self.label(k)}{self._count(applicant, k)}" for k in kinds)
        head = f"{applicant.name}类{counted}"
        if n == m:
            return f"{head}，一样多。"
        more, less = (first, second) if n > m else (second, first)
        return f"{head}，{self.label(more)}比{self.label(less)}多{abs(n - m)}{self._size(applicant, more)[1]}。"

    def _size(self, applicant: ApplicantType, item_kind: ItemKind) -> tuple[int, str]:
        """How many entries a list has, and the measure word it is counted in (条 for conditions, 项 else)."""
        if item_kind == "condition":
            return len(applicant.conditions), "条"
        return len(getattr(applicant, item_kind).items), "项"

    def _count(self, applicant: ApplicantType, item_kind: ItemKind) -> str:
        return "".join(map(str, self._size(applicant, item_kind)))

    def _list(self, applicant: ApplicantType, item_kind: ItemKind) -> tuple[str, list[str], tuple[int, ...]]:
        if item_kind == "condition":
            return self._conditions_text(applicant)
        group: ItemGroup = getattr(applicant, item_kind)
        label = self.label(item_kind)
        lines = [f"{applicant.name}类{label}（共{len(group.items)}项，合计{group.score}分）："]
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

    def _conditions_text(self, applicant: ApplicantType) -> tuple[str, list[str], tuple[int, ...]]:
        lines = [
            f"{applicant.name}属于可申报的主体类型。{applicant.name}类申报条件（共{len(applicant.conditions)}条，需全部满足）："
        ]
        for cond in applicant.conditions:
            lines.append(f"{cond.number}、{self.rules.missing_notice}" if cond.missing else cond.text or "")
        lost = [c for c in applicant.conditions if c.missing]
        if lost:
            lines.append("注意：" + self.lost(f"第{'、'.join(str(c.number) for c in lost)}条"))
        numbers = tuple(c.number for c in applicant.conditions)
        return "\n".join(lines), [c.clause for c in applicant.conditions if not c.missing], numbers

    def kind_overview(self, item_kind: ItemKind) -> Answer:
        label = self.label(item_kind)
        lines = [f"各类主体的{label}不同："]
        clauses: list[str] = []
        for applicant in self.rules.types:
            if item_kind == "condition":
                lost = [c for c in applicant.conditions if c.missing]
                clauses += [c.clause for c in applicant.conditions if not c.missing][:1]
                note = f"（第{lost[0].number}条原文缺失）" if lost else ""
                lines.append(f"· {applicant.name}：{len(applicant.conditions)}条{note}")
            else:
                group: ItemGroup = getattr(applicant, item_kind)
                clauses.append(group.clause)
                note = f"（第{'、'.join(str(i.number) for i in group.missing)}项原文缺失）" if group.missing else ""
                lines.append(f"· {applicant.name}：{len(group.items)}项，合计{group.score}分{note}")
        lines.append(f"请告诉我您的主体类型，例如“企业{label}有哪些”。")
        return Answer("\n".join(lines), self.cite(*clauses), topic=Topic(None, item_kind))

    # --- a stated situation against the conditions -----------------------------------------------------------

    def situation(self, applicants: list[ApplicantType], query: Query) -> Answer | None:
        """“去年被罚过款还能报吗” → the condition that speaks of it, and what follows from it."""
        if not (query.asks_applying or "condition" in query.item_kinds):
            return None  # a situation matters to a question about applying, not to “楼宇能不能成立自治小组”
        # The understanding step kept the clauses that state a situation (“去年被罚过款”), not a marker in one
        # clause (“同事正在写报告”) with a condition's word in another.
        said = "，".join(s for s in (query.recalled, query.situation) if s)  # told now, or before (“这会不会影响”)
        clauses = [c for c in CLAUSE_BREAK.split(said) if c]
        if not clauses:
            return None
        found = [
            (applicant, cond)
            for applicant in applicants or self.rules.types
            for cond in applicant.conditions
            if any(k in clause for k in cond.keywords for clause in clauses)
        ]
        if not found:
            return None
        lines = ["与您所说情况相关的申报条件："]
        lines += [f"· {applicant.name}类申报条件第{cond.number}条：{cond.text}" for applicant, cond in found]
        lines.append("申报条件须全部满足；如不满足上述条件，则不符合申报要求。可发送“资格”逐条自查。")
        topic = Topic(found[0][0].id if len({k.id for k, _ in found}) == 1 else None, "condition")
        return Answer("\n".join(lines), self.cite(*(c.clause for _, c in found)), topic=topic)

    def circumstances(self, applicants: list[ApplicantType], query: Query) -> Answer | None:
        """“去年出过一次较大的突发环境事件，还能报吗” → 不可以, with the condition that rules it out for a time,
        read against today; circumstances stated earlier in the conversation count too, and are named."""
        said = "，".join(s for s in (query.recalled, query.situation) if s)
        supposed = self._supposed(query)
        as_of = supposed.first if supposed and supposed.first > self.today() else None
        readings = read_bars(applicants or list(self.rules.types), said, self.today(), self.lexicon.event_times, as_of)
        if not readings:
            return None
        verdicts = {r.verdict for r in readings}
        against = self._against(query)
        if "fails" in verdicts:
            head = f"{against[0] if against else self.judge(query, False, permission=True)}，不符合申报条件。"
        elif verdicts == {"holds"} and against:
            head = f"{against[1]}。就您所说的情况，这一条不受影响。"
        elif verdicts == {"holds"}:
            head = f"{self.judge(query, True, permission=True)}，就您所说的情况，不影响申报。"
        else:
            head = "要看具体情况。"
        if as_of:
            head = f"按您说的时间（{period_text(supposed)}起）：{head}"
        lines = [head + (f"（按您之前所说：{query.recalled}）" if query.recalled else "")]
        for r in readings:
            lines.append(f"· {r.applicant.name}类申报条件第{r.condition.number}条要求“{r.bar.quote}”：{r.reason}。")
            if r.verdict != "holds" and r.clear_from:
                clear = day_text(r.clear_from)
                later = self._next_round(r.clear_from)
                lines.append(f"  按您说的时间推算，最迟自{clear}起，这一情况不再落在本条的时间范围内{later}。")
        lines.append("申报条件须全部满足，其余各条也请逐条核对（可发送“资格”逐条自查）。")
        one = len({r.applicant.id for r in readings}) == 1
        topic = Topic(readings[0].applicant.id if one else None, "condition")
        return Answer("\n".join(lines), self.cite(*(r.condition.clause for r in readings)), topic=topic)

    def _next_round(self, day: date) -> str:
        """“，此后最近的申报截止日期是2027年10月31日”: the first yearly deadline on or after ``day``."""
        due = self.rules.fact(self.lexicon.form_facts["when"]).due
        if due is None:
            return ""
        deadline = _on(due, day.year)
        deadline = deadline if deadline >= day else _on(due, day.year + 1)
        return f"；此后最近的申报截止日期是{_cn(deadline)}"

    def absent_requirement(self, applicant: ApplicantType, query: Query) -> Answer | None:
        """“街镇一定要有X才能申报吗” where the type's conditions do not mention most of X's own words: 否, with
        the full list."""
        conditions: tuple[Condition, ...] = applicant.conditions
        text_of = " ".join(f"{c.text or ''} {' '.join(c.keywords)}" for c in conditions)
        specific = [w for w in query.content if not self.rules.common_word(w)]  # 环保 in 专职环保员 says nothing
        unsaid = [w for w in specific if w not in text_of]
        if not specific or len(unsaid) * 2 <= len(specific):
            return None  # most of what was asked is in the conditions: they decide it
        listing, clauses, numbers = self._conditions_text(applicant)
        lost = [c for c in conditions if c.missing]
        head = (
            f"{self.judge(query, False)}。{applicant.name}类申报条件中没有这项要求"
            + (f"（第{'、'.join(str(c.number) for c in lost)}条原文缺失，请以原件为准）" if lost else "")
            + "。"
        )
        return Answer(f"{head}\n{listing}", self.cite(*clauses), topic=Topic(applicant.id, "condition", listed=numbers))

    def present_requirement(self, applicant: ApplicantType, query: Query) -> Answer | None:
        """“街镇报这个，是不是得有专门管环保的人，还得有钱” where one condition names most of what was asked
        (配备人员, 落实经费): 是, that condition, then the full list."""
        specific = [w for w in query.content if not self.rules.common_word(w)]
        if not specific:
            return None

        def named(cond: Condition) -> int:
            said = f"{cond.text or ''} {' '.join(cond.keywords)}"
            return sum(w in said or any(k in w for k in cond.keywords) for w in specific)

        scored = sorted(((named(c), c.number, c) for c in applicant.conditions if not c.missing), reverse=True)
        if not scored or scored[0][0] * 2 <= len(specific) or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            return None
        cond = scored[0][2]
        listing, clauses, numbers = self._conditions_text(applicant)
        head = f"{self.judge(query, True)}。{applicant.name}类申报条件第{cond.number}条：{cond.text}"
        topic = Topic(applicant.id, "condition", listed=numbers)
        return Answer(f"{head}\n\n{listing}", self.cite(cond.clause, *clauses), topic=topic)

    # --- permissions and limits written inside a clause --------------------------------------------------------

    def provision(self, applicants: list[ApplicantType], query: Query) -> Answer | None:
        """“依法不需要办排污许可证也能报吗” → 可以, from the clause's own exception; “住宅楼行不行” → 不行."""
        found: list[tuple[Provision, str, str]] = []  # provision, where it stands, clause
        said = f"{query.recalled}，{query.normalized}" if query.recalled else query.normalized
        # “我们写字楼…。楼宇申报条件里对环境投诉有要求吗”: the conditions the asking part names, not the unit told
        asked = {c.clause for t in applicants for c in t.conditions if any(k in query.asking for k in c.keywords)}
        narrowed = bool(asked) and query.asking != query.normalized and not query.recalled
        # Only for the type in question (“学校能申报吗” is not about 楼宇), and only about applying (not
        # “写字楼要不要管油烟”).
        conditions = (
            (query.about_applying and not query.item_clause)
            or query.asks_applying
            or "condition" in query.item_kinds
            or (query.situation and not query.forms - {"when"})  # “楼还在内装，明年才开业”: told, against the limits
            or (query.situation and self._against(query) is not None)  # “…不用办排污许可，会不会拖累全覆盖那条”
            or (query.situation and query.verb in self.lexicon.acceptance_verbs)  # “还在装修没投用的行不行”
        )  # an item named by its content (“申请绿色建筑标识，跟试点挂得上钩吗”) is not about applying
        for applicant in applicants if conditions else ():
            for cond in applicant.conditions:
                if narrowed and cond.clause not in asked:
                    continue
                for provision in cond.provisions:
                    if provision.touched_by(said):
                        found.append(
                            (provision, f"{applicant.name}类申报条件第{cond.number}条：{cond.text}", cond.clause)
                        )
        for fact in self.rules.facts:
            for provision in fact.provisions:
                if provision.touched_by(query.normalized):
                    found.append((provision, f"{fact.title}：{fact.answer}", fact.clauses[0]))
        if any(not p.allows for p, _, _ in found):
            found = [f for f in found if not f[0].allows]  # a thing the clause excludes was named: say so first
        if not found:
            return None
        allows = found[0][0].allows
        verdict = self.judge(query, allows, permission=True)
        if (against := self._against(query)) is not None:
            verdict = against[1] if allows else against[0]  # “会不会拖累” → 不会拖累
            if self._counts_either_way(query):  # “正在搞的算不算”: what the condition allows counts as meeting it
                verdict = against[0] if allows else against[1]
        if not query.forms - {"when"}:  # told, not asked (“楼还在内装，明年才开业”)
            verdict = "按您所说，这一点符合" if allows else "按您所说，目前不符合申报条件"
        lines = [f"{verdict}。{found[0][0].says}"]
        lines += list(dict.fromkeys(f"依据：{where}（原文“{p.quote}”）" for p, where, _ in found))
        clauses = [c for _, _, c in found]
        topic = Topic()
        if any(c.startswith("guide.") for c in clauses):
            if len(applicants) == 1:  # the judgement on one condition, then all of them: all must be met
                listing, cited, numbers = self._conditions_text(applicants[0])
                lines.append(f"\n{listing}")
                clauses += cited
                # “住宅小区能按楼宇报吗” → 不可以: they are no 楼宇, so “那按啥报” is not asked of 楼宇 again
                if found[0][0].not_of_type and not found[0][0].allows:
                    topic = Topic(None, "condition", listed=numbers, excluded=applicants[0].id)
                else:
                    topic = Topic(applicants[0].id, "condition", listed=numbers)
            else:
                lines.append("其余申报条件也须全部满足，可发送“资格”逐条自查。")
        return Answer("\n".join(lines), self.cite(*clauses), topic=topic)

    def _against(self, query: Query) -> tuple[str, str] | None:
        """The answers when a stated situation does count against applying and when it does not, if the question
        asks that (“这影响申报吗”, “会不会拖累全覆盖那条”) — not when it asks whether the situation qualifies
        (“还在进行中，算满足吗”: 算 there asks 符合, not whether it counts against)."""
        if any(w in query.asking for w in self.lexicon.qualify_words):
            return None
        return next((tuple(v) for cue, v in self.lexicon.counts_against.items() if cue in query.asking), None)

    def _counts_either_way(self, query: Query) -> bool:
        """Whether the cue that asks if the situation counts asks it either way (算), not only against (影响)."""
        cues = [cue for cue in self.lexicon.counts_against if cue in query.asking]
        return bool(cues) and all(cue in self.lexicon.counts_either_way for cue in cues)

    def counted_quota(self, applicant: ApplicantType, query: Query) -> Answer:
        """“5个街道都想报，能全部报上去吗”: the count stated, against the type's quota per district."""
        assert query.counted is not None
        fact = self.rules.fact("quota")
        limit = f"每个区{applicant.name}类试点申报个数原则上不超过{applicant.quota}个"
        if query.counted > applicant.quota:
            head = f"{self.judge(query, False, permission=True)}全部申报：{limit}，{query.counted}个超过了这个数。"
        else:
            yes = self.judge(query, True, permission=True)
            head = f"{yes}：{limit}，{query.counted}个在此范围内（各主体仍须分别符合申报条件）。"
        topic = Topic(applicant.id, fact="quota")
        return Answer(f"{head}\n{fact.title}：{fact.answer}", self.cite(*fact.clauses), topic=topic)

    def counted_quotas(self, counts: tuple[tuple[str, int], ...]) -> Answer:
        """“园区3个，企业5个，社区2个，楼宇4个”: each type's count against its quota per district."""
        fact = self.rules.fact("quota")
        over, within = [], []
        for type_id, count in counts:
            kind = self.rules.type(type_id)
            extra = f"，多出{count - kind.quota}个" if count > kind.quota else ""  # “园区要砍掉几个”: 1个
            line = f"{kind.name}类{count}个（上限{kind.quota}个{extra}）"
            (over if count > kind.quota else within).append(line)
        if len(counts) == 1:  # “楼宇那4个没问题吧”
            lines = [f"{'超出名额' if over else '没有超出名额'}：{(over or within)[0]}。"]
        else:
            lines = [f"超出名额：{'；'.join(over)}。" if over else "各类别均未超出名额。"]
            lines += [f"在名额内：{'；'.join(within)}。"] if within else []
        lines.append(f"{fact.title}：{fact.answer}名额按类别分别计算，各主体仍须分别符合申报条件。")
        types = tuple(t for t, _ in counts)
        answer = Answer("\n".join(lines), self.cite(*fact.clauses), topic=Topic(fact="quota", types=types))
        return replace(answer, counts=counts)

    # --- scoring -------------------------------------------------------------------------------------------------

    def scoring(self, applicants: list[ApplicantType], query: Query) -> Answer:
        fact = self.rules.fact("scoring")
        head = ""
        full_marks = any(w in query.normalized for w in self.lexicon.full_marks)
        asks_total = query.asks("how_many")  # “满分是多少，40加60吗” asks the total, not whether 必选项 suffice
        innovation_full = self._innovation_full(applicants, query)
        if innovation_full:  # “创新项那6条全都做了，能拿满60分吗”: the scoring notes decide, not the count done
            head = innovation_full
        elif query.asks("compare") and not applicants:  # “各类的必选项分值一样吗”: every type's, side by side
            scores = {(a.mandatory.score, a.innovation.score) for a in self.rules.types}
            if len(scores) == 1:
                (mand_score, inno_score) = next(iter(scores))
                head = f"一样：各类主体都是必选项{mand_score}分、创新项{inno_score}分。\n"
        elif (
            query.asks("yes_no")
            and not query.asks("compare")
            and ("mandatory" in query.item_kinds or (full_marks and not asks_total))
        ):  # (“分值一样吗” compares; it does not ask whether 必选项 earn full marks)
            no = "不能" if query.verb and "能" in query.verb else "不是"  # “能拿满分吗” asks what is possible
            head = f"{no}。满分由必选项和创新项两部分组成：只做必选项最多只能得必选项的分值，满分还需要创新项的得分。\n"
        if not applicants:
            text = f"{head}{fact.title}：{fact.answer}"
            return Answer(text, self.cite(*fact.clauses), topic=Topic(None, "scoring", fact="scoring"))
        lines, clauses = [], []
        if len(applicants) >= 2 and query.asks("compare"):  # “两者分值一样吗”: the comparison first
            scores = {(a.mandatory.score, a.innovation.score) for a in applicants}
            names = "、".join(f"{a.name}类" for a in applicants)
            if len(scores) == 1:
                (mand_score, inno_score) = next(iter(scores))
                head += f"一样：{names}都是必选项{mand_score}分、创新项{inno_score}分。\n"
            else:
                head += f"不一样：{names}的分值不同，见下。\n"
        # “楼宇必选项一共几条，占多少分”: the count asked with the score
        counted = [k for k in ("mandatory", "innovation") if k in query.item_kinds] if self._counts_items(query) else []
        for applicant in applicants:
            mand, inno = applicant.mandatory, applicant.innovation
            if counted:
                lines.append(
                    "，".join(f"{applicant.name}类{self.label(k)}共{self._count(applicant, k)}" for k in counted) + "。"
                )
            lines.append(
                f"{applicant.name}类：必选项合计{mand.score}分，创新项合计{inno.score}分，"
                f"共{mand.score + inno.score}分。"
                f"创新项评分说明：{inno.scoring}"
            )
            if inno.scoring_truncated:
                lines.append(f"其后的评分项{self.lost('')[1:]}")
            clauses += [mand.clause, inno.clause]
        topic = Topic(applicants[0].id if len(applicants) == 1 else None, "scoring", fact="scoring")
        return Answer(head + "\n".join(lines), self.cite(*clauses), topic=topic)

    def _counts_items(self, query: Query) -> bool:
        """Whether the question also asks how many entries a list has (几条, 多少项), besides its score."""
        return any(w in query.asking for w in self.lexicon.item_count_words)

    def _innovation_full(self, applicants: list[ApplicantType], query: Query) -> str:
        """Whether doing every 创新项 earns its whole score — asked with that score named (满60分): 不一定, the
        score is given by the scoring notes."""
        cues = self.lexicon.item_kinds
        named = {k for k in ("mandatory", "innovation") if any(c in query.normalized for c in cues[k].cues)}
        if not (query.asks("yes_no") and named == {"innovation"}):  # 创新项 said anywhere: 创新项那6条全都做了，…
            return ""
        innovation = (applicants or self.rules.types)[0].innovation
        if f"{innovation.score}分" not in query.normalized:
            return ""
        first_note = re.sub(r"^\d+、", "", innovation.scoring.split(";")[0])
        return (
            f"不一定。创新项合计{innovation.score}分，按评分说明打分（{first_note}），"
            f"做了全部创新方向并不等于拿满{innovation.score}分。\n"
        )

    # --- programme facts ---------------------------------------------------------------------------------------

    def fact(self, fact_id: str, applicants: list[ApplicantType], query: Query) -> Answer:
        fact = self.rules.fact(fact_id)
        text = f"{fact.title}：{fact.answer}"
        supposed = self._supposed(query)
        dated = fact.due is not None and (query.asks("when") or not query.content or supposed is not None)
        if fact.obliges and query.asks("yes_no") and self.asks_requirement(query) and not dated:
            text = f"{self.judge(query, True)}。{text}"  # “都要盖章吗” → 需要。
        if fact.due is not None and dated and not query.asks("to_whom"):
            dates = self._of_year(fact, query.year) if query.year and supposed is None else None
            text = f"{dates or self._dates(fact.due, supposed)}\n{text}"
        if query.stated_length and (limited := self._limited_field(fact)):
            text = f"{self._against_limit(limited, query.stated_length)}\n{text}"  # “简介写了500多字”
        organizers = self.rules.data.organizers
        clauses = fact.clauses
        if query.place and organizers is not None and fact.id in organizers.facts:
            text = f"按您所说的所在地，您的组织单位是{query.place}。\n{text}"  # “我们在化工区，找谁报”
            clauses = tuple(dict.fromkeys([*clauses, organizers.clause]))  # “我们在临港…找谁”: and the contacts
        if fact.id == "goal" and applicants:  # “园区和楼宇的试点内容有啥区别”: each type's own
            contents = [f"{a.name}类试点内容：{self.rules.clause_text(a.content_clause)}" for a in applicants]
            text = "\n\n".join([*contents, text])
            topic = Topic(applicants[0].id if len(applicants) == 1 else None, fact=fact.id)
            return Answer(text, self.cite(*(a.content_clause for a in applicants), *fact.clauses), topic=topic)
        if fact.lists_missing:  # “指引里有哪些条目缺失了”, “企业类有缺的吗”: read from the entries marked missing
            return self._missing_entries(fact, applicants)
        if fact.id == "quota" and self.lexicon.sums(query.text) and query.type_remembered:
            applicants = []  # “那全区加起来最多能报多少个” after 园区's quota: a sum is over every type
        if fact.id == "quota" and (applicants or self.lexicon.sums(query.text)):
            text = self._quota(applicants, query, text)
        if fact.hedge and query.asks("firm"):
            text = (
                f"通知的表述是“{fact.hedge}”，并非绝对的规定；可否例外、例外的条件和程序，通知未作规定，"
                f"请向所在区的组织单位或市生态环境局确认。\n{text}"
            )
        by_type = fact.id == "quota" and len(applicants) == 1  # the only fact whose answer depends on the type
        return Answer(text, self.cite(*clauses), topic=Topic(applicants[0].id if by_type else None, fact=fact.id))

    def _missing_entries(self, fact: Fact, applicants: list[ApplicantType]) -> Answer:
        """Each type's numbered entries the extracted text lacks (the types asked about, else all five), where to
        read them, and the entries beside them that it does hold."""
        lines: list[str] = []
        clauses: list[str] = []
        for applicant in applicants or self.rules.types:
            gaps: list[str] = []
            if lost := [c.number for c in applicant.conditions if c.missing]:
                gaps.append(f"申报条件第{'、'.join(map(str, lost))}条")
                clauses.append(next(c.clause for c in applicant.conditions if not c.missing))
            for kind in ("mandatory", "innovation"):
                group: ItemGroup = getattr(applicant, kind)
                if group.missing:
                    gaps.append(f"{self.label(kind)}第{'、'.join(str(i.number) for i in group.missing)}项")
                    clauses.append(group.present[0].clause if group.present else group.clause)
                if group.scoring_truncated and group.scoring:
                    kept = len(re.findall(r"\d+、", group.scoring))
                    gaps.append(f"{self.label(kind)}评分说明第{kept}项之后的评分项")
                    clauses.append(group.clause)
            told = f"{'；'.join(gaps)}缺失" if gaps else "无缺失条目"
            lines.append(f"· {applicant.name}类：{told}。")
        programme = self.rules.data.programme
        where = (
            f"原件为{'、'.join(programme.issuers)}{programme.issued}印发的通知及其附件；如需原件，"
            f"请向所在区的组织单位或市生态环境局索取（{self.rules.fact('contacts').answer}）"
        )
        text = f"{fact.title}：{fact.answer}\n" + "\n".join(lines) + f"\n{self.rules.missing_notice}{where}"
        topic = Topic(applicants[0].id if len(applicants) == 1 else None, fact=fact.id)
        return Answer(text, self.cite(*dict.fromkeys(clauses), *fact.clauses, "plan.contacts"), topic=topic)

    def limits_length(self, fact_id: str) -> bool:
        """Whether the fact is about a form field with a length limit (简介 200字, 方案 3000字)."""
        return self._limited_field(self.rules.fact(fact_id)) is not None

    def _limited_field(self, fact: Fact) -> FormField | None:
        """The form field with a length limit that the fact is about (its one clause is the field's)."""
        if len(fact.clauses) != 1:
            return None
        return next((f for f in self.rules.data.form.fields if f.limit and f.clause == fact.clauses[0]), None)

    def _against_limit(self, field: FormField, stated: tuple[int, bool]) -> str:
        length, more = stated
        said = f"按您所说（{length}{'多' if more else ''}字）"
        assert field.limit is not None
        if length > field.limit or (length == field.limit and more):
            hint = f"（{field.hint}）" if field.hint else ""
            return f"{said}，超过了{field.label}{field.limit}字以内的要求，需要压缩{hint}。"
        return f"{said}，在{field.label}{field.limit}字以内，符合要求。"

    def _quota(self, applicants: list[ApplicantType], query: Query, general: str) -> str:
        """The limits of the types asked about — only theirs, unless the message names others too (“跟园区一样
        吗”, “其他类型呢”) — and their sum when asked (“街镇和社区加起来最多报几个”)."""
        named = [*applicants, *(t for t in self.rules.detect_types(query.normalized) if t not in applicants)]
        named = named or list(self.rules.types)  # “一个区所有类别加在一起最多能报多少个”
        by_quota: dict[int, list[str]] = {}
        for t in named:
            by_quota.setdefault(t.quota, []).append(t.name)
        lines = "；".join(  # “企业、街镇、社区、楼宇呢”: those with the same limit said together
            f"每个区{'、'.join(names)}类试点申报个数原则上{'各' if len(names) > 1 else ''}不超过{quota}个"
            for quota, names in by_quota.items()
        )
        if len(named) >= 2 and self.lexicon.sums(query.text):
            lines += f"；合计不超过{sum(t.quota for t in named)}个"
        head = ""
        if len(named) >= 2 and query.asks("compare"):  # “跟园区一样吗”, “社区、楼宇也都是这个数吗”
            same = len({t.quota for t in named}) == 1
            head = ("是，一样。" if query.asks("yes_no") else "一样。") if same else "不一样。"
        if any(w in query.normalized for w in self.lexicon.other_types_words):  # 其他雷 typed for 其他类
            return f"{head}{general}\n{lines}。"
        if len(named) == 1 and query.asks("yes_no"):  # “再报一个街镇类，会不会占掉他们的名额”: each category its own
            fact = self.rules.fact("quota")
            return f"{head}{fact.title}：{lines}。名额按类别分别计算（通知原文：{fact.answer}）"
        return f"{head}{self.rules.fact('quota').title}：{lines}。"

    def _supposed(self, query: Query) -> Period | None:
        """The days of the time the question supposes (“要是明年5月才弄完”), unless they lie in a past year."""
        if not query.supposed:
            return None
        period = supposed_period(query.supposed, self.today(), self.lexicon.event_times)
        return period if period is not None and period.last.year >= self.today().year else None

    def _dates(self, due: Due, supposed: Period | None = None) -> str:
        """This year's date for a yearly deadline, whether it has passed, and the next one — or, of a time the
        user supposes, whether that time is before its year's deadline."""
        if supposed is not None:
            year = supposed.first.year
            deadline, following = _on(due, year), _on(due, year + 1)
            said = f"按您说的时间（{period_text(supposed)}）"
            if supposed.last <= deadline:
                return f"{said}，在{year}年的截止日期{_cn(deadline)}之前，来得及。"
            if supposed.first > deadline:
                passed = f"已过{year}年的截止日期{_cn(deadline)}"
                return f"{said}，{passed}，赶不上当年，最早只能赶下一次（{_cn(following)}）。"
            return (
                f"{said}，{year}年的截止日期是{_cn(deadline)}：在此之前完成就来得及，晚于这一天就要等下一次"
                f"（{_cn(following)}）。"
            )
        today = self.today()
        this_year = _on(due, today.year)
        if today <= this_year:
            left = (this_year - today).days
            return f"今年的截止日期是{_cn(this_year)}，距今还有{left}天，还来得及。"
        following = _on(due, today.year + 1)
        left = (following - today).days  # “还剩多久”: the days to the next one, too
        passed = f"今年（{today.year}年）的截止日期{_cn(this_year)}已经过了"
        return f"{passed}；下一次截止日期是{_cn(following)}，距今还有{left}天。"

    def _of_year(self, fact: Fact, year: int) -> str | None:
        """The date of a yearly deadline for the year named (“2026年这一年的总结最晚哪天” → 2027年1月31日, the
        report on a year being due in the next), and whether it has passed. None for a year long gone."""
        assert fact.due is not None
        deadline = _on(fact.due, year + 1 if fact.due.for_year_before else year)
        today = self.today()
        if deadline.year < today.year - 1:
            return None
        what = f"{year}年度的{fact.title.removeprefix('年度')}" if fact.due.for_year_before else f"{year}年"
        if deadline < today:
            return f"{what}的截止日期是{_cn(deadline)}，已经过了。"
        return f"{what}的截止日期是{_cn(deadline)}，距今还有{(deadline - today).days}天，还来得及。"

    # --- what the notice does not settle --------------------------------------------------------------------

    def _whom_to_ask(self, contacts: Fact) -> str:
        """Whom the notice sends a question it leaves open to: the district's organiser or the city office."""
        return f"请咨询所在区的组织单位或市生态环境局（{contacts.answer}）"

    def unset(self, topic_id: str, conditions: tuple[tuple[ApplicantType, Condition], ...] = ()) -> Answer:
        """“通知未作规定”, what the notice does set nearby (its facts, or the conditions that name the thing
        asked about), and whom to ask."""
        topic = self.lexicon.topic(topic_id)
        assert topic is not None, topic_id
        related: list[Fact] = [self.rules.fact(f) for f in topic.related if f != "contacts"]
        contacts = self.rules.fact("contacts")
        lines = [f"通知未作规定：通知及其附件没有规定{topic.label}。"]
        if related or conditions:
            lines.append("通知中相关的规定：")
            lines += [f"· {f.title}：{f.answer}" for f in related]
            lines += [f"· {a.name}类申报条件第{c.number}条：{c.text}" for a, c in conditions]
        lines.append(f"如需确认，{self._whom_to_ask(contacts)}")
        clauses = [c.clause for _, c in conditions] + [c for f in related for c in f.clauses] + list(contacts.clauses)
        return Answer("\n".join(lines), self.cite(*clauses), refused=True, topic=Topic(fact=None))

    def one_side_set(self, topic_id: str, settled: Answer, *, judged: bool = False) -> Answer:
        """Of two sides asked, the one the notice sets (its fact) and the one it does not (the topic), with
        whom to ask about that one — after “不是” when the fact was asked whether it is the other side."""
        topic = self.lexicon.topic(topic_id)
        assert topic is not None, topic_id
        contacts = self.rules.fact("contacts")
        head = f"不是。通知规定的是下面这一项，而不是{topic.label}。\n" if judged else ""
        text = f"{head}{settled.answer}\n至于{topic.label}，通知未作规定，{self._whom_to_ask(contacts)}"
        return replace(settled, answer=text, citations=[*settled.citations, *self.cite(*contacts.clauses)])

    def not_set(self, what: str, closest: Answer) -> Answer:
        """The value asked for is not in the clauses found: say so, quote what they do say, name the contacts."""
        contacts = self.rules.fact("contacts")
        said = closest.answer.removeprefix(EXTRACTIVE_HEAD).lstrip("\n")
        lines = [f"通知未作规定：通知及其附件没有规定这里问的{what}。", "通知中相关的规定：", said]
        lines.append(f"如需确认，{self._whom_to_ask(contacts)}")
        cited = [c.id for c in closest.citations] + list(contacts.clauses)
        # the one item or fact it quoted stays in view (“那这一条完整是怎么写的”, “谁组织的”); a list does not
        quoted = closest.topic is not None and (closest.topic.item is not None or closest.topic.fact is not None)
        kept = closest.topic if quoted else Topic()
        return Answer("\n".join(lines), self.cite(*cited), refused=True, mode=closest.mode, topic=kept)

    def fact_clause(self, fact_id: str, number: int) -> Answer | None:
        """The ``number``-th clause of a fact that cites several in order (the three principles), or the
        ``number``-th part of the plan the form lists, for the fact that quotes the form's plan field."""
        fact = self.rules.fact(fact_id)
        form = self.rules.data.form
        if fact.clauses == (form.clause,):
            return self._plan_section(fact, number)
        if len(fact.clauses) < 2 or not 1 <= number <= len(fact.clauses):
            return None
        clause = fact.clauses[number - 1]
        text = f"{fact.title}第{number}条：{self.rules.clause_text(clause)}"
        return Answer(text, self.cite(clause), topic=Topic(fact=fact.id))

    def _plan_section(self, fact: Fact, number: int) -> Answer:
        """“方案里第四部分要写什么”: the part's heading as the form lists it — the form names the parts, it does
        not say what goes in them."""
        sections = self.rules.data.form.sections
        titles = "、".join(s.title for s in sections)
        if not 1 <= number <= len(sections):
            text = f"试点实施方案的内容包括但不限于{len(sections)}个部分（{titles}），没有第{chinese(number)}部分。"
        else:
            text = (
                f"试点实施方案第{chinese(number)}部分是“{sections[number - 1].title}”。申报表只列出各部分的标题"
                f"（{titles}），没有规定每部分的具体写法；方案全文须在{self.rules.data.form.plan_limit}字以内，可附页。"
            )
        return Answer(text, self.cite(*fact.clauses), topic=Topic(fact=fact.id))

    def applicant_types(self) -> Answer:
        """Eligibility of something that is none of the five types: the types, to check against."""
        fact = self.rules.fact("applicant_types")
        head = "通知规定的申报主体只有以下五类，请对照您的单位属于哪一类（各类另有申报条件）："
        return Answer(f"{head}\n{fact.title}：{fact.answer}", self.cite(*fact.clauses), topic=Topic(fact=fact.id))

    # --- a type on its own ----------------------------------------------------------------------------------

    def overview(self, applicant: ApplicantType) -> Answer:
        text, clauses, numbers = self._conditions_text(applicant)
        text = f"{applicant.name}类试点内容：{self.rules.clause_text(applicant.content_clause)}\n\n{text}"
        text += (
            f"\n\n必选项{len(applicant.mandatory.items)}项（{applicant.mandatory.score}分），"
            f"创新项{len(applicant.innovation.items)}项（{applicant.innovation.score}分）；"
            f"每个区{applicant.name}类名额原则上不超过{applicant.quota}个。"
        )
        topic = Topic(applicant.id, "condition", listed=numbers, overview=True)
        return Answer(text, self.cite(*clauses, applicant.content_clause, "plan.4.1"), topic=topic)


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
