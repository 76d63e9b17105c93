"""The complete 申报表 (附件1) around a drafted plan: Markdown and a printable A4 Word document.

Laid out as the form is: a table with 申报主体类型, 申报单位 (name, address, contact, phone, e-mail), 简介,
试点实施方案 with its five sections, 申报单位意见 and 组织单位意见 with (盖章) 年 月 日; then the list of proof
documents to attach, per 申报条件 of the type (rules.yaml ``proof``, citing each condition's clause).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.core.plans.drafting import Draft, plain_text
from knowledge.application_form import unit_labels
from knowledge.rules import Rules
from knowledge.schema import ApplicantType

_PHONE = re.compile(r"(?:\+?86[- ]?)?1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d+)?")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
STAMP = "（盖章）"
DATE = "年　　月　　日"
BODY_FONT, HEADING_FONT, LATIN_FONT = "仿宋", "黑体", "Times New Roman"


def application_stem(unit_name: str) -> str:
    """The download's name says what it holds: the whole 申报表, not only the plan inside it."""
    return f"{unit_name}-申报表"


@dataclass(frozen=True)
class ProofEntry:
    number: int
    condition: str
    clause: str
    documents: tuple[str, ...]


def proof_list(rules: Rules, kind: ApplicantType) -> list[ProofEntry]:
    """The documents to attach for each 申报条件 of the type; a condition lost from the source says so."""
    return [
        ProofEntry(c.number, c.text or rules.missing_notice, c.clause, c.proof or (rules.missing_notice,))
        for c in kind.conditions
    ]


def unit_values(rules: Rules, draft: Draft) -> dict[str, str]:
    """单位名称…邮箱 from the profile; a phone or e-mail written into the contact line is moved to its field."""
    profile = draft.profile
    phone = profile.phone or next(iter(_PHONE.findall(profile.contact)), "")
    email = profile.email or next(iter(_EMAIL.findall(profile.contact)), "")
    person = _EMAIL.sub("", _PHONE.sub("", profile.contact)).strip(" ,，;；、/")
    values = [profile.name, profile.address, person, phone, email]
    labels = unit_labels(rules.data.form)
    return {label: value or f"【填写：{label}】" for label, value in zip(labels, values, strict=True)}


def _type_marks(rules: Rules, kind: ApplicantType) -> str:
    return "　".join(("☑" if t.id == kind.id else "□") + t.name for t in rules.types)


def _label(rules: Rules, field_id: str) -> str:
    field = next(f for f in rules.data.form.fields if f.id == field_id)
    extra = [f"{field.limit}字以内" if field.limit else "", "可附页" if field_id == "plan" else ""]
    extra = [e for e in extra if e]
    return field.label + (f"（{'，'.join(extra)}）" if extra else "")


def application_markdown(rules: Rules, draft: Draft) -> str:
    """The whole 申报表 as Markdown; its plan part is ``draft.markdown`` unchanged."""
    kind = rules.type(draft.type_id)
    form = rules.data.form
    lines = ["附件1", "", f"# {form.title}", "", f"**{_label(rules, 'type')}**：{_type_marks(rules, kind)}", ""]
    lines += [f"**{_label(rules, 'applicant')}**", ""]
    lines += [f"- {label}：{value}" for label, value in unit_values(rules, draft).items()]
    lines += ["", f"**{_label(rules, 'intro')}**", "", draft.intro, "", f"**{_label(rules, 'plan')}**", ""]
    lines += [draft.markdown.rstrip(), ""]
    for field_id in ("applicant_opinion", "organizer_opinion"):
        lines += [f"**{_label(rules, field_id)}**", "", f"{STAMP}　　{DATE}", ""]
    lines += [f"**附件：{form.proof.split(':', 1)[-1].split('：', 1)[-1]}**（建议清单）", ""]
    for entry in proof_list(rules, kind):
        lines.append(f"{entry.number}. {_strip_number(entry.condition)}〔{entry.clause}〕")
        lines += [f"   - {doc}" for doc in entry.documents]
    return "\n".join(lines).rstrip() + "\n"


