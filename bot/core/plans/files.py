"""Word documents: drafts out as .docx, uploads in from .docx/.md/.txt — all bytes in, bytes out."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import PurePath

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# Bounds checked on the zip directory before decompressing: a 3000字 plan's document.xml is ~100 KB.
DOCUMENT_XML = "word/document.xml"
MAX_DOCUMENT_XML = 10 * 1024 * 1024
MAX_PACKAGE_BYTES = 40 * 1024 * 1024
MAX_ENTRIES = 1000
MAX_PARAGRAPHS = 20_000
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
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
    """The paragraphs of ``word/document.xml`` in document order (table cells included), read with bounds
    checked before anything is decompressed: a zip bomb is refused from its directory, in milliseconds."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise UploadError("无法打开这个 .docx 文件，它可能已损坏或不是 Word 文档。") from exc
    body = next((e for e in entries if e.filename == DOCUMENT_XML), None)
    if body is None or len(entries) > MAX_ENTRIES:
        raise UploadError("无法打开这个 .docx 文件，它不是有效的 Word 文档（缺少正文部分）。")
    if body.file_size > MAX_DOCUMENT_XML or sum(e.file_size for e in entries) > MAX_PACKAGE_BYTES:
        size, limit = body.file_size / 1024 / 1024, MAX_DOCUMENT_XML // 1024 // 1024
        raise UploadError(
            f"这个 .docx 文件解压后正文达{size:.1f}MB，超过{limit}MB的上限（可能是压缩炸弹或异常文件），"
            "已拒绝读取。请另存为普通 Word 文档后再上传。"
        )
    if body.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise UploadError("这个 .docx 文件使用了不支持的压缩方式，请用 Word 或 WPS 另存后再上传。")
    try:
        with archive.open(body) as stream:
            return "\n".join(line for line in _paragraphs(stream) if line.strip())
    except UploadError:
        raise
    except Exception as exc:  # zlib, CRC and XML errors of a malformed package
        raise UploadError("无法读取这个 .docx 文件的内容，它可能已损坏。") from exc


def _paragraphs(stream) -> Iterator[str]:
    """Stream ``w:p`` elements without entities or network access, freeing each once read."""
    from lxml import etree

    events = etree.iterparse(
        stream, events=("end",), tag=_W + "p", resolve_entities=False, no_network=True, load_dtd=False
    )
    for count, (_, paragraph) in enumerate(events, start=1):
        if count > MAX_PARAGRAPHS:
            raise UploadError(f"这个 .docx 文件超过{MAX_PARAGRAPHS}个段落，不像是一份申报材料，已拒绝读取。")
        parts = []
        for node in paragraph.iter(_W + "t", _W + "tab", _W + "br", _W + "cr"):
            parts.append(node.text or "" if node.tag == _W + "t" else "\t" if node.tag == _W + "tab" else "\n")
        yield "".join(parts)
        paragraph.clear()
