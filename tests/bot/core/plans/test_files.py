"""Uploads: what can be read is read; anything else is a clear message, never a crash."""

from __future__ import annotations

import io
import zipfile

import pytest

from bot.core.plans.files import MAX_PARAGRAPHS, MAX_UPLOAD_BYTES, UploadError, markdown_to_docx, read_upload


def test_docx_text_comes_back() -> None:
    data = markdown_to_docx("# 标题\n\n## 一、试点目标\n\n正文。")
    assert read_upload("a.DOCX", data) == "标题\n一、试点目标\n正文。"


def test_utf8_with_bom() -> None:
    assert read_upload("a.txt", "\ufeff试点".encode()) == "试点"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("plan.pdf", b"%PDF-1.4", "仅支持"),
        ("plan", b"text", "仅支持"),
        ("plan.docx", b"not a zip at all", "无法打开"),
        ("plan.docx", b"PK\x03\x04broken", "无法"),
        ("plan.txt", b"", "空的"),
        ("plan.txt", b"\xff\xfe\xfa\xfb" * 3, "编码"),
        ("plan.md", b"x" * (MAX_UPLOAD_BYTES + 1), "超过5MB"),
    ],
)
def test_unreadable_uploads_raise_a_clear_error(name: str, data: bytes, message: str) -> None:
    with pytest.raises(UploadError, match=message):
        read_upload(name, data)


def _docx_with(document_xml: bytes, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A Word package whose body is ``document_xml``, next to the parts of a real document."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(markdown_to_docx("正文。"))) as source, zipfile.ZipFile(buffer, "w") as target:
        for entry in source.infolist():
            if entry.filename != "word/document.xml":
                target.writestr(entry, source.read(entry))
        target.writestr("word/document.xml", document_xml, compress_type=compression)
    return buffer.getvalue()


W = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'


def test_a_zip_bomb_is_refused_from_the_zip_directory_with_a_clear_message() -> None:
    # 52 MB of paragraphs that deflate to a few hundred KB, as in the report that took 2.9 GB and 10 minutes.
    paragraph = b"<w:p><w:r><w:t>" + "试点内容".encode() * 20 + b"</w:t></w:r></w:p>"
    bomb = _docx_with(W + paragraph * (52 * 1024 * 1024 // len(paragraph)) + b"</w:body></w:document>")
    assert len(bomb) < MAX_UPLOAD_BYTES
    with pytest.raises(UploadError, match=r"解压后正文达5\d\.\dMB.*压缩炸弹"):
        read_upload("plan.docx", bomb)


def test_too_many_paragraphs_are_refused() -> None:
    xml = W + b"<w:p/>" * (MAX_PARAGRAPHS + 1) + b"</w:body></w:document>"
    with pytest.raises(UploadError, match="段落"):
        read_upload("plan.docx", _docx_with(xml))


def test_other_compression_methods_are_refused() -> None:
    xml = W + b"<w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>"
    with pytest.raises(UploadError, match="压缩方式"):
        read_upload("plan.docx", _docx_with(xml, zipfile.ZIP_BZIP2))


def test_entities_are_not_expanded() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "' + b"A" * 1000 + b'">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    )
    xml = laughs + W + b"<w:p><w:r><w:t>x&c;</w:t></w:r></w:p></w:body></w:document>"
    assert read_upload("plan.docx", _docx_with(xml)) == "x"  # 100 KB of “A” if the entities were expanded


def test_table_cells_are_read_in_document_order() -> None:
    xml = (
        W + b"<w:p><w:r><w:t>before</w:t></w:r></w:p><w:tbl><w:tr>"
        b"<w:tc><w:p><w:r><w:t>label</w:t></w:r></w:p></w:tc>"
        b"<w:tc><w:p><w:r><w:t>value</w:t><w:tab/><w:t>more</w:t></w:r></w:p></w:tc>"
        b"</w:tr></w:tbl><w:p><w:r><w:t>after</w:t></w:r></w:p></w:body></w:document>"
    )
    assert read_upload("plan.docx", _docx_with(xml)) == "before\nlabel\nvalue\tmore\nafter"
