"""WeChat's XML both ways, defensively: no DTDs, no control characters, no way out of CDATA."""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class BadMessage(ValueError):
    pass


def strip_control(text: str) -> str:
    return _CONTROL.sub("", text)


def parse(body: bytes) -> dict[str, str]:
    """Flat ``{tag: text}`` of a WeChat message; DTDs and entities are refused outright."""
    text = strip_control(body.decode("utf-8", errors="replace"))
    if "<!DOCTYPE" in text.upper() or "<!ENTITY" in text.upper():
        raise BadMessage("DTDs are not allowed")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise BadMessage(f"malformed XML: {exc}") from exc
    return {child.tag: (child.text or "") for child in root}


def cdata(text: str) -> str:
    """A CDATA section that no content can close early: ``]]>`` is split across two sections."""
    return "<![CDATA[" + strip_control(text).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def text_reply(to_user: str, from_user: str, content: str, now: int | None = None) -> str:
    return (
        f"<xml><ToUserName>{cdata(to_user)}</ToUserName><FromUserName>{cdata(from_user)}</FromUserName>"
        f"<CreateTime>{now or int(time.time())}</CreateTime><MsgType>{cdata('text')}</MsgType>"
        f"<Content>{cdata(content)}</Content></xml>"
    )


def encrypted_envelope(encrypt: str, msg_signature: str, timestamp: str, nonce: str) -> str:
    return (
        f"<xml><Encrypt>{cdata(encrypt)}</Encrypt><MsgSignature>{cdata(msg_signature)}</MsgSignature>"
        f"<TimeStamp>{timestamp}</TimeStamp><Nonce>{cdata(nonce)}</Nonce></xml>"
    )
