"""Checking drafts, for applicants and for district staff: uploads in, a rules-module report out."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.core.plans.files import read_upload
from knowledge.plan_check import PlanReport, Similarity, check_plan
from knowledge.rules import Rules


def embedding_similarity(embeddings) -> Similarity:
    """Cosine similarities through the shared embedder (e5 vectors are normalised, so a dot product)."""

    def similarity(sentences: Sequence[str], items: Sequence[str]) -> list[list[float]]:
        a = np.asarray(embeddings.embed_documents(list(sentences)), dtype=np.float32)
        b = np.asarray(embeddings.embed_documents(list(items)), dtype=np.float32)
        a /= np.linalg.norm(a, axis=1, keepdims=True)
        b /= np.linalg.norm(b, axis=1, keepdims=True)
        return (a @ b.T).tolist()

    return similarity


class PlanChecker:
    def __init__(self, rules: Rules, embeddings=None) -> None:
        self.rules = rules
        self.similarity = embedding_similarity(embeddings) if embeddings is not None else None

    def check_text(self, type_name: str, text: str) -> PlanReport:
        return check_plan(self.rules, type_name, text, self.similarity)

    def check_upload(self, type_name: str, filename: str, data: bytes) -> PlanReport:
        """Raises :class:`bot.core.plans.files.UploadError` for files that cannot be read."""
        return self.check_text(type_name, read_upload(filename, data))


def summarize(report: PlanReport, type_name: str) -> str:
    """A short plain-Chinese summary for chat channels."""
    head = "✅ 方案通过基本检查" if report.ok else "⚠️ 方案需要修改"
    lines = [f"{head}（{type_name}类）：字数 {report.chars}/{report.limit}"]
    found = "、".join(report.sections_found) or "无"
    lines.append(f"章节：{found}")
    covered = [c for c in report.mandatory if c.covered]
    lines.append(f"必选项覆盖：{len(covered)}/{len(report.mandatory)}")
    if report.innovation_covered:
        lines.append("涉及创新项：第" + "、".join(map(str, report.innovation_covered)) + "项")
    lines += [f"· {p}" for p in report.problems]
    return "\n".join(lines)
