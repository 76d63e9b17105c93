"""Shared fixtures: the packaged rules and source, loaded once per test session."""

from __future__ import annotations

import pytest

from knowledge.rules import Rules, default_rules
from knowledge.sources import SourceDocument, load_source


@pytest.fixture(scope="session")
def rules() -> Rules:
    return default_rules()


@pytest.fixture(scope="session")
def source() -> SourceDocument:
    return load_source()
