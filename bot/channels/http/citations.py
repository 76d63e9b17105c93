"""Citations titled in words for people (附件2 › 企业 › 必选项第4条); the clause id stays available, secondary."""

from __future__ import annotations

import re

_DOCUMENT = re.compile(r"^(附件\d*)\s*上海市现代环境治理体系试点示范(?:工作|项目)?(.*)$")
_SUBJECT = re.compile(r"^\d+-\d+\s*试点主体[:：]\s*(.+)$")
_NUMBERED = ("必选项", "创新项", "申报条件")
_DROPPED = ("试点的主要内容及要求",)
_SUFFIXES = {"scoring": "评分说明", "mandatory_score": "分值"}


def citation_label(clause_id: str, title: str) -> str:
    """A short path through the notice: document, applicant type, section, and the item's number."""
    parts: list[str] = []
    whole_document = ""
    for part in (p.strip() for p in title.split("›")):
        if part in _DROPPED or not part:
            continue
        if document := _DOCUMENT.match(part):
            number, rest = document.groups()
            whole_document = f"{number} {rest.strip()}"
            part = number if number != "附件" else whole_document
        elif subject := _SUBJECT.match(part):
            part = subject.group(1)
        parts.append(re.sub(r"\s+", "", part) if not part.startswith("附件 ") else part)
    last = clause_id.rsplit(".", 1)[-1]
    if parts and parts[-1] in _NUMBERED and last.isdigit():
        parts[-1] = f"{parts[-1]}第{last}条"
    elif last in _SUFFIXES:
        parts.append(_SUFFIXES[last])
    if len(parts) == 1 and whole_document:
        parts = [whole_document]
    return " › ".join(parts) or clause_id
