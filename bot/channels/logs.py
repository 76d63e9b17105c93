"""Structured channel logs: user ids hashed, message bodies never logged at INFO."""

from __future__ import annotations

import hashlib
import json
import logging


def user_hash(channel: str, user_id: str) -> str:
    return hashlib.sha256(f"{channel}:{user_id}".encode()).hexdigest()[:12]


def log_event(logger: logging.Logger, event: str, *, channel: str, user_id: str, **fields) -> None:
    """One JSON line per event; pass sizes and kinds, never the text itself."""
    record = {"event": event, "channel": channel, "user": user_hash(channel, user_id), **fields}
    logger.info(json.dumps(record, ensure_ascii=False, sort_keys=True))
