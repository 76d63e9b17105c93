"""Hybrid retrieval finds the clause applicants mean, in their own words."""

from __future__ import annotations

import pytest

from indexer.retriever import HybridRetriever, query_cues
from knowledge.rules import Rules


@pytest.mark.parametrize(
    ("question", "clause_id"),
    [
        ("我们厂去年被环保局罚过款还能报吗", "guide.enterprise.condition.3"),
        ("材料交几份", "plan.4.1"),
        ("EOD模式是什么", "guide.town.innovation.5"),
        ("企业必选项四", "guide.enterprise.mandatory.4"),
        ("实施方案字数有限制吗", "form.plan"),
    ],
)
def test_top_hit_is_the_clause_meant(retriever: HybridRetriever, question: str, clause_id: str) -> None:
    assert retriever.search(question, k=3)[0].chunk.id == clause_id


def test_hits_record_both_rankings(retriever: HybridRetriever) -> None:
    hit = retriever.search("排污许可证", k=1)[0]
    assert set(hit.ranks) == {"bm25", "dense"}


def test_type_named_in_question_lowers_other_types(retriever: HybridRetriever) -> None:
    hits = retriever.search("写字楼的垃圾分类要求", k=5)
    assert hits[0].chunk.id == "guide.building.innovation.4"
    assert all(h.chunk.type in ("building", "") for h in hits[:3])


def test_query_cues_use_the_kind_words_of_the_data(rules: Rules) -> None:
    cues = query_cues(rules, "公司必选项第四条怎么评分")
    assert cues.types == ("enterprise",)
    assert set(cues.kinds) == {"mandatory", "scoring"}


def test_the_callers_understanding_replaces_the_cues_read_from_text(retriever: HybridRetriever) -> None:
    hits = retriever.search("垃圾分类的要求", k=5, types=("community",), kinds=("innovation",))
    assert hits[0].chunk.id == "guide.community.innovation.3"


def test_a_topic_the_notice_never_settles_is_recognised_by_meaning(retriever: HybridRetriever) -> None:
    """None of these words is an unset-topic cue; the examples in understanding.yaml are matched by meaning."""
    match = retriever.unset_match("评审组里都有哪几位老师")
    assert match is not None and match.topic == "people"
    assert match.similarity > match.in_scope


def test_a_question_the_notice_answers_stays_closer_to_the_notice(retriever: HybridRetriever) -> None:
    match = retriever.unset_match("申报材料由哪个部门审核")
    assert match is None or match.similarity < match.in_scope + 0.012


class CountingEmbeddings:
    """The real embedder, counting the texts it is asked to embed."""

    def __init__(self, embeddings) -> None:
        self.embeddings = embeddings
        self.embedded: list[str] = []

    def embed_query(self, text: str) -> list[float]:
        self.embedded.append(text)
        return self.embeddings.embed_query(text)


def test_a_question_asked_again_is_not_embedded_again(retriever: HybridRetriever) -> None:
    """Applicants ask the same few questions over and over, a hundred others between two askings of one;
    an embedding is the dearest step of an answer."""
    counting = CountingEmbeddings(retriever.embeddings)
    fresh = HybridRetriever(retriever.index, counting, retriever.tokenizer, retriever.rules)
    first = fresh.search("材料交几份", types=(), kinds=())
    for n in range(100):
        fresh.unset_match(f"第{n}个别的问题")
    again = fresh.search("材料交几份", types=(), kinds=())
    assert counting.embedded.count("材料交几份") == 1 and len(counting.embedded) == 101
    assert [h.chunk.id for h in again] == [h.chunk.id for h in first]
