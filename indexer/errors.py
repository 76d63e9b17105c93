"""The indexer's errors, importable without loading chromadb, langchain or a model."""

from __future__ import annotations


class EmbedderUnavailable(RuntimeError):
    """The configured embedder cannot be loaded here (missing extra or model files)."""


class IndexMissing(RuntimeError):
    """No index has been built yet."""


class EmbedderMismatch(RuntimeError):
    def __init__(self, built_with: str, querying_with: str) -> None:
        super().__init__(
            f"the index was built with embedder {built_with!r} but is being queried with {querying_with!r}; "
            "rebuild it with `pilotbot index build`"
        )
