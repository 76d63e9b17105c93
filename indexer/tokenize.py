"""Chinese tokens for BM25: jieba's search mode, taught the programme's own vocabulary."""

from __future__ import annotations

import logging
import re
from functools import cache

from knowledge.rules import Rules

_STOPWORDS = frozenset(
    """的 了 吗 呢 吧 啊 呀 么 和 与 及 或 是 在 有 我 我们 你 你们 他们 这 那 个 也 都 就 还 能 可以 可 要 会
    请问 一下 什么 怎么 怎样 如何 哪些 哪个 多少 几 为 对 把 被 让 等 该 其 之 以 于 并 且 从 到 向 给
    如果 那么 需要 应该 是否 不""".split()  # noqa: SIM905 — a word list reads best as text
)
_WORD = re.compile(r"[\w\u4e00-\u9fff]+")


@cache
def _jieba(vocabulary: tuple[str, ...]):
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in vocabulary:
        tokenizer.add_word(word, freq=20000)
    return tokenizer


def vocabulary(rules: Rules) -> tuple[str, ...]:
    """Domain words jieba would otherwise split: aliases, concepts, item titles' key terms."""
    words: set[str] = {"三同时", "必选项", "创新项", "申报条件", "排污许可", "组织单位", "一式三份", "实施方案", "EOD"}
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


class Tokenizer:
    def __init__(self, rules: Rules) -> None:
        self._jieba = _jieba(vocabulary(rules))

    def __call__(self, text: str) -> list[str]:
        tokens = []
        for token in self._jieba.lcut_for_search(text.lower()):
            token = token.strip()
            if token and token not in _STOPWORDS and _WORD.fullmatch(token):
                tokens.append(token)
        return tokens
