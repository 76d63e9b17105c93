"""All of pilotbot's settings, read from ``PILOTBOT_*`` environment variables (or ``.env``) once at start-up."""

from __future__ import annotations

from functools import cache
from typing import Literal
from urllib.parse import urlsplit

from pydantic import SecretStr, field_validator, model_validator

from indexer.config import IndexSettings

PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")


class Settings(IndexSettings):
    """Index settings plus the optional LLM; see the README for every variable."""

    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: SecretStr | None = None
    llm_timeout: float = 20.0
    database_url: str | None = None
    auto_migrate: bool = False  # upgrade a database behind the code at start-up instead of refusing it
    staff_token: SecretStr | None = None
    rate_limit: int = 60  # requests per minute per client on /api; 0 disables
    public_url: str = "http://127.0.0.1:8000"  # how users reach this server (download links in chat replies)
    telegram_token: SecretStr | None = None
    telegram_secret: SecretStr | None = None
    telegram_proxy: str | None = None  # http://, https:// or socks5:// — how a bot in mainland China reaches Telegram
    wechat_token: SecretStr | None = None
    wechat_aes_key: SecretStr | None = None
    wechat_appid: str | None = None
    wechat_secret: SecretStr | None = None
    wechat_api_base: str = "https://api.weixin.qq.com"
    wechat_mode: Literal["plaintext", "compatible", "safe"] = "plaintext"  # 明文 / 兼容 / 安全, as in 公众平台
    user_rate_limit: int = 20  # chat messages per minute per user on Telegram and WeChat; 0 disables
    request_timeout: float = 30.0  # seconds an HTTP request may take before it is answered 504; 0 disables

    @field_validator("wechat_mode", mode="before")
    @classmethod
    def _wechat_mode_in_chinese(cls, value: object) -> object:
        """The 公众平台 names the modes 明文模式/兼容模式/安全模式; either name is accepted."""
        names = {"明文": "plaintext", "兼容": "compatible", "安全": "safe"}
        text = str(value).strip().lower().removesuffix("模式")
        return names.get(text, text)

    @model_validator(mode="after")
    def _safe_mode_needs_a_key(self) -> Settings:
        if self.wechat_mode != "plaintext" and not (self.wechat_aes_key and self.wechat_appid):
            raise ValueError(
                f"PILOTBOT_WECHAT_MODE={self.wechat_mode} needs PILOTBOT_WECHAT_AES_KEY and PILOTBOT_WECHAT_APPID"
            )
        return self

    @field_validator("telegram_proxy")
    @classmethod
    def _proxy_url(cls, value: str | None) -> str | None:
        if value and (urlsplit(value).scheme not in PROXY_SCHEMES or not urlsplit(value).hostname):
            raise ValueError(f"must be a proxy URL such as socks5://127.0.0.1:1080 ({', '.join(PROXY_SCHEMES)})")
        return value or None

    @property
    def database(self) -> str:
        """``PILOTBOT_DATABASE_URL``, or a SQLite file beside the index."""
        if self.database_url:
            return self.database_url
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{self.data_dir / 'pilotbot.db'}"

    @property
    def llm_configured(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)

    def __repr_args__(self):  # never print secrets, even in a traceback
        for key, value in super().__repr_args__():
            yield key, ("***" if key and ("key" in key or "secret" in key or "token" in key) and value else value)


@cache
def get_settings() -> Settings:
    return Settings()
