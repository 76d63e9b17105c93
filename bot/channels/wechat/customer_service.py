"""WeChat's customer-service message API, behind an interface so tests can stand in for WeChat's servers."""

from __future__ import annotations

import threading
import time
from typing import Protocol

import httpx

API = "https://api.weixin.qq.com"


class CustomerServiceSender(Protocol):
    def send_text(self, openid: str, content: str) -> None: ...


class WeChatApiError(RuntimeError):
    pass


class CustomerServiceClient:
    """Sends ``text`` customer-service messages; the access token is cached until shortly before it expires."""

    def __init__(self, appid: str, secret: str, base_url: str = API, http: httpx.Client | None = None) -> None:
        self.appid, self._secret, self.base_url = appid, secret, base_url.rstrip("/")
        self._http = http or httpx.Client(timeout=10)
        self._token: tuple[str, float] | None = None
        self._lock = threading.Lock()

    def access_token(self) -> str:
        with self._lock:
            if self._token and time.monotonic() < self._token[1]:
                return self._token[0]
            response = self._http.get(
                f"{self.base_url}/cgi-bin/token",
                params={"grant_type": "client_credential", "appid": self.appid, "secret": self._secret},
            )
            body = response.json()
            if "access_token" not in body:
                raise WeChatApiError(f"token request failed: errcode {body.get('errcode')}")
            lifetime = int(body.get("expires_in", 7200))
            self._token = (body["access_token"], time.monotonic() + max(lifetime - 300, 60))
            return self._token[0]

    def send_text(self, openid: str, content: str) -> None:
        payload = {"touser": openid, "msgtype": "text", "text": {"content": content}}
        for attempt in range(2):
            response = self._http.post(
                f"{self.base_url}/cgi-bin/message/custom/send",
                params={"access_token": self.access_token()},
                json=payload,
            )
            body = response.json()
            if body.get("errcode", 0) == 0:
                return
            if body.get("errcode") in (40001, 42001) and attempt == 0:  # token revoked or expired early
                with self._lock:
                    self._token = None
                continue
            raise WeChatApiError(f"custom message failed: errcode {body.get('errcode')}")
