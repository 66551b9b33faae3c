"""Headless Chromium (Debian's package) driven by Playwright against a live server."""

from collections.abc import Iterator

import pytest

from bench.kit.browser import PHONE, chromium_launch
from bench.kit.processes import wait_for
from tests.support.processes import wait_for_database_quiet
from tests.support.staff import authenticator_for, totp_code

# Generous waits: CI shares two cores between the server, a worker and Chromium. Tests
# never assert on time; a wait only bounds how long a failure takes to show.
WAIT_MS = 20_000
PASSWORD = "a-long-test-password"


# Module scope: the running loop must be gone before other modules' tests use the ORM.
@pytest.fixture(scope="module")
def browser() -> Iterator:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=WAIT_MS)

    # Playwright's sync API keeps an event loop running in this thread, and Django then
    # refuses ORM calls from test code (factories, database flushes). They are safe here:
    # nothing else runs in this thread meanwhile.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = chromium_launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def server_quiet_before_flush(transactional_db: None, live_server_url: str) -> Iterator[None]:
    """Torn down after the pages close and before the test database is flushed: the
    server finishes what their disconnects started (forgetting a console, marking its
    counselor offline) before the flush's TRUNCATE takes its table locks; the two
    overlapping deadlocked now and then."""
    from accounts.models import ConsoleSocket

    yield
    wait_for(lambda: not ConsoleSocket.objects.exists(), timeout=15)
    wait_for_database_quiet()


@pytest.fixture
def seeker_context(browser, live_server_url: str) -> Iterator:
    context = browser.new_context(base_url=live_server_url, viewport=PHONE, is_mobile=True)
    context.set_default_timeout(WAIT_MS)
    yield context
    context.close()


@pytest.fixture
def counselor_login(browser, live_server_url: str):
    contexts = []

    def login(user):
        """Password, then the code from the user's authenticator (two-factor login)."""
        device = authenticator_for(user)
        context = browser.new_context(base_url=live_server_url)
        context.set_default_timeout(WAIT_MS)
        contexts.append(context)
        page = context.new_page()
        page.goto("/console/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        try:
            page.wait_for_url("**/accounts/login/code/")
            page.fill("#id_code", totp_code(device))
            page.click("button[type=submit]")
            page.wait_for_url("**/console/")
        except Exception:
            page.screenshot(path="/tmp/login-fail.png")
            raise
        page.wait_for_selector("#connection:has-text('Connected')")
        return page

    yield login
    for context in contexts:
        context.close()
