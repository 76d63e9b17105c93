"""Answering applicants' questions: understand once, answer the slot asked from the rules when the rules
decide it, otherwise retrieve and answer around the clause relied on, optionally phrased by an LLM.

Nothing reaches the user that the notice does not say: rules answers come from the rules data,
extractive answers quote clauses verbatim, LLM answers must pass the grounding guard, and what the notice
never settles is said to be unsettled. Retrieval (chromadb and the embedder) is opened on first need, so a
question the rules answer costs neither.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.core.answering.answer import Answer, Citation, Topic
from bot.core.answering.grounding import ungrounded_claims
from bot.core.answering.guards import INJECTION_REFUSAL, REFUSAL, looks_like_injection
from bot.core.answering.rules_answers import EXTRACTIVE_HEAD, GUIDE_KINDS, RulesAnswerer
from bot.core.understanding.memory import remember
from bot.core.understanding.query import Memory, Query
from bot.core.understanding.understand import Understander, entry_of
from knowledge.lexicon import Lexicon, ValueSlot, default_lexicon
from knowledge.rules import Rules

if TYPE_CHECKING:
    from bot.core.answering.llm import LlmPhraser
    from indexer.retriever import Hit, HybridRetriever, UnsetMatch

MAX_QUESTION = 1000
MAX_RETRIEVED = 200  # characters of a question that retrieval embeds and tokenises: the cost of a question is bounded
RELATIVE_CUTOFF = 0.6
ITEM_MARGIN = 1.15  # the best item must lead the next clause by this factor to be “the item meant”
OWN_TYPE_SHARE = 0.75  # …or, when the question names its type, be that type's best item within this share of the top
SHANGHAI = ZoneInfo("Asia/Shanghai")
OUTSIDE_PROCEDURE = "outside_procedure"  # the unset topic for procedures of other regulations
# A question is about an unset topic in other words when it is this much closer (cosine) to the topic's examples
# than to any entry of the notice. Calibrated on the golden set: its refusals sit at ≥ 0.012, in-scope questions
# at ≤ 0.010 (test set v1: ≥ 0.012 and ≤ 0.005).
UNSET_MARGIN = 0.012
FACT_MEANING = 0.92  # cosine a fact's example must reach to name the fact no keyword named…
FACT_MEANING_MARGIN = 0.01  # …ahead of every other fact's and unsettled topic's examples
_MEASURE = re.compile(r"(?:几|多少)([支队名人])")  # a count asked in a measure of its own (几支队伍)
_IS_THIS = re.compile(r"^(?:那|那么)?(?:这|这个|那个|它)(?:就)?是")  # “这是我们交到区里的截止吗”: the fact in view
TOPIC_FACT_WORD = 4  # characters: a fact keyword this long (组织单位) is what is asked, not the story told before
OWN_FACT_WORD = 3  # characters: a fact keyword this long (多报, 报几个) is what a yes/no of a named type asks
BARE_JUDGEMENT = 4  # characters: “还行吗”, “可以吗” ask about what was just told, nothing of their own
STRONG_FACT_WORD = 5  # characters: a fact keyword this long names the fact whatever else the question says
FOLLOW_UP_CHARS = 8  # characters: a message this short that finds nothing in the notice continues the topic in view


def shanghai_today() -> date:
    return datetime.now(SHANGHAI).date()


class Answerer:
    def __init__(
        self,
        rules: Rules,
        retriever: HybridRetriever | Callable[[], HybridRetriever],
        llm: LlmPhraser | None = None,
        *,
        lexicon: Lexicon | None = None,
        today: Callable[[], date] = shanghai_today,
    ) -> None:
        self.rules = rules
        self._retriever = retriever
        self.llm = llm
        self.lexicon = lexicon or default_lexicon()
        self.understand = Understander(rules, self.lexicon)
        self.rules_first = RulesAnswerer(rules, self.lexicon, today)
        self._last_meaning: tuple[tuple[str, tuple[str, ...]], UnsetMatch | None] | None = None

    @property
    def retriever(self) -> HybridRetriever:
        """The hybrid retriever, opened on first use (a factory is called once)."""
        if callable(self._retriever) and not hasattr(self._retriever, "search"):
            self._retriever = self._retriever()
        return self._retriever  # type: ignore[return-value]

    def ask(self, question: str, memory: Memory | None = None) -> Answer:
        question = question.strip()[:MAX_QUESTION]
        if not question:
            return Answer("请输入您的问题，例如“企业申报条件有哪些”。", refused=True)
        if looks_like_injection(question):
            return self._refuse_injection(question)
        parts = self.understand.questions(question)
        if len(parts) > 1:
            return self._ask_several(parts, memory)
        return self._ask_one(question, memory)

    def _ask_one(self, question: str, memory: Memory | None) -> Answer:
        query = self.understand(question, memory)
        answer = self._answer(query)
        if query.value_slot:  # “具体要配几个专职的” of a condition list: a headcount it does not hold
            held = self._holds_value(answer, query)
            if held.refused and not answer.refused and query.asks("yes_no"):
                # not set: what the notice does say is told, not judged (“要成立几支…” is no 需要/不需要 question)
                plain = replace(query, forms=query.forms - {"yes_no", "requirement"}, verb=None)
                held = self._holds_value(self._answer(plain), plain)
            answer = held
        answer = self._settles_detail(answer, query)  # “三份要不要胶装”: near a rule, not settled by it
        if answer.answer == REFUSAL and (followed := self._continued(question, query, memory)):
            answer, query = followed  # “还有什么激励” after the rewards: nothing of its own, so more of the same
        named = query.item_number is not None and not query.kind_remembered
        if answer.refused and answer.topic is not None and answer.topic.item is not None and not named:
            answer = replace(answer, topic=Topic())  # only an item the user named stays in view after 未作规定
        if answer.refused and answer.answer == REFUSAL:  # off the notice altogether: nothing to follow up
            return replace(answer, suggestions=self._suggestions(None, None))
        topic = answer.topic or Topic()
        if answer.refused and len(query.types) >= 2 and not query.type_remembered and not topic.types:
            answer = replace(answer, topic=replace(topic, types=query.types))  # “两者” next: both stay in view
        return self._finish(answer, query)

    def _continued(self, question: str, query: Query, memory: Memory | None) -> tuple[Answer, Query] | None:
        """A short message in which the notice finds nothing (“剩下的呢”, “他们审完呢”) continues the topic in
        view: asked again with that topic's name before it, and answered saying which topic it was read as —
        never for a message off the notice by its own words (天气, 笑话, 周六上班)."""
        if memory is None or query.unset_topic or len(query.asking.strip("？?！!。 ")) > FOLLOW_UP_CHARS:
            return None
        if query.content and not query.elliptical:
            return None  # “他们周六上班吗” names something of its own the notice does not hold
        in_view = self._in_view(memory)
        if in_view is None:
            return None
        again = self.understand(f"{in_view}：{question}", memory)
        answer = self._answer(again)
        if answer.answer == REFUSAL:
            return None
        return replace(answer, answer=f"接着“{in_view}”回答：\n{answer.answer}"), again

    def _in_view(self, memory: Memory) -> str | None:
        """The name of what the conversation was last about: the fact, or the type's list or item."""
        if memory.fact:
            return self.rules.fact(memory.fact).title
        if memory.item_kind is None:
            return None
        kind = self.rules_first.label(memory.item_kind)
        return f"{self.rules.type(memory.type).name}类{kind}" if memory.type else kind

    def _ask_several(self, parts: list[str], memory: Memory | None) -> Answer:
        """“材料交给谁？要几份？”: each question answered in turn, the later ones knowing the earlier answers
        (“我们是园区，能报吗？条件是什么？” — the second asks about 园区 too)."""
        answers: list[Answer] = []
        labels: list[str] = []
        known = memory or Memory()
        for part in parts:
            answer = self._ask_one(part, known)
            if all(answer.answer != a.answer for a in answers):
                answers.append(answer)
                labels.append(part.strip(" ，,"))
            known = remember(known, answer)
        if len(answers) == 1:
            return answers[0]
        text = "\n\n".join(f"【{label}】\n{a.answer}" for label, a in zip(labels, answers, strict=True))
        citations = list({c.id: c for a in answers for c in a.citations}.values())
        answered = [a for a in answers if not a.refused] or answers
        last = answered[-1]
        return replace(
            last,
            answer=text,
            citations=citations,
            refused=any(a.refused for a in answers),  # part of what was asked is not in the notice: say so
            stated="，".join(dict.fromkeys(a.stated for a in answers if a.stated)),
            assumed_type=next((a.assumed_type for a in answers if a.assumed_type), None),
            # “我是徐汇一个街道的，…条件？材料交几份？什么时候交？”: the type in question outlives the last part
            topic=last.topic if last.topic is None or last.topic.type else replace(last.topic, type=known.type),
        )

    # --- deciding which answer addresses the question -------------------------------------------------------

    def _answer(self, q: Query) -> Answer:
        rules, applicants = self.rules_first, [self.rules.type(t) for t in q.types]
        guide_kinds = tuple(k for k in q.item_kinds if k in GUIDE_KINDS)
        if q.unset_topic and not self._dated_fact(q):
            if self._off_topic(q.unset_topic):
                return Answer(REFUSAL, refused=True)
            if q.unset_topic == OUTSIDE_PROCEDURE:
                return rules.unset(q.unset_topic, self._conditions_named(q, applicants))
            if (pointed := self._pointed_value(q, applicants, guide_kinds)) is not None:
                return pointed  # “你刚说的最后一个…是几年”: the entry pointed at says 近三年
            if self._one_side_set(q):  # “这个截止是交给区里还是交给市里的”: the side the notice sets, and the other
                # …or “这是我们交到区里的截止吗”: not that one — the one it sets, and the other not set
                judged = "还是" not in q.asking
                settled = rules.fact(q.fact, applicants, q)  # type: ignore[arg-type]
                return rules.one_side_set(q.unset_topic, settled, judged=judged)
            closest = self._closest(q, applicants) if self._beyond_topic(q) else None
            if closest is not None and not closest.refused and self._holds_asked_value(q, guide_kinds, closest):
                return closest  # “企业条件里处罚看几年”: the condition asked about says 近一年
            if closest is not None and not closest.refused:  # “经验交流会多久开一次”: what it says of 经验交流会
                label = self.lexicon.value_slots[q.value_slot].label if q.value_slot else None
                return rules.not_set(label or self._topic_label(q.unset_topic), closest)
            return rules.unset(q.unset_topic)
        if q.asks("firm") and q.fact and self.rules.fact(q.fact).hedge:
            return rules.fact(q.fact, applicants, q)  # “这个上限是死的吗”: 原则上, as the notice words it
        if q.stage_done is not None:  # “我们的试点已经审核通过了”: the step that follows; the conversation is at it
            told = rules.fact(self.lexicon.next_steps[q.stage_done], applicants, q)
            return replace(told, topic=Topic(fact=q.stage_done))
        if q.told_items:
            return rules.coverage(q.told_items)  # “必选项他们只写了A、B、C”, “漏了哪些”: told and not told
        if q.items_back:
            return rules.items_back(q.items_back)  # “这三件里面哪几件属于必选项”: the items told lately, each judged
        if q.across and any(clauses for _, clauses in q.across):
            return rules.across(q.across, guide_kinds)  # “哪几类的申报条件里有…的要求”: each type, said or not
        if q.counts:
            return rules.counted_quotas(q.counts)  # “园区3个，企业5个，社区2个，楼宇4个”, then “哪些类别超了”
        several = q.counted is not None and q.counted > 1  # “一栋商务楼” is one unit, not a count against the quota
        # …when the asking part is about applying (“…4个街道都想报，想先了解创新性占多少分” asks the score)
        applying = q.asks_applying or (q.about_applying and q.value_slot is None)
        # “能不能6个全都报到市里”: sending the applicants on is applying; a count of them meets the quota
        applying = applying or (q.fact == self.lexicon.form_facts["procedure"] and q.value_slot is None)
        # …but “区里3个街镇都想报，申报材料是区里先审还是直接交市里” asks the route: the count was only told
        told_only = q.fact_strength >= TOPIC_FACT_WORD and q.fact != "quota" and q.asking != q.normalized
        told_only = told_only and self.understand.count(q.asking, q.types) is None
        # …while “报上来6个，能全部报到市里吗” asks whether all of them may go on: the count against the quota
        told_only = told_only and not any(w in q.asking for w in self.lexicon.over_words)
        if several and applying and len(applicants) == 1 and (q.asks("yes_no") or q.asks("how_many")) and not told_only:
            return rules.counted_quota(applicants[0], q)
        mistaken = guide_kinds == ("condition",) and q.item_clause and ".condition." not in q.item_clause
        if mistaken and q.asks("yes_no") and (by_content := rules.item_by_clause(q.item_clause, q)):
            return by_content  # “…订个环保公约，对申报来说是必要条件吗”: no condition, an item of the pilot
        told_then_when = q.situation and q.asks("when") and not q.asks("yes_no") and q.asking != q.normalized
        if told_then_when and q.asks_applying and not q.fact and not guide_kinds:
            # “…近三年没事故，也没被罚过。那明年最晚什么时候报”: what is told answers nothing asked; the date does
            return rules.fact(self.lexicon.form_facts["when"], applicants, q)
        if (q.asks("yes_no") or q.recalled or self._states_only(q)) and (decided := rules.provision(applicants, q)):
            return decided
        recalled = q.recalled and not (q.fact and q.fact_strength >= TOPIC_FACT_WORD)  # “…由哪个组织单位负责申报”
        if (recalled or self._asks_of_situation(q)) and (judged := rules.circumstances(applicants, q)):
            return judged  # “去年出过一次较大的突发环境事件，还能报吗”: judged against today
        if q.supposed and (deadline := self._supposed_deadline(q)):
            return rules.fact(deadline, applicants, q)  # “要是明年5月才弄完呢，还赶得上吗”: that year's deadline
        if q.asks("procedure") and q.content and (named := self._conditions_named(q, applicants)):
            return rules.unset(OUTSIDE_PROCEDURE, named)  # “三同时验收的流程”: another procedure than this one
        if q.compared:
            return rules.compare_items(q.compared, q)
        if q.compared_facts:
            return rules.compare_facts(q.compared_facts, applicants, q)
        remembered_item = q.kind_remembered and q.item_number is not None
        if remembered_item and q.fact not in (None, "proof") and q.fact_strength >= STRONG_FACT_WORD:
            return self._holds_value(rules.fact(q.fact, applicants, q), q)  # “这个要交什么材料”: the fact it names
        if q.item_number is not None and len(applicants) == 1 and guide_kinds:
            return rules.item(applicants[0], guide_kinds[0], q.item_number, q)
        numbered = q.item_number is not None and q.fact and not guide_kinds
        if numbered and (clause := rules.fact_clause(q.fact, q.item_number)):  # type: ignore[arg-type]
            return clause  # “第三条讲的是什么” after the principles
        if "scoring" in q.item_kinds or q.fact == "scoring":
            return rules.scoring(applicants, q)
        # …unless it names a fact of its own (“崇明的园区类是不是可以多报几个”: the quota)
        own_fact = q.fact is not None and q.fact_strength >= OWN_FACT_WORD
        of_item = q.item_clause is not None and q.asks("requirement")  # “…投诉调解机制，社区类申报这个是必须的吗”
        explicit_applying = q.type_explicit and len(applicants) == 1 and q.about_applying and q.asks("yes_no")
        if explicit_applying and guide_kinds in ((), ("condition",)) and not of_item:
            if own_fact and (fact := self._confirmed_fact(q, applicants)):
                return fact
            listed = rules.lists(applicants, ("condition",), q)  # “崇明的村子能报社区类吗”: 社区类's conditions
            return self._unit_of_type(applicants[0], q, listed)
        if self._asks_whether_unit_may_apply(q, applicants, guide_kinds):
            overview = rules.overview(applicants[0])  # “村委会能不能报这个试点”: 可以, on its conditions
            head = f"可以，{applicants[0].name}类主体可以申报（申报条件须全部满足）。\n"
            return replace(overview, answer=head + overview.answer)
        if self._unset_by_meaning(q, guide_kinds) and (topic := self._unset_topic(q)):
            return Answer(REFUSAL, refused=True) if self._off_topic(topic) else rules.unset(topic)
        weakly_named = q.fact_strength <= 2 and not q.type_explicit  # 哪类, 几类: a question word, not a topic
        if q.item_clause and q.fact and weakly_named and (by_content := rules.item_by_clause(q.item_clause, q)):
            return by_content  # “EOD模式是啥，哪类主体的”: the item its words single out, and whose it is
        # “社区（村居）这类具体针对哪些主体”: which units one type named is for — its overview (居委会或行政村)
        units_of_type = q.asks("which_types") or q.asks("which_type")
        units_of_type = units_of_type and q.fact == "applicant_types" and not q.type_remembered
        if units_of_type and len(applicants) == 1 and self.understand.names_types(q.asking):
            return rules.overview(applicants[0]) if not guide_kinds else rules.lists(applicants, guide_kinds, q)
        eligibility_only = guide_kinds == ("condition",) and not applicants  # “哪些单位可以申报”
        introduction = q.statement and len(applicants) == 1 and not q.type_remembered and not guide_kinds
        # “产业园区，管委会这边想申报”: who they are, not the organisers — unless the fact names them (化工区管委会)
        in_passing = introduction and q.fact_strength < STRONG_FACT_WORD and not self._fact_names(q)
        if (
            q.fact
            and not in_passing
            and (not guide_kinds or eligibility_only)
            and self._confirmed(fact := rules.fact(q.fact, applicants, q), q)
        ):
            return self._holds_value(fact, q)
        about_conditions = guide_kinds == ("condition",) and len(applicants) == 1
        one_requirement = about_conditions and q.asks("requirement") and q.asks("yes_no") and bool(q.content)
        listing = not q.content or q.elliptical or q.asks("compare")
        named_item = q.item_clause or q.foreign_item  # 那碳中和呢, 楼宇搞EOD: an item, not the list
        asks_list = guide_kinds and listing and not one_requirement and not named_item
        if asks_list:
            return rules.lists(applicants, guide_kinds, q) if applicants else rules.kind_overview(guide_kinds[0])
        if q.statement and q.stated_length and q.fact and rules.limits_length(q.fact):
            return rules.fact(q.fact, applicants, q)  # “…他们的单位简介写了500字”: the length told, against the limit
        if q.statement and len(applicants) == 1 and not q.type_remembered and not guide_kinds:
            return self._introduced(applicants[0], q)  # “我们是化工园区”: an introduction, answered with what applies
        several = len(applicants) >= 2 and any(w in q.text for w in self.lexicon.together_words)
        if several and q.statement and q.about_applying and not q.type_remembered and not guide_kinds:
            return rules.lists(applicants, ("condition",), q)  # “两个客户，一个化工企业，一个写字楼，都想报”
        if q.statement and not applicants and q.normalized.startswith(self.lexicon.intro_words):
            # “我们是搞光伏安装的”: who they are, in words of no type — the five types, not an item its words touch
            return rules.applicant_types()  # (“我们是做第三方物流的” is no 第三方环保服务)
        if q.item_clause and (by_content := rules.item_by_clause(q.item_clause, q)):
            return by_content
        if (
            q.foreign_item
            and len(applicants) == 1
            and (foreign := rules.foreign_item(applicants[0], q.foreign_item, q))
        ):
            return foreign  # “我们楼宇想搞EOD模式，这是楼宇的创新项吗”: 街镇's, not 楼宇's
        if q.asks("which_type") and q.about_applying and len(applicants) == 1 and not guide_kinds and not q.fact:
            return rules.overview(applicants[0])  # “我们适合报哪一类” of a 商场 said before: 楼宇, and what applies
        asks_requirement = q.about_applying and q.asks("requirement") and q.asks("yes_no") and not guide_kinds
        present = rules.present_requirement(applicants[0], q) if asks_requirement and len(applicants) == 1 else None
        if present is not None and q.situation and q.asking != q.normalized:
            return present  # “楼里餐厅被投诉过，已经处理好了。楼宇申报是不是要求楼已经建成投用”: the condition asked
        # …and when the type is only remembered, what the story names for another type (排污许可 in a 居委's chat)
        if situation := rules.situation(applicants, q) or (q.type_remembered and rules.situation([], q)):
            return situation
        if one_requirement and (absent := rules.absent_requirement(applicants[0], q)):
            return absent  # “街镇一定要有X才能申报吗” where no condition asks for X
        if present is not None:
            return present  # “街镇报这个，是不是得有专门管环保的人，还得有钱”: 配备人员, 落实经费
        if self._asks_applying_requirement(q, applicants, guide_kinds) and (
            absent := rules.absent_requirement(applicants[0], q)
        ):
            return absent  # “社区报试点要先开居民大会表决吗”: a precondition no condition sets
        if eligibility_only and q.content and not q.fact and not self._names_guide_item(q):
            return rules.applicant_types()  # “学校能申报吗”: who may apply, to check against
        if about_conditions and not one_requirement:
            return rules.lists(applicants, guide_kinds, q)  # “写字楼物业公司可以报楼宇类吗”: the conditions decide
        if q.asks("when") and q.asks_applying and not q.fact and not guide_kinds and not q.item_clause:
            return rules.fact(self.lexicon.form_facts["when"], applicants, q)  # “最晚什么时候把材料报上去”
        if not guide_kinds and not q.content:
            for form, fact_id in self.lexicon.form_facts.items():
                if q.asks(form):
                    return self._holds_value(rules.fact(fact_id, applicants, q), q)
            if len(applicants) == 1:
                return rules.overview(applicants[0])
            if q.about_applying and not applicants:
                return rules.applicant_types()  # “能报吗”: who may apply, and a type to name
        if not guide_kinds and self._unset_by_meaning(q, guide_kinds) and (meant := self._fact_by_meaning(q)):
            return self._holds_value(rules.fact(meant, applicants, q), q)
        found = self._retrieve(q)
        if found is not None:
            return self._holds_value(found, q)
        if guide_kinds:
            return rules.lists(applicants, guide_kinds, q) if applicants else rules.kind_overview(guide_kinds[0])
        return Answer(REFUSAL, refused=True, mode="extractive")

    def _introduced(self, applicant, q: Query) -> Answer:
        """The type's overview — and, when the introduction names something the type's guide has an item for
        (“我们是一个居委会，小区里垃圾分类做得不错”), that item, which stays in view (“这个算加分项吗”)."""
        overview = self.rules_first.overview(applicant)
        entry = entry_of(q.item_clause) if q.item_clause else None
        if (entry is None or entry[1] not in ("mandatory", "innovation")) and q.fact_strength >= TOPIC_FACT_WORD:
            # “我是街道办的，听说每年要交总结报告”: the fact told of stays in view (“这个报告是谁交”)
            told = self.rules_first.fact(q.fact, [applicant], replace(q, forms=frozenset(), verb=None))  # type: ignore[arg-type]
            text = f"{overview.answer}\n\n关于您提到的{self.rules.fact(q.fact).title}：\n{told.answer}"  # type: ignore[arg-type]
            return replace(told, answer=text, citations=overview.citations + told.citations)
        if entry is None or entry[0] != applicant.id or entry[1] not in ("mandatory", "innovation"):
            return overview
        told = self.rules_first.item(applicant, entry[1], entry[2], replace(q, forms=frozenset(), verb=None))
        if q.told_again:  # the overview was given when they introduced themselves: the item alone is new
            return replace(told, answer=f"您提到的内容对应{told.answer.removeprefix('这是')}")
        text = f"{overview.answer}\n\n您提到的内容对应{told.answer.removeprefix('这是')}"
        topic = replace(told.topic, overview=True) if told.topic else overview.topic
        return replace(overview, answer=text, citations=overview.citations + told.citations, topic=topic)

    def _supposed_deadline(self, q: Query) -> str | None:
        """The dated fact a question supposing a time asks about: the one it names, else the deadline when it
        asks when (“开业以后最早哪一轮能报”)."""
        if q.fact and self.rules.fact(q.fact).due:
            return q.fact
        return self.lexicon.form_facts["when"] if q.asks("when") and not q.fact else None

    def _confirmed(self, answer: Answer, q: Query) -> bool:
        """A fact named among other words (“社区要搞环保宣传进家庭吗” names 宣传) is the answer only when
        retrieval agrees that the clauses it cites are what the question is about."""
        named = [w for w in q.content if w not in self.lexicon.light_verbs]  # “园区自己交给市局吗”: who acts
        if not named or q.fact_strength >= STRONG_FACT_WORD:
            return True  # nothing else named, or named by a phrase too specific to be in passing (“围绕哪些方面”)
        if q.fact_strength == 0:
            return True  # “写超了呢”, “写超了咋办” right after the plan's 3000字: the fact just told, asked again
        if all(w in answer.answer for w in q.content):
            return True  # “申报材料是我们居委直接交到市里吗”: 申报材料 is a word of the route itself
        cited = {c.id for c in answer.citations}
        hits = self._search(q)
        if not hits or any(h.chunk.id in cited for h in hits[:2]):
            return True
        if hits[0].chunk.kind not in GUIDE_KINDS:
            return True  # unconfirmed only when the words point to a guide item…
        if q.asking == q.normalized:
            return False
        # …and not only the words of what was told before the question (“宣传册我们印了500本 申报材料还要电子版吗”)
        asked = self._search(replace(q, normalized=q.asking))
        return not asked or any(h.chunk.id in cited for h in asked[:2])

    def _asks_applying_requirement(self, q: Query, applicants: list, guide_kinds: tuple) -> bool:
        """“X报试点需要先…吗” without naming 申报条件: a precondition of applying, unless what it names is
        something a pilot does (retrieval puts a 必选项 or 创新项 first: “社区报试点要有志愿者吗”)."""
        if guide_kinds or len(applicants) != 1 or not q.content or not q.about_applying:
            return False
        if not (q.asks("requirement") and q.asks("yes_no")):
            return False
        hits = self._search(q)
        return not hits or hits[0].chunk.kind not in ("mandatory", "innovation")

    def _names_guide_item(self, q: Query) -> bool:
        """Whether retrieval, looking everywhere, puts a guide item or condition first (“镇上招商引资要考虑环保
        门槛吗” → 街镇创新项1) rather than the list of applicant types."""
        hits = self.retriever.search(_searched(q), k=1, types=q.types, kinds=())
        return bool(hits) and hits[0].chunk.kind in GUIDE_KINDS

    def _unset_by_meaning(self, q: Query, guide_kinds: tuple) -> bool:
        """Only questions that would consult retrieval anyway (no fact named, or a fact among other words) and
        that name no guide item: a rules answer to “纸质材料要几份” never opens the index."""
        if guide_kinds or q.item_number is not None or q.item_clause or (q.statement and q.types):
            return False  # “我们是化工园区” introduces the applicant; “推荐几家餐馆” may be about anything
        if q.foreign_item and q.type_remembered:
            return False  # “倡导绿色办公在文件里有吗” of a company: 楼宇's item, which its concepts single out
        named = () if q.type_remembered else q.types  # a remembered type does not narrow what the story names
        if q.situation and q.asks_applying and self.understand.names_condition(q.situation, named):
            return False  # “我们是排污登记管理的，没有排污许可证，能报吗”: the conditions judge it
        topical = [w for w in q.content if w not in self.lexicon.light_verbs]  # “我们企业自己能不能单独报”
        if not topical and not q.fact:
            return False  # “能报吗”, “怎么报名”: nothing to match by meaning but the act of applying
        if q.asks("when") and q.asks_applying and not q.fact:
            return False  # “明年竣工的话啥时候报”: when to apply is the deadline's, whatever else is named
        if not q.fact:
            return True
        if q.elliptical and q.fact_strength == 0:
            return False  # “写超了呢” right after the plan's 3000字: the fact just told, asked again
        # “参加试点对申报单位有什么好处”: a topic named in full by what is asked is that topic, whatever else is said
        asked = q.asking.lower()
        return bool(q.content) and not any(
            len(k) >= TOPIC_FACT_WORD and k in asked for k in self.rules.fact(q.fact).keywords
        )

    def _unset_topic(self, q: Query) -> str | None:
        match = self._meaning(q)
        if match is None or match.topic is None or match.similarity < match.in_scope + UNSET_MARGIN:
            return None
        return match.topic

    def _fact_by_meaning(self, q: Query) -> str | None:
        """“企业能不能自己直接把申报材料交给市生态环境局”: no keyword names the route, but one of its example
        questions is the nearest of all examples, clearly ahead of any other fact's or unsettled topic's."""
        match = self._meaning(q)
        if match is None or match.fact is None or match.fact_similarity < FACT_MEANING:
            return None
        return match.fact if match.fact_similarity >= match.runner_up + FACT_MEANING_MARGIN else None

    def _meaning(self, q: Query) -> UnsetMatch | None:
        """The examples nearest the question; asked for twice in one answer (unset topic, then fact), looked up once."""
        key = (q.normalized[:MAX_RETRIEVED], q.types)
        last = self._last_meaning  # read once: answers on other threads may replace it
        if last is None or last[0] != key:
            last = self._last_meaning = (key, self.retriever.unset_match(*key))
        return last[1]

    def _closest(self, q: Query, applicants: list) -> Answer | None:
        """What the notice does say about the thing asked: the fact named, else the clauses retrieval finds —
        said, not judged: the judgement of a question the notice leaves open is that it does not say."""
        q = replace(q, forms=q.forms - {"yes_no"}, verb=None)  # not “有，这是可选的创新项” under 未作规定
        if q.fact:
            return self.rules_first.fact(q.fact, applicants, q)
        return self._retrieve(q)

    def _pointed_value(self, q: Query, applicants: list, guide_kinds: tuple) -> Answer | None:
        """The entry a message points at by its number, when it states a value of the kind asked (几年 of
        “近三年内未发生…”): that entry answers, the duration is not one the notice leaves open."""
        if q.item_number is None or len(applicants) != 1 or not guide_kinds or q.value_slot is None:
            return None
        entry = self.rules_first.item(applicants[0], guide_kinds[0], q.item_number, q)
        held = not entry.refused and self.lexicon.value_slots[q.value_slot].found_in(entry.answer)
        return entry if held else None

    def _holds_asked_value(self, q: Query, guide_kinds: tuple, closest: Answer) -> bool:
        """A value asked of the guide's own entries (conditions, items) that the entry found does state: the
        question is answered, not “not set” — when the entry names what was asked about (处罚, 突发环境事件), not
        only a value of the same kind (“整改要几个月” is not answered by 近三年)."""
        of_guide = guide_kinds or any(c.id.startswith("guide.") for c in closest.citations)
        if q.value_slot is None or not of_guide or not q.content:
            return False
        slot = self.lexicon.value_slots[q.value_slot]
        # 多长, 近多久 ask; 影响 judges (“要过多久才不影响”): neither names what is asked about
        topical = [
            w
            for w in q.content
            if not any(w in cue or cue in w for cue in slot.asks) and w not in self.lexicon.counts_against
        ]
        # most of them: “我们街道想报，条件里说没发生较大突发环境事件，是看几年” tells 想报 on the way
        named = bool(topical) and sum(w in closest.answer for w in topical) * 3 >= len(topical) * 2
        return named and slot.found_in(closest.answer)

    def _confirmed_fact(self, q: Query, applicants: list) -> Answer | None:
        fact = self.rules_first.fact(q.fact, applicants, q)  # type: ignore[arg-type]
        return self._holds_value(fact, q) if self._confirmed(fact, q) else None

    def _asks_whether_unit_may_apply(self, q: Query, applicants: list, guide_kinds: tuple) -> bool:
        """“村委会能不能报这个试点？”, “我们普陀的一个街道也能报吗”: a unit of one type asks whether it may apply,
        naming nothing else in the asking part and telling no circumstance to judge."""
        if len(applicants) != 1 or q.type_remembered or not (q.asks_applying and q.asks("yes_no")):
            return False
        # “雨污分流、河道整治这些…一定要有的吗” names what it asks about; “我们是化工厂，能报吗” introduces them
        told = q.situation or q.recalled or q.statement
        return guide_kinds in ((), ("condition",)) and not (q.content or told or q.fact or q.item_clause)

    def _unit_of_type(self, applicant, q: Query, listed: Answer) -> Answer:
        """“社区（村居）类，行政村也能报吗”: a unit the question names by one of the type's own names other than
        the type's is a unit of that type — 可以, on its conditions."""
        said = q.asking.replace("（", "(").replace("）", ")").replace(applicant.name, " ")
        also = [said.find(w) for w in self.lexicon.also_words if w in said]
        # the name said just before “也能”: 行政村 in “行政村也能报吗，还是只能是居委会”
        names = [a for a in applicant.aliases if len(a) >= 3 and 0 <= said.find(a) < min(also, default=-1)]
        if not names:
            return listed
        unit = max(names, key=lambda a: said.find(a) + len(a))
        head = f"可以，{unit}属于{applicant.name}类申报主体（申报条件须全部满足）。\n"
        return replace(listed, answer=head + listed.answer)

    def _beyond_topic(self, q: Query) -> bool:
        """Whether the question names something besides the unset topic's own cues: “我是江苏昆山一家企业的”
        names only where they are — no clause is “closest” to 江苏."""
        topic = self.lexicon.topic(q.unset_topic)
        cues = topic.cues if topic else ()
        return any(not any(w in c or c in w for c in cues) for w in q.content)

    def _topic_label(self, topic_id: str) -> str:
        return self.lexicon.topic(topic_id).label  # type: ignore[union-attr]

    def _off_topic(self, topic_id: str) -> bool:
        return self.lexicon.topic(topic_id).off_topic  # type: ignore[union-attr]

    def _holds_value(self, answer: Answer, q: Query) -> Answer:
        """An answer to “多久开一次” must hold a frequency: when neither it nor its clauses hold a value of the
        kind asked, the notice does not set it — say so, with what it does say. A fact whose data says it sets no
        amount (`amounts: none`) asked “多少” is the same."""
        fact = self.rules.fact(answer.topic.fact) if answer.topic and answer.topic.fact else None
        amount = self.lexicon.value_slots["amount"]
        money = q.asks("yes_no") and any(w in q.asking for w in amount.money)  # “有没有资金补贴”
        # …but “报送到国家哪几个部门” asks who, which the fact answers: 哪几个 there counts no money
        answered = fact is not None and bool(q.forms & set(fact.answers))
        counted = (q.asks("how_many") and not answered) or money
        if fact is not None and fact.amounts == "none" and counted and not answer.refused:
            return self.rules_first.not_set(amount.label, answer)
        if answer.refused:
            return answer
        said = answer.answer + "".join(c.text for c in answer.citations)
        if q.stated_value is not None:  # “需要每个季度报一次吗”: only an answer that holds 每季度 says so
            slot_id, value = q.stated_value
            if _bare(value) in _bare(said):
                return answer
            return self.rules_first.not_set(f"{self.lexicon.value_slots[slot_id].label}（{value}）", answer)
        count = self.lexicon.value_slots["count"]
        if q.value_slot is None and fact is not None and fact.open_details and _asks_count(q.asking, count):
            # “典型案例库每年选多少个项目”: a count of a rule that leaves details open, and it names no number
            return answer if count.found_in(said) else self.rules_first.not_set(count.label, answer)
        if q.value_slot is None:
            return answer
        slot = self.lexicon.value_slots[q.value_slot]
        measure = measured.group(1) if q.value_slot == "count" and (measured := _MEASURE.search(q.asking)) else ""
        if slot.found_in(said, measure):
            return answer
        return self.rules_first.not_set(slot.label, answer)

    def _asks_of_situation(self, q: Query) -> bool:
        """Whether the situation the message states is what it asks about: applying (“去年被罚过，还能报吗”), the
        conditions, nothing (told only), a retelling (“那要是被区生态环境局罚的呢”) or whether it counts (“也算吗”)
        — not “去年出过事故，整改算创新项吗”."""
        if not q.situation:
            return False
        return (
            q.asks_applying
            or self._states_only(q)
            or "condition" in q.item_kinds
            or (q.about_applying and q.asks("yes_no"))
            or q.elliptical
            or (not q.item_kinds and any(cue in q.asking for cue in self.lexicon.counts_against))
            or (q.asks("yes_no") and q.asking != q.normalized and len(q.asking.strip("？?！! ")) <= BARE_JUDGEMENT)
            # “还在装修没投用的行不行”: whether such a one will do, with nothing else named
            or (q.verb in self.lexicon.acceptance_verbs and not q.item_kinds and not q.fact)
        )  # “我们前年出过较大突发环境事件 还行吗”: a bare yes/no after what was told asks about it

    def _settles_detail(self, answer: Answer, q: Query) -> Answer:
        """An answer from a rule that leaves details open, to a question about a detail it never names, is
        “通知未作规定” with that rule (see :meth:`_unsettled_detail`)."""
        if answer.refused:
            return answer
        fact = self.rules.fact(answer.topic.fact) if answer.topic and answer.topic.fact else None
        extracted = (
            answer.mode == "extractive" and bool(answer.citations) and not answer.citations[0].id.startswith("guide.")
        )
        # “有没有规定污水要达到什么排放标准” of an item: whether the item sets that detail
        of_item = bool(answer.citations) and answer.citations[0].id.startswith("guide.")
        of_item = of_item and any(w in q.asking for w in self.lexicon.rule_words)
        if not ((fact is not None and fact.open_details) or extracted or of_item):
            return answer
        said = answer.answer + "".join(c.text for c in answer.citations)
        if not self._unsettled_detail(fact.keywords if fact else (), q, said):
            return answer
        if of_item:  # the item told, not judged (“需要，这是必选项” would answer another question)
            answer = self._answer(replace(q, forms=q.forms - {"yes_no", "requirement"}, verb=None))
        return self.rules_first.not_set("细节", answer)

    def _unsettled_detail(self, keywords, q: Query, said: str) -> bool:
        """“盖章用部门章行不行”, “具体能减免环保税吗”: a yes/no question about a fact that leaves details open (or
        about the form and notice text retrieval found), most of whose words the notice never uses — near,
        but not what is asked."""
        if not (q.asks("yes_no") or "还是" in q.asking):
            return False
        if "还是" in q.asking:  # “自己评，还是请专家评”: settled when the rule names either (组织专家)
            return not self._alternative_settled(q.asking, said)
        keywords = [k.lower() for k in keywords]
        specific = [  # words the notice never uses: 胶装, 部门章, 环保税 (not who acts: 帮忙)
            w
            for w in q.content
            if len(w) >= 2
            and not self.rules.mentions(w)
            and not any(w in k for k in keywords)
            and w not in self.lexicon.light_verbs
        ]
        unsaid = [w for w in specific if w not in said]
        return bool(specific) and len(unsaid) * 2 > len(specific)

    def _one_side_set(self, q: Query) -> bool:
        """“A还是B” where one side is a topic the notice never sets and the other a fact beside it that it does
        (区里的截止 or 市里的: the organisers' 10月底前) — the question is answered, not declined."""
        topic = self.lexicon.topic(q.unset_topic) if q.unset_topic else None
        if topic is None or q.fact not in topic.alternative_to:
            return False
        return "还是" in q.asking or (q.asks("yes_no") and _IS_THIS.search(q.asking) is not None)

    def _alternative_settled(self, asking: str, said: str) -> bool:
        """Whether the answer names either alternative of “A还是B” — the words right before and after 还是,
        not the subject they share (“纸质材料要胶装还是骑马钉”: 胶装, 骑马钉; not 纸质)."""
        before, _, after = asking.partition("还是")
        last_before = [w for w in self._words(before) if len(w) >= 2][-1:]
        first_after = [w for w in self._words(after) if len(w) >= 2][:1]
        return any(w in said.lower() for w in last_before + first_after)

    def _words(self, text: str) -> list[str]:
        """The tokenizer's words, a Latin letter kept with the word it begins (U盘, not u and 盘)."""
        words: list[str] = []
        for word in self.understand.tokenizer.words(text):
            if words and words[-1].isascii() and words[-1].isalnum() and not word.isascii():
                words[-1] += word
            else:
                words.append(word)
        return words

    def _conditions_named(self, q: Query, applicants: list) -> tuple:
        """The conditions whose own words the question's content uses (“环评三同时” → 企业类第1条): those of
        the type in question when it has any, else any type's (a procedure is not a matter of type)."""
        named = tuple(
            (applicant, cond)
            for applicant in self.rules.types
            for cond in applicant.conditions
            if any(k in word or word in k for k in cond.keywords for word in q.content if len(word) >= 2)
        )
        own = tuple((a, c) for a, c in named if a in applicants)
        return own or named

    def _dated_fact(self, q: Query) -> bool:
        """“多久交一次总结报告” names a duration, but the fact's yearly date answers it — a fact named by its topic,
        not by a word as general as 期限 (“试点要搞几年，有没有规定实施期限”)."""
        topic = self.lexicon.topic(q.unset_topic)
        named = q.fact is not None and (q.fact_strength == 0 or q.fact_strength >= OWN_FACT_WORD)
        return bool(topic and topic.answered_by_dates and named and self.rules.fact(q.fact).due)  # type: ignore[arg-type]

    def _search(self, q: Query) -> list[Hit]:
        # “碳盘查是必选的吗”: the kind is what is asked, not where to look
        kinds = () if q.asks("yes_no") and q.content else q.item_kinds
        return self.retriever.search(_searched(q), k=5, types=q.types, kinds=kinds, types_said=not q.type_remembered)

    def _retrieve(self, q: Query) -> Answer | None:
        """Retrieval, answered around the item it finds when one item clearly leads; None when out of scope."""
        hits = self._search(q)
        if not hits or not _in_scope(hits):
            return None
        for form in sorted(q.forms):  # “去年交过，今年还能再报吗”: the clause found is the one a form's fact cites
            fact_id = self.lexicon.form_facts.get(form)
            if fact_id and hits[0].chunk.id in self.rules.fact(fact_id).clauses:
                return self.rules_first.fact(fact_id, [self.rules.type(t) for t in q.types], q)
        if item := _item_meant(hits, q):
            composed = self.rules_first.item_by_clause(item.chunk.id, q)
            if composed is not None:
                return composed
        best = hits[0]
        if len(q.types) == 1 and not q.content and best.chunk.type not in ("", q.types[0]):
            return None  # the type was asked about, not some other type's clause
        extractive = self._extractive(hits, q)
        return self._phrase(q.text, extractive) if self.llm else extractive

    def _refuse_injection(self, question: str) -> Answer:
        query = self.understand(question)
        facts = self._answer(query) if query.fact or query.item_kinds else None
        if facts is None or facts.refused:
            return Answer(INJECTION_REFUSAL, refused=True)
        text = f"{INJECTION_REFUSAL}\n按通知原文：{facts.answer}"
        return Answer(text, facts.citations, refused=True, mode="rules")

    def _extractive(self, hits: list[Hit], q: Query) -> Answer:
        top = hits[0].score
        chosen = [h for h in hits[:3] if h.score >= RELATIVE_CUTOFF * top]
        lines = [EXTRACTIVE_HEAD]
        lines += [f"（{h.chunk.prefix}）{h.chunk.text}" for h in chosen]
        citations = [Citation(h.chunk.id, h.chunk.title, h.chunk.text) for h in chosen]
        # the guide entry quoted first stays in view (“这个是必须的吗” after “园区跟企业之间要建个什么机制”), even
        # behind the plan's clause on its type (“风险防控在试点里有要求吗”: 实施方案 三(二), then 企业必选项3) —
        # not behind a clause of no type (通知 一, where the fact in view is still what is talked about)
        entries = [
            (h.chunk, e)
            for h in chosen
            if (e := entry_of(h.chunk.id)) and e[1] in GUIDE_KINDS and hits[0].chunk.type == e[0]
        ]
        best, entry = entries[0] if entries else (hits[0].chunk, None)
        topic = Topic(
            best.type or None,
            best.kind if best.kind in GUIDE_KINDS else None,  # type: ignore[arg-type]
            item=entry[2] if entry else None,
        )
        return Answer("\n".join(lines), citations, mode="extractive", topic=topic)

    def _phrase(self, question: str, extractive: Answer) -> Answer:
        assert self.llm is not None
        phrased = self.llm.phrase(question, extractive.citations)
        if phrased is None or ungrounded_claims(phrased, [c.text for c in extractive.citations]):
            return extractive
        return replace(extractive, answer=phrased, mode="llm")

    # --- what every answer carries -------------------------------------------------------------------------

    def _finish(self, answer: Answer, q: Query) -> Answer:
        """Say when the type came from the conversation, and offer the next questions."""
        topic = answer.topic or Topic()
        if len(q.types) >= 2 and not topic.types:
            topic = replace(topic, types=q.types)
            answer = replace(answer, topic=topic)
        if topic.type is None and q.type and not q.type_remembered and topic.excluded != q.type:
            topic = replace(topic, type=q.type)  # the type the user just stated, whatever the answer was about
            answer = replace(answer, topic=topic)
        assumed = q.types[0] if q.type_remembered and topic.type == q.types[0] else None
        text = answer.answer
        quoted = bool(answer.citations) and answer.citations[0].id == q.item_clause
        if q.unsaid and quoted and not answer.refused and q.type:
            # “楼宇呢” after 社区's 基金会: 楼宇's nearest entry, said to be only the nearest
            text = f"{self.rules.type(q.type).name}类的条目中没有提到“{q.unsaid[0]}”；最相近的是：\n{text}"
        if assumed and not answer.refused:
            text = f"按{self.rules.type(assumed).name}类回答（如需其他类型，请直接说明）：\n{text}"
        return replace(
            answer,
            answer=text,
            assumed_type=assumed,
            suggestions=self._suggestions(answer, topic),
            stated=q.situation,
            introduced=q.type if self._introduces(q) else q.speaker if q.speaker in q.types else None,
            place=q.place,
            elsewhere=q.elsewhere,
            counts=answer.counts or q.counts,  # told with another question first: “园区报3个是不是超了” later
            subject=q.content if topic.item is not None and not q.kind_remembered else (),
        )

    def _introduces(self, q: Query) -> bool:
        """Whether the message says who the user is: a statement of their type, or a correction that does
        (“不对，我说错了，我们其实是一栋写字楼的物业。那垃圾分类在楼宇里算什么”)."""
        if q.type_remembered or len(q.types) != 1:
            return False
        corrects = self.lexicon.corrects(q.normalized)
        return q.statement or (corrects and any(w in q.normalized for w in self.lexicon.intro_words))

    def _fact_names(self, q: Query, span: int = 5) -> bool:
        """Whether the fact's own answer holds a stretch of the message (上海化工区管委会 for 化工区管委会)."""
        said = self.rules.fact(q.fact).answer if q.fact else ""
        text = q.normalized
        return any(text[i : i + span] in said for i in range(len(text) - span + 1))

    def _states_only(self, q: Query) -> bool:
        """“楼还在内装，明年下半年才开业”: circumstances told, nothing asked (明年 here is no question of when)."""
        return bool(q.situation) and not any(w in q.normalized for w in self.lexicon.asking)

    def _suggestions(self, answer: Answer | None, topic: Topic | None) -> tuple[str, ...]:
        topic = topic or Topic()
        if answer is None or answer.refused:
            key = "unset" if answer is not None else "none"
        elif topic.fact:
            key = "step" if topic.fact in self.lexicon.next_steps and "step" in self.lexicon.followups else "fact"
        elif topic.item_kind and topic.listed and len(answer.citations) <= 2:
            key = "item"
        else:
            key = topic.item_kind or ("type" if topic.type else "none")
        templates = self.lexicon.followups.get(key, ())
        asked = answer.answer if answer else ""
        if topic.type is None and len(topic.types) >= 2:
            # “园区和企业的必选项有什么不同”: the next question of each type compared, not of a default type
            typed = next((t for t in templates if "{type}" in t), None)
            names = [self.rules.type(t).name for t in topic.types[:2]]
            each = [typed.replace("{type}", n) for n in names] if typed else []
            out = [*each, *(t for t in templates if "{type}" not in t)]
        else:
            name = self.rules.type(topic.type).name if topic.type else "企业"
            out = [t.replace("{type}", name) for t in templates]
        return tuple(s for s in out if s not in asked)[:3]


