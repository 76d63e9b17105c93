"""Word documents: drafts out as .docx, uploads in from .docx/.md/.txt — all bytes in, bytes out."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SUPPORTED = (".docx", ".md", ".txt")


class UploadError(ValueError):
    """An upload pilotbot cannot read; the message is meant for the user, in Chinese."""


def markdown_to_docx(markdown: str) -> bytes:
    """A real Word document with headings, readable back into the same plain text."""
    from docx import Document
    from docx.oxml.ns import qn

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "SimSun"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    for line in markdown.splitlines():
        if not line.strip():
            continue
        heading = re.match(r"^(#{1,6})\s*(.*)$", line)
        if heading:
            document.add_heading(heading.group(2).strip(), level=min(len(heading.group(1)) - 1, 3) or 0)
        else:
            document.add_paragraph(line.replace("**", ""))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def read_upload(filename: str, data: bytes) -> str:
    """Plain text of an uploaded plan; anything unreadable raises :class:`UploadError`, never crashes."""
    suffix = PurePath(filename or "").suffix.lower()
    if suffix not in SUPPORTED:
        raise UploadError(f"仅支持 .docx、.md、.txt 文件，收到的是“{suffix or '无扩展名'}”。")
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadError(f"文件超过5MB（{len(data) / 1024 / 1024:.1f}MB），请精简后再上传。")
    if not data:
        raise UploadError("文件是空的。")
    if suffix == ".docx":
        return _docx_text(data)
    from bot.core.plans.drafting import plain_text

    text = _decode(data)
    return plain_text(text) if suffix == ".md" else text


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UploadError("无法识别文件编码，请另存为 UTF-8 或 GB18030 编码的文本。")


def _docx_text(data: bytes) -> str:
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UploadError("无法打开这个 .docx 文件，它可能已损坏或不是 Word 文档。") from exc
    except Exception as exc:  # python-docx raises assorted lxml/opc errors for malformed packages
        raise UploadError("无法读取这个 .docx 文件的内容。") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(line for line in lines if line.strip())
