"""Answering applicants' questions: rules first, then quoted clauses, optionally phrased by an LLM.

Nothing reaches the user that the notice does not say: rules answers come from the rules data,
extractive answers quote clauses verbatim, and LLM answers must pass the grounding guard.
"""

from __future__ import annotations

from bot.core.answering.answer import Answer, Citation
from bot.core.answering.grounding import ungrounded_claims
from bot.core.answering.guards import INJECTION_REFUSAL, REFUSAL, looks_like_injection, looks_off_topic
from bot.core.answering.llm import LlmPhraser
from bot.core.answering.rules_answers import RulesAnswerer
from indexer.retriever import Hit, HybridRetriever
from knowledge.rules import Rules

MAX_QUESTION = 1000
RELATIVE_CUTOFF = 0.6


class Answerer:
    def __init__(self, rules: Rules, retriever: HybridRetriever, llm: LlmPhraser | None = None) -> None:
        self.rules = rules
        self.retriever = retriever
        self.llm = llm
        self.rules_first = RulesAnswerer(rules)

    def ask(self, question: str) -> Answer:
        question = question.strip()[:MAX_QUESTION]
        if not question:
            return Answer("请输入您的问题，例如“企业申报条件有哪些”。", refused=True)
        if looks_like_injection(question):
            return self._refuse_injection(question)
        if looks_off_topic(question):
            return Answer(REFUSAL, refused=True)
        if (answer := self.rules_first.answer(question)) is not None:
            return answer
        hits = self.retriever.search(question, k=5)
        if not _in_scope(hits):
            return Answer(REFUSAL, refused=True, mode="extractive")
        extractive = self._extractive(hits)
        return self._phrase(question, extractive) if self.llm else extractive

    def _refuse_injection(self, question: str) -> Answer:
        facts = self.rules_first.answer(question)
        if facts is None:
            return Answer(INJECTION_REFUSAL, refused=True)
        text = f"{INJECTION_REFUSAL}\n按通知原文：{facts.answer}"
        return Answer(text, facts.citations, refused=True, mode="rules")

    def _extractive(self, hits: list[Hit]) -> Answer:
        top = hits[0].score
        chosen = [h for h in hits[:3] if h.score >= RELATIVE_CUTOFF * top]
        lines = ["根据通知原文，相关规定如下："]
        lines += [f"〔{h.chunk.id}〕（{h.chunk.prefix}）{h.chunk.text}" for h in chosen]
        citations = [Citation(h.chunk.id, h.chunk.title, h.chunk.text) for h in chosen]
        return Answer("\n".join(lines), citations, mode="extractive")

    def _phrase(self, question: str, extractive: Answer) -> Answer:
        assert self.llm is not None
        phrased = self.llm.phrase(question, extractive.citations)
        if phrased is None or ungrounded_claims(phrased, [c.text for c in extractive.citations]):
            return extractive
        return Answer(phrased, extractive.citations, mode="llm")


def _in_scope(hits: list[Hit]) -> bool:
    """In scope when the best clauses share vocabulary with the question, not only vector similarity."""
    return any("bm25" in h.ranks and h.ranks["bm25"] <= 10 for h in hits[:3])
