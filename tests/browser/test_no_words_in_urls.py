"""A help-seeker's words never reach a URL: not the address bar, not the history, not a
request line a proxy would log. The page's script may arrive late on a slow phone, so
the test holds it back and presses Send first, as an impatient person would."""

from urllib.parse import quote, quote_plus

import pytest
from playwright.sync_api import expect

from counseling.models import Conversation
from tests.browser.conftest import WAIT_MS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = "nobody must see these words 4711"


def _leaks(urls: list[str]) -> list[str]:
    forms = {WORDS, quote(WORDS), quote_plus(WORDS), "4711"}
    return [url for url in urls if any(form in url for form in forms)]


def test_send_before_the_page_script_has_loaded_keeps_the_words_out_of_every_url(seeker_context):
    urls: list[str] = []
    held = []
    seeker_context.on("request", lambda request: urls.append(request.url))
    seeker_context.route("**/js/seeker.js", lambda route: held.append(route))
    page = seeker_context.new_page()
    page.on("framenavigated", lambda frame: urls.append(frame.url))
    page.on("websocket", lambda socket: urls.append(socket.url))

    page.goto("/chat/", wait_until="commit")
    page.fill("#composer-input", WORDS)
    # The script is still held back: whatever the person does, the browser alone must
    # not send the form.
    deadline = WAIT_MS // 50
    while not held and deadline:
        page.wait_for_timeout(50)
        deadline -= 1
    assert held, "the page never asked for its script"
    page.click("#send-button", force=True)  # force: a real tap lands on it even disabled
    page.locator("#composer-input").press("Enter")
    assert _leaks(urls) == []
    assert page.evaluate("location.href").endswith("/chat/")

    for route in held:
        route.continue_()
    seeker_context.unroute("**/js/seeker.js")
    expect(page.locator("#chat")).to_have_attribute("data-ready", "true")
    expect(page.locator("#composer-input")).to_have_value(f"{WORDS}\n")  # nothing lost
    page.click("#send-button")
    expect(page.locator(".message.mine .state")).to_have_text("Sent")
    page.reload()
    expect(page.locator(".message.mine .body")).to_have_text(WORDS)

    assert Conversation.objects.get().messages.get().body == WORDS
    assert _leaks(urls) == []
    assert _leaks(page.evaluate("[location.href, document.referrer]")) == []
