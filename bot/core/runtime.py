"""Assembling the core once per process: rules, retriever (built on first use) and the optional LLM."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from bot.core.answering.answerer import Answerer
from bot.core.answering.build import build_answerer
from bot.core.answering.curated import CuratedFirst
from bot.core.answering.llm import section_writer
from bot.core.config import Settings, get_settings
from bot.core.dialog.dialog import Dialog
from bot.core.dialog.flows.common import Services
from bot.core.dialog.recorded import RecordedDialog
from bot.core.plans.checker import PlanChecker
from bot.core.plans.lazy import LazyEmbeddings
from bot.core.stores.curated import CuratedStore
from bot.core.stores.documents import DocumentStore
from bot.core.stores.questions import QuestionLog
from bot.core.stores.reviews import ReviewStore
from bot.core.stores.sessions import SessionStore
from bot.core.stores.transcripts import TranscriptStore


def curated_first(settings: Settings, answerer: Answerer) -> CuratedFirst:
    """The answerer behind every channel: staff's curated answers first, every question logged."""
    return CuratedFirst(answerer, CuratedStore(settings.database), QuestionLog(settings.database))


@cache
def default_answerer() -> CuratedFirst:
    settings = get_settings()
    return curated_first(settings, build_answerer(settings))


@dataclass
class Core:
    """Everything a channel needs, built once per process; all state lives behind ``settings.database``."""

    settings: Settings
    answerer: CuratedFirst
    dialog: Dialog
    documents: DocumentStore
    reviews: ReviewStore
    transcripts: TranscriptStore

    @property
    def questions(self) -> QuestionLog:
        return self.answerer.questions

    @property
    def curated(self) -> CuratedStore:
        return self.answerer.curated

    @property
    def rules(self):
        return self.answerer.rules

    @property
    def checker(self) -> PlanChecker:
        return self.dialog.services.checker


def build_core(settings: Settings, on_progress: Callable[[int, int], None] | None = None) -> Core:
    core = assemble_core(settings, build_answerer(settings, on_progress))
    core.checker.warm_up()  # embed the items now, not during a user's first plan check
    return core


def assemble_core(settings: Settings, answerer: Answerer) -> Core:
    """The core around an answerer: curated answers and the questions log wrap it for every channel."""
    wrapped = curated_first(settings, answerer)
    dialog = build_dialog(settings, answerer=wrapped)
    database = settings.database
    return Core(settings, wrapped, dialog, DocumentStore(database), ReviewStore(database), TranscriptStore(database))


def prepare_database(settings: Settings) -> None:
    """Create the core's tables once, before workers start (they would otherwise all race to do it), and
    drop generated documents past their 30-day retention."""
    SessionStore(settings.database)
    ReviewStore(settings.database)
    DocumentStore(settings.database).prune()
    TranscriptStore(settings.database).prune()


def build_dialog(
    settings: Settings, answerer: Answerer | CuratedFirst | None = None, store: SessionStore | None = None
) -> Dialog:
    """The dialog core over the shared answerer and embedder, with sessions in ``settings.database``."""
    answerer = answerer or build_answerer(settings)
    checker = PlanChecker(answerer.rules, LazyEmbeddings(lambda: answerer.retriever.embeddings))
    writer = section_writer(settings)
    services = Services(answerer.rules, answerer, checker, writer)  # type: ignore[arg-type]
    return RecordedDialog(services, store or SessionStore(settings.database))
