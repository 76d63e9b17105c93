"""Curated answers first: exact and paraphrased questions get them; other types, numbers or close ties do not;
every question is logged with its channel and a hashed user, whichever path answered it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.answering.curated import CuratedFirst, normalise, unknown_clauses
from bot.core.config import Settings
from bot.core.dialog.messages import Incoming
from bot.core.runtime import build_dialog
from bot.core.stores.curated import CuratedStore
from bot.core.stores.questions import QuestionLog, hash_user
from bot.core.stores.sessions import SessionStore

COPIES = "按通知，申报材料为附件1，纸质材料一式三份，并附电子版本，由组织单位于每年10月底前报送。"


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'curated.db'}"


@pytest.fixture
def wrapped(answerer, url: str) -> CuratedFirst:
    return CuratedFirst(answerer, CuratedStore(url), QuestionLog(url))


def curate(wrapped: CuratedFirst, questions: list[str], text: str, clause_ids: list[str]):
    embeddings = [wrapped.embed(q) for q in questions]
    return wrapped.curated.add(questions=questions, embeddings=embeddings, text=text, clause_ids=clause_ids)


def test_normalising_ignores_case_width_spaces_and_punctuation() -> None:
    assert normalise(" 申报材料，需要交几份？ ") == normalise("申报材料需要交几份") == "申报材料需要交几份"
    assert normalise("ＰＤＦ 可以吗") == "pdf可以吗"


def test_a_curated_answer_is_served_for_the_same_and_a_paraphrased_question(wrapped: CuratedFirst) -> None:
    entry = curate(wrapped, ["申报材料需要交几份？"], COPIES, ["plan.4.1"])
    same = wrapped.ask("申报材料需要交几份")
    assert (same.answer, same.mode, [c.id for c in same.citations]) == (COPIES, "curated", ["plan.4.1"])
    paraphrase = wrapped.ask("材料要交几份")
    assert paraphrase.mode == "curated" and wrapped.match("材料要交几份").similarity >= 0.93
    other = wrapped.ask("企业申报条件有哪些")
    assert other.mode != "curated" and "近一年未受到生态环境主管部门的处罚" in other.answer
    assert [q.curated_id for q in wrapped.questions.recent()] == [None, entry.id, entry.id]


def test_another_type_or_item_number_never_gets_the_curated_answer(wrapped: CuratedFirst) -> None:
    curate(
        wrapped,
        ["企业必选项第4条是什么"],
        "企业必选项第4条：建立污染物排放自行监测管理制度。",
        ["guide.enterprise.mandatory.4"],
    )
    assert wrapped.ask("企业必选项第4条是什么？").mode == "curated"
    for question in ("企业必选项第5条是什么", "园区必选项第4条是什么"):
        assert wrapped.ask(question).mode != "curated", question


def test_two_curated_answers_too_close_to_tell_apart_are_both_withheld(wrapped: CuratedFirst) -> None:
    curate(wrapped, ["申报截止时间是什么时候"], "每年10月底前。", ["plan.4.1"])
    curate(wrapped, ["什么时候截止申报"], "由组织单位于每年10月底前报送。", ["plan.4.1"])
    match = wrapped.match("申报什么时候截止呢")
    assert match is not None and match.curated is None and match.similarity >= 0.93
    assert wrapped.ask("申报截止时间是什么时候").mode == "curated"  # an exact phrasing still decides


def test_questions_are_logged_with_channel_and_hashed_user_only(wrapped: CuratedFirst, url: str) -> None:
    dialog = build_dialog(Settings(database_url=url), answerer=wrapped, store=SessionStore(url))
    dialog.handle("telegram", "424242", Incoming.of_text("企业申报条件有哪些"))
    dialog.handle("telegram", "424242", Incoming.of_text("今天天气怎么样"))
    wrapped.ask("材料交几份")
    direct, refused, answered = wrapped.questions.recent()
    assert (answered.channel, answered.user_hash) == ("telegram", hash_user("telegram", "424242"))
    assert "424242" not in answered.user_hash and answered.applicant_type == "enterprise"
    assert not answered.refused and "guide.enterprise.condition.3" in answered.citations
    assert refused.refused and refused.channel == "telegram"
    assert (direct.channel, direct.user_hash) == ("api", "")


def test_only_clauses_of_the_notice_can_be_cited(rules) -> None:
    assert unknown_clauses(rules, ["plan.4.1", "guide.enterprise.mandatory.4"]) == []
    # an invented id and a gap of the extracted text (its wording is unknown) are both refused
    assert unknown_clauses(rules, ["plan.9", "guide.park.mandatory.2"]) == ["plan.9", "guide.park.mandatory.2"]