def _item_meant(hits: list[Hit], q: Query) -> Hit | None:
    """The guide item a question asks about by its content: the top hit when it is an item and leads the
    next one clearly, or — when the question names its type — that type's best item close behind the top."""
    best = hits[0]
    runner_up = hits[1].score if len(hits) > 1 else 0.0
    if best.chunk.kind in GUIDE_KINDS and best.score >= ITEM_MARGIN * runner_up:
        return best
    unanimous = best.ranks.get("bm25") == 1 and best.ranks.get("dense") == 1
    if unanimous and best.chunk.kind in GUIDE_KINDS and len(q.types) == 1 and best.chunk.type == q.types[0]:
        return best  # both rankers put the asked type's item first: that is the item, however close the next
    if best.chunk.kind not in GUIDE_KINDS and all(w in best.chunk.text for w in q.content):
        return None  # “楼宇的申报表填完了，最后两栏意见要怎么弄”: the form's 意见 fields, which hold every word asked
    if len(q.types) == 1 and q.content and not unanimous:  # both rankers agreeing on a clause is the answer
        own = [h for h in hits if h.chunk.type == q.types[0] and h.chunk.kind in GUIDE_KINDS]
        if not q.asks_applying and "condition" not in q.item_kinds:
            # “试点内容里和物业有关的是哪一块”: what a pilot does, not who may apply
            own = [h for h in own if h.chunk.kind != "condition" or _meant_closely(h, best)] or own
        if own and own[0].score >= OWN_TYPE_SHARE * best.score:
            return own[0]
    return None


