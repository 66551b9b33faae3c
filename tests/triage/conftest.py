"""Fixtures for the triage tests: the research CSV, which is not in the repository."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "cssrs_reddit_posts.csv"


# Session-scoped so a module can train on it once (training takes half a minute).
@pytest.fixture(scope="session")
def cssrs_data() -> Path:
    """Path to cssrs_reddit_posts.csv, or skip: set KIZUNA_TRIAGE_DATA to point at it."""
    path = Path(os.environ.get("KIZUNA_TRIAGE_DATA", DEFAULT_DATA))
    if not path.is_file():
        pytest.skip(f"research CSV not available at {path} (set KIZUNA_TRIAGE_DATA); not in git")
    return path
