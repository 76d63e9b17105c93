"""The words of understanding are cross-checked against the rules when loaded: a lexicon naming a fact the rules
do not hold fails at start-up, naming the file and field, not in the middle of a user's conversation."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from knowledge.lexicon import LEXICON_PATH, load_lexicon
from knowledge.rules import RulesError


def _variant(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "understanding.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_the_shipped_lexicon_loads() -> None:
    assert load_lexicon().next_steps["route"] == "review"


def test_a_next_step_naming_an_unknown_fact_is_refused(tmp_path: Path) -> None:
    path = _variant(tmp_path, lambda d: d["next_steps"].update(review="no_such_fact"))
    with pytest.raises(RulesError, match=r"next_steps\.review: unknown fact 'no_such_fact'"):
        load_lexicon(path)


def test_an_unset_topic_relating_an_unknown_fact_is_refused(tmp_path: Path) -> None:
    path = _variant(tmp_path, lambda d: d["unset_topics"][0].update(related=["gone"]))
    with pytest.raises(RulesError, match=r"unset_topics\.\w+\.related: unknown fact 'gone'"):
        load_lexicon(path)


def test_an_unset_topic_set_against_an_unknown_fact_is_refused(tmp_path: Path) -> None:
    path = _variant(tmp_path, lambda d: d["unset_topics"][0].update(alternative_to=["gone"]))
    with pytest.raises(RulesError, match=r"unset_topics\.\w+\.alternative_to: unknown fact 'gone'"):
        load_lexicon(path)


def test_a_value_slot_owned_by_an_unknown_fact_is_refused(tmp_path: Path) -> None:
    path = _variant(tmp_path, lambda d: d["value_slots"]["phone"].update(owner="gone"))
    with pytest.raises(RulesError, match=r"value_slots\.phone\.owner: unknown fact 'gone'"):
        load_lexicon(path)
