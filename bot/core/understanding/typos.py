"""Typo tolerance for the programme's terms: homophones (必选像, 创薪项, 楼于), near-homophones (必先项),
romanised input (qiye, shequ) and English words (mandatory, park), all mapped to the notice's words.

Matching is by pinyin: a window of the message that sounds like a term and shares characters with it is
the term. Pinyin readings come from pypinyin's character table, reduced once to a toneless table cached
on disk, because importing pypinyin's own table costs about a second per process.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache
from importlib.metadata import version
from pathlib import Path

_CJK = re.compile(r"[\u4e00-\u9fff]")
# A window that holds this many of a long term's characters in place is that term, though what it changed makes
# a word (“突发环境时间”: 时间 is a word, but four characters of 突发环境事件 stand as they are).
LONG_ANCHOR = 4
_NUMERALS = frozenset("一二两三四五六七八九十百千几")
_LATIN = re.compile(r"[a-z]+(?:\s+[a-z]+)*", re.I)
_HALF_LATIN = re.compile(r"([\u4e00-\u9fff]{0,3})(?<![a-z])([a-z]{1,6})(?![a-z])([\u4e00-\u9fff]{0,3})", re.I)


@cache
def pinyin_table() -> dict[str, tuple[str, ...]]:
    """Character → toneless readings (ü written v), from pypinyin's table, cached per pypinyin version."""
    path = Path(tempfile.gettempdir()) / "pilotbot-pinyin" / f"table-{_digest(version('pypinyin'))}.json"
    if path.exists():
        try:
            return {c: tuple(r) for c, r in json.loads(path.read_text(encoding="utf-8")).items()}
        except (OSError, ValueError):
            pass  # a broken cache is rebuilt below
    from pypinyin.pinyin_dict import pinyin_dict

    table = {chr(code): _toneless(readings) for code, readings in pinyin_dict.items() if _CJK.match(chr(code))}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    tmp.replace(path)
    return {c: tuple(r) for c, r in table.items()}


@cache
def _traditional_to_simplified() -> Callable[[str], str]:
    from opencc import OpenCC

    return OpenCC("t2s").convert


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _toneless(readings: str) -> list[str]:
    out = []
    for reading in readings.split(","):
        plain = "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))
        plain = plain.replace("u\u0308", "v").replace("ü", "v")
        if plain and plain not in out:
            out.append(plain)
    return out


def _close(a: str, b: str) -> bool:
    """Syllables one letter apart (xian/xuan), the near-homophones of hurried pinyin input."""
    if a == b:
        return True
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long = sorted((a, b), key=len)
    return len(long) - len(short) == 1 and any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _numeral_changed(window: str, term: str) -> bool:
    return any(a != b and a in _NUMERALS for a, b in zip(window, term, strict=True))


