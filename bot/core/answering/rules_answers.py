"""Rules-first answers: questions about structured facts are answered from the rules, completely.

Retrieval can miss an item or return half a list; the rules module cannot. Anything these
matchers do not recognise falls through to retrieval (``None``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.core.answering.answer import Answer, Citation
from indexer.retriever import item_refs, query_cues
from knowledge.rules import Rules
from knowledge.schema import ApplicantType, Condition, Fact, ItemGroup

_AMOUNT = re.compile(
    r"多少钱|金额|多少万|几万|多少资金|给多少|奖多少|补多少|补贴多少|补助多少|奖励多少|资助多少|具体数额|标准是多少"
)
_ELIGIBILITY = re.compile(r"能报|能申报|能不能|可以报|可以申报|还能|还可以|影响|有资格|符合|算不算|行不行|可不可以")
_CONDITION_WORDS = re.compile(r"条件|资格|门槛|符合")
# The user states something about their situation that may fail a condition (没办、被罚过、还在建…).
_SITUATION = re.compile(r"没|未|无|被|罚|过|还在|尚|缺|违|超标|发生|不(?!能|行|可|是)")
_TENTATIVE = re.compile(r"能不能|可不可以?|行不行|是不是|要不要")
# “属于必选还是创新”, “在哪一项”: the user wants the item that mentions something, not a whole list.
_WHICH_ITEM = re.compile(r"属于|哪一项|哪项|哪条|哪一条|在哪|还是")
_KIND_NAMES = {"condition": "申报条件", "mandatory": "必选项", "innovation": "创新项"}


class RulesAnswerer:
    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self._matchers: list[Callable[[str], Answer | None]] = [
            self._amount,
            self._item_reference,
            self._type_and_kind,
            self._condition_keywords,
            self._fact,
            self._type_only,
        ]

    def answer(self, question: str) -> Answer | None:
        matchers = self._matchers
        if _WHICH_ITEM.search(question) and not item_refs(question):
            matchers = [m for m in matchers if m not in (self._type_and_kind, self._type_only)]
        for matcher in matchers:
            if (found := matcher(question)) is not None:
                return found
        return None

    # --- helpers -----------------------------------------------------------------------------------------------

    def cite(self, *clause_ids: str) -> list[Citation]:
        out = []
        for clause_id in dict.fromkeys(clause_ids):
            clause = self.rules.source.clause(clause_id)
            out.append(Citation(clause.id, clause.title, clause.text))
        return out

    def _types(self, question: str) -> list[ApplicantType]:
        """Types the question names; “楼宇类” outranks an incidental alias (写字楼物业公司 → 楼宇, not 企业)."""
        explicit = [t for t in self.rules.types if f"{t.name}类" in question]
        return explicit or self.rules.detect_types(question)

    def _best_fact(self, question: str) -> Fact | None:
        scored = []
        for fact in self.rules.facts:
            score = sum(len(k) for k in fact.keywords if k.lower() in question.lower())
            if score >= 2:
                scored.append((score, fact))
        return max(scored, key=lambda s: s[0])[1] if scored else None

    # --- matchers, in priority order ---------------------------------------------------------------------------

    def _amount(self, question: str) -> Answer | None:
        """Amounts the notice never gives are declined, with what it does say."""
        if not _AMOUNT.search(question):
            return None
        rewards = self.rules.fact("rewards")
        text = f"抱歉，我无法提供具体数额。{rewards.answer}"
        return Answer(text, self.cite(*rewards.clauses), refused=True, mode="rules")

    def _item_reference(self, question: str) -> Answer | None:
        """“企业必选项第4条” → that one item, or the note that the source lost it."""
        refs = item_refs(question)
        types = self._types(question)
        if not refs or len(types) != 1:
            return None
        kind, number = types[0], refs[0].number
        if refs[0].kind == "condition":
            return self._one_condition(kind, number)
        group: ItemGroup = getattr(kind, refs[0].kind)
        label = _KIND_NAMES[refs[0].kind]
        try:
            item = group.item(number)
        except KeyError:
            return Answer(
                f"{kind.name}类{label}共{len(group.items)}项，没有第{number}项。",
                self.cite(group.clause),
                mode="rules",
            )
        if item.missing:
            return Answer(
                f"{kind.name}类{label}第{number}项在现有通知文本中缺失。{self.rules.missing_notice}",
                self.cite(group.clause),
                mode="rules",
            )
        text = f"{kind.name}类{label}第{number}项（{item.title}）：{item.text}\n（{label}合计{group.score}分）"
        return Answer(text, self.cite(item.clause, group.clause), mode="rules")

    def _one_condition(self, kind: ApplicantType, number: int) -> Answer:
        by_number = {c.number: c for c in kind.conditions}
        if number not in by_number:
            return Answer(f"{kind.name}类申报条件共{len(kind.conditions)}条，没有第{number}条。", [], mode="rules")
        cond = by_number[number]
        if cond.missing:
            text = f"{kind.name}类申报条件第{number}条在现有通知文本中缺失。{self.rules.missing_notice}"
            return Answer(text, self.cite(kind.content_clause), mode="rules")
        return Answer(f"{kind.name}类申报条件第{number}条：{cond.text}", self.cite(cond.clause), mode="rules")

    def _type_and_kind(self, question: str) -> Answer | None:
        cues = query_cues(self.rules, question)
        types = self._types(question)
        if "scoring" in cues.kinds:
            return self._scoring(types)
        kinds = [k for k in ("mandatory", "innovation", "condition") if k in cues.kinds]
        if not kinds or _WHICH_ITEM.search(question):
            return None
        if kinds == ["condition"] and _states_situation(question) and self._specific_condition(question):
            return None  # “罚过款能报吗” is about one condition, answered below
        if kinds == ["condition"] and not _CONDITION_WORDS.search(question) and self._best_fact(question):
            return None  # “企业每个区能报几个” asks a programme fact, not for conditions
        if not types:
            return self._kind_overview(kinds[0])
        parts: list[str] = []
        clauses: list[str] = []
        for kind in types:
            for name in kinds:
                text, cited = self._list(kind, name)
                parts.append(text)
                clauses += cited
        return Answer("\n\n".join(parts), self.cite(*clauses), mode="rules")

    def _scoring(self, types: list[ApplicantType]) -> Answer:
        fact = self.rules.fact("scoring")
        if not types:
            return Answer(f"{fact.title}：{fact.answer}", self.cite(*fact.clauses), mode="rules")
        lines, clauses = [], []
        for kind in types:
            mand, inno = kind.mandatory, kind.innovation
            lines.append(
                f"{kind.name}类：必选项合计{mand.score}分，创新项合计{inno.score}分。创新项评分说明：{inno.scoring}"
            )
            if inno.scoring_truncated:
                lines.append(f"其后的评分项在现有通知文本中缺失（{self.rules.missing_notice}）")
            clauses += [mand.clause, inno.clause]
        return Answer("\n".join(lines), self.cite(*clauses), mode="rules")

    def _list(self, kind: ApplicantType, name: str) -> tuple[str, list[str]]:
        if name == "condition":
            return self._conditions_text(kind)
        group: ItemGroup = getattr(kind, name)
        label = _KIND_NAMES[name]
        lines = [f"{kind.name}类{label}（共{len(group.items)}项，合计{group.score}分）："]
        for item in group.items:
            lines.append(f"{item.number}、{self.rules.missing_notice}" if item.missing else item.text or "")
        if name == "innovation":
            lines.append(f"评分说明：{group.scoring}")
            if group.scoring_truncated:
                lines.append(f"（评分说明其余部分在现有通知文本中缺失，{self.rules.missing_notice}）")
        elif name == "mandatory":
            lines.append("必选项均须在试点实施方案中落实。")
        if group.missing:
            lost = "、".join(str(i.number) for i in group.missing)
            lines.append(f"注意：第{lost}项在现有通知文本中缺失，{self.rules.missing_notice}")
        return "\n".join(lines), [i.clause for i in group.present] + [group.clause]

    def _conditions_text(self, kind: ApplicantType) -> tuple[str, list[str]]:
        lines = [f"{kind.name}属于可申报的主体类型。{kind.name}类申报条件（共{len(kind.conditions)}条，需全部满足）："]
        for cond in kind.conditions:
            lines.append(f"{cond.number}、{self.rules.missing_notice}" if cond.missing else cond.text or "")
        lost = [c for c in kind.conditions if c.missing]
        if lost:
            numbers = "、".join(str(c.number) for c in lost)
            lines.append(f"注意：第{numbers}条在现有通知文本中缺失，{self.rules.missing_notice}")
        return "\n".join(lines), [c.clause for c in kind.conditions if not c.missing]

    def _kind_overview(self, name: str) -> Answer:
        label = _KIND_NAMES[name]
        lines = [f"各类主体的{label}不同："]
        clauses: list[str] = []
        for kind in self.rules.types:
            if name == "condition":
                count, lost = len(kind.conditions), [c for c in kind.conditions if c.missing]
                clauses += [c.clause for c in kind.conditions if not c.missing][:1]
                lines.append(f"· {kind.name}：{count}条" + (f"（第{lost[0].number}条原文缺失）" if lost else ""))
            else:
                group: ItemGroup = getattr(kind, name)
                clauses.append(group.clause)
                note = f"（第{'、'.join(str(i.number) for i in group.missing)}项原文缺失）" if group.missing else ""
                lines.append(f"· {kind.name}：{len(group.items)}项，合计{group.score}分{note}")
        lines.append(f"请告诉我您的主体类型，例如“企业{label}有哪些”。")
        return Answer("\n".join(lines), self.cite(*clauses), mode="rules")

    def _specific_condition(self, question: str) -> list[tuple[ApplicantType, Condition]]:
        types = self._types(question) or list(self.rules.types)
        found = []
        for kind in types:
            for cond in kind.conditions:
                if any(k in question for k in cond.keywords):
                    found.append((kind, cond))
        return found

    def _condition_keywords(self, question: str) -> Answer | None:
        """“去年被罚过款还能报吗” → the condition that speaks of penalties, quoted."""
        if not _ELIGIBILITY.search(question) or not _states_situation(question):
            return None
        found = self._specific_condition(question)
        if not found:
            return None
        lines = ["与您所说情况相关的申报条件："]
        for kind, cond in found:
            lines.append(f"· {kind.name}类申报条件第{cond.number}条：{cond.text}")
        lines.append("申报条件须全部满足；如不满足上述条件，则不符合申报要求。可发送“资格”逐条自查。")
        return Answer("\n".join(lines), self.cite(*(c.clause for _, c in found)), mode="rules")

    def _fact(self, question: str) -> Answer | None:
        fact = self._best_fact(question)
        if fact is None:
            return None
        text = f"{fact.title}：{fact.answer}"
        types = self._types(question)
        if fact.id == "quota" and types:
            text += "\n" + "；".join(f"{t.name}类每个区原则上不超过{t.quota}个" for t in types) + "。"
        return Answer(text, self.cite(*fact.clauses), mode="rules")

    def _type_only(self, question: str) -> Answer | None:
        types = self._types(question)
        if len(types) != 1:
            return None
        kind = types[0]
        text, clauses = self._conditions_text(kind)
        text = f"{kind.name}类试点内容：{self.rules.clause_text(kind.content_clause)}\n\n{text}"
        text += (
            f"\n\n必选项{len(kind.mandatory.items)}项（{kind.mandatory.score}分），"
            f"创新项{len(kind.innovation.items)}项（{kind.innovation.score}分）；每个区{kind.name}类名额原则上不超过{kind.quota}个。"
        )
        return Answer(text, self.cite(*clauses, kind.content_clause, "plan.4.1"), mode="rules")


def _states_situation(question: str) -> bool:
    return bool(_SITUATION.search(_TENTATIVE.sub("", question)))
