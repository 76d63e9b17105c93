"""An embedder opened on first use, so assembling the core never loads a model it may not need."""

from __future__ import annotations

from collections.abc import Callable


class LazyEmbeddings:
    """Stands in for a langchain ``Embeddings``; the real one is fetched on the first call."""

    def __init__(self, load: Callable[[], object]) -> None:
        self._load = load
        self._real = None

    def _embeddings(self):
        if self._real is None:
            self._real = self._load()
        return self._real

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._embeddings().embed_documents(texts)  # type: ignore[attr-defined]

    def embed_query(self, text: str) -> list[float]:
        return self._embeddings().embed_query(text)  # type: ignore[attr-defined]