def _meant_closely(hit: Hit, best: Hit) -> bool:
    """A condition both first by meaning and first overall (“排污许可有什么要求” → 依法取得排污许可证) is what
    is asked, though the question does not say 申报."""
    return hit is best and hit.ranks.get("dense") == 1


def _searched(q: Query) -> str:
    """What retrieval looks for: the whole message, its asking part first and so counted twice when that part
    names something itself (“…以居委会名义报社区类。社区试点里跟物业有关的是哪一块” is about 物业 more than 居委会)."""
    if q.asking == q.normalized or not any(word in q.asking for word in q.content):
        return q.normalized[:MAX_RETRIEVED]
    return f"{q.asking[: MAX_RETRIEVED // 2]}。{q.normalized}"[:MAX_RETRIEVED]


def _asks_count(asking: str, count: ValueSlot) -> bool:
    """“每年选多少个项目”, “几家单位”: 多少/几 before a measure word — the question, with a number in their place,
    would state a count of the kind an answer must hold (“电话多少” asks no count; “哪几个部门” asks which)."""
    return not count.found_in(asking) and count.found_in(re.sub("(?<!哪)(?:多少|几)", "1", asking))


def _bare(text: str) -> str:
    """A value without its measure word, as the notice may write it (每个季度 / 每季度)."""
    return text.replace("个", "")


def _in_scope(hits: list[Hit]) -> bool:
    """In scope when the best clauses share vocabulary with the question, not only vector similarity."""
    return any("bm25" in h.ranks and h.ranks["bm25"] <= 10 for h in hits[:3])
