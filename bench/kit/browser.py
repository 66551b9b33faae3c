"""Headless Chromium (Debian's package) driven by Playwright, as benchmarks and browser
tests launch it, and the phone a help-seeker most often writes from."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}


def chromium_launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """A browser for the length of the block (Playwright's sync API)."""
    with sync_playwright() as playwright:
        browser = chromium_launch(playwright)
        try:
            yield browser
        finally:
            browser.close()
