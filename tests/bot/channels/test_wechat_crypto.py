"""WeChat signatures and safe-mode encryption: the official sample vector, round trips, and wechatpy agreeing."""

from __future__ import annotations

import pytest

from bot.channels.wechat.crypto import WeChatCipher, WeChatCryptoError, check_signature, signature
from bot.channels.wechat.xmlmsg import BadMessage, cdata, parse, text_reply

# The sample published with WeChat's message-encryption SDKs.
TOKEN = "QDG6eK"
AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
APPID = "wx5823bf96d3bd56c7"
SAMPLE = {
    "msg_signature": "477715d11cdb4164915debcba66cb864d751f3e6",
    "timestamp": "1409659813",
    "nonce": "1372623149",
    "encrypt": (
        "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/"
        "sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJ"
        "YuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGU"
        "callcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KD"
        "YA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q=="
    ),
}
ECHO = {
    "msg_signature": "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3",
    "timestamp": "1409659589",
    "nonce": "263014780",
    "echostr": "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==",
}


def test_known_answer_vector_message() -> None:
    assert check_signature(SAMPLE["msg_signature"], TOKEN, SAMPLE["timestamp"], SAMPLE["nonce"], SAMPLE["encrypt"])
    message = parse(WeChatCipher(AES_KEY, APPID).decrypt(SAMPLE["encrypt"]).encode())
    assert message["ToUserName"] == APPID and message["MsgType"] == "text"


def test_known_answer_vector_echostr() -> None:
    assert check_signature(ECHO["msg_signature"], TOKEN, ECHO["timestamp"], ECHO["nonce"], ECHO["echostr"])
    assert WeChatCipher(AES_KEY, APPID).decrypt(ECHO["echostr"]) == "1616140317555161061"


def test_round_trip_with_a_fixed_prefix_is_deterministic() -> None:
    cipher = WeChatCipher(AES_KEY, APPID)
    text = "<xml><Content><![CDATA[企业申报条件有哪些]]></Content></xml>"
    encrypted = cipher.encrypt(text, random_prefix=b"0123456789abcdef")
    assert encrypted == cipher.encrypt(text, random_prefix=b"0123456789abcdef")
    assert cipher.decrypt(encrypted) == text
    assert cipher.decrypt(cipher.encrypt(text)) == text


def test_wechatpy_agrees_both_ways() -> None:
    wechatpy_crypto = pytest.importorskip("wechatpy.crypto", reason="wechatpy is the independent reference")
    theirs = wechatpy_crypto.WeChatCrypto(TOKEN, AES_KEY, APPID)
    ours = WeChatCipher(AES_KEY, APPID)
    xml = "<xml><ToUserName><![CDATA[u]]></ToUserName><Content><![CDATA[材料交几份]]></Content></xml>"
    envelope = theirs.encrypt_message(xml, "nonce123", "1700000000")
    encrypt = parse(envelope.encode())["Encrypt"]
    assert ours.decrypt(encrypt) == xml
    mine = ours.encrypt(xml)
    sig = signature(TOKEN, "1700000000", "nonce123", mine)
    outer = f"<xml><ToUserName><![CDATA[{APPID}]]></ToUserName><Encrypt><![CDATA[{mine}]]></Encrypt></xml>"
    assert theirs.decrypt_message(outer, sig, "1700000000", "nonce123") == xml


def test_another_appid_or_garbage_is_refused() -> None:
    encrypted = WeChatCipher(AES_KEY, "wx_someone_else").encrypt("hi")
    with pytest.raises(WeChatCryptoError, match="another appid"):
        WeChatCipher(AES_KEY, APPID).decrypt(encrypted)
    with pytest.raises(WeChatCryptoError):
        WeChatCipher(AES_KEY, APPID).decrypt("not base64!!")
    with pytest.raises(WeChatCryptoError, match="EncodingAESKey"):
        WeChatCipher("short", APPID)


def test_forged_signature_fails() -> None:
    assert not check_signature("0" * 40, TOKEN, "1", "2")
    assert not check_signature("", TOKEN, "1", "2")


def test_cdata_cannot_be_escaped() -> None:
    xml = text_reply("user", "me", "]]><evil>x</evil><![CDATA[", now=1)
    assert parse(xml.encode())["Content"] == "]]><evil>x</evil><![CDATA["
    assert cdata("a\x00b\x1fc") == "<![CDATA[abc]]>"


def test_hostile_xml_is_refused() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><xml><Content>&a;</Content></xml>'
    with pytest.raises(BadMessage):
        parse(bomb)
    with pytest.raises(BadMessage):
        parse(b"<xml><unclosed></xml>")
    assert parse(b"<xml><Content>a\x01b</Content></xml>")["Content"] == "ab"


def test_seen_deliveries_are_claimed_once_and_pruned(tmp_path) -> None:
    from datetime import timedelta

    from bot.channels.wechat.seen import SeenStore

    store = SeenStore(f"sqlite:///{tmp_path / 'seen.db'}")
    assert store.claim("msg:1", "processing") and not store.claim("msg:1", "processing")
    store.set("msg:1", "replied", "答复")
    assert store.get("msg:1") == ("replied", "答复")
    assert store.prune() == 0
    assert store.prune(older_than=timedelta(seconds=-1)) == 1 and store.get("msg:1") is None
