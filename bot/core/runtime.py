"""Assembling the core once per process: rules, retriever (built on first use) and the optional LLM."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from bot.core.answering.answerer import Answerer
from bot.core.answering.build import build_answerer
from bot.core.answering.llm import section_writer
from bot.core.config import Settings, get_settings
from bot.core.dialog.dialog import Dialog
from bot.core.dialog.flows.common import Services
from bot.core.plans.checker import PlanChecker
from bot.core.plans.lazy import LazyEmbeddings
from bot.core.stores.documents import DocumentStore
from bot.core.stores.reviews import ReviewStore
from bot.core.stores.sessions import SessionStore


@cache
def default_answerer() -> Answerer:
    return build_answerer(get_settings())


@dataclass
class Core:
    """Everything a channel needs, built once per process; all state lives behind ``settings.database``."""

    settings: Settings
    answerer: Answerer
    dialog: Dialog
    documents: DocumentStore
    reviews: ReviewStore

    @property
    def rules(self):
        return self.answerer.rules

    @property
    def checker(self) -> PlanChecker:
        return self.dialog.services.checker


def build_core(settings: Settings, on_progress: Callable[[int, int], None] | None = None) -> Core:
    answerer = build_answerer(settings, on_progress)
    dialog = build_dialog(settings, answerer=answerer)
    return Core(settings, answerer, dialog, DocumentStore(settings.database), ReviewStore(settings.database))


def prepare_database(settings: Settings) -> None:
    """Create the core's tables once, before workers start (they would otherwise all race to do it), and
    drop generated documents past their 30-day retention."""
    SessionStore(settings.database)
    ReviewStore(settings.database)
    DocumentStore(settings.database).prune()


def build_dialog(settings: Settings, answerer: Answerer | None = None, store: SessionStore | None = None) -> Dialog:
    """The dialog core over the shared answerer and embedder, with sessions in ``settings.database``."""
    answerer = answerer or build_answerer(settings)
    checker = PlanChecker(answerer.rules, LazyEmbeddings(lambda: answerer.retriever.embeddings))
    writer = section_writer(settings)
    return Dialog(Services(answerer.rules, answerer, checker, writer), store or SessionStore(settings.database))
