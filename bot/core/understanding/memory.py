"""What the conversation keeps from one answer for the next message."""

from __future__ import annotations

from bot.core.answering.answer import Answer
from bot.core.understanding.query import Memory
from bot.core.understanding.understand import SITUATION_CHARS, entry_of

SEEN_TYPES = 5  # all five types can be counted back (“这三类”, “这几类”)
SHOWN_ITEMS = 5  # single items shown one after another: “这两条” compares the last two, “这三件” counts back
CITED_ENTRIES = 8  # guide entries quoted lately, enough for the two or three answers before


def remember(memory: Memory, answer: Answer) -> Memory:
    """The memory after ``answer``: its type, the kind and numbers of the list or item shown, its fact.

    A refused answer changes nothing, so “那创新项呢” after an out-of-scope question still means the type
    and topic from before it — unless it quoted one item as the closest provision, which is then in view.
    """
    memory = _circumstances(memory, answer)
    # one type asked again keeps them all; one type counted first (“辖区里有7个居委会交了材料”) is kept too
    several = len(answer.counts) >= 2 or (answer.counts and not memory.counts)
    if several and answer.counts != memory.counts:
        memory = memory.model_copy(update={"counts": answer.counts})
    if answer.told and answer.told != memory.told:
        memory = memory.model_copy(update={"told": answer.told})
    if answer.elsewhere != memory.elsewhere:
        memory = memory.model_copy(update={"elsewhere": answer.elsewhere})
    if answer.place:
        memory = memory.model_copy(update={"place": answer.place})
    if answer.introduced:
        memory = memory.model_copy(update={"own_type": answer.introduced})
    topic = answer.topic
    discussed = (topic.types or ((topic.type,) if topic.type else ())) if topic is not None else ()
    named_two = topic is not None and len(topic.types) >= 2  # “镇和园区能不能各报一个” under 未作规定: both in view
    if discussed and (not answer.refused or named_two):
        kept = tuple(t for t in memory.seen if t not in discussed)
        memory = memory.model_copy(update={"seen": (*kept, *discussed)[-SEEN_TYPES:]})
    quoted = tuple(e for e in dict.fromkeys(entry_of(c.id) for c in answer.citations) if e is not None)
    if quoted and not answer.refused:  # “街镇那条具体怎么说”: an entry quoted now or a turn or two before
        kept = tuple(e for e in memory.cited if e not in quoted)
        memory = memory.model_copy(update={"cited": (*quoted, *kept)[:CITED_ENTRIES]})
    if topic is None or (answer.refused and topic.item is None and topic.fact is None):
        # a refusal keeps the memory, except the one item or fact a “通知未作规定” quoted, or two types it was asked of
        return memory.model_copy(update={"pair": topic.types[:2]}) if named_two and topic else memory
    changes: dict = {}
    if topic.excluded and memory.type == topic.excluded:
        changes["type"] = None  # “住宅小区能按楼宇报吗” → 不可以: whatever they are, they are no 楼宇
    if len(topic.types) >= 2:
        changes["pair"] = topic.types[:2]
    if answer.introduced and not topic.type:
        changes["type"] = answer.introduced  # “我在一个居委会，街道说…”: both in question, the speaker is the 居委会
    if topic.type:
        changes["type"] = topic.type
        if memory.type and memory.type != topic.type:
            changes["pair"] = (memory.type, topic.type)  # “那园区呢” after 企业: the two now in question
    if topic.item_kind:
        changes.update(
            item_kind=topic.item_kind, listed=topic.listed, item=topic.item, fact=None, overview=topic.overview
        )
        # the words an item was asked by stay with it: “那社区呢” after 街镇's 环境投诉 asks 社区's about 投诉
        changes["subject"] = answer.subject or (memory.subject if topic.item is not None else ())
        if topic.type and topic.item is not None and topic.item_kind != "scoring":
            shown = (topic.type, topic.item_kind, topic.item)
            changes["shown"] = (*(s for s in memory.shown if s != shown), shown)[-SHOWN_ITEMS:]
    elif topic.fact and answer.refused:  # “通知未作规定” quoting a fact: the list before it is still the list
        changes.update(fact=topic.fact)  # (“第五条…要附审计报告吗” → not set; “那第六条呢”: the 必选项 again)
    elif topic.fact:  # the fact is now the last thing shown: “第三条” counts its clauses, not an older list
        changes.update(fact=topic.fact, item_kind=None, listed=(), item=None, overview=False, subject=())
    return memory.model_copy(update=changes)


def _circumstances(memory: Memory, answer: Answer) -> Memory:
    """What the user says of themselves adds up (“去年出过一次事故” … “近一年也没被罚过”) while they speak as one
    type; said as another type, it starts again."""
    if not answer.stated:
        return memory
    speaking_as = answer.topic.type if answer.topic and answer.topic.type else memory.type
    if memory.situation and memory.situation_type == speaking_as and answer.stated not in memory.situation:
        situation = f"{memory.situation}，{answer.stated}"[-SITUATION_CHARS:]
    else:
        situation = answer.stated
    return memory.model_copy(update={"situation": situation, "situation_type": speaking_as})
