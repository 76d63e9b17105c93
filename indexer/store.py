"""The clause index: a chromadb collection (dense) and a BM25 index (lexical) over the same chunks.

``build`` is idempotent: each chunk carries a content hash, so a rebuild with nothing changed
embeds nothing. The collection records which embedder built it; querying it with another
embedder is refused, since the vectors would be meaningless.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from indexer.chunking import Chunk
from indexer.config import IndexSettings
from indexer.tokenize import Tokenizer

COLLECTION = "pilotbot_clauses"
BATCH = 16


class IndexMissing(RuntimeError):
    """No index has been built yet."""


class EmbedderMismatch(RuntimeError):
    def __init__(self, built_with: str, querying_with: str) -> None:
        super().__init__(
            f"the index was built with embedder {built_with!r} but is being queried with {querying_with!r}; "
            "rebuild it with `pilotbot index build`"
        )


@dataclass(frozen=True)
class BuildReport:
    embedded: int
    removed: int
    unchanged: int
    embedder: str


def chroma_client(settings: IndexSettings):
    """The embedded persistent client, or an HTTP client when ``PILOTBOT_CHROMA_URL`` is set; telemetry off."""
    import chromadb
    from chromadb.config import Settings

    chroma_settings = Settings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        return chromadb.HttpClient(
            host=url.hostname or "localhost", port=url.port or 8000, ssl=url.scheme == "https", settings=chroma_settings
        )
    path = settings.data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


class ClauseIndex:
    def __init__(self, settings: IndexSettings, embeddings, tokenizer: Tokenizer) -> None:
        from indexer.embeddings import embedder_name

        self.settings = settings
        self.embeddings = embeddings
        self.embedder = embedder_name(embeddings)
        self.tokenizer = tokenizer
        self._client = chroma_client(settings)

    @property
    def bm25_dir(self) -> Path:
        return self.settings.data_dir / "bm25"

    def build(self, chunks: list[Chunk], on_progress: Callable[[int, int], None] | None = None) -> BuildReport:
        """Bring both indexes up to date with ``chunks``, embedding only what changed."""
        collection = self._collection_for_build()
        existing = collection.get(include=["metadatas"])
        old_hashes = {i: m.get("hash") for i, m in zip(existing["ids"], existing["metadatas"] or [], strict=True)}
        wanted = {c.id for c in chunks}
        old_seq = {i: m.get("seq") for i, m in zip(existing["ids"], existing["metadatas"] or [], strict=True)}
        stale = [c for c in chunks if old_hashes.get(c.id) != c.content_hash]
        moved = [c for n, c in enumerate(chunks) if c not in stale and old_seq.get(c.id) != n]
        removed = [i for i in old_hashes if i not in wanted]
        if removed:
            collection.delete(ids=removed)
        seq = {c.id: n for n, c in enumerate(chunks)}
        if moved:  # only the order changed: no need to embed again
            collection.update(ids=[c.id for c in moved], metadatas=[self._metadata(c, seq) for c in moved])
        for start in range(0, len(stale), BATCH):
            batch = stale[start : start + BATCH]
            vectors = self.embeddings.embed_documents([c.indexed_text for c in batch])
            collection.upsert(
                ids=[c.id for c in batch],
                embeddings=vectors,
                documents=[c.text for c in batch],
                metadatas=[self._metadata(c, seq) for c in batch],
            )
            if on_progress:
                on_progress(min(start + BATCH, len(stale)), len(stale))
        if on_progress and not stale:
            on_progress(0, 0)
        self._save_bm25(chunks)
        return BuildReport(len(stale), len(removed), len(chunks) - len(stale), self.embedder)

    @staticmethod
    def _metadata(chunk: Chunk, seq: dict[str, int]) -> dict[str, str | int]:
        return {**chunk.metadata(), "prefix": chunk.prefix, "seq": seq[chunk.id]}

    def _collection_for_build(self):
        try:
            collection = self._client.get_collection(COLLECTION)
        except Exception:  # chromadb raises NotFoundError (or ValueError in older releases)
            collection = None
        if collection is not None and (collection.metadata or {}).get("embedder") != self.embedder:
            self._client.delete_collection(COLLECTION)
            collection = None
        if collection is None:
            collection = self._client.create_collection(
                COLLECTION, metadata={"embedder": self.embedder, "hnsw:space": "cosine"}
            )
        return collection

    def _save_bm25(self, chunks: list[Chunk]) -> None:
        import bm25s

        retriever = bm25s.BM25()
        retriever.index([self.tokenizer(c.indexed_text) for c in chunks], show_progress=False)
        tmp = self.bm25_dir.with_name("bm25.tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        retriever.save(str(tmp))
        manifest = [{"id": c.id, "hash": c.content_hash} for c in chunks]
        (tmp / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        shutil.rmtree(self.bm25_dir, ignore_errors=True)
        tmp.rename(self.bm25_dir)

    def open(self) -> LoadedIndex:
        """Open both indexes for querying; refuse a missing index or one built by another embedder."""
        try:
            collection = self._client.get_collection(COLLECTION)
        except Exception as exc:
            raise IndexMissing("no index yet: run `pilotbot index build`") from exc
        built_with = (collection.metadata or {}).get("embedder")
        if built_with != self.embedder:
            raise EmbedderMismatch(str(built_with), self.embedder)
        rows = collection.get(include=["documents", "metadatas"])
        ordered = sorted(zip(rows["ids"], rows["documents"], rows["metadatas"], strict=True), key=lambda r: r[2]["seq"])
        chunks = [
            Chunk(i, doc, m["title"], m["prefix"], m["type"], m["kind"], int(m["number"])) for i, doc, m in ordered
        ]
        if not chunks:
            raise IndexMissing("the index is empty: run `pilotbot index build`")
        order = {c.id: n for n, c in enumerate(chunks)}
        bm25 = self._load_bm25(chunks)
        return LoadedIndex(collection, chunks, order, bm25)

    def _load_bm25(self, chunks: list[Chunk]):
        """The saved BM25 if it matches the collection chunk for chunk, else rebuilt from the collection."""
        import bm25s

        expected = [{"id": c.id, "hash": c.content_hash} for c in chunks]
        manifest = self.bm25_dir / "manifest.json"
        if manifest.exists() and json.loads(manifest.read_text(encoding="utf-8")) == expected:
            return bm25s.BM25.load(str(self.bm25_dir))
        self._save_bm25(chunks)
        return bm25s.BM25.load(str(self.bm25_dir))


@dataclass
class LoadedIndex:
    collection: object
    chunks: list[Chunk]
    order: dict[str, int]
    bm25: object
