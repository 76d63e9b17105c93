"""The clause index: a chromadb collection (dense) and a BM25 index (lexical) over the same entries.

Each clause is indexed as one or more entries (its text with context, and the phrasings the
rules data records for it). ``build`` is idempotent: entries carry content hashes, so a rebuild
with nothing changed embeds nothing. The collection records which embedder built it; querying
it with another embedder is refused, since the vectors would be meaningless.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from indexer.chunking import Chunk, Entry
from indexer.config import IndexSettings
from indexer.errors import EmbedderMismatch, IndexMissing
from indexer.tokenize import Tokenizer

COLLECTION = "pilotbot_clauses"
UNSET_COLLECTION = "pilotbot_unset_topics"  # questions about what the notice never settles, by topic
FORMAT = 3  # bump when entry metadata changes: older collections are rebuilt, never misread
BATCH = 16


@dataclass(frozen=True)
class BuildReport:
    embedded: int
    removed: int
    unchanged: int
    embedder: str


@dataclass
class LoadedIndex:
    collection: object
    chunks: list[Chunk]
    entry_clauses: list[str]  # clause id of each BM25 document, in BM25 order
    bm25: object
    unset: object | None = None  # the unset-topic examples' collection

    def chunk(self, clause_id: str) -> Chunk:
        return self._by_id[clause_id]

    def __post_init__(self) -> None:
        self._by_id = {c.id: c for c in self.chunks}
        self.unset_count = self.unset.count() if self.unset is not None else 0  # counted once, not per question


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

    def build(
        self,
        chunks: list[Chunk],
        on_progress: Callable[[int, int], None] | None = None,
        unset_examples: tuple[tuple[str, str], ...] = (),
    ) -> BuildReport:
        """Bring both indexes up to date with ``chunks``, embedding only entries whose text changed; and the
        examples of topics the notice never settles (``(topic, question)`` pairs) beside them."""
        self._build_unset(unset_examples)
        collection = self._collection_for_build()
        existing = collection.get(include=["metadatas"])
        old = {i: m for i, m in zip(existing["ids"], existing["metadatas"] or [], strict=True)}
        rows = [(entry, chunk) for chunk in chunks for entry in chunk.entries()]
        metadata = {entry.id: _metadata(entry, chunk, seq) for seq, (entry, chunk) in enumerate(rows)}
        stale = [(e, c) for e, c in rows if old.get(e.id, {}).get("hash") != e.content_hash]
        restamped = [e.id for e, _ in rows if e.id in old and old[e.id] != metadata[e.id] and (e, _) not in stale]
        removed = [i for i in old if i not in metadata]
        if removed:
            collection.delete(ids=removed)
        if restamped:  # only the order or labels changed: no need to embed again
            collection.update(ids=restamped, metadatas=[metadata[i] for i in restamped])
        for start in range(0, len(stale), BATCH):
            batch = stale[start : start + BATCH]
            collection.upsert(
                ids=[e.id for e, _ in batch],
                embeddings=self.embeddings.embed_documents([e.text for e, _ in batch]),
                documents=[c.text if e.id == c.id else e.text for e, c in batch],
                metadatas=[metadata[e.id] for e, _ in batch],
            )
            if on_progress:
                on_progress(min(start + BATCH, len(stale)), len(stale))
        if on_progress and not stale:
            on_progress(0, 0)
        self._save_bm25([e for e, _ in rows])
        return BuildReport(len(stale), len(removed), len(rows) - len(stale), self.embedder)

    def _build_unset(self, examples: tuple[tuple[str, str], ...]) -> None:
        """A small second collection; rebuilt whole when its examples or the embedder change."""
        signature = hashlib.sha256(json.dumps(examples, ensure_ascii=False).encode()).hexdigest()[:16]
        metadata = {**self._collection_metadata(), "examples": signature}
        try:
            current = self._client.get_collection(UNSET_COLLECTION)
        except Exception:  # chromadb raises NotFoundError (or ValueError in older releases)
            current = None
        if current is not None and (current.metadata or {}) == metadata:
            return
        if current is not None:
            self._client.delete_collection(UNSET_COLLECTION)
        collection = self._client.create_collection(UNSET_COLLECTION, metadata=metadata)
        if examples:
            collection.add(
                ids=[f"{topic}#{n}" for n, (topic, _) in enumerate(examples)],
                embeddings=self.embeddings.embed_documents([q for _, q in examples]),
                documents=[q for _, q in examples],
                metadatas=[{"topic": topic} for topic, _ in examples],
            )

    def _collection_for_build(self):
        try:
            collection = self._client.get_collection(COLLECTION)
        except Exception:  # chromadb raises NotFoundError (or ValueError in older releases)
            collection = None
        if collection is not None and (collection.metadata or {}) != self._collection_metadata():
            self._client.delete_collection(COLLECTION)  # another embedder or format: start afresh
            collection = None
        if collection is None:
            collection = self._client.create_collection(COLLECTION, metadata=self._collection_metadata())
        return collection

    def _manifest(self, entries: list[Entry]) -> dict:
        """What the saved BM25 was built from: the entries and the tokenizer (a new dictionary means new tokens)."""
        return {
            "tokenizer": self.tokenizer.signature,
            "entries": [{"id": e.id, "hash": e.content_hash} for e in entries],
        }

    def _collection_metadata(self) -> dict[str, str | int]:
        return {"embedder": self.embedder, "format": FORMAT, "hnsw:space": "cosine"}

    def _save_bm25(self, entries: list[Entry]) -> None:
        import bm25s

        retriever = bm25s.BM25()
        retriever.index([self.tokenizer(e.text) for e in entries], show_progress=False)
        tmp = self.bm25_dir.with_name("bm25.tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        retriever.save(str(tmp))
        (tmp / "manifest.json").write_text(json.dumps(self._manifest(entries)), encoding="utf-8")
        shutil.rmtree(self.bm25_dir, ignore_errors=True)
        tmp.rename(self.bm25_dir)

    def open(self) -> LoadedIndex:
        """Open both indexes for querying; refuse a missing index or one built by another embedder."""
        try:
            collection = self._client.get_collection(COLLECTION)
        except Exception as exc:
            raise IndexMissing("no index yet: run `pilotbot index build`") from exc
        built_with = (collection.metadata or {}).get("embedder")
        if (collection.metadata or {}).get("format") != FORMAT:
            raise IndexMissing("the index was built by an older pilotbot: run `pilotbot index build`")
        if built_with != self.embedder:
            raise EmbedderMismatch(str(built_with), self.embedder)
        rows = collection.get(include=["documents", "metadatas"])
        ordered = sorted(zip(rows["ids"], rows["documents"], rows["metadatas"], strict=True), key=lambda r: r[2]["seq"])
        if not ordered:
            raise IndexMissing("the index is empty: run `pilotbot index build`")
        chunks = [
            Chunk(m["clause"], doc, m["title"], m["prefix"], m["type"], m["kind"], int(m["number"]))
            for i, doc, m in ordered
            if i == m["clause"]
        ]
        entries = [Entry(i, m["clause"], m["indexed"]) for i, _, m in ordered]
        bm25 = self._load_bm25(entries)
        try:
            unset = self._client.get_collection(UNSET_COLLECTION)
        except Exception as exc:
            raise IndexMissing("the index has no unset-topic examples: run `pilotbot index build`") from exc
        return LoadedIndex(collection, chunks, [e.clause_id for e in entries], bm25, unset)

    def _load_bm25(self, entries: list[Entry]):
        """The saved BM25 if it matches the collection entry for entry, else rebuilt from the collection."""
        import bm25s

        manifest = self.bm25_dir / "manifest.json"
        if not (manifest.exists() and json.loads(manifest.read_text(encoding="utf-8")) == self._manifest(entries)):
            self._save_bm25(entries)
        return bm25s.BM25.load(str(self.bm25_dir))


def _metadata(entry: Entry, chunk: Chunk, seq: int) -> dict[str, str | int]:
    return {
        **chunk.metadata(),
        "clause": chunk.id,
        "prefix": chunk.prefix,
        "indexed": entry.text,
        "hash": entry.content_hash,
        "seq": seq,
    }
