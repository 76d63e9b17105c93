"""``understand(message, memory) -> Query``: one reading of a message, from the words in ``knowledge/``.

Run once per message. Everything downstream (rules answers, retrieval, flows) reads the :class:`Query`
instead of parsing the text again. The words come from ``rules.yaml`` (type aliases, item concepts, fact
keywords) and ``understanding.yaml`` (kind cues, question forms, unset topics, typo terms); the code here
only knows Chinese numerals and punctuation.
"""

from __future__ import annotations

import re
from functools import cache

from bot.core.understanding.query import Memory, Query
from bot.core.understanding.typos import TermFixer
from indexer.tokenize import Tokenizer
from knowledge.lexicon import ItemKind, Lexicon, QuestionForm, default_lexicon
from knowledge.rules import Rules, default_rules

MAX_UNDERSTOOD = 300  # characters read for slots: a longer message is read by its start and its end
_CLAUSES = re.compile(r"[，。,.;；!！\n]+")
_NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_NUMBER = r"([0-9]{1,2}|十[一二三四五六七八九]?|[一二两三四五六七八九])"
_ORDINAL = re.compile(rf"第\s*{_NUMBER}\s*(?:条|项|个|点|款)?")
_BARE_NUMBER = re.compile(rf"^{_NUMBER}\s*(?:条|项|个|点)?(?:是|呢|说|讲|指|的|具体|什么|啥|\?|？|$)")
_AFTER_KIND = re.compile(
    rf"\s*(?:中的|里的|的)?\s*{_NUMBER}(?=条|项|个|点|款|是|呢|的|说|讲|指|具体|什么|啥|[?？，。,\s]|$)"
)
# Tokens jieba leaves around numbers (“第三”, “条是”, “一家化”): parts of a reference, not a topic.
_NOT_A_TOPIC = re.compile(r"^(?:第|[0-9一二两三四五六七八九十]+)|[条项个]是$")
_CJK_WORD = re.compile(r"[\u4e00-\u9fff]+")
_THIS = re.compile(r"这个|这条|这项|这一条|这一项|该项|该条|它")
_ELLIPSIS_START = re.compile(r"^(?:那|那么|那如果|如果是|换成|要是|还有|另外)")
_ELLIPSIS_END = re.compile(r"(?:呢|的呢|怎么样|如何)[?？]?$")


