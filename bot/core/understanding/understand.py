"""``understand(message, memory) -> Query``: one reading of a message, from the words in ``knowledge/``.

Run once per message. Everything downstream (rules answers, retrieval, flows) reads the :class:`Query`
instead of parsing the text again. The words come from ``rules.yaml`` (type aliases, item concepts, fact
keywords) and ``understanding.yaml`` (kind cues, question forms, unset topics, typo terms); the code here
only knows Chinese numerals and punctuation.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from bot.core.understanding.numerals import DIGITS, number
from bot.core.understanding.periods import months_named, names_time, supposed_time
from bot.core.understanding.query import Memory, Query
from bot.core.understanding.typos import TermFixer
from indexer.tokenize import Tokenizer
from knowledge.lexicon import ItemKind, Lexicon, QuestionForm, default_lexicon
from knowledge.rules import Rules, default_rules
from knowledge.schema import Item

STRONG_TOPIC = 3  # characters of a keyword that names a fact from a clause before the one that asks
MAX_TERSE = 12  # characters: “园区 公众开放 那个” names a topic; a longer message without 我们 still tells
TERSE_TOPIC = 4  # characters of a fact keyword (个数上限) that makes a terse message ask that fact, not introduce
MAX_FOLLOW_UP = 8  # characters: “报给谁”, “下一次是哪天” lean on the topic before; a longer question names its own
LONG_CUE = 4  # characters of an unset topic's cue in what was told that the question framing it asks about
MAX_INSIDE_CUE = 4  # characters a long cue may hold inside it (取消资格: “取消试点资格”)
MAX_UNDERSTOOD = 300  # characters read for slots: a longer message is read by its start and its end
MAX_QUESTIONS = 3  # questions of one message answered one by one; the rest go with the last
_QUESTION_BREAK = re.compile(r"(?<=[？?])|(?<=[吗吧呢么][。.!！])")  # “……对吧。那……？”: two questions
# …and a space between words typed on a phone (“楼还没竣工 能报吗”), not one after a romanised word (yuanqu 里)
_CLAUSES = re.compile(  # not the point of a number (PM2.5)
    r"(?:[，。,;；!！\n]|(?<!\d)\.|\.(?!\d))+|(?<=[\u4e00-\u9fff\d]{2}[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff]{2})"
)
SITUATION_CHARS = 300  # the circumstances kept from one message, and in memory
_NUMERALS = frozenset({*DIGITS, "十"})
_NUMBER = r"([0-9]{1,2}|十[一二三四五六七八九]?|[一二两三四五六七八九])"
# 第三方, 第一次, 第二批 … are no item numbers
# “除了创新性那块还有啥”: what 除了 sets aside ends at 那块, 以外, 之外 — a clause of its own, though unpunctuated
_EXCEPT_CLAUSE = re.compile(r"(除了[^，,。？?！!\s]{1,12}?(?:那块|那部分|那项|那条|以外|之外))(?=[^，,。？?！!\s])")
_EXCEPT_OPENING = re.compile(r"^(除了[^，,。？?！!\s]{1,12}?)(?=还有)")  # “除了创新性还有啥”, not “评分除了…”
SUBJECT_WEIGHT = 0.5  # a pair of characters in at most two of a type's entries names what they are about
TOLD_HEAD_CHARS = 8  # a colon after this much that asks nothing ends what was told: the question follows
SPEAKER_SPAN = 12  # characters after 我是 / 以 within which the speaker's own type is named
_DAY_NUMBERED = re.compile(r"(\d{1,2})月(\d{1,2})号")
WEAK_FACT_WORD = 2  # a fact named only by a question word (哪类, 几个) is not what a pointing question asks
QUOTE_CLOSE = 0.8  # a quote held this nearly by one entry names it
QUOTE_CLOSE_MIN = 8  # …when it is long enough to be a quote of an entry, not a phrase
MAX_ACROSS = 6  # entries of all types that may say a word for it to name one rule (突发环境事件: 3, 环境: all)
MAX_SHORT_JUDGEMENT = 6  # “必做吗”, “是必选的吗”: a kind asked of the item just shown, nothing else
REWORDED_PAIRS = 3  # character pairs an entry shown lately shares with the words pointing at it (近一, 一年, 处罚)
QUOTE_NEAR = 0.6  # …and one the asked type's own entry holds this much of is that entry, reworded
_PAIRED = re.compile(r"和|跟|与|同")
_QUESTION_MARK = re.compile(r"[？?]")
_ALL_BEFORE = re.compile(r"(?:这些|这个|这两点|这几点|这两条|这几条|以上|上面这些|前面这些|上述)")
# before a type's name: particular units of it (这些企业, 园区里企业), not the type
_PARTICULAR = ("的", "这些", "那些", "这几家", "那几家", "各家", "所有", "全部", "里", "入驻")
_POINTED_ORDINAL = re.compile(
    rf"(?:说的|说过的|讲的|提到的|列的|列出的)(?:那个|这个|那|这)?\s*第\s*{_NUMBER}\s*(?:条|项|点|个|款)"
)
_THESE_ITEMS = re.compile(
    r"(?:这|那|上面|前面|刚才)(?:说的)?\s*([两三四五几2-5])\s*(?:件|项|条|个|样)(?:事)?(?=里|中|当中|之中|哪|都|分别|各|是|算|属于)"
)
_WHICH_OF = re.compile(r"哪几个|哪一个|哪个|哪些|哪几家|哪家|哪几类|哪一类")
_THESE_TYPES = re.compile(
    r"(?:这|那|上面|前面|刚才)(?:说的)?\s*([两三四五几2-5])\s*(?:类|种类型|个类型|种主体|类主体|个(?=里|中|当中|之中|哪|都|分别|各))"
)
_NAMED_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?!\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月)")
# “第一件，他们…”: 件 counts the user's own list, not the guide's entries
_POINTED_LAST = re.compile(r"(?:说的|说过的|讲的|提到的|列的|列出的)(?:那个|这个|那|这)?\s*最后(?:一|那)?[条项个点]")
_ORDINAL = re.compile(rf"第\s*{_NUMBER}\s*(?:条|项|个|点|款|(?![方季批次届年天时名期轮代人者把步件]))")
_ORDINAL_WORD = re.compile(rf"第\s*{_NUMBER}\s*")
_NUMBERED = rf"(第\s*{_NUMBER}\s*[条项个点])"
_TWO_ORDINALS = re.compile(rf"{_NUMBERED}\s*(?:和|跟|与|及|、|还有|以及)\s*{_NUMBERED}")
_BOTH_OF = re.compile(
    r"([\u4e00-\u9fff]{1,6}?)(?:和|跟|与|还有)([\u4e00-\u9fff]{1,6}?)((?:的|，|,)[\u4e00-\u9fff]{1,6}?)?(?:分别|各自|各)"
)
_COUNTED_LIST = re.compile(rf"(?<!第){_NUMBER}\s*[条项个](?:里面|里头|当中|里|中)的?")
_BARE_NUMBER = re.compile(rf"^{_NUMBER}\s*(?:条|项|个|点)?(?:是|呢|说|讲|指|的|具体|什么|啥|\?|？|$)")
_AFTER_KIND = re.compile(
    rf"\s*(?:中的|里的|的)?\s*{_NUMBER}(?=条|项|个|点|款|是|呢|的|说|讲|指|具体|什么|啥|[?？，。,\s]|$)"
)
_ORDINAL_AFTER_KIND = re.compile(rf"\s*(?:中的|里的|的)?\s*第\s*{_NUMBER}(?=条|项|个|点|款)")
# Tokens jieba leaves around numbers (“第三”, “条是”, “一家化”): parts of a reference, not a topic.
_NOT_A_TOPIC = re.compile(r"^(?:第|[0-9一二两三四五六七八九十]+)|[条项个]是$")
_CJK_WORD = re.compile(r"[\u4e00-\u9fff]+")
# “它的必选项”: 它 is the unit; “这在街镇试点里算什么”: 这 is what was just told
_THIS = re.compile(
    r"那个(?=是|算|要|能|属于|也|必须|需要|得)"  # “那个是必须的吗”: a subject, not “那个X” naming X
    r"|^[那这](?=是|算)"  # “那是必选项还是创新项”, “这是必须做的吗”
    r"|这个|这条|这项|这一条|这一项|该项|该条|那条|那一条|那项|这算|这在|这事|(?<![\u4e00-\u9fff])(?:这一栏|那一栏|这栏|那栏)|它(?!的|们|自己)"
)
_IS_THAT = re.compile(r"^(.{2,12}?)(?:那个|那项|这个)(?:就)?是(.{2,10}?)(?:吗|么|[？?]|$)")  # “X那个是Y吗”
_NAMED_THAT = re.compile(r"(?:^|[，,。\s])([\u4e00-\u9fff]{2,7}?)(?:那条|那项|那一条|那一项|那块|那一块)")  # “三年那条”
_THIS_ITEM = re.compile(r"这条|这项|这一条|这一项|该项|该条|那条|那一条|那项")
_THESE = re.compile(r"这些|这种|这类|这样的|这块")  # “雨污分流、河道整治这些，算…吗”: what was said before
# “这个是必选的吗”, “它算创新吗”: a subject pointing back at what was said (not “这个企业类…”, a determiner)
_POINTS_BACK = re.compile(
    r"(?:这个|这条|这项|这一条|这一项|该项|该条|它|这)(?:是|算|要|能|属于|也|在|有|必须|需要|得|对应|跟|和|与)"
)
_LAST = re.compile(r"最后(?:一|那)?[条项个点]")
_PREVIOUS = re.compile(r"(?:上|前)(?:一|那)?[条项个点]")
_NEXT = re.compile(r"(?:下|后)(?:一|那)?[条项个点]")
_ELLIPSIS_START = re.compile(
    r"^(?:那|那么|那如果|如果是|换成|要是|还有|另外|然后是|然后|接下来是|接下来|再说说|再讲讲|接着是)"
)
_SUPPOSING = re.compile(r"^(?:那|那么)?(?:如果|要是|假如|假设|万一)|呢[?？]?$")  # “如果那次是四年前的呢”
_ELLIPSIS_END = re.compile(r"(?:呢|的呢|怎么样|如何)[?？]?$")
_CONTAINER = re.compile(r"(?:里面的|里的|中的|上的|里|中)[\u4e00-\u9fff]")
_A_NOT_A = re.compile(r"([\u4e00-\u9fff])[不没]\1")  # 认不认, 搭没搭: a yes/no question, whatever the verb
_YES_NO_END = re.compile(r"(?:吗|(?<![什怎那这多])么|(?<!干)嘛|伐|不|没)[?？]?$")  # “…搞个回收，能当亮点写吗”
_ENDS_ASKING = re.compile(r"[\u4e00-\u9fff][没不][?？]?$")  # 有要求没, 能报不
_QUESTION_CHARS = re.compile(r"[谁哪几多什么吗怎啥]")
_NOT_A_TYPE = re.compile(r"(?<!是)(?:不是|并非|而非|不属于)[^，。,；;！!？?]{0,8}")
_JOINED = re.compile(r"和|与|跟|以及")  # two things asked together: “年度总结和申报材料”
_ENTRY_POINTED = re.compile(r"([\u4e00-\u9fff]{4,10})(?:那一条|这一条|那条|这条|那一项|这一项|那项|这项)")
QUOTE_WORDS_MIN = 4  # characters said before 那一条 that count as quoting an entry
_QUOTED = re.compile(r"[“\"'‘「『]([^“”\"'‘’「」『』]{2,40})[”\"'’」』]")
_QUOTES = re.compile(r"[“”\"'‘’「」『』]")  # quoting a type's name (“社区”类) does not change what it names
_AFTER_EVENT = re.compile(r"([\u4e00-\u9fff]{2})(?:以后|之后)")  # “开业以后”: after something said before
# a length told: “写了500多字”, “写300字行不行”; not the limit asked, “限200字吗”
_YEARS_AGO = re.compile(r"[\d一二两三四五六七八九十]+年前")  # “两年前”: when it happened (“现在是2026年” tells today)
_LENGTH = re.compile(r"(?:了|到|有|成|共|约|概|超|写)\s*(\d{2,6})\s*(多)?\s*个?字")
_ONLY_THEN = re.compile(r"才能|才可以|才可|才有资格")  # “有X才能申报吗” frames a requirement; its 能 is not asked


class Understander:
    """Holds the words of understanding, indexed once; :meth:`__call__` reads one message."""

    def __init__(self, rules: Rules, lexicon: Lexicon) -> None:
        self.rules = rules
        self.lexicon = lexicon
        kind_cues = [c for k in lexicon.item_kinds.values() for c in k.cues]
        aliases = [a for t in rules.types for a in (t.name, *t.aliases)]
        labels = [k.label for k in lexicon.item_kinds.values()]
        # Fact keywords that hold a question word (寄给谁, 报几个) are phrases, not terms one mistypes.
        fact_terms = [k for f in rules.facts for k in f.keywords if len(k) >= 3 and not _QUESTION_CHARS.search(k)]
        self.fixer = TermFixer(
            [*lexicon.typo_terms, *aliases, *labels],
            lexicon.english,
            lexicon.synonyms,
            vocabulary=[*fact_terms, *(item_words := _item_words(rules))],
            known=lambda word: self.tokenizer.knows(word),
            glue=lexicon.function_chars,
            acronyms=rules.acronyms(),
        )
        self._aliases = sorted({a.lower() for a in aliases if len(a) > 1}, key=len, reverse=True)
        glue = re.escape(lexicon.function_chars)
        markers = "|".join(map(re.escape, sorted(lexicon.engaged_markers, key=len, reverse=True)))
        names = "|".join(map(re.escape, self._aliases))
        # “想请环保公司来帮忙管”: a unit engaged to help is not the applicant
        self._engaged = re.compile(rf"(?:{markers})[\u4e00-\u9fff]{{0,6}}?(?:{names})") if markers else None
        guiding = "|".join(map(re.escape, sorted(lexicon.guiding_markers, key=len, reverse=True)))
        # “园区要推企业公开环境信息吗”: 企业 is whom the park pushes, within a few characters (推动园区内企业)
        self._guided = re.compile(rf"(?:{guiding})[\u4e00-\u9fff]{{0,4}}?(?:{names})") if guiding else None
        # “住宅楼算不算楼宇”, “商场属于楼宇类吗”: whether a unit is of a type — a question of who may apply
        self._membership = re.compile(rf"(?:算不算|算是|算|属不属于|属于|归)(?:{names})类?(?=[吗呢么嘛？?，,。！!]|$)")
        self._described = re.compile(rf"[^{glue}\s\W\d]{{0,4}}(?:{names})类?")
        # “园区和企业类”, “园区、企业类”: the 类 after the last name is said of each name joined to it
        self._joined_category = re.compile(rf"({names})(?=[和与及、跟或](?:{names})类)")
        intend = "|".join(map(re.escape, sorted(lexicon.intend_words, key=len, reverse=True)))
        self._year_applying = re.compile(rf"((?:{intend})\s*(?:\d{{4}}|今|明|后)\s*)年报(?!告)") if intend else None
        # “街镇那条具体怎么说”, “前面说的楼宇那条”: one type's entry among those quoted lately
        self._that_entry = re.compile(  # the type's name on its own, not inside another word (示范园区那条)
            rf"(?:(?<![\u4e00-\u9fff])|(?<=[的说和跟与把]))({names})类?(?:的|里的|里|那边的|那边|这边的)?(?:那|这)一?[条项]"
        )
        self._kind_cues = sorted(
            ((c.lower(), kind) for kind, k in lexicon.item_kinds.items() for c in k.cues), key=lambda x: -len(x[0])
        )
        self._facts = [(f.id, tuple(k.lower() for k in f.keywords)) for f in rules.facts]
        self._fact_keywords = dict(self._facts)
        self._unset_cues = [(t, tuple((c, c.lower()) for c in t.cues)) for t in lexicon.unset_topics]
        self._fact_texts = {
            f.id: f"{f.title}{f.answer}{''.join(rules.clause_text(c) for c in f.clauses)}".lower() for f in rules.facts
        }
        self._slot_forms = {form for f in rules.facts for form in f.answers}
        self._long_form_cues = sorted({c.lower() for cues in lexicon.forms.values() for c in cues if len(c) >= 4})
        # fact keywords that ask (报几个, 寄给谁): phrases whose first word may be a cue's last (分别报几个)
        self._asking_fact_words = sorted(
            {k.lower() for f in rules.facts for k in f.keywords if len(k) >= 3 and _QUESTION_CHARS.search(k)}
        )
        # the fact that quotes the form's plan field, whose parts (试点目标 … 预期产出) are numbered
        self._sections_fact = next((f.id for f in rules.facts if f.clauses == (rules.data.form.clause,)), None)
        limited = {f.clause for f in rules.data.form.fields if f.limit}
        self._length_facts = {f.id for f in rules.facts if len(f.clauses) == 1 and f.clauses[0] in limited}
        # the words that name each length-limited field before a length told (简介; the plan also by 方案, 正文)
        self._length_names = {
            f: tuple(
                w
                for w in (*self._fact_keywords[f], *(lexicon.plan_names if f == self._sections_fact else ()))
                if len(w) >= 2
            )
            for f in self._length_facts
        }
        conditions = [c for t in rules.types for c in t.conditions]
        bar_words = [w for c in conditions for b in c.bars for w in b.words]
        self._situation_words = sorted({*(w for c in conditions for w in c.keywords), *bar_words})
        self._limits = [p for c in conditions for p in c.provisions if not p.allows]
        self._verbs = sorted({v for j in lexicon.judgements for v in j.verbs}, key=len, reverse=True)
        number = r"([0-9]{1,3}|[一二两三四五六七八九十]{1,3})"
        counters = "|".join(map(re.escape, lexicon.counters))
        units = "|".join(map(re.escape, sorted({a for a in aliases if len(a) > 1} | {"单位"}, key=len, reverse=True)))
        self._counted = re.compile(rf"{number}\s*(?:{counters})\s*({units})")
        # “这六个都能报吗”, “能不能6个全都报到市里”: the units told before, counted again
        self._these_counted = re.compile(
            rf"(?:(?:这|那|这些|那些)\s*{number}\s*(?:{counters})|{number}\s*(?:{counters})(?=全|都))"
        )
        self._counted_again = re.compile(rf"({units})类?(?:那|这|的)?\s*{number}\s*(?:{counters})")  # “园区那3个”
        # “企业类已经收了5家，…”: the unit named first, the count ending its clause
        self._counted_after = re.compile(
            rf"({units})类?[\u4e00-\u9fff]{{0,8}}?{number}\s*(?:{counters})(?=$|[，。,.!?？！；;、\s])"
        )
        self._cue_bearing_fact_words = sorted(
            {k for _, keys in self._facts for k in keys for c, _ in self._kind_cues if c in k and len(k) > len(c)},
            key=len,
            reverse=True,
        )
        fact_words = [k for f in rules.facts for k in f.keywords]
        form_words = [c for cues in lexicon.forms.values() for c in cues]
        times = lexicon.event_times
        supposing = (*times.supposing, *times.then_words)  # “那要是拖到明年11月呢”: 拖到 frames the time
        requiring = lexicon.requirement_verbs  # “还要电子版吗”: 还要 asks, it names nothing
        received = lexicon.received_words  # “那楼宇类呢，收到了五个”: applications counted, no topic
        named = (*lexicon.generic_words, *aliases, *kind_cues, *fact_words, *form_words)
        self._ignored = {w.lower() for w in (*named, *supposing, *requiring, *received)} | {
            w.lower() for w in lexicon.asking if len(w) >= 2
        }  # 干嘛, 怎么: a question's words name no topic
        # “给我列一下”, “接下来”: the tokenizer would leave 我列 and 下来 behind as if they named a topic
        # 还剩多久, 加起来: the tokenizer would leave 剩多久 and 加起 behind; “这个不做行不行”: 做行
        phrases = [
            *lexicon.generic_words,
            *lexicon.forms["after"],
            *lexicon.forms["when"],
            *lexicon.forms["yes_no"],
            *lexicon.total_words,
        ]
        self._generic_phrases = sorted({w for w in phrases if len(w) >= 3}, key=len, reverse=True)
        self._tokenizer: Tokenizer | None = None
        self._specific = _specific_words(rules.types)  # a word naming one item of all
        self._specific_in_type = {  # …or one item of its own type (垃圾分类: 楼宇's 4th 创新项, 社区's 3rd)
            clause: words for applicant in rules.types for clause, words in _specific_words((applicant,)).items()
        }
        self._named_in_type = {  # …or, in a short turn naming another type, by a word of two (那楼宇管餐饮呢)
            applicant.id: _specific_words((applicant,), 2) for applicant in rules.types
        }
        self._item_vocabulary = {w.lower() for w in item_words}  # 第三方, 三同时: words, though led by a numeral
        # words of the guides (三同时) and the facts (专家评估) inside which an unset topic's cue does not start
        self._long_item_words = sorted((w for w in self._item_vocabulary if len(w) >= 3), key=len, reverse=True)
        self._long_fact_words = sorted({t.lower() for t in fact_terms}, key=len, reverse=True)
        self._entry_words = _entry_words(rules.types)  # what each entry says, for “哪几类有…的要求”

    @property
    def tokenizer(self) -> Tokenizer:
        if self._tokenizer is None:
            self._tokenizer = Tokenizer(self.rules)
        return self._tokenizer

    def __call__(self, message: str, memory: Memory | None = None) -> Query:
        memory = self._known(memory or Memory())
        text = _bounded(message.strip())
        normalized, notes = self.fixer(text)
        normalized = _EXCEPT_CLAUSE.sub(r"\1，", normalized)  # “除了创新性那块还有啥”: the aside is a clause
        normalized = _EXCEPT_OPENING.sub(r"\1，", normalized)  # …and opening the message, before 还有
        if self._year_applying:  # “打算2027年报”: applying in that year, not its annual report
            normalized = self._year_applying.sub(r"\1年申报", normalized)
        asking = self.asking_part(self._stated(normalized))
        # The types the asking part names, else those named anywhere (“我们街道有12个居委会，街镇必选项有哪些”: 街镇)
        # words quoted from the notice (“组织重点排污企业环保设施…”) are its words, not the user's type
        said_types = [t.id for t in self._types(_unquoted(normalized))]
        types = tuple(t.id for t in self._types(_unquoted(asking))) or tuple(said_types)
        members = {m for t in said_types for m in self.rules.type(t).members}
        if said_types and set(said_types) < set(types) and set(types) - set(said_types) <= members:
            types = tuple(said_types)  # “我们园区有十几家重点排污企业”: the count read in full tells members apart
        if holder := self._holder(asking, set(said_types), types, memory):
            types = (holder,)  # “园区排污许可全覆盖，依法不用办的企业怎么算”: the park's enterprises
        asked_fact, asked_strength = self._fact(asking)  # the fact the asking part names by itself
        if asked_fact and (slot := self._value_slot(asking)) and self._named_by_slot_only(asked_fact, asking, slot):
            asked_fact = None  # “要配几个人”: 几个 asks a headcount, not the quota
        kinds = self._kinds(asking)
        if not kinds and asking != normalized and "除了" in normalized and self._asks_more(asking):
            # “园区评分除了创新性20分，剩下的几项怎么评”: the rest of the kind named before 除了 — not what 怎么评
            # names, nor the part set aside (创新性)
            kinds = self._kinds(normalized[: normalized.find("除了")])
            asked_fact, asked_strength = (None, 0) if kinds else (asked_fact, asked_strength)
        if not kinds and not (asking != normalized and asked_fact):  # the asking part's own fact wins
            kinds = self._kinds(self._considered(normalized))  # over a kind said before (能不能报 … 要不要盖章)
        number = _ordinal(asking) or self._number_after_kind(asking) or self._relative(asking, memory, kinds, types)
        said = _ORDINAL.match(normalized) or _POINTED_ORDINAL.search(normalized)  # “你说的第二点，具体呢”
        if number is None and (kinds or memory.item_kind) and said:
            number = _as_int(said.group(1))  # “第三个我们已经在做了，算加分吗”: the item said first, then asked of
        elif number is None and memory.listed and _POINTED_LAST.search(normalized):
            number = memory.listed[-1]  # “你刚说的最后一个，近几年没出过事，是几年”
        elif number is None and kinds and asking != normalized and not self._named_types(asking):
            # “申报条件第一条里说要配备人员，要配几个人”: the item named by kind and ordinal before the question
            before = self._considered(normalized[: normalized.rfind(asking)])
            number = self._number_after_kind(before, ordinal=True)
        supposed, supposed_words = self._supposed(normalized, asking, memory)
        forms = self._forms(asking.replace(supposed_words, " ") if supposed_words else asking)  # 明年: when, not asked
        content = self._content(asking)
        elliptical = bool(_ELLIPSIS_START.search(asking) or _ELLIPSIS_END.search(asking)) and len(content) <= 1
        if elliptical and content and _asked_again(asking, content):
            elliptical = False  # “那街镇呢，街镇对餐饮有要求吗”: the short turn is then asked in full
        if not (elliptical or content) and memory.item is not None and self._asked_also(asking, forms):
            elliptical = True  # “街镇也是必须的吗” after 社区's 投诉调解: asked as “那街镇呢”, then judged
        type_remembered = kind_remembered = whole_list = False
        unasked = self._stated(normalized)
        statement = not forms and not any(w in unasked for w in self.lexicon.asking)
        if statement and elliptical and (memory.fact or memory.item_kind):
            statement = False  # “然后是企业” after 园区's pilot content: the same question, not an introduction
        applied_for = tuple(w for w in content if not w.startswith(self.lexicon.recipients))  # not 市局 in 报市局
        applying = self._names_whole(asking, self.lexicon.applying, objects=applied_for)
        applying = applying or bool(self._membership.search(asking.lower()))
        named_topic = asked_fact is not None and asked_strength >= TERSE_TOPIC  # 个数上限, not 几个
        if statement and content and types and self._terse(normalized) and (not applying or named_topic):
            # “园区 公众开放 那个”: a topic typed tersely, not someone telling who they are — unless it says what it
            # applies as (“酒店 报楼宇试点”, “汽修店 想报企业试点”) and no more (“区局 园区类申报个数上线”: the quota)
            statement = False
        if not types and memory.own_type and any(w in normalized for w in self.lexicon.own_refs):
            types, type_remembered = (memory.own_type,), True  # “回到我们自己，必选项有几条”
        elif not types and memory.type and "which_types" not in forms:  # “哪些主体可以申报” asks every type
            types, type_remembered = (memory.type,), True
        elif types and memory.type and memory.type not in types and "compare" in forms:
            types = (*types, memory.type)  # “社区、楼宇也都是这个数吗”: against the type before
        if number is not None and not kinds and (counted := _COUNTED_LIST.search(asking)):
            kinds = self._kind_of_length(_as_int(counted.group(1)), types[0] if types else memory.type)
            kind_remembered = bool(kinds)  # “那8条里的第五条”: the list of eight named by its length
        if number is not None and not kinds and memory.item_kind and _only_a_number(content):
            kinds, kind_remembered = (memory.item_kind,), True
        elif number is not None and kinds and memory.item_kind and self._kind_judged(asking, normalized, forms):
            kinds, kind_remembered = (memory.item_kind,), True  # “那第三条是必须做的吗” after the 创新项: asked
        elif elliptical and not kinds and not asked_fact and memory.item_kind and not type_remembered:
            # “那楼宇呢” after a list of 必选项 — but after an overview it asks 楼宇's overview, not its conditions,
            # and “那我们村能报哪一类” asks which type to apply as, not the list in view
            whose = "which_type" in forms and applying
            kinds, kind_remembered = ((), False) if memory.overview or whose else ((memory.item_kind,), True)
        elif not (kinds or asked_fact or content or number) and memory.item_kind and self._asks_more(asking):
            kinds, kind_remembered = (memory.item_kind,), True  # “其他的” after 创新性 of the 评分: the rest of it
        elif not (kinds or asked_fact or content or number) and self._asks_of_told_item(asking, forms, memory):
            number, kinds, kind_remembered = memory.item, (memory.item_kind,), True  # “试点里有对得上的内容吗”
        elif not (kinds or asked_fact or content or number) and memory.item_kind and self._asks_list(asking):
            kinds, kind_remembered = (memory.item_kind,), True  # “都有哪些”, “有几条” right after 创新项 were named
        elif not (kinds or asked_fact or number) and memory.item_kind and self._names_kind_in_view(asking, memory):
            kinds, kind_remembered = (memory.item_kind,), True  # “有哪些方向” right after 创新项 were named
        elif not (kinds or asked_fact or content or number) and memory.listed and self._asks_whole_list(asking, forms):
            kinds, kind_remembered, whole_list = (memory.item_kind,), True, True  # “每项都得做吗” after a list
        elif "compare" in forms and not (kinds or asked_fact or content or memory.overview) and memory.item_kind:
            # “企业也一样吗” after 园区's 创新项: the other type's list of the same kind
            kinds, kind_remembered = ((memory.item_kind,), True) if self._named_types(asking) else (kinds, False)
        if (statement or self.lexicon.corrects(normalized)) and len(types) >= 2:
            # “我是一个老小区居委会的主任，我们旁边有栋商务楼…”, “说错了，园区是镇里管的，我们其实是以镇政府的名义报”:
            # the type said of the speaker is who they are; the others are told about
            types = self._speaker_type(normalized) or types
        corrects = statement or (  # “不对，我是想问我们下面一个居委会，它自己报”: asks nothing new
            self.lexicon.corrects(normalized) and not kinds and number is None and not asked_fact
        )
        corrected = corrects and len(types) == 1 and not type_remembered and memory.type not in (None, types[0])
        if corrected and not kinds and number is None and memory.item_kind:
            # “不对，我们是以街道名义报” after a list: the same list for the type they now say they are
            kinds, kind_remembered, elliptical = (memory.item_kind,), True, True
        if number is None and not kinds and (quoted := self._entry_pointed(asking, memory)):
            types, kinds, number = (quoted[0],), (quoted[1],), quoted[2]
            type_remembered, kind_remembered = False, True
        elif number is None and not (kinds or content) and (shown := self._shown_of_type(asking, types, memory)):
            # “那要是镇里报，这个就是必须的” after 街镇's 必选项4 was quoted as the other type's: that entry
            kinds, number, kind_remembered = (shown[1],), shown[2], True
        if number is not None and not kinds and not memory.item_kind and self._qualifies(asking):
            kinds = ("condition",)  # “第一条算满足吧” with no list shown: what one meets are the conditions
        if number is not None and memory.type and (kinds or memory.item_kind):
            # “第五条说的政策制度，具体是鼓励企业做哪些事” after 园区's 创新项: 企业 is a word of 园区's own item
            chosen = self._numbered_by_words(number, normalized, types, kinds or (memory.item_kind,), memory.type)
            if chosen is not None and (chosen[0],) != types:
                types, type_remembered = (chosen[0],), chosen[0] == memory.type
            if chosen is not None and (chosen[1],) != kinds:
                kinds, kind_remembered = (chosen[1],), chosen[1] == memory.item_kind
        plan = memory.fact == self._sections_fact or any(w in normalized for w in self.lexicon.plan_names)
        if number is not None and not kinds and plan and self._counts_sections(asking):
            asked_fact = self._sections_fact  # “方案里第四部分要写什么”: the parts of the plan the form lists
        numbered_fact = number is not None and not kinds and memory.fact and _only_a_number(content)
        framed = False
        # “刚才说的这些是必须的还是加分的” — but “排污许可…不需要办，这种怎么看” points at what it just said
        points = _THIS.search(asking) or (self._these(asking) and asking == normalized)
        # “回到刚才餐饮那条，它是必选项吗”: the entry the clause before quotes, which 它 then points at
        quoted_back = self._named_that(normalized, memory, types) if points and asking != normalized else None
        short_judgement = (  # “必做吗？” right after an item was shown: whether that item must be done
            number is None
            and quoted_back is None
            and not content
            and memory.item is not None
            and "yes_no" in forms
            and not _ELLIPSIS_END.search(asking)  # “那必须做的呢” after 园区's 条件第2条: the list of 必选项
            # “是必须的吗？” after “这个放在企业试点的哪一块？” — not after a thing said first (“网格化…，这是必须的吗”)
            and (bool(kinds) or ("requirement" in forms and asking == normalized))
            and set(kinds) <= {"mandatory", "innovation"}
            and not self._named_types(asking)
            and len(asking.strip("？?！! ")) <= MAX_SHORT_JUDGEMENT
        )
        if short_judgement:
            number, kinds, kind_remembered = memory.item, (memory.item_kind,) if memory.item_kind else kinds, True
        elif number is None and (pointed := self._named_that(asking, memory, types) or quoted_back):
            pointed_type, pointed_kind, number = pointed  # “那三年那条呢” after 社区's conditions: the one saying 三年
            types, kinds, kind_remembered = (pointed_type,), (pointed_kind,), True
            content = ()
        elif number is None and not content and memory.shown and any(w in normalized for w in self.lexicon.last_refs):
            (last_type, last_kind, number), kind_remembered = memory.shown[-1], True  # “回到刚才那个，具体要做哪些事”
            types, kinds = (last_type,), (last_kind,)
        elif (  # “最开始说的那个申报表里，简介写多少字”: a fact it names is what is asked, not the first item shown
            number is None
            and not content
            and memory.shown
            and any(w in normalized for w in self.lexicon.first_refs)
            and not (asked_fact and self._names_topic(asked_fact, asking))
        ):
            (first_type, first_kind, number), kind_remembered = memory.shown[0], True  # “回到开头那个，是第几条”
            types, kinds = (first_type,), (first_kind,)
            forms = forms - {"how_many"}
        elif (
            number is None
            and not (content or kinds or asked_fact)
            and (self._asks_detail(asking, memory) or self._asks_which_of_item(asking, forms, memory))
        ):
            number, kinds, kind_remembered = memory.item, (memory.item_kind,) if memory.item_kind else kinds, True
        elif number is None and not content and memory.item is not None and self._asks_number(asking):
            number, kinds, kind_remembered = memory.item, (memory.item_kind,) if memory.item_kind else kinds, True
            forms = forms - {"how_many"}  # “第几条来着”: the item's number is said with the item
        said_before = self._content(self._unframed(self._considered(normalized))) if asking != normalized else ()
        asked_kinds = self._kinds(asking)
        # “我们是物流又不是生产企业，这条也要做吗”: 这条 is the item shown, whatever was said before it
        this_item = bool(_THIS_ITEM.search(asking)) and not self._named_types(asking)
        if number is None and not content and points and memory.item is not None and (this_item or not said_before):
            # “这个是必须做的吗”: the item just shown (必须 here asks a question, it does not name a kind)
            number, kinds, kind_remembered = memory.item, (memory.item_kind,) if memory.item_kind else (), True
            if _THIS_ITEM.search(asking) and self._type_said_of_entry(asking, types, memory):
                types, type_remembered = (memory.type,), True  # “那条里还要组织企业干什么”: 园区's item's 企业
        elif (
            not content
            and number is None
            and (not asked_fact or (points and asking != normalized and self._fact(asking)[1] <= WEAK_FACT_WORD))
            and (
                not kinds
                or not asked_kinds  # “条件里说没发生较大突发环境事件，是看几年”: the kind and topic were said first
                or _YES_NO_END.search(asking)
                or _POINTS_BACK.search(asking)
                or _THESE.search(normalized)
                # “…就是EOD，街镇试点要不要求必须做？”, “…对接基金会，这个对街镇是必做还是鼓励的？”: the kind is
                # what is asked of the thing said before, not a list named
                or (asking != normalized and ("还是" in asking or bool(_A_NOT_A.search(asking))))
            )
        ):
            # “…，文件里有提到吗”, “…，对这些有什么要求”, “想搞碳盘查，这个是必选的吗”: the asking clause only
            # frames (or points back to) what was said before it
            content = self._content(self._unframed(self._considered(normalized)))
            framed = True
        scored_item = None
        if kinds == ("scoring",) and number is None and (not content or framed) and asking != normalized:
            # “想请第三方环保公司来帮忙治理，这个在评分里算哪一块”: what is scored is the item said before
            scored_item = self._item_by_concepts(self._considered(normalized), types, ())
            if scored_item is not None:
                kinds, asked_fact = (), None
        situation = self._situation(self._considered(normalized))  # what is set aside is not judged
        if situation and self._told_aside(normalized, asking, situation):
            situation = ""  # “…有家企业问被处罚过还能不能报，我已经答复了。现在我想核对一下：…要不要盖章？”
        if situation and self._set_aside(normalized):
            situation = ""  # “去年被区里罚过一次款。先不说罚款，…”
        if situation and any(w in situation for w in self.lexicon.quote_markers):
            situation = ""  # “街镇申报条件里说近三年没发生…，那环境投诉有要求吗”: the notice quoted, not one's own
        unset_topic, unset_cues = self._unset(asking, forms)
        telling = statement and bool(situation) and not _QUESTION_MARK.search(normalized)
        # “我是闵行一个镇环保办的，镇里常住人口大概12万，…领导想报这个试点”: who they are, told; no size is asked
        introducing = (
            statement
            and bool(types)
            and normalized.startswith(self.lexicon.intro_words)
            and not _QUESTION_MARK.search(normalized)
            # “我们是园区 单位名称写管委会还是开发公司”: a choice asked without a question mark
            and not any(w in asking for w in self.lexicon.continuations)
        )
        told = telling or introducing
        if told and unset_topic and not (self._anywhere(unset_topic) or self._off_topic(unset_topic)):
            unset_topic, unset_cues = None, ()  # “…被区生态环境局罚过一次款，金额不大。” tells, it does not ask
        only_applying = set(kinds) <= {"condition"} and number is None and not asked_fact  # not “…必选项共几条”
        if unset_topic is None and only_applying and self._names_whole(asking, self.lexicon.applying):
            said = self._unset(normalized, forms)  # “我们是浙江嘉善的企业，…能不能报这个”: where they are decides
            unset_topic, unset_cues = said if said[0] and self._anywhere(said[0]) else (None, ())
        # “试点做到一半不想干了，会罚吗”: the question is about what was told… unless it asks which kind that is
        # (“…同时想申请绿色建筑运营标识。这两样…是规定必须的还是加分的”)
        if unset_topic is None and framed and not asked_kinds:
            told = self._unset(self._considered(normalized), forms)
            if any(len(c) >= LONG_CUE for c in told[1]):  # …by a cue too long to be said in passing (几年, 金额)
                unset_topic, unset_cues = told
        if unset_topic is None and asking != normalized:
            said = self._unset(normalized, forms)
            # “帮我写一段年终工作总结的开头，要有文采一点”: wholly another matter
            off = said[0] and self._off_topic(said[0]) and not kinds and not types and not asked_fact
            # “如果这个处罚后来行政复议被撤销了，还算不算受过处罚”: the case supposed is what is asked
            supposing = said[0] and self._supposed_anywhere(said[0])
            if off or supposing:
                unset_topic, unset_cues = said
        elsewhere = self._elsewhere(normalized, memory)
        if unset_topic is None and only_applying and elsewhere and self._names_whole(asking, self.lexicon.applying):
            unset_topic = elsewhere  # “我们能报这个试点吗” after “我是江苏昆山一家企业的”: still outside Shanghai
        named, strength = self._fact(asking, content, unset_cues)
        if named and asking != normalized and self._named_by_form_only(named, asking):
            # “区里每年给市里交上年度总结报告，截止是几月几号”: 截止 only asks when; the topic said before answers it
            # — unless it asks when applying closes (“通知落款是2021年9月8日，那申报每年几月底截止”)
            topic, topic_strength = self._fact(self._considered(normalized), content, unset_cues)
            if named == self.lexicon.form_facts["when"] and applying:
                topic = None
            if topic and topic != named and forms & set(self.rules.fact(topic).answers):
                named, strength = topic, topic_strength
        slot_asked = self._value_slot(asking)
        if named and slot_asked and self._named_by_slot_only(named, asking, slot_asked):
            named, strength = None, 0  # “至少要建多少个监测点位”: 多少个 asks a count of points, not the quota
        # “试点实施方案已经写好了，下一步怎么走”, “企业把实施方案交上来了 我们要干嘛”: a step told behind them, then
        # what to do — the step that follows it, not the plan the story names
        # — told before the question's last clause, in it or not (“大家都在问：要是审核通过了，之后我们要干什么”)
        last = ([c for c in _CLAUSES.split(asking) if c.strip()] or [asking])[-1]
        told_before = normalized[: normalized.rfind(last)] if last in normalized else ""
        stage_told = self._stage_done(told_before) if told_before else None
        doing = stage_told is not None and any(w in last for w in self.lexicon.doing_asks)
        doing = doing and not self._content(last)  # not “…交上来了，格式要怎么办”
        next_asked = stage_told is not None and ("after" in forms or doing)
        next_asked = next_asked and (asked_fact if last == asking else self._fact(last)[0]) is None
        topic_first = framed and not next_asked and not kinds and not self._named_types(asking)
        if named is None and topic_first and "which_type" not in forms:
            # “年度总结报告，下一次最晚哪天要交”: the topic came first — named by a topic, not a count (几家); “…崇明
            # 要先行先试。村委会报的话，应该归到哪一类主体” asks the type, whatever topic came first
            before = self._unframed(self._considered(normalized))
            topic, topic_strength = self._fact(before, content, unset_cues)
            # a topic's keyword (直接寄, 年度总结), not a count's (几家) or a question's, nor who acted in what the
            # user tells of themselves (“被区生态环境局罚过一次款”) — unless the question points back at it (“…先把申报
            # 单位简介写出来。那一栏最多能写多少字”)
            topical = topic and any(
                len(k) >= STRONG_TOPIC
                and k in before.lower()
                and not _QUESTION_CHARS.search(k)
                and (k not in situation or points)
                for k in self._fact_keywords[topic]
            )
            # …and one that answers the slot asked, if one is (“我们在临港新片区，材料交谁”: not the pilot areas)
            slots = forms & self._slot_forms
            if topical and (not slots or slots & set(self.rules.fact(topic).answers)):  # type: ignore[arg-type]
                named, strength = topic, topic_strength
        if named and "after" in forms and self._before_after(named, asking):
            # “审核通过了以后要做什么”: 审核 is what comes before, not what is asked; “市里收到以后呢”: the step
            # after the one those words end; after the last step (“评上典型案例之后呢”) its own clause says what follows
            steps = self.lexicon.next_steps
            named = steps.get(named) or (named if named in steps.values() else None)
            strength = strength if named else 0
        elif (
            named
            and "after" in forms
            and (later := self._named_after(asking))
            and later[0] != named
            and not self._step_says(named, later[0], asking)  # “审核通过后，…要依据什么来推进”: 实施's 依据
        ):
            named, strength = later  # “通过以后谁来评估项目”: what is asked follows the words of the step before
        elif (
            named
            and "after" in forms
            and not self._names_topic(named, asking)
            and not forms & set(self.rules.fact(named).answers)  # “接下来是谁报、报到哪里”: the route, asked
        ):
            # the fact is named by no topic of its own in what is asked: the step told before it comes first
            before = self._considered(normalized[: normalized.rfind(asking)]) if asking != normalized else ""
            step = self._fact(before)[0] if before else None
            named = self._step_after(step, before) if step else None
            strength = 1 if named else 0
        if next_asked:
            named, strength = self.lexicon.next_steps.get(stage_told), 1  # type: ignore[arg-type]
        fact = named
        if fact and memory.fact and fact != memory.fact and self._asks_of_last(fact, asking, memory.fact):
            fact = memory.fact  # “谁组织的” after the evaluation: who organises that, not the organisers of applying
        elif memory.fact and fact != memory.fact and self._calls_last(fact, asking, memory.fact):
            fact = memory.fact  # “上面那个报告交给谁” after the annual report: that report, not the route
        elif (
            fact
            and memory.fact
            and fact != memory.fact
            and self._slot_of_last(fact, asking, memory.fact, content, slot_asked)
        ):
            fact = memory.fact  # “有没有字数要求” after the annual report: its length, not the plan's 3000字
        if asked_fact == self._sections_fact and number is not None and not kinds:
            fact = asked_fact
        if numbered_fact and fact is None:
            fact = memory.fact  # “第三条讲的是什么” after the three principles: the fact's own third clause
        bare = not kinds and not content and number is None
        named_by_form = fact is not None and self._named_by_form_only(fact, asking)
        if not kinds and number is None and memory.fact and content and (fact is None or named_by_form):
            # “2026年这一年的总结最晚哪天” after the annual report: words of the fact just told continue it — also
            # when only the form's words name another fact (“2026年度的还来得及吗”: 来得及 asks when)
            bare = all(w.lower() in self._fact_texts[memory.fact] for w in content)
        follow_up = bare and memory.fact and not self._named_types(normalized)
        # “然后呢” after 报送途径: the city's review comes next; “然后呢，会有人来评吗” after 试点实施: the evaluation
        step_next = fact is None and "after" in forms and memory.fact in self.lexicon.next_steps
        then_asked = not kinds and number is None and bool(_ELLIPSIS_START.search(asking))
        if step_next and (follow_up or (then_asked and not self._named_types(normalized))):
            fact = self.lexicon.next_steps[memory.fact]
        elif elliptical and fact in (None, memory.fact) and self._applying_dated_again(memory.fact, asking):
            fact = self.lexicon.form_facts["when"]  # “申报的呢” after the annual report's date: applying's own date
        elif follow_up and self._follows_up(memory.fact, fact, forms, elliptical, asking, content, normalized):
            fact = memory.fact  # “下一次是哪天”, “报给谁” after the annual report
        elif (
            bare
            and (elliptical or "compare" in forms or self.lexicon.sums(asking))
            and memory.fact
            and self._named_types(asking)
            and not named
        ):
            # “那街镇类呢”, “跟园区一样吗”, “楼宇跟社区是合起来算4个吗” after the quota: the same fact for those types
            fact = memory.fact
        elif elliptical and memory.fact and any(w in asking for w in self.lexicon.other_types_words):
            fact = memory.fact  # “其他类型呢” after 园区's quota
        elif (
            elliptical
            and not kinds
            and memory.item_kind
            and memory.type
            and not self._named_types(asking)
            and any(w in asking for w in self.lexicon.other_types_words)
        ):  # “那另外几类呢” after 楼宇's 必选项 score: the same kind of every other type
            types = tuple(t.id for t in self.rules.types if t.id != memory.type)
            kinds, kind_remembered, type_remembered = (memory.item_kind,), True, True
        elif fact is None and not kinds and memory.fact and any(w in asking for w in self.lexicon.over_words):
            fact = memory.fact  # “写超了怎么办” after the plan's 3000字: the limit just told (可附页)
        elif (
            (elliptical or self.lexicon.corrects(normalized))
            and not kinds
            and self._placed_again(memory.fact, normalized)
        ):
            # “如果我们的楼在临港新片区呢”, “说错了，客户其实在金山区” after 组织单位: the same fact, for that place
            fact = memory.fact
        if named is None and set(kinds) <= {"condition"} and self._asks_how_often_to_apply(asking, forms):
            # “是每年都能报吗”, “每年都可以申报吗”: the deadline says how often (每年10月底前)
            fact, kinds, kind_remembered = self.lexicon.form_facts["when"], (), False
        stated_length = _stated_length(normalized)
        if fact and (dated := self._fact_due_in(asking)) and dated != fact and self._dated_otherwise(fact, asking):
            fact = dated  # “1月底那个是什么”, “1月那个交到哪”: the annual report, due by 1月31日, not applying's date
        measured = self._measured(normalized) if stated_length and not kinds else None
        if measured and fact not in self._length_facts and (fact is None or statement):
            # “区生态环境局的…他们方案写了4500字”: the plan's 3000字, not who speaks; a question that names another
            # fact (“方案已经写到2800字了，专家评估以后…”) asks that fact
            fact = measured
        elif measured and fact in self._length_facts:
            fact = measured  # “简介我们写了260字，这个要删吗” after the plan's length: the 简介's 200字
        if not self._named_types(normalized) and (counted_back := self._counted_back(asking, memory)):
            types, type_remembered = counted_back, True  # “这三类每个区分别最多能报几个”: the last three discussed
        elif (
            memory.pair
            and any(w in asking for w in self.lexicon.both_words)
            and (type_remembered or not set(types) & set(memory.pair))
        ):  # “两者里哪个对企业排污许可有要求” after 园区 and 楼宇: 企业 is what is asked about, not who
            types, type_remembered = memory.pair, True  # “两者的申报条件有什么不同”
            if not kinds and memory.item_kind and not fact:  # “两类名额各是多少” asks the quota of both
                kinds, kind_remembered = (memory.item_kind,), True  # “两者有什么区别” after two lists
        compared: tuple[tuple[str, ItemKind, int], ...] = ()
        if "compare" in forms and number is not None and len(types) == 2 and kinds and kinds[0] != "scoring":
            compared = tuple((t, kinds[0], number) for t in types)  # “两边的第一条有什么区别”
        elif "compare" in forms and number is None and len(memory.shown) >= 2 and self._both_items(asking):
            compared = memory.shown[-2:]  # “这两条侧重点有啥不一样”: the two items just shown
        compared_facts: tuple[str, ...] = ()
        if "compare" in forms and not self._named_types(asking):
            same_thing = any(w in asking for w in self.lexicon.same_thing_words)
            # “1月31日前交的总结报告和10月底前交的申报材料，是同一件事吗”
            compared_facts = self._two_facts(normalized) if same_thing else ()
            if same_thing and not compared_facts and fact and asking != normalized:
                # “区局盖了章，是不是就等于审核通过了”: what was said before the question, set against what it asks
                told = self._fact(normalized[: normalized.rfind(asking)])[0]
                compared_facts = (told, fact) if told and told != fact else ()
            pointed = same_thing or _THIS.search(normalized)
            if not compared_facts and pointed and fact and memory.fact and fact != memory.fact:
                compared_facts = (memory.fact, fact)  # “这个跟试点申报那个截止时间是一回事吗” after the annual report
            if compared_facts:
                fact = compared_facts[-1]
        if not compared_facts and "yes_no" in forms and (said := _IS_THAT.search(asking)):
            # “1月31日那个是申报截止吗”: one fact named, asked whether it is another
            first, second = self._fact(said.group(1))[0], self._fact(said.group(2))[0]
            if first and second and first != second:
                compared_facts, fact = (first, second), second
        if not compared_facts and any(w in asking for w in self.lexicon.each_words):
            # “年度总结和申报材料 截止时间分别是啥”: two facts joined by 和, each asked
            halves = _JOINED.split(normalized, maxsplit=1)
            first, second = (self._fact(h)[0] for h in halves) if len(halves) == 2 else (None, None)
            if first and second and first != second:
                compared_facts, fact = (first, second), second
        item_clause = foreign_item = None
        unsaid: tuple[str, ...] = ()
        if scored_item is not None:
            item_clause = scored_item
            fact = None if fact == "scoring" else fact
        elif number is None and (quoted := self._quoted_entry(_quotes(normalized), types)):
            item_clause = quoted
        elif number is None and (foreign_quote := self._foreign_quote(normalized, types, type_remembered, memory)):
            foreign_item = foreign_quote  # 楼宇类的申报条件里有没有“近一年未受…处罚”这一条: 企业's, not 楼宇's
        elif (
            number is None
            and (content or (said_before and (not asked_kinds or "which_type" in forms)))
            and not corrected
        ):
            # a correction names no item; “…搞绿色招商，在街镇试点里是啥要求”: the item told, asked of
            # the asking part first: “…环保投入每年两百多万。问个跟钱无关的：鼓励员工提节能减排建议的那条…”; a word
            # that singles out an item only within its type counts there, not in the background (先行先试)
            # “农村生活污水治理是哪一类的要求” asks whose item it is: the type remembered does not narrow the search,
            # and a which-type question naming nothing (“…运维，在哪一类试点里是必须做的”) asks of what came before
            within = () if type_remembered and "which_type" in forms else types
            # “…合同能源管理公司在做节能，想问楼宇申报对楼是不是建好投用有要求”: a condition asked, not the story's item
            condition_asked = self.names_condition(asking, types) and self._names_whole(asking, self.lexicon.applying)
            # “楼宇申报对楼宇管理方有什么要求”: what applying asks of 管理方 is a condition, not the item of 楼宇管理
            of_applying = condition_asked and not kinds and "requirement" in forms and "yes_no" not in forms
            if of_applying:
                item_clause = self._condition_named(asking, types)
            else:
                item_clause = self._item_by_concepts(asking, within, kinds, asked=True) or None
            if item_clause is None and elliptical and len(types) == 1 and not type_remembered:
                item_clause = self._owned_word_entry(types[0], content)  # “那如果是商务楼宇管餐饮呢”: 楼宇必选项1
            topical = asked_fact is not None and self._names_topic(asked_fact, asking)  # 审核, not 哪类
            if item_clause is None and asking != normalized and not topical and not condition_asked:
                # a kind said only in the story (准入 of “把好环保准入关”) does not narrow the search
                # nor does one the question judges (“…汽修铺特别多，…是街镇必须做的吗” asks whether it is 必选)
                judged = {"yes_no", "requirement"} <= forms and "condition" not in kinds
                told_kinds = kinds if asked_kinds and not judged else ()
                item_clause = self._item_by_concepts(self._considered(normalized), within, told_kinds)
            mistaken = kinds == ("condition",) and "yes_no" in forms and not self.names_condition(asking, types)
            if item_clause is None and asking != normalized and mistaken:
                # “…成立楼宇环保自治机构、订个环保公约，对申报来说是必要条件吗”: an item, asked as if a condition
                item_clause = self._item_by_concepts(self._considered(normalized), within, ())
            # “社区这块指引里有提到吗” of 农村生活污水: a yes/no of a type none of whose items it touches
            untouched = "yes_no" in forms and not self._touches(self._considered(normalized), types[0] if types else "")
            if item_clause is None and len(types) == 1 and not type_remembered and (kinds or untouched):
                other = self._item_by_concepts(self._considered(normalized), (), kinds)
                if other and not other.startswith(f"guide.{types[0]}."):
                    foreign_item = other  # “我们楼宇想搞EOD模式，这是楼宇的创新项吗”: EOD is 街镇's
            elif (
                item_clause is None
                and len(types) == 1
                and type_remembered
                and not kinds
                and "yes_no" in forms
                and any(w in asking for w in self.lexicon.notice_refs)
            ):
                # “倡导绿色办公在文件里有吗” of a company: none of 企业's; 楼宇's, said to be another type's
                said = self._considered(normalized)
                others = {t.id: self._item_by_concepts(said, (t.id,), (), asked=True) for t in self.rules.types}
                found = [c for c in others.values() if c]
                specific = len(found) == 1 and self._specific_concept(said.lower(), found[0])  # of all items
                if specific and not others[types[0]]:
                    foreign_item = found[0]
        elif number is None and elliptical and kind_remembered and len(types) == 1 and memory.item is not None:
            # “那楼宇呢” after 社区's 环境自治: 楼宇's 自治; after 街镇's condition asked as 环境投诉: 楼宇's about 投诉
            item_clause = self._counterpart(memory, types[0]) or self._subject_entry(memory, types[0])
            if item_clause is not None and (entry := entry_of(item_clause)) is not None:
                kinds = (entry[1],)
                unsaid = self._unsaid_subject(memory, entry)  # “楼宇呢” after 基金会: 楼宇's nearest never says it
        elif number is None and len(types) == 1 and not type_remembered and self._asks_similar(asking, memory):
            item_clause = self._counterpart(memory, types[0])  # “企业有类似的吗” after 园区's 公众开放
        if (
            number is None
            and not (item_clause or foreign_item or fact or kinds)
            and elliptical
            and content
            and self._within_item_shown(content, memory)
        ):  # “不需要办证的呢” right after 企业's permit condition: more of that entry (依法不需要办理的除外)
            number, kinds, kind_remembered = memory.item, (memory.item_kind,), True
        each = "compare" in forms or any(w in asking for w in (*self.lexicon.each_words, *self.lexicon.both_words))
        two_sides = elliptical and (content or asked_kinds) and memory.type is None and len(memory.pair) == 2
        if two_sides and not self._named_types(asking):  # …and “那创新项呢” after both types' 必选项
            types, type_remembered, each = memory.pair, True, True  # “那投诉调解呢” after the two sides of 信息公开
        if each and not compared and len(types) == 2 and number is None and content:
            # “对餐饮这类污染源的监管，街镇和楼宇的要求一样吗”, “信息公开在两边分别是必选还是创新”: each type's
            # own entry on it, side by side
            pair = [self._entry_of_type(asking, t, kinds, content) for t in types]
            if all(pair):
                compared = tuple(entry_of(c) for c in pair if c)  # type: ignore[assignment]
        if "compare" in forms and not compared and item_clause and _THIS.search(normalized) and memory.item is not None:
            # “这个和企业那边的碳减排要求比，有啥不同” after 楼宇's 创新项2: the item shown against the one named
            shown, named_entry = (memory.type, memory.item_kind, memory.item), entry_of(item_clause)
            if memory.type and memory.item_kind and named_entry and named_entry != shown:
                compared = (shown, named_entry)  # type: ignore[assignment]
        # “这三件里面哪几件属于必选项”: which kind each is — not “这几条都做到位的话，能拿多少分”
        each_one = any(w in asking for w in self.lexicon.each_words)  # “这两条分别算啥”: each one's kind
        of_kind = "requirement" in forms or each_one or bool({"mandatory", "innovation"} & set(kinds))
        of_kind = of_kind and "scoring" not in kinds
        items_back = self._items_back(asking, memory) if of_kind and not compared and number is None else ()
        if item_clause and kind_remembered and kinds == ("scoring",):
            kinds, kind_remembered = (), False  # “那条汽修的是第几条” after the scores: the item its words name
        across: tuple[tuple[str, tuple[str, ...]], ...] = ()
        if number is None and not compared and content and self._asks_which_types(asking, forms, types):
            within = types if len(types) >= 2 else tuple(t.id for t in self.rules.types)
            across = self._across(content, within, kinds)
        if across:
            situation = ""  # “哪几类有近三年未发生…的要求” quotes a condition, it tells nothing of the user
        if number is None and not item_clause and (firm := self._firmness_asked(asking, forms, fact, memory)):
            fact, kinds, unset_topic, unset_cues = firm, (), None, ()  # “这个上限能突破吗”: 原则上, as the notice says
        counts = self._counts_asked(normalized, asking, memory, fact, statement)
        if counts and unset_topic and self._recalls_counts(asking, memory):
            unset_topic, unset_cues = None, ()  # “企业3家能全部报吗” after the counts were told: the quota decides
        return Query(
            text=text,
            item_clause=item_clause,
            unsaid=unsaid,
            foreign_item=foreign_item,
            normalized=normalized,
            asking=asking,
            types=types,
            type_remembered=type_remembered,
            type_explicit=not type_remembered and any(self._explicit(t, normalized) for t in types),
            item_kinds=kinds,
            kind_remembered=kind_remembered,
            whole_list=whole_list,
            item_number=number,
            fact=fact,
            forms=forms,
            unset_topic=unset_topic,
            content=content,
            elliptical=elliptical,
            verb=self._verb(asking) if "yes_no" in forms else None,
            counted=self.count(normalized, types),
            counts=counts,
            situation=situation,
            recalled=self._recalled(
                memory,
                asking,
                types,
                situation,
                "yes_no" in forms and not content and not kinds,
                elliptical or bool(_SUPPOSING.search(asking)),
                bool(supposed_words) and fact is None and "when" not in forms,
            ),
            compared=compared,
            compared_facts=compared_facts,
            across=across,
            items_back=items_back,
            told_items=self._told_items(normalized, asking, types, kinds, memory),
            supposed=supposed,
            stage_done=self._stage_done(normalized) if statement else None,  # “我们的试点已经审核通过了”
            year=None if supposed else _named_year(asking),
            stated_length=stated_length,
            place=self.rules.organizer_for(normalized) or memory.place,
            elsewhere=elsewhere,
            fact_strength=strength if fact == named else 0,
            value_slot=(slot := None if telling else self._value_slot(asking)),  # what they tell asks no value
            stated_value=self._stated_value(asking) if "yes_no" in forms and slot is None else None,
            about_applying=self._names_whole(normalized, self.lexicon.applying, objects=applied_for),
            asks_applying=applying,
            statement=statement,
            told_again=statement and len(types) == 1 and not type_remembered and memory.own_type == types[0],
            speaker=self._speaker(normalized, asking, types),
            notes=notes,
        )

    def _qualifies(self, asking: str) -> bool:
        return any(w in asking for w in self.lexicon.qualify_words)

    def _supposed_anywhere(self, topic_id: str) -> bool:
        return (topic := self.lexicon.topic(topic_id)) is not None and topic.supposed_anywhere

    def _off_topic(self, topic_id: str) -> bool:
        return (topic := self.lexicon.topic(topic_id)) is not None and topic.off_topic

    def _anywhere(self, topic_id: str) -> bool:
        return (topic := self.lexicon.topic(topic_id)) is not None and topic.anywhere

    def _known(self, memory: Memory) -> Memory:
        """The memory less what the rules no longer hold: a session kept across an upgrade that renamed a fact
        or a type is read, not failed on."""
        facts = {f.id for f in self.rules.facts}
        types = {t.id for t in self.rules.types}
        forget: dict[str, object] = {}
        if memory.fact is not None and memory.fact not in facts:
            forget["fact"] = None
        for name in ("type", "own_type", "situation_type"):
            if getattr(memory, name) is not None and getattr(memory, name) not in types:
                forget[name] = None
        if any(t not in types for t in memory.pair):
            forget["pair"] = ()
        if any(t not in types for t in memory.seen):
            forget["seen"] = ()
        if any(t not in types for t, _ in memory.counts):
            forget["counts"] = ()
        if any(t not in types for t, _, _ in memory.shown):
            forget["shown"] = ()
        return memory.model_copy(update=forget) if forget else memory

    def _counts_sections(self, asking: str) -> bool:
        """“第四部分”, “第二大块”: an ordinal counting parts, and the plan's are the parts the notice numbers."""
        said = _ORDINAL_WORD.search(asking)
        return said is not None and asking[said.end() :].startswith(self.lexicon.section_words)

    def _elsewhere(self, normalized: str, memory: Memory) -> str | None:
        """Where the user is, when it is outside the programme's area: said in this message (江苏昆山), else
        remembered — until they place themselves in Shanghai again (“那如果是上海的企业呢”, 浦东)."""
        said = self._unset(normalized)[0]
        if said and self._anywhere(said):
            return said
        home = any(w in normalized for w in self.lexicon.home_words) or self.rules.organizer_for(normalized)
        return None if home else memory.elsewhere

    def _both_items(self, asking: str) -> bool:
        """“这两条”, “两者”, “跟刚才那个有啥区别”, with no type named: the two items just shown."""
        words = (*self.lexicon.both_items_words, *self.lexicon.previous_refs)
        return not self._named_types(asking) and any(w in asking for w in words)

    def _kind_judged(self, asking: str, normalized: str, forms: frozenset[str]) -> bool:
        """“第三条是必须做的吗”, “第二个算必选的吗”, “第一个，这个必须做吗”: a yes/no question whose kind words all
        follow the item's number ask which kind it is; they do not pick a list (“必选项第三条是什么” does)."""
        asking = asking if _ORDINAL.search(asking) else normalized
        ordinal = _ORDINAL.search(asking)
        if "yes_no" not in forms or ordinal is None:
            return False
        return not self._kinds(asking[: ordinal.start()]) and bool(self._kinds(asking[ordinal.end() :]))

    # --- the user's own circumstances ----------------------------------------------------------------------------

    def _told_aside(self, normalized: str, asking: str, situation: str) -> bool:
        """Whether a situation is background to a question marked off after it, which neither repeats it nor
        asks about applying: not the user's own circumstances to judge."""
        if self._marked_tail(self._stated(normalized)) is None or asking == normalized:
            return False
        if self._names_whole(asking, self.lexicon.applying):
            return False
        return not any(clause in asking for clause in _CLAUSES.split(situation) if clause)

    def _set_aside(self, text: str) -> bool:
        """Whether a clause sets the stated circumstances aside by naming them (“先不说罚款”) or pointing back at
        them (“先不说这个”)."""
        words = (*self._situation_words, *self.lexicon.aside_refs)
        return any(
            any(m in c for m in self.lexicon.aside_markers) and any(w in c for w in words) for c in _CLAUSES.split(text)
        )

    def _quoted_entry(self, quoted: list[str], types: tuple[str, ...]) -> str | None:
        """The one condition or item of the types in play whose text holds the words the user quotes
        (企业条件里“近三年”那一条): quoting the notice names the entry exactly."""
        if not quoted:
            return None
        entries = [
            entry
            for applicant in self.rules.types
            if not types or applicant.id in types
            for entry in applicant.entries
            if entry.text
        ]
        found = {e.clause for e in entries if all(q in (e.text or "") for q in quoted)}
        if len(found) == 1:
            return found.pop()
        if found or max(map(len, quoted)) < QUOTE_CLOSE_MIN:
            return None
        # quoted from memory, a word dropped or changed (“组织重点排污企业…” for 组织园区重点排污企业…): the one entry
        # that holds nearly all of the quote's character pairs
        scores = sorted(((_pairs_held(quoted, e.text or ""), e.clause) for e in entries), reverse=True)
        best, runner_up = scores[0], scores[1] if len(scores) > 1 else (0.0, "")
        return best[1] if best[0] >= QUOTE_CLOSE and best[0] > runner_up[0] else None

    def _two_facts(self, text: str) -> tuple[str, ...]:
        """Two facts set side by side in one message (“…的总结报告和…的申报材料，是同一件事吗”)."""
        pair = _PAIRED.split(text, maxsplit=1)
        if len(pair) != 2:
            return ()
        first, second = self._fact(pair[0])[0], self._fact(self._unframed(pair[1]))[0]
        return (first, second) if first and second and first != second else ()

    def _foreign_quote(
        self, text: str, types: tuple[str, ...], type_remembered: bool, memory: Memory | None = None
    ) -> str | None:
        """The entry of another type that the words quoted of the one type named hold — unless one of its own
        entries holds most of them (“培育绿色文化” of 楼宇's 培育楼宇绿色文化)."""
        if len(types) != 1 or type_remembered:
            return None
        # “楼宇申报要不要满足排污许可全覆盖那一条”: the words said of 那一条 count as quoted
        quoted = _quotes(text) or [w for w in (self._named_entry_words(text),) if w]
        found = self._quoted_entry(quoted, ())
        if found is None and not quoted and memory is not None:
            # “社区呢，也有近一年不能被处罚这条吗” after 企业's conditions: an entry shown lately, in other words
            found = self._reworded_entry(text, memory, types[0])
            quoted = [said.group(1)] if found and (said := _ENTRY_POINTED.search(text)) else quoted
        if found is None or found.startswith(f"guide.{types[0]}."):
            return None
        kind = next(t for t in self.rules.types if t.id == types[0])
        return None if any(_pairs_held(quoted, e.text or "") >= QUOTE_NEAR for e in kind.entries) else found

    def _reworded_entry(self, text: str, memory: Memory, asked_type: str) -> str | None:
        """Of the entries of other types shown lately, the one whose character pairs the words before 这条 share
        most — at least ``REWORDED_PAIRS`` of them, and more than any other entry shown."""
        said = _ENTRY_POINTED.search(text)
        if said is None:
            return None
        words = said.group(1)
        pairs = {words[i : i + 2] for i in range(len(words) - 1)}
        scored = sorted(
            (
                (sum(p in self._entry_text(*e) for p in pairs), e)
                for e in memory.cited
                if e[0] != asked_type and e[1] in ("condition", "mandatory", "innovation")
            ),
            reverse=True,
        )
        if not scored or scored[0][0] < REWORDED_PAIRS or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            return None
        applicant, kind, number = scored[0][1]
        return f"guide.{applicant}.{kind}.{number}"

    def _named_entry_words(self, text: str) -> str | None:
        """The words right before 那一条 that some entry of the notice holds as they are (排污许可全覆盖)."""
        said = _ENTRY_POINTED.search(text)
        if said is None:
            return None
        before = said.group(1)
        for length in range(len(before), QUOTE_WORDS_MIN - 1, -1):
            words = before[-length:]
            if any(words in (e.text or "") for t in self.rules.types for e in t.entries):
                return words
        return None

    def _situation(self, text: str) -> str:
        """The clauses where the user states their own circumstances against a condition: a happening said of
        a condition's subject (“去年被罚过款”), or — in a clause that asks nothing — what a condition's limit
        rules out (“楼还在内装，明年才开业”). “住宅楼能报吗” asks; it states nothing."""
        kept = []
        previous = ""
        for clause in (c.strip() for c in _CLAUSES.split(text)):
            stated = clause
            for word in self.lexicon.forms["yes_no"]:  # “能不能”, “是不是”: question words, not a situation
                stated = stated.replace(word, " ")
            happened = any(m in stated for m in self.lexicon.situation_markers) and any(
                w in stated for w in self._situation_words
            )
            asks = any(w in clause for w in self.lexicon.asking) or bool(
                _A_NOT_A.search(clause) or _ENDS_ASKING.search(clause)
            )
            # a limit's words may be said over two clauses (“两家要办排污许可证，但还没办下来”)
            limited = not asks and any(p.touched_by(f"{previous}，{clause}") for p in self._limits)
            if clause and limited and previous and previous not in kept:
                kept.append(previous)
            # “我们村去年有个厂泄漏，区里定的是较大突发环境事件”: the time is told in the clause before the happening,
            # read with it as one
            dated_before = previous and self._tells_past_time(previous) and not self._tells_past_time(clause)
            # “假设我们的材料要到2027年11月5号才能准备好”: a time of their own, told for a question to come
            supposes = not asks and bool(supposed_time(clause, self.lexicon.event_times))
            if clause and happened and dated_before and previous not in kept:
                kept.append(f"{previous}{clause}")
            elif clause and (happened or limited or supposes):
                kept.append(clause)
            previous = "" if asks else clause
        return "，".join(kept)[:SITUATION_CHARS]

    def _tells_past_time(self, clause: str) -> bool:
        """Whether a clause says when something happened (去年, 两年前)."""
        return any(w in clause for w in self.lexicon.event_times.years_back) or bool(_YEARS_AGO.search(clause))

    def _recalled(
        self,
        memory: Memory,
        asking: str,
        types: tuple[str, ...],
        situation: str,
        bare: bool,
        goes_on: bool,
        supposes: bool,
    ) -> str:
        """The circumstances stated earlier, when this question asks whether they allow applying for the type
        they were stated as: by pointing back (“按我们的情况”, “那我们现在符合吗”), as a bare “还能报吗”, or by
        supposing a later day to read them against (“那等到明年4月以后呢”)."""
        if not memory.situation or memory.situation in situation:
            return ""
        if any(w in asking for w in self.lexicon.event_times.catch_words):
            return ""  # “那今年还能赶上吗” after a penalty told: the deadline is asked, not the penalty's bar
        speaks = any(w in asking for w in self.lexicon.speaker_words)  # “我们能按楼宇类报吗”: still themselves
        if types and memory.situation_type not in (None, types[0]) and not speaks:
            return ""
        points_back = any(w in asking for w in (*self.lexicon.situation_refs, *self.lexicon.waiting_words))
        asks_to_apply = bare and self._names_whole(asking, self.lexicon.applying)
        changed = goes_on and (bool(situation) or supposes)  # “如果那次事件是四年前发生的呢”: the story, retold
        return memory.situation if points_back or asks_to_apply or changed else ""

    def _supposed(self, normalized: str, asking: str, memory: Memory) -> tuple[str, str]:
        """The clause that supposes a time, and the time's own words (“要是明年5月才弄完呢” → 明年5月) — or, for
        “开业以后最早哪一轮能报”, the clause of the circumstances told before that says when (“预计明年6月开业”)."""
        words = self.lexicon.event_times
        for clause in _CLAUSES.split(normalized):
            if time := supposed_time(clause, words):
                return clause, time
        for match in _AFTER_EVENT.finditer(asking):
            said = [c for c in _CLAUSES.split(memory.situation) if match.group(1) in c and names_time(c, words)]
            if said:
                return said[-1], ""
        if any(w in asking for w in words.catch_words):  # “那还能赶上吗” after “假设材料要到…才能准备好”
            said = [c for c in _CLAUSES.split(memory.situation) if supposed_time(c, words)]
            if said:
                return said[-1], ""
        return "", ""

    # --- the parts of a message ----------------------------------------------------------------------------------

    def questions(self, text: str) -> list[str]:
        """The questions one message asks (“材料交给谁？要几份？”), each with the statements before it. One
        question, or questions of one form (the second rephrasing or narrowing the first), come back whole."""
        if (pair := _TWO_ORDINALS.search(text)) and "？" not in text.rstrip("？?")[: pair.start()]:
            # “第三条和第六条分别说的啥”: each numbered item asked in turn
            rest = text[pair.end() :].replace("分别", "", 1)
            return [f"{text[: pair.start()]}{pair.group(i)}{rest}" for i in (1, 3)]
        if (both := _BOTH_OF.search(text)) and "？" not in text.rstrip("？?"):
            # “简介和方案分别限多少字”: one question of two things, each with its own fact
            shared = (both.group(3) or "").replace("，", "的").replace(",", "的")  # “…和实施方案，字数上限分别…”
            rest = f"{shared}{text[both.end() :]}"  # “…和实施方案的字数上限分别是多少”: shared
            halves = [f"{text[: both.start()]}{both.group(i)}{rest}" for i in (1, 2)]
            if len({self._fact(self.asking_part(h))[0] for h in halves} - {None}) == 2:
                return halves
        pieces = [c for p in _QUESTION_BREAK.split(text) if p.strip(" ，,。") for c in self._asked_apart(p)]
        parts: list[str] = []
        pending = ""
        for piece in pieces:
            pending += piece
            # “我们食品加工厂就二十几个工人，想问…”: a count told (二十几个) asks nothing
            stated = self._stated(piece)
            if any(w in stated for w in self.lexicon.asking if w not in "？?"):
                parts.append(pending)
                pending = ""
        if pending and parts:
            parts[-1] += pending
        for n in range(len(parts) - 2, -1, -1):  # “……走过一遍了。我想知道的是，”: the marker leads into what follows
            if parts[n].rstrip(" ，,：:。").removesuffix("的是").endswith(self.lexicon.focus_markers):
                parts[n] += parts.pop(n + 1)
        for n in range(len(parts) - 1, 0, -1):  # “要几个单位盖章？分别是谁？”: the second only goes on
            if self._adds_nothing(parts[n], parts[n - 1]):
                parts[n - 1] += parts.pop(n)
        if len(parts) < 2:
            return [text]
        asked = [self.asking_part(p) for p in parts]
        forms = [self._forms(a) - {"requirement"} for a in asked]
        facts = {self._fact(a)[0] for a in asked} - {None}
        kinds = {self._kinds(a) for a in asked} - {()}
        if all(f == forms[0] for f in forms) and len(facts) <= 1 and len(kinds) <= 1:
            return [text]  # “一定要建成吗？正在创建的行不行？”: one question asked twice over, answered whole
        return (
            parts if len(parts) <= MAX_QUESTIONS else [*parts[: MAX_QUESTIONS - 1], "".join(parts[MAX_QUESTIONS - 1 :])]
        )

    def _asked_apart(self, piece: str) -> list[str]:
        """“我们审完之后报到哪里，最晚什么时候”: clauses that each ask in another form are two questions."""
        clauses = [c for c in re.split(r"(?<=[，,])", piece) if c.strip(" ，,")]
        if len(clauses) < 2:
            return [piece]
        # “我们审核同意以后，材料报给谁，要几份”: what is told first goes with the first of the two questions
        told, clauses = clauses[:-2], clauses[-2:]
        if any(self._forms(c) - {"requirement"} for c in told):
            return [piece]
        forms = [self._forms(c) - {"requirement"} for c in clauses]
        facts = [self._fact(c)[0] for c in clauses]
        # each clause asks of something of its own (“40加60吗” only checks the clause before it)
        own = all(f or form & set(self.lexicon.form_facts) for f, form in zip(facts, forms, strict=True))
        if all(forms) and own and not forms[0] & forms[1] and (facts[0] is None or facts[0] != facts[1]):
            return ["".join(told) + clauses[0], clauses[1]]
        return [piece]

    def _adds_nothing(self, part: str, before: str) -> bool:
        """“分别是谁”: a question naming nothing goes on from the one before — and so does one asking only yes or
        no after a yes/no question (“明年能拿同一个方案再报吗？要不要改？”)."""
        asked = self.asking_part(part)
        named = self._fact(asked)[0] or self._kinds(asked) or self._types(asked)
        if named or self._content(asked):
            return False
        forms = self._forms(asked)
        return not forms or (forms <= {"yes_no", "requirement"} and "yes_no" in self._forms(self.asking_part(before)))

    def asking_part(self, text: str) -> str:
        """What follows the last focus marker, else the clauses that ask, else the whole message less the
        clauses that set something aside."""

        def asked(clause: str) -> bool:
            return any(w in clause for w in self.lexicon.asking) or bool(
                _A_NOT_A.search(clause) or _ENDS_ASKING.search(clause)
            )

        if (tail := self._marked_tail(text)) is not None:
            # “想问下必选项和创新项分别有几条，领导让我下午汇报”: what follows the question's last clause is told
            clauses = [c for c in _CLAUSES.split(tail) if c.strip()]
            last = max((i for i, c in enumerate(clauses) if asked(c)), default=len(clauses) - 1)
            return tail if last == len(clauses) - 1 else "，".join(clauses[: last + 1])
        clauses = [c for c in _CLAUSES.split(text) if c.strip()]
        if len(clauses) <= 1:
            return text

        kept = [c for c in clauses if not any(m in c for m in self.lexicon.aside_markers)] or clauses
        if not any(map(asked, kept)):
            kept = clauses  # “…印了500本 申报材料除了纸质的还要电子版吗”: 除了 inside the question sets nothing aside
        asks = [asked(c) for c in kept]
        for n in range(1, len(kept)):  # “到现场核查，还是只看材料？”: the alternative asks its first half too
            if asks[n] and kept[n].lstrip().startswith(self.lexicon.continuations):
                asks[n - 1] = True
        asking = [c for c, a in zip(kept, asks, strict=True) if a]
        return "，".join(asking or kept)

    def _marked_tail(self, text: str) -> str | None:
        """What follows the last focus marker (想问一下, 另问一个), or the colon after long background (“…这个流程
        我们去年走过一遍了。另一个事：楼宇垃圾分类…有哪几类？”); None when nothing marks the question."""
        for marker in sorted(self.lexicon.focus_markers, key=len, reverse=True):  # 想了解一下 before 想了解
            if marker in text:
                tail = text.rsplit(marker, 1)[1].strip("，,：: ")
                if len(tail) >= 2:
                    return tail
        head, colon, tail = text.replace(":", "：").rpartition("：")
        asks = [any(w in half for w in self.lexicon.asking) for half in (head, tail)]
        # “开了三次会大家还是搞不清：入选典型案例库以后会有什么”: a head that asks nothing is told, long or not
        if colon and asks[1] and (len(head) > len(tail) or (len(head) >= TOLD_HEAD_CHARS and not asks[0])):
            return tail.strip()
        return None

    def _value_slot(self, asking: str) -> str | None:
        return next((k for k, v in self.lexicon.value_slots.items() if any(a in asking for a in v.asks)), None)

    def _unslotted(self, asking: str, slot: str) -> str:
        for cue in sorted(self.lexicon.value_slots[slot].asks, key=len, reverse=True):
            asking = asking.replace(cue, " " * len(cue))
        return asking

    def _stated_value(self, asking: str) -> tuple[str, str] | None:
        for slot_id, slot in self.lexicon.value_slots.items():
            if slot.stated and (value := slot.stated_in(asking)):
                return slot_id, value
        return None

    def _stated(self, text: str) -> str:
        """The message with phrases that state rather than ask (“做了几年了”) blanked out, so that their question
        words neither make a clause the asking one nor name a topic (几年: a duration)."""
        for phrase in self.lexicon.not_asking:
            text = text.replace(phrase, " " * len(phrase))
        return text

    def _unframed(self, text: str) -> str:
        """The text without its focus markers (“想了解一下”): they frame the question and name nothing."""
        for marker in sorted(self.lexicon.focus_markers, key=len, reverse=True):
            text = text.replace(marker, "，")
        return text

    def _considered(self, text: str) -> str:
        """The message without the clauses that set something aside."""
        clauses = [c for c in _CLAUSES.split(text) if c.strip()]
        aside = [i for i, c in enumerate(clauses) if any(m in c for m in self.lexicon.aside_markers)]
        back = [i for i in aside if _ALL_BEFORE.match(clauses[i].strip())]  # “…，这些先不管，…”: all before it
        start = back[-1] + 1 if back else 0
        kept = [c for i, c in enumerate(clauses) if i >= start and i not in aside]
        return "，".join(kept) if kept else text

    def _plausible_word(self, token: str) -> bool:
        return bool(_CJK_WORD.fullmatch(token)) and not any(c in self.lexicon.function_chars for c in token)

    def _explicit(self, type_id: str, text: str) -> bool:
        """Named as a category (“社区类”, “楼宇类”), not only as the kind of unit one is."""
        kind = self.rules.type(type_id)
        text = self._categories(_QUOTES.sub("", text))  # 村能当“社区”类报吗
        return any(f"{name}类" in text for name in (kind.name, *kind.aliases))

    @lru_cache(maxsize=256)  # noqa: B019 — one understander per process; asked of the same text often
    def _categories(self, text: str) -> str:
        """The text with the 类 after joined names said of each (“园区、企业和楼宇类” → 园区类、企业类和楼宇类)."""
        if "类" not in text:
            return text
        while (joined := self._joined_category.sub(r"\1类", text)) != text:
            text = joined
        return text

    def _named_types(self, text: str) -> bool:
        return bool(self._types(text))

    def names_types(self, text: str) -> bool:
        """Whether the text names an applicant type by any of its names."""
        return self._named_types(text)

    def _types(self, text: str):
        text = _NOT_A_TYPE.sub(" ", text)  # “我们是楼里的一家公司，不是楼宇管理方”: 楼宇 is what they are not
        if self._engaged is not None:
            text = self._engaged.sub(" ", text)
        if self._guided is not None and (acting := self._guided.sub(" ", text)) != text and self._types(acting):
            text = acting  # another type is named besides the one acted on: that one asks
        explicit = [t for t in self.rules.types if self._explicit(t.id, text)]  # 社区类: the category, by any name
        return explicit or self.rules.detect_types(text)

    def _kinds(self, text: str) -> tuple[ItemKind, ...]:
        lowered = text.lower()
        for keyword in self._cue_bearing_fact_words:  # “能报几个” asks the quota, though it holds “能报”
            lowered = lowered.replace(keyword, " " * len(keyword))
        found: dict[ItemKind, int] = {}
        for cue, kind in self._kind_cues:
            at = lowered.find(cue)
            if at >= 0:
                found.setdefault(kind, at)
                lowered = lowered.replace(cue, " " * len(cue))
        return tuple(sorted(found, key=found.__getitem__))

    def _item_by_concepts(
        self, text: str, types: tuple[str, ...], kinds: tuple[ItemKind, ...], asked: bool = False
    ) -> str | None:
        """The guide item whose concept groups the question touches most — at least two groups, and more
        than any other item (“员工提节能减排的建议” → 全员参与 and 改进建议: 企业必选项7)."""
        lowered = text.lower()
        conditions_only = bool(kinds) and set(kinds) <= {"condition"}
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
        if not scored and set(wanted) != {"mandatory", "innovation"} and not conditions_only:
            return self._item_by_concepts(text, types, (), asked)  # “那碳中和呢，也必须做吗”: the other kind
        scored.sort(reverse=True)
        if not scored or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            return None
        if conditions_only:
            # “申报条件里对环境投诉有什么要求” names the conditions by their name: an item in an aside is not asked.
            # “招商引资要考虑环保门槛吗” names them only by a word of their own (门槛): a specific item wins.
            named = self.lexicon.item_kinds["condition"].label[-2:] in lowered  # 条件
            specific = len(scored) == 1 and self._specific_concept(lowered, scored[0][1], asked and len(types) == 1)
            return scored[0][1] if specific and not named else None
        specific = len(scored) == 1 and self._specific_concept(lowered, scored[0][1], asked and len(types) == 1)
        if scored[0][0] >= 2 or specific:
            return scored[0][1]
        return None

    def _touches(self, text: str, type_id: str) -> bool:
        """Whether any item of the type shares a concept word with the text."""
        lowered = text.lower()
        kind = next((t for t in self.rules.types if t.id == type_id), None)
        if kind is None:
            return True
        items = (*kind.mandatory.present, *kind.innovation.present)
        return any(w.lower() in lowered for i in items for g in i.concepts for w in g if len(w) >= 2)

    def _specific_concept(self, lowered: str, clause: str, one_type: bool = False) -> bool:
        """One concept word is enough when it is specific (three characters or more) and names only this item —
        of all items, or of its own type's when the question names one type."""
        words = self._specific_in_type if one_type else self._specific
        return any(w in lowered for w in words.get(clause, ()))

    def _number_after_kind(self, text: str, *, ordinal: bool = False) -> int | None:
        """“企业必选项四”, “必选项中的3”: a number right after a kind cue (with ``ordinal``, only “申报条件第一条”:
        in what a user tells, “必选项两条都做到了” counts items, it names none)."""
        lowered = text.lower()
        after = _ORDINAL_AFTER_KIND if ordinal else _AFTER_KIND
        for cue, _ in self._kind_cues:
            at = lowered.find(cue)
            if at >= 0:
                match = after.match(lowered, at + len(cue))
                if match:
                    return _as_int(match.group(1))
        return None

    def _forms(self, text: str) -> frozenset[QuestionForm]:
        counted = text.replace("哪几", "哪些")  # “是哪几个部门组织的” asks which ones, not how many
        forms = {
            form
            for form, cues in self.lexicon.forms.items()
            if any(c in (counted if form == "how_many" else text) for c in cues)
        }
        if text.strip("？?！!。，, ") in self.lexicon.after_alone:
            forms.add("after")  # “然后”
        if "yes_no" in forms and self._lists_what_must(text):
            forms.discard("yes_no")  # “必须做到的有哪些”: which things must be done, not whether one must
        # “认不认”, “有要求没”, “能按楼宇类报么”: yes/no in any verb
        if _A_NOT_A.search(text) or _ENDS_ASKING.search(text) or _YES_NO_END.search(text):
            forms.add("yes_no")
        rising = text.rstrip().endswith(("？", "?"))
        if rising and not forms and not any(w in text for w in self.lexicon.asking if w not in "？?"):
            forms.add("yes_no")  # “那必选项全做到了就能满分？”: a statement asked with a question mark
        return frozenset(forms)

    def _fact(
        self, text: str, content: tuple[str, ...] = (), unset_cues: tuple[str, ...] = ()
    ) -> tuple[str | None, int]:
        """The fact the asking part names: keywords worth at least two characters, then the fact whose own
        text holds most of what was asked (“都要盖章吗” names 组织单位 and 盖章: the stamps say both), then a
        fact named by a topic over one named only by a question phrase (经验交流会由谁组织: 经验交流, not 谁组织),
        then the keyword nearest the end, where a Chinese question puts its predicate (入选后有什么奖励: 奖励),
        then the keyword weight.
        Words inside a type's name (“园区管委会”) name the applicant; words inside a topic the notice never
        settles (“试点期限”) name that topic, not a fact."""
        lowered = _DAY_NUMBERED.sub(r"\1月\2日", text.lower())  # 1月31号 is the 1月31日 a fact names
        for alias in self._aliases:
            lowered = lowered.replace(alias, " ")
        for phrase in self.lexicon.means_phrases:  # 通过什么渠道: by what means, not an approval
            lowered = lowered.replace(phrase, "  " + phrase[2:])
        for cue in sorted(unset_cues, key=len, reverse=True):
            lowered = lowered.replace(cue.lower(), " ")
        matched: dict[str, list[str]] = {}
        raw: dict[str, list[str]] = {}  # every keyword found: a topic word names the fact (评估 of 谁来评估)
        for fact_id, keywords in self._facts:
            hits = raw[fact_id] = [k for k in keywords if k in lowered]
            hits = [k for k in hits if not any(k in other and k != other for other in hits)]  # 谁组织 in 由谁组织
            if sum(map(len, hits)) >= 2:
                matched[fact_id] = hits
        # “哪几个部门来审核”: 哪几个 asks which, not how many — a count named only so yields to another fact
        which = {f for f, hits in matched.items() if all(f"哪{k}" in lowered for k in hits)}
        matched = {f: hits for f, hits in matched.items() if f not in which} or matched
        if not matched:
            return None, 0

        # “申报表中的实施方案”: a container named before 中的/里的 is where the thing asked about sits
        def container(keyword: str) -> bool:
            return re.search(re.escape(keyword) + _CONTAINER.pattern, lowered) is not None

        matched = {f: hits for f, hits in matched.items() if not all(map(container, hits))} or matched
        matched = self._answered_forms(lowered, matched)
        asked = {k for hits in matched.values() for k in hits} | {w for w in content if len(w) >= 2}

        def rank(fact_id: str) -> tuple[int, int, int, int]:
            hits = matched[fact_id]
            own = self._fact_texts[fact_id]
            covered = sum(word in own or word in hits for word in asked)
            topical = any(not _QUESTION_CHARS.search(k) for k in raw[fact_id])  # 经验交流 a topic; 谁组织 a slot
            return covered, topical, max(lowered.rfind(k) + len(k) for k in hits), sum(map(len, hits))

        best = max(matched, key=rank)
        return best, max(map(len, matched[best]))

    def _entry_of_type(
        self, asking: str, type_id: str, kinds: tuple[ItemKind, ...], content: tuple[str, ...]
    ) -> str | None:
        """The one entry of a type the words single out: by its concept groups, else by a word only it uses."""
        return self._item_by_concepts(asking, (type_id,), kinds, asked=True) or self._owned_word_entry(type_id, content)

    def _owned_word_entry(self, type_id: str, content: tuple[str, ...]) -> str | None:
        """The entry of the type that alone uses one of the words (two characters or more) asked about."""
        owned = self._named_in_type[type_id].items()
        return next((c for c, words in owned if any(w in content for w in words)), None)

    def _entry_pointed(self, asking: str, memory: Memory) -> tuple[str, ItemKind, int] | None:
        """The entry of the type named with 那条 (“街镇那条后半句还有什么”) among those quoted lately, newest first."""
        said = self._that_entry.search(asking.lower())
        if said is None or not memory.cited:
            return None
        named = [t.id for t in self.rules.detect_types(said.group(1))]
        of_type = [e for e in memory.cited if named and e[0] == named[0]]
        # “园区那条排污许可的要求是什么”: of that type's entries, the one saying what else is asked about
        words = [w for w in self._content(asking) if len(w) >= 2]
        saying = [e for e in of_type if any(w in self._entry_text(*e) for w in words)]
        return (saying or of_type or [None])[0]

    def _counterpart(self, memory: Memory, type_id: str) -> str | None:
        """The other type's item about what the single item just shown is about: the one whose text touches most
        of the shown item's concept groups (then of its words), alone at the top."""
        if memory.type in (None, type_id) or memory.item_kind not in ("mandatory", "innovation"):
            return None
        wanted = f"guide.{memory.type}.{memory.item_kind}.{memory.item}"
        shown = next((i for i in self.rules.type(memory.type).entries if i.clause == wanted), None)
        if not isinstance(shown, Item):
            return None
        kind = self.rules.type(type_id)
        scored = sorted(
            (
                (_touched(shown.concepts, i.text or ""), i.clause)
                for i in (*kind.mandatory.present, *kind.innovation.present)
            ),
            reverse=True,
        )
        if not scored or scored[0][0][0] == 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            return None
        return scored[0][1]

    def _type_said_of_entry(self, asking: str, types: tuple[str, ...], memory: Memory) -> bool:
        """Whether the types a message pointing at the entry in view names are words of that entry (企业 in
        园区's “推动园区内企业履行社会责任”), so that entry, not those types', is asked about."""
        if not types or memory.type is None or memory.type in types or memory.item_kind is None:
            return False
        said = self._entry_text(memory.type, memory.item_kind, memory.item or 0)
        return all(self.rules.type(t).name in said for t in types)

    def _lists_what_must(self, text: str) -> bool:
        """A list or a content asked of what is required (“必须做到的有哪些”, “必须做的第一条到底是什么内容”): the
        yes/no cues it holds are requirement words only (必须, 一定要), with no particle asking whether (吗, 是不是)."""
        if not any(w in text for w in (*self.lexicon.list_words, *self.lexicon.what_asks)):
            return False
        yes_no = [c for c in self.lexicon.forms["yes_no"] if c in text]
        return all(any(c in v or v in c for v in self.lexicon.requirement_verbs) for c in yes_no) and not (
            _A_NOT_A.search(text) or _ENDS_ASKING.search(text)
        )

    def _shown_of_type(self, asking: str, types: tuple[str, ...], memory: Memory) -> tuple[str, ItemKind, int] | None:
        """The item of a type other than the one in view that was quoted lately, when the message points at
        something (这个) and names that type."""
        if len(types) != 1 or types[0] == memory.type or not _THIS.search(asking):
            return None
        return next((e for e in memory.cited if e[0] == types[0] and e[1] in ("mandatory", "innovation")), None)

    def _unsaid_subject(self, memory: Memory, entry: tuple[str, ItemKind, int]) -> tuple[str, ...]:
        """The words the last entry was asked by (基金会) when the other type's nearest entry says none of
        them: the answer then says so before quoting it, instead of passing it off as the same thing."""
        specific = [w for w in memory.subject if len(w) >= 2 and not self.rules.common_word(w)]
        said = self._entry_text(*entry)
        return tuple(specific[:1]) if specific and not any(w in said for w in specific) else ()

    def _asked_also(self, asking: str, forms: frozenset[QuestionForm]) -> bool:
        """A short yes/no naming a type and 也 and nothing else (“街镇也是必须的吗”, “楼宇也有吗”)."""
        named = self._named_types(asking)
        return (
            "yes_no" in forms
            and bool(named)
            and any(w in asking for w in self.lexicon.also_asked)
            and len(asking.strip("？?！! ")) <= MAX_SHORT_JUDGEMENT + 4
        )

    def _subject_entry(self, memory: Memory, type_id: str) -> str | None:
        """The other type's entry about the words the item shown was asked by: its one condition holding them
        (环境投诉 → 楼宇条件3), else the item whose concepts they touch (→ 社区必选项2, 投诉调解)."""
        if memory.type in (None, type_id) or not memory.subject:
            return None
        words = [w for w in memory.subject if len(w) >= 2]
        kind = self.rules.type(type_id)
        holding = [c.clause for c in kind.conditions if any(w in (c.text or "") for w in words)]
        if len(holding) == 1:
            return holding[0]
        if not words or (by_concepts := self._item_by_concepts("，".join(words), (type_id,), ())):
            return by_concepts if words else None
        # else the entry sharing the rarest pairs of characters (投诉 of 环境投诉: 投诉调解), alone at the top
        entries = [
            (e.clause, e.text or "") for e in (*kind.conditions, *kind.mandatory.present, *kind.innovation.present)
        ]
        pairs = {w[i : i + 2] for w in words for i in range(len(w) - 1)}
        weight = {
            pair: 1 / sum(pair in text for _, text in entries) for pair in pairs if any(pair in t for _, t in entries)
        }
        scored = sorted(
            ((sum(v for pair, v in weight.items() if pair in text), clause) for clause, text in entries), reverse=True
        )
        if not scored or scored[0][0] < SUBJECT_WEIGHT or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            return None
        return scored[0][1]

    def _counted_back(self, asking: str, memory: Memory) -> tuple[str, ...]:
        """The types “这三类”, “这几类”, “这三个里” point back to: that many of the last discussed (几: all of them)."""
        said = _THESE_TYPES.search(asking)
        if said is None or len(memory.seen) < 2:
            return ()
        count = len(memory.seen) if said.group(1) == "几" else _as_int(said.group(1))
        return memory.seen[-count:] if 2 <= count <= len(memory.seen) else ()

    def _asks_detail(self, asking: str, memory: Memory) -> bool:
        """“具体要做到什么” right after one item: more of that item."""
        return memory.item is not None and any(w in asking for w in self.lexicon.detail_words)

    def _these(self, asking: str) -> bool:
        """“这些”, “这种” pointing at what was said — not “我们这种”, “像我们这样的”: the speaker, as an applicant,
        nor “街道这类”: the type just named."""
        before = (*self.lexicon.speaker_words, *self._aliases)
        return any(not asking[: m.start()].lower().endswith(before) for m in _THESE.finditer(asking))

    def _speaker_type(self, text: str) -> tuple[str, ...]:
        """The one type named right after words by which the speaker says who they are (我是, 以…名义), if one."""
        found: set[str] = set()
        for clause in _CLAUSES.split(text):
            for marker in (*self.lexicon.intro_words, *self.lexicon.name_words):
                at = clause.find(marker)
                if at >= 0:
                    found |= self._head_type(clause[at + len(marker) : at + len(marker) + SPEAKER_SPAN])
        return tuple(found) if len(found) == 1 else ()

    def _speaker(self, normalized: str, asking: str, types: tuple[str, ...]) -> str | None:
        """Of two types in question, the speaker's own: the one said after 我是/以…名义, or the one a correction
        tells (“不对不对，我搞错了，是镇政府报，不是村。那条件是不是不一样？”: 街镇 from now on)."""
        if len(types) < 2:
            return None
        if said := self._speaker_type(normalized):
            return said[0]
        told = normalized[: normalized.rfind(asking)] if asking and asking in normalized else ""
        corrected = {t.id for t in self._types(told)} if told and self.lexicon.corrects(normalized) else set()
        return corrected.pop() if len(corrected) == 1 else None

    def _head_type(self, phrase: str) -> set[str]:
        """The type a phrase says one is: the head noun of “集团下属的物业公司” comes last, after 的 or 下面 (“街道
        下面居委会的”) — not in “纯城区街道没有农村”, where 农村 is no part of what they are."""
        named = self._types(phrase)
        if len(named) < 2:
            return {t.id for t in named}
        spans: list[tuple[int, int, str]] = []
        masked = phrase
        for alias, type_id in sorted(
            ((a, t.id) for t in named for a in (t.name, *t.aliases)), key=lambda x: -len(x[0])
        ):
            while (at := masked.find(alias)) >= 0:  # 物业公司 is one name, not 公司 inside it
                spans.append((at, at + len(alias), type_id))
                masked = masked[:at] + " " * len(alias) + masked[at + len(alias) :]
        spans.sort()
        if len(spans) < 2:
            return {t.id for t in named}
        *_, (_, before_end, before), (head_start, _, head) = spans
        between = phrase[before_end:head_start]
        belongs = any(w in between for w in self.lexicon.belongs_words)
        return {head} if head != before and belongs else set()  # two: no one self

    def _names_particular(self, asking: str, type_id: str) -> bool:
        """Whether the text names particular units of a type (这些企业, 园区里企业), not the type."""
        member = self.rules.type(type_id)
        return any(f"{w}{a}" in asking for a in (member.name, *member.aliases) if len(a) >= 2 for w in _PARTICULAR)

    def _holder(self, asking: str, named: set[str], types: tuple[str, ...], memory: Memory) -> str | None:
        """The type whose members the asking part names as particular units (“…的企业”), when that type is named
        in the message or is the one in question — not when the speaker is the member (“我们企业”)."""
        if len(types) == 2:  # “园区里企业的环境信息要推动公开吗”: the park's enterprises, asked of the park
            held = [(a, b) for a, b in (types, types[::-1]) if b in self.rules.type(a).members]
            if not held:
                return None
            holder_id, member_id = held[0]
            particular = self._names_particular(asking, member_id) and not self._explicit(member_id, asking)
            return holder_id if particular else None
        if len(types) != 1 or any(w + self.rules.type(types[0]).name in asking for w in self.lexicon.speaker_words):
            return None
        if not self._names_particular(asking, types[0]):  # 依法不用办的企业, 这些企业 — not 企业类
            return None
        for holder in self.rules.types:
            if types[0] not in holder.members:
                continue
            if holder.id in named or (memory.type == holder.id and named <= {types[0]}):
                return holder.id
        return None

    def _items_back(self, asking: str, memory: Memory) -> tuple[tuple[str, ItemKind, int], ...]:
        """The items “这三件”, “这几项” point back to, right after single items were shown one by one."""
        said = _THESE_ITEMS.search(asking)
        if said is None or memory.item is None or len(memory.shown) < 2:
            return ()
        count = len(memory.shown) if said.group(1) == "几" else _as_int(said.group(1))
        return memory.shown[-count:] if 2 <= count <= len(memory.shown) else ()

    def _asks_which_of_item(self, asking: str, forms: frozenset[QuestionForm], memory: Memory) -> bool:
        """“算哪一类” right after one item: which kind the item is — not “我们算哪一类”, the speaker's type."""
        speaks = any(w in asking for w in self.lexicon.speaker_words)
        return memory.item is not None and "which" in forms and not speaks

    def _asks_which_types(self, asking: str, forms: frozenset[QuestionForm], types: tuple[str, ...]) -> bool:
        """“哪几类的申报条件里有…”, or “这三个里哪几个有…” of several types named or counted back."""
        return "which_types" in forms or (len(types) >= 2 and bool(_WHICH_OF.search(asking)))

    def _across(
        self, content: tuple[str, ...], types: tuple[str, ...], kinds: tuple[ItemKind, ...]
    ) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Each type with its entries that say the thing asked about: found by the asked word that the fewest
        entries of all types say (突发环境事件 over 要求), and only when few enough do for it to single a rule out."""
        wanted = {k for k in kinds if k != "scoring"} or {"condition", "mandatory", "innovation"}
        entries = [(t, kind, clause, words) for t, kind, clause, words in self._entry_words if kind in wanted]
        found = {w: [e for e in entries if w.lower() in e[3]] for w in content if len(w) >= 2}
        anchors = sorted((len(hits), -len(w), w) for w, hits in found.items() if hits)
        if not anchors or anchors[0][0] > MAX_ACROSS:
            return ()
        hits = found[anchors[0][2]]
        return tuple((t, tuple(e[2] for e in hits if e[0] == t)) for t in types)

    def _conditions_named(self, text: str, types: tuple[str, ...]) -> list[str]:
        """The conditions of the types (of every type when none is given) whose keywords the text names."""
        kinds = [t for t in self.rules.types if t.id in types] or list(self.rules.types)
        return [c.clause for t in kinds for c in t.conditions if any(k in text for k in c.keywords)]

    def _condition_named(self, text: str, types: tuple[str, ...]) -> str | None:
        """The one condition of the one type whose keywords the text names (管理方: 楼宇's second), if one."""
        named = self._conditions_named(text, types) if len(types) == 1 else []
        return named[0] if len(named) == 1 else None

    def names_condition(self, text: str, types: tuple[str, ...]) -> bool:
        """Whether the text names a condition of the types by its keywords (环境投诉: 楼宇's third)."""
        return bool(self._conditions_named(text, types))

    def _fact_due_in(self, asking: str) -> str | None:
        """The fact due in the one month the question names, if exactly one fact's date falls in it."""
        months = months_named(asking)
        if len(months) != 1:
            return None
        due = [f.id for f in self.rules.facts if f.due and f.due.month in months]
        return due[0] if len(due) == 1 else None

    def _dated_otherwise(self, fact_id: str, asking: str) -> bool:
        """Whether the fact named falls in another month, or is named only by question words (交到哪)."""
        due = self.rules.fact(fact_id).due
        return due is not None or not self._names_topic(fact_id, asking)

    def _measured(self, text: str) -> str | None:
        """The length-limited field named last before the length stated (“他们正文写了5000字”: the plan;
        “简介我们写了260字”: the 简介), as the fact of its limit."""
        match = _LENGTH.search(text)
        if match is None:
            return None
        before = text[: match.start()]
        said = [(before.rfind(w), f) for f, words in self._length_names.items() for w in words if w in before]
        return max(said)[1] if said else None

    def _stage_done(self, text: str) -> str | None:
        """The procedure step the text tells is behind the user."""
        return next((s for s, words in self.lexicon.stages_done.items() if any(w in text for w in words)), None)

    def _named_by_slot_only(self, fact_id: str, asking: str, slot: str) -> bool:
        """“至少要建多少个监测点位”, “要配几个人”: the fact (the quota) is named only by question words inside the
        words asking the value — not by a topic (联系电话是多少: 电话) nor by more than them (方案多少字)."""
        if self._fact(self._unslotted(asking, slot))[0] or self._names_topic(fact_id, asking):
            return False
        lowered = asking.lower()
        covered = {
            i for c in self.lexicon.value_slots[slot].asks for at in _at(lowered, c) for i in range(at, at + len(c))
        }

        def slot_words(keyword: str) -> bool:  # 多少家 over 至少要有多少: one measure word beyond, no topic (方案)
            return all(sum(i not in covered for i in range(at, at + len(keyword))) <= 1 for at in _at(lowered, keyword))

        return all(slot_words(k) for k in self._fact_keywords[fact_id] if k in lowered)

    def _slot_of_last(
        self, fact_id: str, asking: str, remembered: str, content: tuple[str, ...], slot: str | None
    ) -> bool:
        """Whether a fact is named only by the words asking a value (字数 of 字数要求) while another fact is in
        view, and nothing else is named (“方案有没有字数要求” names the plan): the value is asked of the fact in
        view (and the notice may not set it there)."""
        said = self.rules.fact(remembered).answer
        if any(w not in said for w in content):
            return False
        if slot is not None and self.lexicon.value_slots[slot].owner == fact_id:
            return False  # a phone number is only ever the contacts': named, they are what is asked
        if slot is None or self._fact(self._unslotted(asking, slot))[0] not in (None, remembered):
            return False
        lowered = asking.lower()
        asks = self.lexicon.value_slots[slot].asks
        named = [k for k in self._fact_keywords[fact_id] if k in lowered]
        return bool(named) and all(any(k in c for c in asks if c in lowered) for k in named)

    def _asks_of_last(self, fact_id: str, asking: str, remembered: str) -> bool:
        """A short question naming a fact only by question words whose other words the fact just told says
        (谁组织 of “组织专家对试点项目进行评估”) asks of that fact."""
        if not _short(asking) or self._names_topic(fact_id, asking):
            return False
        lowered = asking.lower()
        said = [_QUESTION_CHARS.sub("", k).strip("由来是的") for k in self._fact_keywords[fact_id] if k in lowered]
        return bool(said) and all(len(w) >= 2 and w in self._fact_texts[remembered] for w in said)

    def _calls_last(self, fact_id: str | None, asking: str, remembered: str) -> bool:
        """Whether a question calls the fact just told by a name it goes by once in view (报告), and names no
        other fact but by question words (交给谁) or by words the fact told says itself (“报告要按哪个文件的要求来
        评估”: the report's own 进行评估, not the evaluation of pilots)."""
        called = any(w in asking for w in self.rules.fact(remembered).called)
        named = fact_id is not None and self._names_topic(fact_id, asking)
        if not called or not named:
            return called
        lowered = asking.lower()
        hits = [k for k in self._fact_keywords[fact_id] if k in lowered]  # type: ignore[index]
        return self._named_by_form_only(fact_id, asking) or all(k in self._fact_texts[remembered] for k in hits)

    def _names_topic(self, fact_id: str, text: str) -> bool:
        """Whether the text names the fact by a keyword of its topic (审核), not only by a question word (哪类)."""
        lowered = text.lower()
        keywords = self._fact_keywords[fact_id]
        return any(k in lowered and not _QUESTION_CHARS.search(k) for k in keywords)

    def _answered_forms(self, lowered: str, matched: dict[str, list[str]]) -> dict[str, list[str]]:
        """“总结报告是交给谁的”: when a fact named by its topic answers the form asked (to whom), a fact named
        only by that form's words (交给谁, 是交给 — the route of applications) is not what is asked."""
        forms = {f for f in self._forms(lowered) if f in self._slot_forms}
        if not forms:
            return matched
        spans = [
            (at, at + len(cue))
            for form in forms
            for cue in self.lexicon.forms[form]
            for at in (m.start() for m in re.finditer(re.escape(cue), lowered))
        ]

        def on_form(keyword: str) -> bool:
            at = lowered.find(keyword)
            return any(at < end and start < at + len(keyword) for start, end in spans)

        by_topic = {f for f, hits in matched.items() if forms & set(self.rules.fact(f).answers)}
        by_topic = {f for f in by_topic if not all(map(on_form, matched[f]))}
        if not by_topic:
            return matched
        return {f: hits for f, hits in matched.items() if f in by_topic or not all(map(on_form, hits))}

    def _named_by_form_only(self, fact_id: str, asking: str) -> bool:
        """Whether every keyword naming the fact in the asking part is a question form's own cue (截止, 交给谁)."""
        lowered = asking.lower()
        cues = {c for form in self._forms(lowered) for c in self.lexicon.forms[form] if c in lowered}
        spans = [(at, at + len(c)) for c in cues for at in _at(lowered, c)]
        hits = [k for k in self._fact_keywords[fact_id] if k in lowered]

        def within_a_cue(keyword: str) -> bool:  # 是报给 over 报给哪 in “具体是报给哪里”: the form's words
            # — not a longer keyword around one (最终报送, 报送到哪 over 送到哪): that names the topic itself
            return all(
                any(a < at + len(keyword) and at < b and b - a >= len(keyword) for a, b in spans)
                for at in _at(lowered, keyword)
            )

        return bool(hits) and all(within_a_cue(k) for k in hits)

    def _named_after(self, asking: str) -> tuple[str, int] | None:
        """The fact named by the words after the last words that ask what comes after, if any."""
        lowered = asking.lower()
        end = self._after_end(lowered)
        after = lowered[end:] if end is not None else ""
        found = self._fact(after) if after else (None, 0)
        topical = found[0] is not None and self._names_topic(found[0], after)  # 评估, not 要干什么
        return (found[0], found[1]) if found[0] and topical else None

    def _step_says(self, step: str, other: str, asking: str) -> bool:
        """Whether the step named with the words asking what comes after (审核通过后 → 实施) itself says every
        word after them that names another fact (依据: “应依据试点实施方案”)."""
        lowered = asking.lower()
        said = [k for k in self._fact_keywords[other] if k in lowered[self._after_end(lowered) or 0 :]]
        return bool(said) and all(k in self._fact_texts[step] for k in said)

    def _after_end(self, lowered: str) -> int | None:
        """Where the last words asking what comes after end (“审核通过后，…”), if any are there."""
        ends = [lowered.rfind(c) + len(c) for c in self.lexicon.forms["after"] if c in lowered]
        return max(ends) if ends else None

    def _step_after(self, step: str, told: str) -> str | None:
        """The step after the one told (审核通过了 → 实施) — or the step told itself when its words are of what
        comes after (“审核通过以后”, “审核同意后” are the words of 实施 and of 报送)."""
        cues = self.lexicon.forms["after"]
        lowered = told.lower()
        found = [k for k in self._fact_keywords[step] if k in lowered]
        if any(k.endswith("后") or any(c in k for c in cues) for k in found):
            return step
        return self.lexicon.next_steps.get(step)

    def _before_after(self, fact_id: str, asking: str) -> bool:
        """Whether every keyword of the fact stands before the words that ask what comes after."""
        lowered = asking.lower()
        ends = [lowered.find(c) + len(c) for c in self.lexicon.forms["after"] if c in lowered]
        keywords = self._fact_keywords[fact_id]
        cues = self.lexicon.forms["after"]
        if any(k in lowered and (k.endswith("后") or any(c in k for c in cues)) for k in keywords):
            # “审核同意后”, “审完以后呢” are keywords of what comes after them (报送市里), not of the step before
            return False
        found = [lowered.rfind(k) + len(k) for k in keywords if k in lowered]
        return bool(ends) and bool(found) and max(found) <= min(ends)  # 审核 in 审核通过后 comes before, too

    def _terse(self, text: str) -> bool:
        """A few words typed with no one speaking and no sentence ended (“园区 公众开放 那个”), unlike
        “镇里正在谋划一个EOD项目。”."""
        speaks = any(w in text for w in self.lexicon.speaker_words)
        speaks = speaks or text.rstrip(" 。.！!").endswith(self.lexicon.role_words)  # “食品厂的环保专员”
        return not speaks and len(text) <= MAX_TERSE and not text.rstrip().endswith(("。", "."))

    def _asks_similar(self, asking: str, memory: Memory) -> bool:
        """“企业有类似的吗”: an item like the one just shown, in another type."""
        return memory.item is not None and any(w in asking for w in self.lexicon.similar_words)

    def _named_that(self, asking: str, memory: Memory, types: tuple[str, ...] = ()) -> tuple[str, ItemKind, int] | None:
        """An entry cited lately that the words before 那条 / 那项 quote (“三年那条”, “投诉那项”), asked of no
        type named: the latest one of the type in question, else of any type."""
        said = _NAMED_THAT.search(asking)
        if said is None or not memory.cited or self._named_types(asking):
            return None  # “处罚那条 街镇有没有” asks it of another type
        words = said.group(1).removeprefix("那")
        for word in self.lexicon.recall_words:  # “回到刚才餐饮那条”: 餐饮
            words = words.replace(word, "")
        if len(words) < 2 or self._kinds(words):
            return None  # “创新那块呢”: a kind, not an entry's words
        quoting = [e for e in memory.cited if words in self._entry_text(*e)]
        own = [e for e in quoting if e[0] == (types[0] if types else memory.type)]
        if "块" in said.group(0):  # “餐饮那块呢” said of 街镇: a part of what that type does, not another's entry
            return own[0] if own else None
        return (own or quoting or [None])[0]

    def _told_items(
        self, normalized: str, asking: str, types: tuple[str, ...], kinds: tuple[ItemKind, ...], memory: Memory
    ) -> tuple[tuple[str, ItemKind, int], ...]:
        """The items of one kind a plan is said to hold, listed with 、 (“必选项他们只写了清洁生产、自行监测、信息公开
        三条”) — or, asked “漏了哪些” afterwards, the ones told then."""
        if memory.told and any(w in asking for w in self.lexicon.missing_words):
            return memory.told
        if len(types) != 1 or len(kinds) != 1 or kinds[0] not in ("mandatory", "innovation"):
            return ()
        listing = next((c for c in re.split(r"[，。；;！!？?,]", normalized) if "、" in c), "")
        group = getattr(self.rules.type(types[0]), kinds[0]).present
        found: list[tuple[str, ItemKind, int]] = []
        for part in re.split(r"、|以及|和|及", listing):
            scored = sorted(((_touched(item.concepts, part), item.number) for item in group), reverse=True)
            if scored and scored[0][0][0] and (len(scored) == 1 or scored[1][0] < scored[0][0]):
                entry = (types[0], kinds[0], scored[0][1])
                if entry not in found:
                    found.append(entry)
        return tuple(found) if len(found) >= 2 else ()

    def _asks_how_often_to_apply(self, asking: str, forms: frozenset[QuestionForm]) -> bool:
        """“是每年都能报吗”: a yes/no stating how often, of applying."""
        stated = self._stated_value(asking) if "yes_no" in forms else None
        return stated is not None and stated[0] == "frequency" and self._names_whole(asking, self.lexicon.applying)

    def _placed_again(self, remembered: str | None, text: str) -> bool:
        """Whether a short turn names a place, after a fact answered by where the applicant is."""
        organizers = self.rules.data.organizers
        by_place = remembered is not None and organizers is not None and remembered in organizers.facts
        return by_place and self.rules.organizer_for(text) is not None

    def _names_kind_in_view(self, asking: str, memory: Memory) -> bool:
        words = self.lexicon.item_kinds[memory.item_kind].in_view if memory.item_kind else ()
        return any(w in asking for w in words) and not self._named_types(asking)

    def _asks_whole_list(self, asking: str, forms: frozenset[str]) -> bool:
        """“每项都得做吗”: a yes/no of every item of the list just shown, naming nothing else."""
        whole = any(w in asking for w in self.lexicon.whole_list_words)
        return whole and "yes_no" in forms and not self._named_types(asking)

    def _applying_dated_again(self, remembered: str | None, asking: str) -> bool:
        """“申报的呢” right after another dated fact (the annual report's 1月31日): the same, of applying."""
        deadline = self.lexicon.form_facts["when"]
        if remembered in (None, deadline) or self.rules.fact(remembered).due is None:
            return False
        return self._names_whole(asking, self.lexicon.application_words) and not self._named_types(asking)

    def _asks_of_told_item(self, asking: str, forms: frozenset[QuestionForm], memory: Memory) -> bool:
        """“试点里有对得上的内容吗” right after an introduction that named an item (网上议事群 → 社区创新项1): a
        question naming nothing asks about that item — unless it asks about applying (“能报吗”)."""
        if not (memory.overview and memory.item is not None and memory.item_kind):
            return False
        applying = self._names_whole(asking, self.lexicon.applying)
        return "yes_no" in forms and not applying and not self._named_types(asking)

    def _firmness_asked(
        self, asking: str, forms: frozenset[QuestionForm], fact: str | None, memory: Memory
    ) -> str | None:
        """The fact whose hedged limit (原则上) the question asks is firm (“这个上限是死的吗”, “是硬性的吗” after the
        quota) — not when or how it may be exceeded (“什么情况下可以突破”), which the notice never sets."""
        if "firm" not in forms or any(w in asking for w in self.lexicon.exception_asks):
            return None
        bare = asking
        for cue in self.lexicon.forms["firm"]:
            bare = bare.replace(cue, "")
        if self._kinds(bare) or self._named_types(bare):  # “企业必选项是硬性的吗”: items, not the limit
            return None
        hedged = fact or memory.fact
        return hedged if hedged and self.rules.fact(hedged).hedge else None

    def _asks_list(self, asking: str) -> bool:
        """“都有哪些”, “有几条”: the list in view, asked as a list, naming nothing else."""
        return any(w in asking for w in self.lexicon.list_words) and not self._named_types(asking)

    def _asks_more(self, asking: str) -> bool:
        """“其他的”, “还有吗”: more of what was just shown, naming nothing else."""
        return any(w in asking for w in self.lexicon.more_words) and not self._named_types(asking)

    def _within_item_shown(self, content: tuple[str, ...], memory: Memory) -> bool:
        """Whether every character of the words asked is in the single entry just shown (办证 in 排污许可证…办理)."""
        if memory.item is None or memory.item_kind is None or memory.type is None:
            return False
        text = self._entry_text(memory.type, memory.item_kind, memory.item)
        return bool(text) and all(c in text for w in content for c in w)

    def _asks_number(self, asking: str) -> bool:
        """“第几条来着”, “是第几项”: the number of the item in view, asked of nothing else."""
        return any(w in asking for w in self.lexicon.number_asked) and not self._named_types(asking)

    def _follows_up(
        self,
        remembered: str,
        fact: str | None,
        forms: frozenset[QuestionForm],
        elliptical: bool,
        asking: str,
        content: tuple[str, ...] = (),
        whole: str = "",
    ) -> bool:
        """A bare follow-up continues the fact before it. A short one asking a slot continues it when that
        fact answers the slot (“报给谁” after the annual report; “最晚哪天” after 报送途径 asks the deadline);
        otherwise only a message that names no other fact does."""
        if "after" in forms:
            return False  # “通过后要干啥” after 审核: what comes next, not more of the same
        deadline = self.lexicon.form_facts["when"]
        applying = self._names_whole(asking, self.lexicon.application_words)
        # …or named in a clause that turns back to it (“回到申报，今年的截止已经过了吗”)
        turned = any(w in whole for w in self.lexicon.recall_words)
        applying = applying or (turned and self._names_whole(whole, self.lexicon.application_words))
        if "when" in forms and remembered != deadline and applying:
            return False  # “下一轮申报呢” after the annual report: applying's own deadline
        slots = forms & self._slot_forms
        answers = set(self.rules.fact(remembered).answers)
        by_form_only = fact is not None and self._named_by_form_only(fact, asking)
        if slots and (_short(asking) or by_form_only):
            # “发给谁的” after who issued it names the addressees by more than the form's words (给谁); “下一次截止
            # 具体是哪天” after the annual report names the deadline by the form's 截止 only: the report's
            return bool(slots & answers) and (fact is None or by_form_only)
        # “那第一步我们要先做什么” after the deadline: a form with a fact of its own, which the last fact does not
        # answer, asks that fact
        own = {f for f in forms if f in self.lexicon.form_facts and self.lexicon.form_facts[f] != remembered}
        if own and not own & answers:
            return False
        # “要写哪些内容” right after the plan's length: a short question whose words the fact's answer says
        said = self.rules.fact(remembered).answer
        # “内容大概要写哪些方面” after the annual report: a question naming nothing at all asks more of it
        named_nothing = not content
        return fact is None and (
            bool(forms) or elliptical or named_nothing or (_short(asking) and all(w in said for w in content))
        )

    def _verb(self, text: str) -> str | None:
        """The verb a yes/no question asks with: the first whole word among the verbs (longer verbs first),
        a requirement verb before any other (“一定要有X才能申报吗” asks 一定要; “才能” only frames it)."""
        text = _ONLY_THEN.sub(lambda m: " " * len(m.group()), text.lower())
        inside = self._inside_words(text)  # “职能”, “节能” hold 能 but do not ask 能不能
        taken = [False] * len(text)
        found: list[tuple[int, str]] = []
        for verb in self._verbs:  # longest first
            for match in re.finditer(re.escape(verb), text):
                whole = not inside(match.start(), match.end())
                if whole and not any(taken[match.start() : match.end()]):
                    taken[match.start() : match.end()] = [True] * len(verb)
                    found.append((match.start(), verb))
        required = [f for f in found if f[1] in self.lexicon.requirement_verbs]
        return min(required or found)[1] if found else None  # “是必须做的吗” asks 必须, not 是

    def _names_whole(self, text: str, words: tuple[str, ...], objects: tuple[str, ...] = ()) -> bool:
        """Whether one of ``words`` stands in ``text`` as a word of its own (报 in “也能报吗”, not in “报告”) —
        and, given ``objects``, not with one of them as its object (“申请绿色建筑运营标识” applies for a label)."""
        lowered = text.lower()
        inside = self._inside_words(lowered)
        objects = tuple(o.lower() for o in objects if len(o) >= 2)
        return any(
            not inside(m.start(), m.end()) and not lowered[m.end() :].startswith(objects)
            for w in words
            for m in re.finditer(re.escape(w), lowered)
        )

    def _inside_words(self, text: str):
        """A test: does the span lie inside a longer dictionary word (能 in 职能), rather than stand alone or
        inside one of jieba's guesses at unknown text (能 in “能报”)?"""
        spans, at = [], 0
        for token in self.tokenizer._jieba.lcut(text):
            if len(token) > 1 and self.tokenizer.knows(token):
                spans.append((at, at + len(token)))
            at += len(token)

        def inside(start: int, end: int) -> bool:
            return any(a <= start and end <= b and (a, b) != (start, end) for a, b in spans)

        return inside

    def count(self, text: str, types: tuple[str, ...]) -> int | None:
        """How many applicants of the type in question the message counts: “5个街道” for 街镇, not “几十家企业”
        inside a 园区."""
        counts = [(m.group(2), m.group(1)) for m in self._counted.finditer(text)]
        counts += [(m.group(1), m.group(2)) for m in self._counted_after.finditer(text)]
        for unit, count in counts:
            named = [t.id for t in self.rules.detect_types(unit)] or list(types)
            if len(types) == 1 and named[:1] == [types[0]]:
                return _as_int(count)
        these = self._these_counted.search(text)  # the units told before, counted again: of the type in question
        return _as_int(next(g for g in these.groups() if g)) if these and len(types) == 1 else None

    def _counts_asked(
        self, normalized: str, asking: str, memory: Memory, fact: str | None, statement: bool
    ) -> tuple[tuple[str, int], ...]:
        """The counts to judge against the quotas: told now (“园区3个，企业5个…”), or told before and asked about
        (“哪些类别超了”, “楼宇那4个没问题吧”: the type named, if one is)."""
        told = self._counts(normalized)
        # “今年区里收上来3个园区、5个街镇的申报，我得先筛一遍”: counts told, nothing asked yet — kept for what follows
        nothing_asked = not _QUESTION_MARK.search(normalized) and not any(w in normalized for w in self.lexicon.asking)
        if not told and (statement or nothing_asked) and any(w in normalized for w in self.lexicon.received_words):
            # “辖区里有7个居委会交了材料”, “今年我们街镇类收了5个”: one type's applications counted, several of them
            told = tuple(c for c in self._counts(normalized, least=1) if c[1] > 1)
        if told:
            over = any(w in asking for w in self.lexicon.over_words)
            # “我们想报2个园区、4个企业、4个楼宇，行吗”: a bare judgement asked of the counts just told
            bare = asking != normalized and len(asking.strip("？?！!。 ")) <= MAX_SHORT_JUDGEMENT
            bare = bare and not fact and not self._content(asking)
            return told if statement or fact == "quota" or over or nothing_asked or bare else ()
        if len(memory.counts) == 1 and self.count(asking, (memory.counts[0][0],)) is not None:
            return ()  # “这六个都能报吗” after one type's 6: counted again, judged as asked (不可以全部申报)
        if memory.counts and (recalled := self._recalls_counts(asking, memory)):
            return recalled  # “园区那3个能都报到市里吗”: the parks counted before, asked of again
        if not memory.counts or not (fact == "quota" or any(w in asking for w in self.lexicon.over_words)):
            return ()
        if self._value_slot(asking) is not None:
            return ()  # “超了的话市里怎么处理”: what follows from being over, not whether they are
        named = {t.id for t in self._types(normalized)}  # “街道自己再报一个街镇类，会不会占掉他们的名额”: 街镇
        # “那园区报3个呢” after 街镇's 5: 园区's own limit, not the counts told of 街镇
        return tuple(c for c in memory.counts if c[0] in named) or (() if named else memory.counts)

    def _recalls_counts(self, asking: str, memory: Memory) -> tuple[tuple[str, int], ...]:
        """The counts told earlier that the message names again, type and number (“企业3家”, “园区那3个”)."""
        pairs = [(m.group(1), m.group(2)) for m in self._counted_again.finditer(asking)]
        pairs += [(m.group(2), m.group(1)) for m in self._counted.finditer(asking)]
        named = set()
        for unit, count in pairs:
            types = self.rules.detect_types(unit)
            if len(types) == 1:
                named.add((types[0].id, _as_int(count)))
        return tuple(c for c in memory.counts if c in named)

    def _counts(self, text: str, least: int = 2) -> tuple[tuple[str, int], ...]:
        """Each type counted in the message when ``least`` or more are (“园区3个，企业5个，社区2个，楼宇4个”)."""
        pairs = [(m.group(1), m.group(2)) for m in self._counted_after.finditer(text)]
        pairs += [(m.group(2), m.group(1)) for m in self._counted.finditer(text) if m.group(1) != "一"]  # 一个街道
        counts: dict[str, int] = {}
        for unit, count in pairs:
            named = self.rules.detect_types(unit)
            if len(named) == 1:
                counts.setdefault(named[0].id, _as_int(count))
        return tuple(counts.items()) if len(counts) >= least else ()

    def _unset(self, text: str, forms: frozenset[QuestionForm] = frozenset()) -> tuple[str | None, tuple[str, ...]]:
        """The topic the notice never settles that the message names, and every cue of it that does. A cue of
        four characters or more also matches with a few words inside it (更换方案: “更换试点实施方案”)."""
        lowered = text.lower()
        # “能拿多少分”: a kind's words across a cue's edge (多少分 over 能拿多少) ask a score, not an amount
        kind_spans = [(at, at + len(cue)) for cue, _ in self._kind_cues if len(cue) >= 3 for at in _at(lowered, cue)]
        # “还剩多久”: a question form's long cue around a topic's cue (多久) asks that form, not the topic
        kind_spans += [(at, at + len(cue)) for cue in self._long_form_cues for at in _at(lowered, cue)]
        # “每个区最多分别报几个”: a fact's asking phrase over a cue's edge (报几个 over 分别报) asks that fact
        kind_spans += [(at, at + len(word)) for word in self._asking_fact_words for at in _at(lowered, word)]

        def whole(cue: str) -> bool:
            if cue not in lowered:
                return False
            return any(
                not any(a < at + len(cue) and at < b and (a < at or b > at + len(cue)) for a, b in kind_spans)
                for at in _at(lowered, cue)
            )

        # a cue spread over words does not start inside a word of the guides or facts (同时申报 over “三同时是…”),
        # unless the cue holds that word (第三方机构 over “第三方环保服务机构”)
        items = [w for w in self._long_item_words if w in lowered]
        facts = [w for w in self._long_fact_words if w in lowered]

        def inside(cue: str, word: str) -> bool:
            return cue[:2] in word and word not in cue

        def spread(cue: str) -> bool:
            # …though the cue may end inside one (调整方案 over “调整实施方案的内容”), or start at a fact's word's
            # end (方案调整 over “实施方案还可以调整吗”)
            if not _spread(cue, lowered):
                return False  # the common case, settled without masking anything
            masked = lowered
            for word in items + [w for w in facts if not w.endswith(cue[:2])]:
                if inside(cue, word):
                    masked = masked.replace(word, "□" * len(word))
            return masked == lowered or _spread(cue, masked)

        for matches in (whole, spread):
            for topic, cues in self._unset_cues:
                if topic.asked_as and not forms & set(topic.asked_as):
                    continue  # “材料交给区里吗” asks the route; “几号前交到区里” asks a date the notice never sets
                # a cheap look first: a cue's whole (or, spread, its first two characters) must be in the text
                if found := tuple(cue for cue, low in cues if low[:2] in lowered and matches(low)):
                    return topic.id, found
        return None, ()

    def _relative(self, text: str, memory: Memory, kinds: tuple[ItemKind, ...], types: tuple[str, ...]) -> int | None:
        """“最后一条”, “上一条”, “下一条”: an item counted from the list or the item just shown — or, when another
        list is named (“那加分的部分，最后一个是什么”), from that list."""
        type_id = types[0] if types else memory.type
        sizes = self._list_sizes(type_id)
        named = kinds[0] if kinds and kinds[0] != memory.item_kind and kinds[0] in sizes else None
        if _LAST.search(text) and named:
            return sizes[named]
        if _LAST.search(text) and memory.listed:
            return memory.listed[-1]
        if memory.item is not None and (step := -1 if _PREVIOUS.search(text) else 1 if _NEXT.search(text) else 0):
            return memory.item + step if memory.item + step >= 1 else None
        return None

    def _numbered_by_words(
        self, number: int, text: str, types: tuple[str, ...], kinds: tuple[ItemKind, ...], remembered: str
    ) -> tuple[str, ItemKind] | None:
        """The (type, list) whose entry of this number holds more of the message's words than the entry the type
        and list alone would pick (“第二条里那个什么民约” after 社区's conditions: 社(村)规民约 is 必选项2). None
        when the message says nothing more of the entry, names its type as a category, or no entry holds more."""
        words = [  # common words too (政策, 制度): the entries compared all share the number, not the words
            w
            for w in self.tokenizer.words(self._described.sub(" ", text.lower()))
            if len(w) >= 2 and w not in self._ignored and not _ORDINAL.search(w) and not all(c in _NUMERALS for c in w)
        ]
        if not words or any(self._explicit(t, text) for t in types):
            return None
        default = (types[0] if types else remembered, kinds[0])
        candidates = {(t, k) for t in {*types, remembered} for k in self._list_sizes(t)}

        def held(candidate: tuple[str, ItemKind]) -> int:
            entry = self._entry_text(candidate[0], candidate[1], number)
            return sum(w in entry for w in words)

        best = max(sorted(candidates), key=held)
        if held(best) <= held(default) or sum(held(c) == held(best) for c in candidates) > 1:
            return None
        return best

    def _entry_text(self, type_id: str, kind: ItemKind, number: int) -> str:
        applicant = self.rules.type(type_id)
        entries = {
            "condition": applicant.conditions,
            "mandatory": applicant.mandatory.items,
            "innovation": applicant.innovation.items,
        }.get(kind, ())
        return next(((e.text or "").lower() for e in entries if e.number == number), "")

    def _list_sizes(self, type_id: str | None) -> dict[ItemKind, int]:
        """How many entries each of the type's lists has (none without a type)."""
        if type_id is None:
            return {}
        applicant = self.rules.type(type_id)
        return {
            "condition": len(applicant.conditions),
            "mandatory": len(applicant.mandatory.items),
            "innovation": len(applicant.innovation.items),
        }

    def _kind_of_length(self, length: int, type_id: str | None) -> tuple[ItemKind, ...]:
        """The one list of the type with this many entries, if exactly one has."""
        matching = tuple(kind for kind, size in self._list_sizes(type_id).items() if size == length)
        return matching if len(matching) == 1 else ()

    def _undescribed(self, lowered: str) -> str:
        """The text without the words that describe the applicant (化工 of 化工企业) — but a word of the guides
        before the alias stays (“绿色供应链管理企业要做吗”: 供应链 is what is asked)."""
        spans: list[tuple[int, int]] = []

        def strip(match: re.Match) -> str:
            if not spans:  # found only when a description is there to strip
                spans.extend((at, at + len(w)) for w in self._long_item_words for at in _at(lowered, w))
            kept = max((end for start, end in spans if start < match.end() and end > match.start()), default=0)
            if kept <= match.start():
                return " "
            return lowered[match.start() : min(kept, match.end())] + " "

        return self._described.sub(strip, lowered)

    def _content(self, text: str) -> tuple[str, ...]:
        """Words that name a topic: the tokens left once type, kind and question words are taken out."""
        # The applicant's own description names a type, not a topic: the alias and the words right before it
        # (“我们是化工园区”: 化工 describes the park; “浦东的一个产业园区”: 产业)
        lowered = self._undescribed(text.lower())
        for cue, _kind in self._kind_cues:  # “加分项”: a kind, though the tokenizer would leave 分项 behind
            if len(cue) >= 3:
                lowered = lowered.replace(cue, " ")
        for phrase in self._generic_phrases:  # “给我列一下”: the tokenizer would leave 我列 behind
            lowered = lowered.replace(phrase, " ")
        words = []
        for token in self.tokenizer.words(lowered):
            if token in self._ignored or token.isdigit() or all(c in _NUMERALS for c in token):
                continue
            numbered = _NOT_A_TOPIC.search(token) and token not in self._item_vocabulary
            if len(token) == 1 or numbered or self.rules.common_word(token):
                continue  # 机制, 环境, 管理: in a tenth of the clauses, they single out none
            if self.rules.names_district(token):
                continue  # “我们是浦东一个镇，材料写好了先给谁”: where they are, not what they ask
            if not self.tokenizer.knows(token) and not self._plausible_word(token):
                continue  # jieba's guesses at unknown text (“后要”, “项有”) name nothing
            words.append(token)
        return tuple(dict.fromkeys(words))


def _specific_words(types, shortest: int = 3) -> dict[str, tuple[str, ...]]:
    """Each item's concept words of ``shortest`` characters or more that no other item of these types uses — nor
    a condition of its type (全覆盖 is 园区's third condition, though a word for its first 创新项 too)."""
    owners: dict[str, set[str]] = {}
    for applicant in types:
        for cond in applicant.conditions:
            for word in (k.lower() for k in cond.keywords if len(k) >= shortest):
                owners.setdefault(word, set()).add(cond.clause)
        for item in (*applicant.mandatory.present, *applicant.innovation.present):
            for word in (w.lower() for g in item.concepts for w in g if len(w) >= shortest):
                owners.setdefault(word, set()).add(item.clause)
    specific: dict[str, tuple[str, ...]] = {}
    for word, clauses in owners.items():
        if len(clauses) == 1:
            (clause,) = clauses
            specific[clause] = (*specific.get(clause, ()), word)
    return specific


def _entry_words(types) -> list[tuple[str, ItemKind, str, str]]:
    """(type, kind, clause, words) of every entry: its text with its title, keywords and concept words."""
    entries: list[tuple[str, ItemKind, str, str]] = []
    for applicant in types:
        for cond in applicant.conditions:
            if not cond.missing:
                words = [cond.text or "", *cond.keywords, *(w for b in cond.bars for w in b.words)]
                entries.append((applicant.id, "condition", cond.clause, "|".join(words).lower()))
        for kind in ("mandatory", "innovation"):
            for item in getattr(applicant, kind).present:
                words = [item.text or "", item.title or "", *(w for g in item.concepts for w in g)]
                entries.append((applicant.id, kind, item.clause, "|".join(words).lower()))
    return entries


def _item_words(rules: Rules) -> set[str]:
    """The words that name the guides' items and conditions (志愿服务, 清洁生产, 排污许可证): typed by ear as often as
    the programme's own terms (志原服务, 清节生产, 排污许可正)."""
    words: set[str] = set()
    for applicant in rules.types:
        for item in (*applicant.mandatory.present, *applicant.innovation.present):
            words.update(w for g in item.concepts for w in g)
        for cond in applicant.conditions:
            words.update(cond.keywords)
    return {w for w in words if len(w) >= 2}


def _quotes(text: str) -> list[str]:
    """The words the user puts in quotation marks (two characters or more)."""
    return [q for q in _QUOTED.findall(text) if len(q) >= 2]


def _at(text: str, word: str) -> list[int]:
    """Where ``word`` starts in ``text``: plain string search (a pattern per word would thrash re's cache)."""
    found, at = [], text.find(word)
    while at >= 0 and word:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def _spread(cue: str, text: str) -> bool:
    """Whether a cue of 4+ characters occurs with up to four characters of one clause between two of its halves
    (取消资格: “取消试点资格”). Plain string search: compiling a pattern per cue cost most of a cold start."""
    if len(cue) < 4 or cue[:2] not in text or cue[-1] not in text or not _CJK_WORD.fullmatch(cue):
        return False  # every split below has cue[:2] in its head and cue[-1] in its tail
    for i in range(2, len(cue)):  # 咨询公司|写: “咨询公司帮忙写”
        head, tail = cue[:i], cue[i:]
        at = text.find(head)
        while at >= 0:
            start = at + len(head)
            gap_end = text.find(tail, start + 1, start + MAX_INSIDE_CUE + len(tail))
            if gap_end > start and _CJK_WORD.fullmatch(text[start:gap_end]):
                return True
            at = text.find(head, at + 1)
    return False


def _pairs_held(quoted: list[str], text: str) -> float:
    """The share of the quotes' adjacent character pairs that the text holds."""
    pairs = [q[i : i + 2] for q in quoted for i in range(len(q) - 1)]
    return sum(p in text for p in pairs) / len(pairs) if pairs else 0.0


def _unquoted(text: str) -> str:
    return _QUOTED.sub(lambda m: " " * len(m.group()), text)


def entry_of(clause: str) -> tuple[str, ItemKind, int] | None:
    """guide.enterprise.innovation.1 → (enterprise, innovation, 1)."""
    parts = clause.split(".")
    if len(parts) != 4 or parts[0] != "guide" or not parts[3].isdigit():
        return None
    return parts[1], parts[2], int(parts[3])  # type: ignore[return-value]


def _named_year(text: str) -> int | None:
    """A whole year named on its own (“2026年度”, “2026年这一年”), not the year of a date (2026年10月)."""
    found = _NAMED_YEAR.search(text)
    return int(found.group(1)) if found else None


def _stated_length(text: str) -> tuple[int, bool] | None:
    """“简介写了500多字”: a length in characters the message states (not asks), and whether it says more than."""
    match = _LENGTH.search(text)
    return (int(match.group(1)), bool(match.group(2))) if match else None


def _bounded(text: str) -> str:
    """A long message costs no more than a short one: its opening and its end, where the question usually is."""
    if len(text) <= MAX_UNDERSTOOD:
        return text
    return f"{text[: MAX_UNDERSTOOD // 3]}。{text[-(MAX_UNDERSTOOD * 2 // 3) :]}"


def _touched(concepts: tuple[tuple[str, ...], ...], text: str) -> tuple[int, int]:
    """How many of the concept groups the text touches, then how many of their words (of two characters or more)."""
    lowered = text.lower()
    words = [[w.lower() for w in g if len(w) >= 2] for g in concepts]
    return sum(any(w in lowered for w in g) for g in words), sum(w in lowered for g in words for w in g)


def _short(asking: str) -> bool:
    """A follow-up short enough to lean on the fact before it (“报给谁”, “要写哪些内容”)."""
    return len(_CLAUSES.sub("", asking).strip("？? ")) <= MAX_FOLLOW_UP


def _only_a_number(content: tuple[str, ...]) -> bool:
    """“第三条是什么意思”: a number and nothing else that names a topic."""
    return len(content) <= 1


def _asked_again(asking: str, content: tuple[str, ...]) -> bool:
    """Whether a first clause that only points (“那街镇呢”) is followed by one naming what is asked."""
    first, _, rest = asking.partition("，")
    return bool(rest) and not any(w in first for w in content) and any(w in rest for w in content)


def _ordinal(text: str) -> int | None:
    """“第4条”, “三是什么”, “5.” — the number of an item."""
    match = _ORDINAL.search(text) or _BARE_NUMBER.search(text.strip())
    if match and match.re is _BARE_NUMBER and match.group(1).startswith("两"):
        return None  # “两个的截止时间一样吗” counts two; an item is numbered 二, never 两
    return _as_int(match.group(1)) if match else None


def _as_int(raw: str) -> int:
    return int(number(raw))


@cache
def default_understander() -> Understander:
    return Understander(default_rules(), default_lexicon())


def understand(message: str, memory: Memory | None = None) -> Query:
    """Read one message against the conversation so far; see :class:`Query`."""
    return default_understander()(message, memory)
