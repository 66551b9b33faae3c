"""On a touch phone: Enter in a message box makes a new line (the Send button sends), and
every control is at least 44 px high, on the help-seeker's pages and the console."""

import pytest
from playwright.sync_api import expect

from bench.kit.browser import PHONE
from tests.accounts.factories import counselor
from tests.browser.conftest import WAIT_MS
from tests.counseling.factories import waiting_conversation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Buttons, selects, choice labels (the target of a radio or checkbox) and menu links;
# links inside running text are exempt (WCAG 2.5.8), as are hidden controls.
SMALL_TARGETS = """
() => [...document.querySelectorAll(
    "button, .button, select, label.choice, summary, .quick-exit, .tab, .staff-nav a"
  )].filter((node) => node.offsetParent !== null || getComputedStyle(node).position === "fixed")
    .map((node) => [node.outerHTML.slice(0, 80), node.getBoundingClientRect().height])
    .filter(([, height]) => height > 0 && height < 44)
"""


@pytest.fixture
def touch_phone(browser, live_server_url):
    context = browser.new_context(
        base_url=live_server_url, viewport=PHONE, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(WAIT_MS)
    yield context
    context.close()


def test_enter_on_a_touch_screen_makes_a_new_line_and_send_sends(touch_phone):
    page = touch_phone.new_page()
    page.goto("/chat/")
    expect(page.locator("#chat")).to_have_attribute("data-ready", "true")
    assert page.evaluate("matchMedia('(pointer: coarse)').matches")
    page.locator("#composer-input").type("First line")
    page.keyboard.press("Enter")
    page.keyboard.type("second line")
    expect(page.locator("#composer-input")).to_have_value("First line\nsecond line")
    expect(page.locator(".message.mine")).to_have_count(0)  # nothing sent by Enter
    page.click("#send-button")
    expect(page.locator(".message.mine .state")).to_have_text("Sent")
    expect(page.locator(".message.mine .body")).to_have_text("First line\nsecond line")


def test_every_control_on_the_phone_pages_is_big_enough_to_tap(touch_phone, counselor_login):
    page = touch_phone.new_page()
    for path in ("/", "/chat/"):
        page.goto(path)
        assert page.evaluate(SMALL_TARGETS) == [], path

    waiting_conversation("Is anyone there?")
    console = counselor_login(counselor())
    console.set_viewport_size(PHONE)
    console.click("#take-next")
    expect(console.locator(".pane:not([hidden]) .message.theirs")).to_have_count(1)
    assert console.evaluate(SMALL_TARGETS) == []