class TermFixer:
    """Rewrites misspelt programme terms in a message; the terms themselves come from the data.

    ``terms`` are the programme's own words (必选项, 楼宇, 截止): fixed from homophones and near-homophones.
    ``vocabulary`` holds the words of the items and facts (清洁生产, 环评, 突发环境事件): fixed from exact
    homophones, or near ones for words of four characters or more (垃圾分来 → 垃圾分类), because ordinary
    words sound like them more often; a slip is never a numeral (建一张 is no 建议). A window that is itself
    a word ``known`` to the notice (创新性) is left alone unless it sounds exactly like a programme term
    (截至 → 截止).
    """

    def __init__(
        self,
        terms: Iterable[str],
        english: dict[str, str],
        synonyms: dict[str, str],
        vocabulary: Iterable[str] = (),
        known: Callable[[str], bool] = lambda word: False,
        glue: str = "",
        acronyms: Iterable[str] = (),
    ) -> None:
        self.glue = glue  # 还, 都, 就: words of their own, not slips for a character of an item's word
        # the notice's own Latin acronyms (EOD), found again when typed with two letters swapped (EDO)
        self.acronyms = {"".join(sorted(a.lower())): a for a in acronyms if len(a) >= 3}
        self.synonyms = sorted(synonyms.items(), key=lambda kv: -len(kv[0]))
        self.table = pinyin_table()
        core = {t for t in terms if len(t) >= 2 and all(_CJK.match(c) for c in t)}
        self.vocabulary = {t for t in vocabulary if len(t) >= 2 and all(_CJK.match(c) for c in t)} - core
        self.known = known
        self.terms = sorted(core | self.vocabulary, key=len, reverse=True)
        self.readings = {t: [self.table.get(c, ()) for c in t] for t in self.terms}
        self.english = {k.lower(): v for k, v in english.items()}
        self.by_first: dict[str, list[str]] = {}
        for term in self.terms:  # longest first, so the longest term sounding alike wins
            for reading in self.readings[term][0]:
                self.by_first.setdefault(reading, []).append(term)
        self.romanised = {}
        for term in self.terms:
            first = [r[0] for r in self.readings[term] if r]
            if len(first) == len(term):
                self.romanised.setdefault("".join(first), term)

    def __call__(self, text: str) -> tuple[str, tuple[str, ...]]:
        """The text with terms fixed, and a note per fix (“必选像→必选项”)."""
        notes: list[str] = []
        simplified = _traditional_to_simplified()(text)
        if simplified != text:  # “園區申報條件”: the notice is in simplified characters
            notes.append("繁→简")
            text = simplified
        text = _HALF_LATIN.sub(lambda m: self._half_latin(m, notes), text)
        text = _LATIN.sub(lambda m: self._latin(m.group(0), notes), text)
        text = self._synonyms(text, notes)
        fixed = self._homophones(text, notes)
        # a slip fixed into a word that has a synonym (发改为 → 发改委 → 发展改革委) gets it too
        return (self._synonyms(fixed, notes) if fixed != text else fixed), tuple(notes)

    def _synonyms(self, text: str, notes: list[str]) -> str:
        for word, term in self.synonyms:
            if word in text:
                text = text.replace(word, term)
                notes.append(f"{word}→{term}")
        return text

    def _latin(self, run: str, notes: list[str]) -> str:
        words = run.lower().split()
        out = []
        i = 0
        while i < len(words):
            two = " ".join(words[i : i + 2])
            if two in self.english:
                out.append(self.english[two])
                i += 2
                continue
            if joined := self._syllables(words, i):  # “qi ye shen bao”: pinyin typed a syllable at a time
                n, term = joined
                notes.append(f"{' '.join(words[i : i + n])}→{term}")
                out.append(term)
                i += n
                continue
            word = words[i]
            fixed = (
                self.english.get(word)
                or (self.romanised.get(word) if len(word) >= 4 else None)
                or self._misspelt_english(word)
                or self._swapped_acronym(word)
            )
            out.append(fixed or words[i])
            if fixed:
                notes.append(f"{word}→{fixed}")
            i += 1
        joined = "".join(out) if all(_CJK.match(w[0]) for w in out) else " ".join(out)
        return joined if joined.lower() != run.lower() else run

    def _half_latin(self, match: re.Match, notes: list[str]) -> str:
        """“街zhen”, “社qu”, “shen报”: a term typed half in characters, half in pinyin (the input method not
        switched back), when the syllable is exactly the missing character's common reading."""
        before, syllable, after = match.group(1), match.group(2).lower(), match.group(3)
        for k in range(min(3, len(before)), 0, -1):
            head = before[-k:]
            for term in self.terms:
                if len(term) == k + 1 and term.startswith(head) and syllable in self.readings[term][k][:1]:
                    notes.append(f"{head}{match.group(2)}→{term}")
                    return f"{before[:-k]}{term}{after}"
        for k in range(min(3, len(after)), 0, -1):
            tail = after[:k]
            for term in self.terms:
                if len(term) == k + 1 and term.endswith(tail) and syllable in self.readings[term][0][:1]:
                    notes.append(f"{match.group(2)}{tail}→{term}")
                    return f"{before}{term}{after[k:]}"
        return match.group(0)

    def _spoils_a_word(self, chars: list[str], i: int, n: int, term: str) -> bool:
        """Whether the window is itself a known word, or a character it would change makes a known word with a
        neighbour (化工企|业: 企业; 环保公益: 公益) — a word that was meant, not a slip."""
        window = "".join(chars[i : i + n])
        if self.known(window):
            return True
        for k in (k for k in range(n) if window[k] != term[k]):
            at = i + k
            pairs = ("".join(chars[at - 1 : at + 1]) if at > 0 else "", "".join(chars[at : at + 2]))
            if any(len(p) == 2 and p not in term and self.known(p) for p in pairs):
                return True
        return False

    def _syllables(self, words: list[str], i: int) -> tuple[int, str] | None:
        """The longest run of two to four one-syllable words from ``i`` that spells a term (“ju wei hui”)."""
        for n in (4, 3, 2):
            run = words[i : i + n]
            if len(run) == n and all(len(w) <= 6 for w in run):
                term = self.romanised.get("".join(run))
                if term is not None and len(term) == n:
                    return n, term
        return None

    def _swapped_acronym(self, word: str) -> str | None:
        """“EDO” for the notice's EOD: the same letters in another order (never the acronym itself)."""
        acronym = self.acronyms.get("".join(sorted(word)))
        return acronym if acronym is not None and acronym.lower() != word else None

    def _misspelt_english(self, word: str) -> str | None:
        """An English term one letter off (“dealine”), for words long enough not to collide."""
        if len(word) < 6:
            return None
        return next((term for known, term in self.english.items() if " " not in known and _close(word, known)), None)

    def _homophones(self, text: str, notes: list[str]) -> str:
        chars = list(text)
        i = 0
        while i < len(chars):
            readings = self.table.get(chars[i], ())[:2]  # a programme term may be reached by the second (调件)
            candidates = dict.fromkeys(t for r in readings for t in self.by_first.get(r, ()))
            for term in sorted(candidates, key=len, reverse=True):
                n = len(term)
                window = "".join(chars[i : i + n])
                if window == term:  # already right: never “fix” a correct term into a shorter neighbour
                    i += n - 1
                    break
                if len(window) < n or not self._sounds_like(window, term):
                    continue
                if term in self.vocabulary and _numeral_changed(window, term):
                    continue
                # “今年还报得上吗” is no 海报: a word of its own at the window's edge — not one inside (网个化)
                glued = any(w != t and w in self.glue for w, t in zip(window[:: n - 1], term[:: n - 1], strict=True))
                if term in self.vocabulary and glued:
                    continue
                near = self._near(window, term)  # 生态环境部 only nearly sounds like 生态环境局: never anchored
                anchored = not near and sum(a == b for a, b in zip(window, term, strict=True)) >= LONG_ANCHOR
                spoils = (term in self.vocabulary or near) and not anchored  # 突发环境时间: anchored
                if spoils and self._spoils_a_word(chars, i, n, term):
                    continue  # “创新性” is a word of the notice, and 企 in 化工企业 belongs to 企业: no slips
                chars[i : i + n] = list(term)
                notes.append(f"{window}→{term}")
                i += n - 1
                break
            i += 1
        return "".join(chars)

    def _near(self, window: str, term: str) -> bool:
        """Whether some character of the window only nearly sounds like the term's (性 xing for 项 xiang)."""
        return any(
            not set(self.table.get(c, ())[:1]) & set(r[:1]) for c, r in zip(window, self.readings[term], strict=True)
        )

    def _sounds_like(self, window: str, term: str) -> bool:
        same = sum(a == b for a, b in zip(window, term, strict=True))
        if same == 0 or same * 2 < len(term):
            return False
        near = 0
        for char, wanted in zip(window, self.readings[term], strict=True):
            # the character's common reading: rare ones make false friends. A programme term also hears its second
            # (调 tiáo: 调件 is 条件); the items' words do not, being ordinary words (格 is also read luò: 网络 is
            # no typo of 网格)
            have = self.table.get(char, ())[: 1 if term in self.vocabulary else 2]
            wanted = wanted[:1]
            if set(have) & set(wanted):
                continue
            near_allowed = len(term) >= (4 if term in self.vocabulary else 3)
            if near_allowed and have and wanted and _close(have[0], wanted[0]):  # common readings only
                near += 1
                continue
            return False
        return near == 0 or (near == 1 and same == len(term) - 1)
