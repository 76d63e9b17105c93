"""count_chars follows Word's 字数: CJK and full-width marks count 1 each, a Latin/number run counts 1."""

from __future__ import annotations

import pytest

from knowledge.rules import count_chars


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("   \n\t", 0),
        ("试点目标", 4),
        ("试点目标。", 5),
        ("一、试点目标", 6),
        ("ISO14001", 1),
        ("ISO 14001", 2),
        ("2025年", 2),
        ("3.5万元", 3),
        ("EOD模式", 3),
        ("(EOD模式)", 4),  # “(EOD” is one run, 模式 two characters, “)” one run
        ("我们计划2025年完成ISO14001认证，共3.5万元。", 17),
        ("“放管服”改革", 7),
        ("green building 绿色建筑", 6),
        ("ＡＢＣ", 3),  # full-width letters count one each, as Word counts them
    ],
)
def test_count_chars(text: str, expected: int) -> None:
    assert count_chars(text) == expected
