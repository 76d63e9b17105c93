"""Building the answerer from settings, importing only what answering from the rules needs.

``pilotbot ask`` answered from the rules must not pay for the dialog, the stores, chromadb or the embedder:
this module imports none of them, and the index opens on the first question that needs retrieval.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from bot.core.answering.answerer import Answerer, shanghai_today
from bot.core.config import Settings
from knowledge.rules import default_rules


def build_answerer(
    settings: Settings,
    on_progress: Callable[[int, int], None] | None = None,
    *,
    eager: bool = True,
    today: Callable[[], date] = shanghai_today,
) -> Answerer:
    """The answerer; with ``eager=False`` the index (chromadb, the embedder) opens on the first question that
    needs retrieval. ``today`` is the clock the date answers use."""
    rules = default_rules()

    def retriever():
        from indexer.factory import open_retriever

        return open_retriever(settings, rules, build_if_missing=True, on_progress=on_progress)

    llm = None
    if settings.llm_configured:
        from bot.core.answering.llm import LlmPhraser

        llm = LlmPhraser(settings)
    answerer = Answerer(rules, retriever, llm, today=today)
    if eager:
        answerer.retriever  # noqa: B018 — open (and build) the index now, not on a user's first question
    return answerer
