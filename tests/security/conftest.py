"""The browser fixtures (Chromium, a help-seeker's context, the staff login helper) from
tests/browser/conftest.py, for the security tests that use real pages."""

from tests.browser.conftest import browser, counselor_login, seeker_context

__all__ = ["browser", "counselor_login", "seeker_context"]
