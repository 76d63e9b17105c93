"""Where the index lives and which embedder builds it; read from ``PILOTBOT_*`` environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "pilotbot"


class IndexSettings(BaseSettings):
    """``PILOTBOT_DATA_DIR``, ``PILOTBOT_EMBEDDER`` (``e5`` or ``sentence-transformers:<name-or-path>``),
    ``PILOTBOT_CHROMA_URL`` (a chroma server; embedded persistent chromadb when unset)."""

    model_config = SettingsConfigDict(env_prefix="PILOTBOT_", env_file=".env", extra="ignore")

    data_dir: Path = _default_data_dir()
    embedder: str = "e5"
    chroma_url: str | None = None
