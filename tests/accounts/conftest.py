"""Staff accounts tests log in through the real forms; a slow password hash buys nothing."""

import pytest


@pytest.fixture(autouse=True)
def _quick_passwords(quick_passwords: None) -> None:
    """Every test here: the root conftest's quick_passwords."""
