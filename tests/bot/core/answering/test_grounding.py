"""The grounding guard rejects numbers and quotes the cited clauses do not contain."""

from __future__ import annotations

from bot.core.answering.grounding import ungrounded_claims

SOURCE = "由组织单位于每年10月底前将申报材料(附件1,纸质材料一式三份,并附电子版本)报送至市生态环境局。"


def test_numbers_from_the_source_pass() -> None:
    assert ungrounded_claims("请在每年10月底前通过组织单位报送〔plan.4.1〕。", [SOURCE]) == []


def test_an_invented_number_is_caught() -> None:
    assert ungrounded_claims("截止时间是每年11月30日。", [SOURCE]) == ["11", "30"]


def test_an_invented_quote_is_caught() -> None:
    assert ungrounded_claims("通知要求“纸质材料一式五份”。", [SOURCE]) == ["纸质材料一式五份"]
    assert ungrounded_claims("通知要求“纸质材料一式三份”。", [SOURCE]) == []


def test_clause_ids_are_not_claims() -> None:
    assert ungrounded_claims("见〔guide.enterprise.mandatory.4〕", [SOURCE]) == []
