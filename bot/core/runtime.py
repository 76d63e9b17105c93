"""Assembling the core once per process: rules, retriever (built on first use) and the optional LLM."""

from __future__ import annotations

from functools import cache

from bot.core.answering import Answerer
from bot.core.config import Settings, get_settings
from indexer.factory import Progress, open_retriever
from knowledge.rules import default_rules


def build_answerer(settings: Settings, on_progress: Progress | None = None) -> Answerer:
    rules = default_rules()
    retriever = open_retriever(settings, rules, build_if_missing=True, on_progress=on_progress)
    llm = None
    if settings.llm_configured:
        from bot.core.llm import LlmPhraser

        llm = LlmPhraser(settings)
    return Answerer(rules, retriever, llm)


@cache
def default_answerer() -> Answerer:
    return build_answerer(get_settings())
