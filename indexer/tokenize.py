"""Chinese tokens for BM25: jieba's search mode, taught the programme's own vocabulary."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
from functools import cache
from pathlib import Path

from knowledge.rules import Rules

_STOPWORDS = frozenset(
    """的 了 吗 呢 吧 啊 呀 么 和 与 及 或 是 在 有 我 我们 你 你们 他们 这 那 个 也 都 就 还 能 可以 可 要 会
    请问 一下 什么 怎么 怎样 如何 哪些 哪个 多少 几 为 对 把 被 让 等 该 其 之 以 于 并 且 从 到 向 给
    如果 那么 需要 应该 是否 不""".split()  # noqa: SIM905 — a word list reads best as text
)
_WORD = re.compile(r"[\w\u4e00-\u9fff]+")


MAX_WORD = 8
DOMAIN_FREQ = 20000
DICTIONARY_FORMAT = 2  # bump when the way the dictionary is derived changes: cached copies are then rebuilt


@cache
def _jieba(vocabulary: tuple[str, ...], corpus: str):
    """A jieba tokenizer over a domain dictionary: the default words that occur in the notice, plus ours.

    Loading jieba's full dictionary takes ~0.8 s per process; the domain one loads in milliseconds and
    segments the notice the same way. Words outside it fall to jieba's HMM, and could not match a BM25
    term anyway. The dictionary is derived once per notice text and cached on disk.
    """
    import jieba

    jieba.setLogLevel(logging.WARNING)
    path = _domain_dictionary(vocabulary, corpus)
    tokenizer = jieba.Tokenizer(dictionary=str(path))
    tokenizer.tmp_dir = str(path.parent)
    tokenizer.initialize()
    return tokenizer


def _domain_dictionary(vocabulary: tuple[str, ...], corpus: str) -> Path:
    import jieba

    digest = hashlib.sha256(f"{jieba.__version__}\n{DICTIONARY_FORMAT}\n{vocabulary}\n{corpus}".encode()).hexdigest()[
        :16
    ]
    path = Path(tempfile.gettempdir()) / "pilotbot-jieba" / f"domain-{digest}.txt"
    if path.exists():
        return path
    full = jieba.Tokenizer()
    full.initialize()
    pieces = {corpus[i : i + n] for n in range(1, MAX_WORD + 1) for i in range(len(corpus) - n + 1)}
    words = {w: f for w, f in full.FREQ.items() if f > 0 and w in pieces}
    words.update(dict.fromkeys((w.lower() for w in vocabulary), DOMAIN_FREQ))  # text is cut lowercased: EOD → eod
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text("".join(f"{w} {f}\n" for w, f in sorted(words.items()) if " " not in w), encoding="utf-8")
    tmp.replace(path)
    return path


def vocabulary(rules: Rules) -> tuple[str, ...]:
    """Domain words jieba would otherwise split: aliases, concepts, item titles' key terms."""
    words: set[str] = {
        "三同时",
        "必选项",
        "创新项",
        "申报条件",
        "排污许可",
        "组织单位",
        "一式三份",
        "实施方案",
        "EOD",
        "发展改革委",
    }
    for kind in rules.types:
        words.update(a for a in kind.aliases if len(a) > 1)
        for item in (*kind.mandatory.present, *kind.innovation.present):
            for group in item.concepts:
                words.update(w for w in group if len(w) > 1)
        for cond in kind.conditions:
            words.update(w for w in cond.keywords if len(w) > 1)
    for fact in rules.facts:
        words.update(w for w in fact.keywords if len(w) > 1)
    return tuple(sorted(words))


def corpus(rules: Rules) -> str:
    """All the text the indexes hold: clauses, and the phrasings the rules data adds to them."""
    parts = [c.text for c in rules.source.clauses]
    parts += [f"{f.title} {f.answer}" for f in rules.facts]
    parts += [c.question or "" for k in rules.types for c in k.conditions]
    parts += [f"{f.label} {f.hint or ''}" for f in rules.data.form.fields]
    return "\n".join(parts)


class Tokenizer:
    def __init__(self, rules: Rules) -> None:
        words = vocabulary(rules)
        text = corpus(rules) + "\n" + "\n".join(words)
        self._jieba = _jieba(words, text)
        self.signature = hashlib.sha256(f"{words}\n{text}".encode()).hexdigest()[:16]

    def words(self, text: str) -> list[str]:
        """Whole words (jieba's precise mode, same dictionary): what a question talks about, for understanding."""
        return [t.strip() for t in self._jieba.lcut(text.lower()) if t.strip() and _WORD.fullmatch(t.strip())]

    def knows(self, word: str) -> bool:
        """A word of the domain dictionary: one the notice (or the rules data) uses, not a guess of jieba's HMM."""
        return self._jieba.FREQ.get(word, 0) > 0

    def __call__(self, text: str) -> list[str]:
        tokens = []
        for token in self._jieba.lcut_for_search(text.lower()):
            token = token.strip()
            if token and token not in _STOPWORDS and _WORD.fullmatch(token):
                tokens.append(token)
        return tokens
