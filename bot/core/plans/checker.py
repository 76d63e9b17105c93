"""Checking drafts, for applicants and for district staff: uploads in, a rules-module report out.

The check is bounded: uploads are bounded before decompression (files.py), the rules module skips the
semantic step for text far beyond the limit, and the embedding step here has a wall-clock budget.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

import numpy as np

from bot.core.plans.files import read_upload
from knowledge.plan_check import PlanReport, SemanticTimeout, check_plan
from knowledge.plan_findings import check_guide
from knowledge.rules import Rules

BATCH = 32


class EmbeddingSimilarity:
    """Cosine similarities through the shared embedder. Item vectors are computed once per checker; the
    sentences of one check go in batches, and past the budget the rest is refused with SemanticTimeout."""

    def __init__(self, embeddings, budget_seconds: float) -> None:
        self.embeddings = embeddings
        self.budget_seconds = budget_seconds
        self._items: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def _vectors(self, texts: Sequence[str]) -> np.ndarray:
        vectors = np.asarray(self.embeddings.embed_documents(list(texts)), dtype=np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    def item_vectors(self, items: Sequence[str]) -> np.ndarray:
        with self._lock:
            new = [text for text in dict.fromkeys(items) if text not in self._items]
            if new:
                self._items.update(zip(new, self._vectors(new), strict=True))
            return np.stack([self._items[text] for text in items])

    def __call__(self, sentences: Sequence[str], items: Sequence[str]) -> list[list[float]]:
        columns = self.item_vectors(items)  # once per checker: not part of one check's budget
        deadline = time.monotonic() + self.budget_seconds
        rows = []
        for start in range(0, len(sentences), BATCH):
            if time.monotonic() > deadline:
                raise SemanticTimeout(f"embedding stopped after {start} of {len(sentences)} sentences")
            rows.append(self._vectors(sentences[start : start + BATCH]))
        return (np.vstack(rows) @ columns.T).tolist()


class PlanChecker:
    def __init__(self, rules: Rules, embeddings=None, budget_seconds: float | None = None) -> None:
        self.rules = rules
        budget = budget_seconds if budget_seconds is not None else check_guide()["semantic"]["budget_seconds"]
        self.similarity = EmbeddingSimilarity(embeddings, budget) if embeddings is not None else None

    def warm_up(self) -> None:
        """Embed every item of every type now, so the first check of a request pays nothing for them."""
        if self.similarity is not None:
            texts = [i.text or "" for t in self.rules.types for g in (t.mandatory, t.innovation) for i in g.present]
            self.similarity.item_vectors(texts)

    def check_text(self, type_name: str, text: str) -> PlanReport:
        return check_plan(self.rules, type_name, text, self.similarity)

    def check_upload(self, type_name: str, filename: str, data: bytes) -> PlanReport:
        """Raises :class:`bot.core.plans.files.UploadError` for files that cannot be read."""
        return self.check_text(type_name, read_upload(filename, data))


def summarize(report: PlanReport, type_name: str) -> str:
    """A short plain-Chinese summary for chat channels."""
    head = "✅ 方案通过基本检查" if report.ok else "⚠️ 方案需要修改"
    lines = [f"{head}（{type_name}类）：字数 {report.chars}/{report.limit}"]
    if report.intro_chars is not None:
        lines.append(f"申报表：简介 {report.intro_chars}字")
    found = "、".join(report.sections_found) or "无"
    lines.append(f"章节：{found}")
    covered = [c for c in report.mandatory if c.covered]
    restated = [c for c in report.mandatory if c.state == "restated"]
    tail = f"（另有{len(restated)}项只复述了要求）" if restated else ""
    lines.append(f"必选项覆盖：{len(covered)}/{len(report.mandatory)}{tail}")
    if report.innovation_covered:
        lines.append("涉及创新项：第" + "、".join(map(str, report.innovation_covered)) + "项")
    lines += [f"· {p}" for p in report.problems]
    return "\n".join(lines)


STATE_MARKS = {"covered": "✅", "restated": "🔁", "missing": "❌", "unchecked": "⏸"}
STATE_NOTES = {"restated": "（只复述了要求）", "missing": "（未体现）", "unchecked": "（未检查）"}


def item_lines(report: PlanReport, width: int = 60) -> list[str]:
    """One line per 必选项 and per 创新项 the plan addresses: its state and the applicant's sentence."""
    lines = []
    claimed = [c for c in report.innovation if c.state in ("covered", "restated")]
    for label, group in (("必选项", report.mandatory), ("创新项", claimed)):
        for c in group:
            found = f"：“{c.sentence[:width]}”" if c.sentence else STATE_NOTES.get(c.state, "")
            lines.append(f"{STATE_MARKS.get(c.state, '·')} {label}{c.number} {c.title}{found}")
    return lines
