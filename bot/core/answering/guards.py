"""Recognising injected instructions, and the words of a refusal. Questions off the notice are recognised by
the understanding step, from the `off_topic` topic in ``knowledge/understanding.yaml``."""

from __future__ import annotations

import re

_INJECTION = re.compile(
    r"忽略|无视|忘掉|忘记(?:之前|以上|前面)|(?<!要)不要管(?:之前|以上|前面|上面|规则|指令|设定)|绕过(?:规则|限制|设定|设置|系统|安全|审查|过滤|指令|你的|前面|之前|上面)|越狱|扮演|假装|你现在是|系统提示|提示词|system\s*prompt|"
    r"ignore\s+(?:all|any|the|previous|above|your)|disregard|jailbreak|pretend|developer\s+mode|"
    r"(?:输出|打印|显示|告诉我|泄露).{0,6}(?:配置|设定|prompt|密钥|api.?key|指令)",
    re.IGNORECASE,
)

REFUSAL = (
    "抱歉，这个问题不在《关于加快构建现代环境治理体系 促进提升城市软实力的通知》及其附件的范围内。"
    "我只能回答上海市现代环境治理体系试点示范申报相关的问题，例如申报条件、必选项、创新项、截止时间、报送材料和名额。"
)
INJECTION_REFUSAL = "我只能依据通知原文作答，不能忽略或更改其中的规定，也不会透露系统设置。"


def looks_like_injection(question: str) -> bool:
    return bool(_INJECTION.search(question))