def _strip_number(text: str) -> str:
    return re.sub(r"^\d+、", "", text)


def application_docx(rules: Rules, draft: Draft) -> bytes:
    """The 申报表 as a printable A4 Word document with Chinese fonts and proper document properties."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Mm, Pt

    kind = rules.type(draft.type_id)
    form = rules.data.form
    document = Document()
    _page_and_fonts(document, Mm, Cm, Pt)
    _properties(document, rules, draft)
    document.add_paragraph("附件1")
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(form.title)
    run.bold, run.font.size = True, Pt(18)
    _east_asia(run, HEADING_FONT)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = (Cm(3.4), Cm(12.6))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width

    def row(field_id: str) -> object:
        cells = table.add_row().cells
        cells[0].width, cells[1].width = widths
        label = cells[0].paragraphs[0]
        label.add_run(_label(rules, field_id)).bold = True
        label.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return cells[1]

    row("type").paragraphs[0].text = _type_marks(rules, kind)
    _fill(row("applicant"), [f"{label}：{value}" for label, value in unit_values(rules, draft).items()])
    _fill(row("intro"), [draft.intro])
    plan_cell = row("plan")
    _fill(plan_cell, [])
    for line in draft.markdown.splitlines():
        if not line.strip():
            continue
        heading = re.match(r"^(#{1,6})\s*(.*)$", line)
        if heading:
            level = len(heading.group(1))
            paragraph = plan_cell.add_paragraph(heading.group(2).strip(), style="Heading 2" if level <= 2 else None)
            if level == 1:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif level > 2:
                paragraph.runs[0].bold = True
        else:
            plan_cell.add_paragraph(plain_text(line))
    _drop_first_if_empty(plan_cell)
    for field_id in ("applicant_opinion", "organizer_opinion"):
        cell = row(field_id)
        _fill(cell, ["", "", "", STAMP, DATE])
        for paragraph in cell.paragraphs[-2:]:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    proof = document.add_paragraph(style="Heading 2")
    proof.add_run("附件：" + form.proof.split(":", 1)[-1] + "（建议清单）")
    for entry in proof_list(rules, kind):
        document.add_paragraph(f"{entry.number}. {_strip_number(entry.condition)}〔{entry.clause}〕")
        for doc in entry.documents:
            document.add_paragraph(f"□ {doc}").paragraph_format.left_indent = Cm(0.75)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _fill(cell, lines: list[str]) -> None:
    cell.paragraphs[0].text = lines[0] if lines else ""
    for line in lines[1:]:
        cell.add_paragraph(line)


def _drop_first_if_empty(cell) -> None:
    first = cell.paragraphs[0]
    if not first.text and len(cell.paragraphs) > 1:
        first._element.getparent().remove(first._element)


def _east_asia(run, font: str) -> None:
    from docx.oxml.ns import qn

    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _page_and_fonts(document, Mm, Cm, Pt) -> None:
    from docx.oxml.ns import qn

    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Cm(2.54)
        section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    for name, east_asia, size in (
        ("Normal", BODY_FONT, 12),
        ("Heading 1", HEADING_FONT, 16),
        ("Heading 2", HEADING_FONT, 14),
    ):
        style = document.styles[name]
        style.font.name = LATIN_FONT
        style.font.size = Pt(size)
        if name != "Normal":
            style.font.color.rgb = None
            style.font.bold = True
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        fonts.set(qn("w:eastAsia"), east_asia)
        fonts.set(qn("w:ascii"), LATIN_FONT)
        fonts.set(qn("w:hAnsi"), LATIN_FONT)


def _properties(document, rules: Rules, draft: Draft) -> None:
    props = document.core_properties
    props.author = props.last_modified_by = "pilotbot"
    props.title = f"{rules.data.form.title}（{draft.profile.name}）"
    props.subject = rules.data.programme.title
    props.keywords = f"申报表; 试点实施方案; {rules.type(draft.type_id).name}"
    props.comments = "由 pilotbot 起草，请补全【填写：…】处并盖章后报送组织单位。"
    props.language = "zh-CN"
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    props.revision = 1
