"""WeChat message signatures and safe-mode encryption (AES-256-CBC, PKCS#7 over 32-byte blocks).

Implemented on ``cryptography`` as WeChat specifies it; tests check it against the official sample
vector and against wechatpy as an independent implementation.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import struct

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

BLOCK = 32


class WeChatCryptoError(ValueError):
    """A signature or ciphertext that does not check out."""


def signature(*parts: str) -> str:
    """sha1 of the sorted, concatenated parts: ``signature`` (token, timestamp, nonce) and ``msg_signature``
    (token, timestamp, nonce, encrypt)."""
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()


def check_signature(expected: str, *parts: str) -> bool:
    return hmac.compare_digest(signature(*parts), (expected or "").lower())


class WeChatCipher:
    def __init__(self, encoding_aes_key: str, appid: str) -> None:
        try:
            key = base64.b64decode(encoding_aes_key + "=")
        except ValueError as exc:
            raise WeChatCryptoError("EncodingAESKey is not valid base64") from exc
        if len(key) != 32:
            raise WeChatCryptoError("EncodingAESKey must be 43 characters (32 bytes)")
        self._key = key
        self.appid = appid

    def _cipher(self) -> Cipher:
        return Cipher(algorithms.AES(self._key), modes.CBC(self._key[:16]))

    def encrypt(self, text: str, random_prefix: bytes | None = None) -> str:
        prefix = random_prefix if random_prefix is not None else os.urandom(16)
        body = text.encode()
        plain = prefix + struct.pack(">I", len(body)) + body + self.appid.encode()
        pad = BLOCK - len(plain) % BLOCK
        encryptor = self._cipher().encryptor()
        return base64.b64encode(encryptor.update(plain + bytes([pad]) * pad) + encryptor.finalize()).decode()

    def decrypt(self, encrypted: str) -> str:
        try:
            data = base64.b64decode(encrypted)
            decryptor = self._cipher().decryptor()
            plain = decryptor.update(data) + decryptor.finalize()
        except ValueError as exc:
            raise WeChatCryptoError("ciphertext is not valid") from exc
        if not plain:
            raise WeChatCryptoError("ciphertext is empty")
        pad = plain[-1]
        if not 1 <= pad <= BLOCK:
            raise WeChatCryptoError("bad padding")
        plain = plain[:-pad]
        if len(plain) < 20:
            raise WeChatCryptoError("plaintext too short")
        (length,) = struct.unpack(">I", plain[16:20])
        body, appid = plain[20 : 20 + length], plain[20 + length :]
        if appid.decode(errors="replace") != self.appid:
            raise WeChatCryptoError("message is for another appid")
        return body.decode()
