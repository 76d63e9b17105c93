"""The rules module: type lookup, eligibility verdicts, checklists and loud validation."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from knowledge.rules import RULES_PATH, Rules, RulesError, UnknownCondition, UnknownType, load_rules

CASES = yaml.safe_load((Path(__file__).parent / "eligibility_cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_eligibility_case(rules: Rules, case: dict) -> None:
    result = rules.assess_eligibility(case["type"], case["facts"])
    assert result.verdict == case["verdict"]
    assert list(result.failing) == case["failing"]
    assert list(result.unknown) == case["unknown"]


def test_failing_condition_carries_its_clause_text(rules: Rules) -> None:
    result = rules.assess_eligibility("enterprise", {"1": True, "2": True, "3": False})
    failing = next(c for c in result.conditions if c.number == 3)
    assert "近一年未受到生态环境主管部门的处罚" in failing.text
    assert failing.clause == "guide.enterprise.condition.3"


def test_lost_condition_says_so(rules: Rules) -> None:
    result = rules.assess_eligibility("park", {})
    lost = next(c for c in result.conditions if c.number == 2)
    assert lost.missing and "条目缺失，请以原件为准" in lost.text
    assert result.missing == (2,)


def test_unknown_condition_number_is_an_error(rules: Rules) -> None:
    with pytest.raises(UnknownCondition):
        rules.assess_eligibility("enterprise", {"4": True})
    with pytest.raises(UnknownCondition):
        rules.assess_eligibility("enterprise", {"first": True})


@pytest.mark.parametrize(
    ("name", "type_id"),
    [
        ("enterprise", "enterprise"),
        ("企业", "enterprise"),
        ("公司", "enterprise"),
        ("工厂", "enterprise"),
        ("写字楼", "building"),
        ("商场", "building"),
        ("楼宇", "building"),
        ("村", "community"),
        ("居委会", "community"),
        ("社区(村居)", "community"),
        ("社区（村居）", "community"),
        ("镇", "town"),
        ("街道", "town"),
        ("街镇", "town"),
        ("产业园", "park"),
        ("开发区", "park"),
        ("PARK", "park"),
    ],
)
def test_type_lookup_by_id_name_or_alias(rules: Rules, name: str, type_id: str) -> None:
    assert rules.type(name).id == type_id


def test_unknown_type_is_a_clear_error(rules: Rules) -> None:
    with pytest.raises(UnknownType, match="未知的申报主体类型"):
        rules.type("学校")


@pytest.mark.parametrize(
    ("text", "type_ids"),
    [
        ("我们是写字楼物业", ["building"]),
        ("我们厂去年被罚过款", ["enterprise"]),
        ("厂房改造", []),  # 厂 alone is a one-character alias: too ambiguous inside a sentence
        ("我们公司能报吗", ["enterprise"]),
        ("产业园区里的企业", ["park", "enterprise"]),
        ("那村呢", ["community"]),  # a one-character alias that is the whole elliptical question
        ("那楼呢？", ["building"]),
        ("我们是青浦工业园里的一家制药厂", ["enterprise"]),  # one unit inside a place: the place is where it sits
        ("楼还没竣工 能报吗", ["building"]),  # a one-character alias said first, as what the message is about
        ("村民代表大会", []),
        ("我们是做零部件的小企业，在松江一个工业园里租厂房", ["enterprise"]),  # where it sits, said with 在…里
        ("我们是一个园区里的一家企业，园区也想报", ["park", "enterprise"]),
        ("农村生活污水", []),
        ("我们是一家印染厂，想申报", ["enterprise"]),  # 厂 heading a name that ends there
        ("朱家角镇想报这个", ["town"]),
        ("乡村振兴", []),
    ],
)
def test_detect_types_in_free_text(rules: Rules, text: str, type_ids: list[str]) -> None:
    assert [t.id for t in rules.detect_types(text)] == type_ids


def test_checklist_lists_mandatory_then_innovation_then_application(rules: Rules) -> None:
    entries = rules.checklist("enterprise")
    kinds = [e.kind for e in entries]
    assert kinds == sorted(kinds, key=["mandatory", "innovation", "application"].index)
    assert [e.key for e in entries if e.kind == "mandatory"] == [f"mandatory.{n}" for n in range(1, 9)]
    assert all(e.required for e in entries if e.kind == "mandatory")
    assert not any(e.required for e in entries if e.kind == "innovation")
    application = {e.key: e for e in entries if e.kind == "application"}
    assert "200字以内" in application["form.intro"].text
    assert "3000字以内" in application["form.plan"].text
    assert "不超过4个" in application["quota"].text
    assert "一式三份" in application["submission"].text
    assert "10月底前" in application["deadline"].text


def test_checklist_flags_lost_items(rules: Rules) -> None:
    lost = [e.key for e in rules.checklist("park") if e.missing]
    assert lost == ["mandatory.2", "innovation.2", "innovation.3", "innovation.4"]


def _write_broken(tmp_path: Path, old: str, new: str) -> Path:
    text = RULES_PATH.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "rules.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_invalid_yaml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("types: [unclosed", encoding="utf-8")
    with pytest.raises(RulesError, match=r"rules\.yaml: not valid YAML"):
        load_rules(path)


def test_missing_field_names_the_field(tmp_path: Path) -> None:
    path = _write_broken(tmp_path, "    quota: 2\n", "")
    with pytest.raises(RulesError, match=r"rules\.yaml: types\.0\.quota: Field required"):
        load_rules(path)


def test_item_without_text_must_be_marked_missing(tmp_path: Path) -> None:
    path = _write_broken(tmp_path, "        - number: 2\n          missing: true\n", "        - number: 2\n")
    with pytest.raises(RulesError, match=r"types\.0\.mandatory\.items\.1: Value error, an item needs"):
        load_rules(path)


def test_skipped_numbers_are_refused(tmp_path: Path) -> None:
    path = _write_broken(tmp_path, "        - {number: 2, missing: true, clause: guide.park.innovation.2}\n", "")
    with pytest.raises(RulesError, match="without gaps"):
        load_rules(path)


def test_citing_an_unknown_clause_is_refused(tmp_path: Path) -> None:
    path = _write_broken(tmp_path, "clause: guide.town.mandatory.2\n", "clause: guide.town.mandatory.22\n")
    with pytest.raises(RulesError, match=r"types\.town\.mandatory\.items\.2\.clause: cites unknown clause"):
        load_rules(path)


def test_unknown_type_id_is_refused(tmp_path: Path) -> None:
    path = _write_broken(tmp_path, "  - id: town\n", "  - id: village\n")
    with pytest.raises(RulesError, match=r"types\.2\.id"):
        load_rules(path)


def test_a_bar_must_quote_its_clause_verbatim(tmp_path: Path) -> None:
    """A judgement on “去年被罚过” rests on the clause's own words, never on a paraphrase."""
    path = _write_broken(tmp_path, "quote: 近一年未受到生态环境主管部门的处罚", "quote: 近两年未受到处罚")
    with pytest.raises(RulesError, match=r"conditions\.3\.bars: quote '近两年未受到处罚' is not in"):
        load_rules(path)


@pytest.mark.parametrize(
    ("text", "organizer"),
    [
        ("我们厂在上海化工区里面，不归哪个区直接管", "上海化工区管委会"),
        ("临港的一家企业", "上海自贸区临港新片区管委会"),
        ("我们是宝山区的一家企业", "宝山区生态环境局"),
        ("浦东一个产业园区", "浦东新区生态环境局"),  # the district by its short name
        ("我们是一家化工厂", None),
        ("我们是化工区管委会", None),  # the organiser itself speaks
        ("我是黄浦区生态环境局的", None),
    ],
)
def test_the_organizer_is_found_from_where_the_applicant_is(rules: Rules, text: str, organizer: str | None) -> None:
    assert rules.organizer_for(text) == organizer


def test_an_organizer_the_notice_does_not_name_is_refused(tmp_path: Path) -> None:
    path = _write_broken(tmp_path, "{name: 上海化工区管委会,", "{name: 上海化工园区管理局,")
    with pytest.raises(RulesError, match=r"organizers\.zones: '上海化工园区管理局' is not in plan\.4\.1"):
        load_rules(path)
