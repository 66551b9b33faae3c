"""A person who writes while the service is closed, on a phone, in a real browser against a
server whose hours exclude now: they are told at once that nobody can answer yet and when
the service opens, the emergency numbers come first, and they can still write (their
message is kept for when it opens). No wait estimate pretends someone is coming."""

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bench.kit.browser import PHONE
from bench.kit.processes import Server
from tests.browser.conftest import WAIT_MS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def hours_excluding_now() -> tuple[str, re.Pattern[str]]:
    """A two-hour window starting three hours from now (service local time; the browser
    runs in the same zone here), and the opening time as the page may word it (24-hour or
    12-hour clock, by the browser's locale; with the day's name when it is tomorrow)."""
    now = timezone.localtime()
    start = now + timedelta(hours=3)
    end = start + timedelta(hours=2)
    # After 21:00 the opening is tomorrow, and the page names the day ("Tuesday 00:16").
    day = f"{start:%A} " if start.date() != now.date() else ""
    said = f"{day}({start:%H:%M}|{start:%I:%M %p})"
    return f"{start:%H:%M}-{end:%H:%M}", re.compile(f"We open again at {said}")


@pytest.fixture
def closed_server(
    server_env: dict[str, str], tmp_path: Path
) -> Iterator[tuple[str, re.Pattern[str]]]:
    window, opens = hours_excluding_now()
    server = Server(
        {**server_env, "KIZUNA_SERVICE_HOURS": window, "KIZUNA_OPENING_HOURS": window},
        tmp_path / "closed-server.log",
    )
    yield server.url, opens
    server.stop()


def test_writing_while_closed_tells_the_truth_and_keeps_the_message(browser, closed_server):
    url, opens = closed_server
    context = browser.new_context(base_url=url, viewport=PHONE, is_mobile=True)
    context.set_default_timeout(WAIT_MS)
    try:
        page = context.new_page()
        page.goto("/chat/")
        expect(page.locator(".closed-note")).to_contain_text("We are closed right now")
        # Emergency numbers first, and the box to write in, both without scrolling.
        page.evaluate("window.scrollTo(0, 0)")
        expect(page.locator("#emergency")).to_be_in_viewport(ratio=1)
        expect(page.locator("#composer-input")).to_be_in_viewport()

        page.fill("#composer-input", "Is anyone there? I just need to talk.")
        page.click("#send-button")
        expect(page.locator(".message.mine .state").first).to_have_text("Sent")
        waiting_room = page.locator("#waiting-room")
        expect(waiting_room).to_contain_text(opens)
        expect(waiting_room).not_to_contain_text("usually about")
        expect(waiting_room).not_to_contain_text("answered soon")
    finally:
        context.close()
