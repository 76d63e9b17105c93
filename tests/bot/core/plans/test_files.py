"""Uploads: what can be read is read; anything else is a clear message, never a crash."""

from __future__ import annotations

import pytest

from bot.core.plans.files import MAX_UPLOAD_BYTES, UploadError, markdown_to_docx, read_upload


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