class Understander:
    """Holds the words of understanding, indexed once; :meth:`__call__` reads one message."""

    def __init__(self, rules: Rules, lexicon: Lexicon) -> None:
        self.rules = rules
        self.lexicon = lexicon
        kind_cues = [c for k in lexicon.item_kinds.values() for c in k.cues]
        aliases = [a for t in rules.types for a in (t.name, *t.aliases)]
        labels = [k.label for k in lexicon.item_kinds.values()]
        fact_terms = [k for f in rules.facts for k in f.keywords if len(k) >= 3]
        self.fixer = TermFixer([*lexicon.typo_terms, *aliases, *labels, *fact_terms], lexicon.english, lexicon.synonyms)
        self._aliases = sorted({a.lower() for a in aliases if len(a) > 1}, key=len, reverse=True)
        self._kind_cues = sorted(
            ((c.lower(), kind) for kind, k in lexicon.item_kinds.items() for c in k.cues), key=lambda x: -len(x[0])
        )
        self._facts = [(f.id, tuple(k.lower() for k in f.keywords)) for f in rules.facts]
        fact_words = [k for f in rules.facts for k in f.keywords]
        form_words = [c for cues in lexicon.forms.values() for c in cues]
        self._ignored = {w.lower() for w in (*lexicon.generic_words, *aliases, *kind_cues, *fact_words, *form_words)}
        self._tokenizer: Tokenizer | None = None

    @property
    def tokenizer(self) -> Tokenizer:
        if self._tokenizer is None:
            self._tokenizer = Tokenizer(self.rules)
        return self._tokenizer

    def __call__(self, message: str, memory: Memory | None = None) -> Query:
        memory = memory or Memory()
        text = _bounded(message.strip())
        normalized, notes = self.fixer(text)
        asking = self.asking_part(normalized)
        types = tuple(t.id for t in self._types(normalized))
        kinds = self._kinds(asking) or self._kinds(self._considered(normalized))
        number = _ordinal(asking) or self._number_after_kind(asking)
        forms = self._forms(asking)
        content = self._content(asking)
        elliptical = bool(_ELLIPSIS_START.search(asking) or _ELLIPSIS_END.search(asking)) and len(content) <= 1
        type_remembered = kind_remembered = False
        if not types and memory.type:
            types, type_remembered = (memory.type,), True
        elif len(types) == 1 and memory.type and memory.type != types[0] and "compare" in forms:
            types = (types[0], memory.type)  # “换成街镇，必选项一样吗”: the new type against the one before
        if number is not None and not kinds and memory.item_kind and _only_a_number(content):
            kinds, kind_remembered = (memory.item_kind,), True
        elif elliptical and not kinds and not self._fact(asking) and memory.item_kind and not type_remembered:
            kinds, kind_remembered = (memory.item_kind,), True  # “那楼宇呢” after a list of 必选项
        if number is None and not content and _THIS.search(asking) and memory.item is not None:
            # “这个是必须做的吗”: the item just shown (必须 here asks a question, it does not name a kind)
            number, kinds, kind_remembered = memory.item, (memory.item_kind,) if memory.item_kind else (), True
        elif not content and _THIS.search(asking):
            content = self._content(self._considered(normalized))  # “对这些有什么要求”: what “这些” points to
        fact = self._fact(asking)
        bare = not kinds and not content and number is None
        if fact is None and bare and memory.fact and (elliptical or forms) and not self._named_types(normalized):
            fact = memory.fact  # “下一次是哪天” after the annual report
        item_clause = None
        if number is None and content:
            item_clause = self._item_by_concepts(self._considered(normalized), types, kinds)
        return Query(
            text=text,
            item_clause=item_clause,
            normalized=normalized,
            asking=asking,
            types=types,
            type_remembered=type_remembered,
            item_kinds=kinds,
            kind_remembered=kind_remembered,
            item_number=number,
            fact=fact,
            forms=forms,
            unset_topic=self._unset(asking),
            content=content,
            elliptical=elliptical,
            notes=notes,
        )

    # --- the parts of a message ----------------------------------------------------------------------------------

    def asking_part(self, text: str) -> str:
        """What follows the last focus marker, else the clauses that ask, else the whole message less the
        clauses that set something aside."""
        for marker in self.lexicon.focus_markers:
            if marker in text:
                tail = text.rsplit(marker, 1)[1].strip("，,：: ")
                if len(tail) >= 2:
                    return tail
        clauses = [c for c in _CLAUSES.split(text) if c.strip()]
        if len(clauses) <= 1:
            return text
        kept = [c for c in clauses if not any(m in c for m in self.lexicon.aside_markers)] or clauses
        asking = [c for c in kept if any(w in c for w in self.lexicon.asking)]
        return "，".join(asking or kept)

    def _considered(self, text: str) -> str:
        """The message without the clauses that set something aside."""
        clauses = [c for c in _CLAUSES.split(text) if c.strip()]
        kept = [c for c in clauses if not any(m in c for m in self.lexicon.aside_markers)]
        return "，".join(kept) if kept else text

    def _named_types(self, text: str) -> bool:
        return bool(self._types(text))

    def _types(self, text: str):
        explicit = [t for t in self.rules.types if f"{t.name}类" in text]
        return explicit or self.rules.detect_types(text)

    def _kinds(self, text: str) -> tuple[ItemKind, ...]:
        lowered = text.lower()
        found: dict[ItemKind, int] = {}
        for cue, kind in self._kind_cues:
            at = lowered.find(cue)
            if at >= 0:
                found.setdefault(kind, at)
                lowered = lowered.replace(cue, " " * len(cue))
        return tuple(sorted(found, key=found.__getitem__))

    def _item_by_concepts(self, text: str, types: tuple[str, ...], kinds: tuple[ItemKind, ...]) -> str | None:
        """The guide item whose concept groups the question touches most — at least two groups, and more
        than any other item (“员工提节能减排的建议” → 全员参与 and 改进建议: 企业必选项7)."""
        lowered = text.lower()
        wanted = [k for k in kinds if k in ("mandatory", "innovation")] or ["mandatory", "innovation"]
        scored: list[tuple[int, str]] = []
        for kind in self.rules.types:
            if types and kind.id not in types:
                continue
            for group_name in wanted:
                for item in getattr(kind, group_name).present:
                    groups = sum(any(w.lower() in lowered for w in g if len(w) >= 2) for g in item.concepts)
                    if groups:
                        scored.append((groups, item.clause))
        scored.sort(reverse=True)
        if not scored or scored[0][0] < 2 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            return None
        return scored[0][1]

    def _number_after_kind(self, text: str) -> int | None:
        """“企业必选项四”, “必选项中的3”: a number right after a kind cue."""
        lowered = text.lower()
        for cue, _ in self._kind_cues:
            at = lowered.find(cue)
            if at >= 0:
                match = _AFTER_KIND.match(lowered, at + len(cue))
                if match:
                    return _as_int(match.group(1))
        return None

    def _forms(self, text: str) -> frozenset[QuestionForm]:
        return frozenset(form for form, cues in self.lexicon.forms.items() if any(c in text for c in cues))

    def _fact(self, text: str) -> str | None:
        """The fact whose keywords cover most of the asking part (at least two characters' worth; the
        longest single keyword breaks ties). Words inside a type's name (“园区管委会”) name the applicant,
        not a fact."""
        lowered = text.lower()
        for alias in self._aliases:
            lowered = lowered.replace(alias, " ")
        best, best_score = None, (1, 0)
        for fact_id, keywords in self._facts:
            hits = [len(k) for k in keywords if k in lowered]
            score = (sum(hits), max(hits, default=0))
            if score[0] >= 2 and score > best_score:
                best, best_score = fact_id, score
        return best

    def _unset(self, text: str) -> str | None:
        lowered = text.lower()
        for topic in self.lexicon.unset_topics:
            if any(c.lower() in lowered for c in topic.cues):
                return topic.id
        return None

    def _content(self, text: str) -> tuple[str, ...]:
        """Words that name a topic: the tokens left once type, kind and question words are taken out."""
        lowered = text.lower()
        for alias in self._aliases:  # the applicant's own description (“化工厂”) names a type, not a topic
            lowered = lowered.replace(alias, " ")
        words = []
        for token in self.tokenizer.words(lowered):
            if token in self._ignored or token.isdigit() or all(c in _NUMERALS for c in token):
                continue
            if len(token) == 1 or _NOT_A_TOPIC.search(token):
                continue
            if not (self.tokenizer.knows(token) or (len(token) >= 3 and _CJK_WORD.fullmatch(token))):
                continue  # jieba's guesses at unknown text (“后要”, “项有”) name nothing
            words.append(token)
        return tuple(dict.fromkeys(words))


def _bounded(text: str) -> str:
    """A long message costs no more than a short one: its opening and its end, where the question usually is."""
    if len(text) <= MAX_UNDERSTOOD:
        return text
    return f"{text[: MAX_UNDERSTOOD // 3]}。{text[-(MAX_UNDERSTOOD * 2 // 3) :]}"


def _only_a_number(content: tuple[str, ...]) -> bool:
    """“第三条是什么意思”: a number and nothing else that names a topic."""
    return len(content) <= 1


def _ordinal(text: str) -> int | None:
    """“第4条”, “三是什么”, “5.” — the number of an item."""
    match = _ORDINAL.search(text) or _BARE_NUMBER.search(text.strip())
    return _as_int(match.group(1)) if match else None


def _as_int(raw: str) -> int:
    if raw.isdigit():
        return int(raw)
    if raw.startswith("十"):
        return 10 + (_NUMERALS.get(raw[1:], 0) if len(raw) > 1 else 0)
    return _NUMERALS[raw]


@cache
def default_understander() -> Understander:
    return Understander(default_rules(), default_lexicon())


def understand(message: str, memory: Memory | None = None) -> Query:
    """Read one message against the conversation so far; see :class:`Query`."""
    return default_understander()(message, memory)
