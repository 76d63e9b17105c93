"""Reading a filled 申报表 (附件1) back into its parts: type, unit fields, 简介, the plan, the rest.

Works on plain lines, whether they came from the .docx pilotbot drafts (table cells read in document order),
from its Markdown, or from an applicant's own copy of the form. Labels come from ``rules.yaml`` (form.fields).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.schema import Form

_MARKUP = re.compile(r"^[\s#>*|\-+]*|[*|\s]*$")
_PARENTHETICAL = r"(?:\s*[(（][^)）]{0,30}[)）])?"
TAIL_FIELDS = ("proof", "applicant_opinion", "organizer_opinion")


@dataclass
class FormParts:
    """What the applicant wrote in each part of the form (empty strings where nothing was written)."""

    type_text: str = ""
    unit_fields: dict[str, str] = field(default_factory=dict)
    intro: str = ""
    plan: str = ""


def unit_labels(form: Form) -> list[str]:
    """单位名称、单位地址、联系人姓名/职务、手机、邮箱 — the hint of form.applicant, as data."""
    applicant = next(f for f in form.fields if f.id == "applicant")
    return [label.strip() for label in (applicant.hint or "").split("、") if label.strip()]


def _label_pattern(label: str) -> re.Pattern[str]:
    spaced = r"\s*".join(re.escape(ch) for ch in label)
    return re.compile(rf"^{spaced}{_PARENTHETICAL}\s*(?:[:：]\s*(.*))?$")


def read_form(text: str, form: Form) -> FormParts | None:
    """The parts of a 申报表, or None when the text is a bare plan (no 简介 and 方案 labels)."""
    labels = _longest_first({f.id: _label_pattern(f.label) for f in form.fields})
    units = _longest_first({label: _label_pattern(label) for label in unit_labels(form)})
    first_chars = {f.label[0] for f in form.fields} | {label[0] for label in units}
    parts = FormParts()
    current: str | None = None
    seen: set[str] = set()
    buffers: dict[str, list[str]] = {"type": [], "intro": [], "plan": []}
    for raw in text.splitlines():
        line = _MARKUP.sub("", raw.replace("**", "")) if raw[:8].lstrip(" #>*|-+")[:1] in first_chars else ""
        if not line or line[0] not in first_chars:
            if current in buffers:
                buffers[current].append(raw)
            continue
        matched = _match(line, labels)
        if matched is not None:
            field_id, rest = matched
            seen.add(field_id)
            current = field_id if field_id in buffers else None
            if current and rest:
                buffers[current].append(rest)
            continue
        unit = _match(line, units)
        if unit is not None and current not in buffers:
            parts.unit_fields[unit[0]] = unit[1].strip()
            continue
        if current in buffers:
            buffers[current].append(raw)
    if not {"intro", "plan"} <= seen:
        return None
    parts.type_text = " ".join(line.strip() for line in buffers["type"]).strip()
    parts.intro = "\n".join(buffers["intro"]).strip()
    parts.plan = "\n".join(buffers["plan"]).strip()
    for label in units:
        parts.unit_fields.setdefault(label, "")
    return parts


def _longest_first(patterns: dict[str, re.Pattern[str]]) -> dict[str, re.Pattern[str]]:
    """申报单位简介 and 申报单位意见 must be tried before 申报单位."""
    return dict(sorted(patterns.items(), key=lambda kv: -len(kv[1].pattern)))


def _match(line: str, patterns: dict[str, re.Pattern[str]]) -> tuple[str, str] | None:
    for key, pattern in patterns.items():
        match = pattern.match(line)
        if match:
            return key, (match.group(1) or "").strip()
    return None
