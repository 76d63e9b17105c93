"""The rules data matches the notice item for item, with every gap in the source flagged."""

from __future__ import annotations

import pytest

from knowledge.rules import Rules

# (conditions, mandatory, innovation) numbered in the source; lost numbers in the second tuple.
COUNTS = {
    "park": ((3, 3, 5), {"conditions": [2], "mandatory": [2], "innovation": [2, 3, 4]}),
    "enterprise": ((3, 8, 6), {}),
    "town": ((4, 4, 6), {}),
    "community": ((3, 4, 5), {}),
    "building": ((3, 2, 5), {}),
}


@pytest.mark.parametrize("type_id", COUNTS)
def test_counts_per_type_are_exactly_those_of_the_source(rules: Rules, type_id: str) -> None:
    kind = rules.type(type_id)
    (n_cond, n_mand, n_inno), lost = COUNTS[type_id]
    assert (len(kind.conditions), len(kind.mandatory.items), len(kind.innovation.items)) == (n_cond, n_mand, n_inno)
    assert [c.number for c in kind.conditions if c.missing] == lost.get("conditions", [])
    assert [i.number for i in kind.mandatory.missing] == lost.get("mandatory", [])
    assert [i.number for i in kind.innovation.missing] == lost.get("innovation", [])


@pytest.mark.parametrize("type_id", COUNTS)
def test_scores_and_truncated_scoring_are_recorded(rules: Rules, type_id: str) -> None:
    kind = rules.type(type_id)
    assert (kind.mandatory.score, kind.innovation.score) == (40, 60)
    assert kind.innovation.scoring and "创新性(20分)" in kind.innovation.scoring
    assert kind.innovation.scoring_truncated


def test_every_present_text_is_the_cited_clause_verbatim(rules: Rules) -> None:
    for kind in rules.types:
        entries = [*kind.conditions, *kind.mandatory.items, *kind.innovation.items]
        for entry in entries:
            if entry.missing:
                assert entry.clause in {g.id for g in rules.source.gaps}, entry.clause
            else:
                assert entry.text == rules.clause_text(entry.clause), entry.clause
        assert rules.clause_text(kind.innovation.clause).endswith(kind.innovation.scoring or "")


def test_quotas_are_two_for_parks_and_four_for_the_others(rules: Rules) -> None:
    assert {k.id: k.quota for k in rules.types} == {
        "park": 2,
        "enterprise": 4,
        "town": 4,
        "community": 4,
        "building": 4,
    }


@pytest.mark.parametrize(
    ("fact_id", "phrases"),
    [
        ("deadline", ["每年10月底前"]),
        ("submission", ["一式三份", "电子版本"]),
        ("route", ["组织单位", "市生态环境局"]),
        ("quota", ["不超过2个", "不超过4个"]),
        ("review", ["市生态环境局会同市发展改革委"]),
        ("annual_report", ["1月31日前"]),
        ("pilot_areas", ["崇明世界级生态岛", "长三角生态绿色一体化发展示范区", "临港新片区", "虹桥商务区"]),
        ("contacts", ["周晟吕", "尹秋晓", "64085119-3211", "23117414", "qxyin@sthj.shanghai.gov.cn"]),
    ],
)
def test_programme_facts_say_what_their_clauses_say(rules: Rules, fact_id: str, phrases: list[str]) -> None:
    fact = rules.fact(fact_id)
    cited = "".join(rules.clause_text(c) for c in fact.clauses)
    for phrase in phrases:
        assert phrase in fact.answer
        assert phrase.replace("版本", "") in cited or phrase in cited


def test_rewards_carry_no_amount(rules: Rules) -> None:
    rewards = rules.fact("rewards")
    assert rewards.amounts == "none"
    assert "没有规定任何资金" in rewards.answer


def test_form_limits_and_sections(rules: Rules) -> None:
    form = rules.data.form
    assert (form.intro_limit, form.plan_limit) == (200, 3000)
    assert [s.title for s in form.sections] == [
        "试点目标",
        "试点内容",
        "实施路径",
        "实施时间及进度安排",
        "预期产出及示范意义",
    ]
    assert "200字以内" in rules.clause_text("form.intro")
    assert "3000字以内" in rules.clause_text("form.plan")
    assert form.proof == rules.clause_text(form.proof_clause)
