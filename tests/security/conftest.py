"""The browser fixtures (Chromium, a help-seeker's context, the staff login helper) from
tests/browser/conftest.py, for the security tests that use real pages."""

from collections.abc import Iterator

import pytest

from tests.browser.conftest import browser, counselor_login, seeker_context
from tests.support.processes import wait_for_database_quiet

__all__ = ["browser", "counselor_login", "seeker_context"]


@pytest.fixture(autouse=True)
def server_quiet_before_flush(request: pytest.FixtureRequest) -> Iterator[None]:
    """For the tests with real pages: torn down after the pages close and before the test
    database is flushed, so a server still handling a closed page's disconnect (or the
    last of a flood of starts) is done before the flush's TRUNCATE takes its table locks.
    Without it the two deadlocked now and then ("Database test_kizuna couldn't be
    flushed"), and the next test found the last one's rows."""
    if request.node.get_closest_marker("browser") is None:
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    wait_for_database_quiet()
