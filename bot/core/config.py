"""All of pilotbot's settings, read from ``PILOTBOT_*`` environment variables (or ``.env``) once at start-up."""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

from pydantic import SecretStr, field_validator

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
    user_rate_limit: int = 20  # chat messages per minute per user on Telegram and WeChat; 0 disables

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
