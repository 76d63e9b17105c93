"""The naive pipeline the issue measures against: fixed-size chunks, dense top-k via langchain + chroma.

It sees the same notice text, split every 200 characters with 50 overlapping, embedded with the
same e5 model, stored in chromadb through ``langchain-chroma``. A chunk counts as covering a
clause when they share a 15-character run.
"""

from __future__ import annotations

import re
import tempfile

from knowledge.rules import Rules

CHUNK = 200
OVERLAP = 50
RUN = 15


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def naive_chunks(rules: Rules) -> list[str]:
    text = _squash("".join(c.text for c in rules.source.clauses))
    step = CHUNK - OVERLAP
    return [text[i : i + CHUNK] for i in range(0, max(len(text) - OVERLAP, 1), step)]


def coverage(chunk: str, rules: Rules) -> set[str]:
    covered = set()
    for clause in rules.source.clauses:
        body = _squash(clause.text)
        windows = [body] if len(body) <= RUN else [body[i : i + RUN] for i in range(0, len(body) - RUN + 1, 5)]
        if any(w in chunk for w in windows):
            covered.add(clause.id)
    return covered


class NaiveBaseline:
    def __init__(self, rules: Rules, embeddings) -> None:
        import chromadb
        from chromadb.config import Settings
        from langchain_chroma import Chroma

        self._tmp = tempfile.TemporaryDirectory(prefix="pilotbot-naive-")
        client = chromadb.PersistentClient(path=self._tmp.name, settings=Settings(anonymized_telemetry=False))
        chunks = naive_chunks(rules)
        self._coverage = {chunk: coverage(chunk, rules) for chunk in chunks}
        self._store = Chroma(collection_name="naive_baseline", embedding_function=embeddings, client=client)
        self._store.add_texts(chunks)

    def rank(self, question: str, k: int = 10) -> list[set[str]]:
        docs = self._store.similarity_search(question, k=k)
        return [self._coverage.get(d.page_content, set()) for d in docs]

    def close(self) -> None:
        self._tmp.cleanup()
