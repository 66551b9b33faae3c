"""What a phone (390x844) shows without scrolling: the message box on the first chat
screen, and the emergency numbers whenever nobody can answer soon or the person may be
in danger (not safe at intake, nobody online, triage rates them imminent)."""

import pytest
from playwright.sync_api import expect

from tests.accounts.factories import counselor
from tests.browser.test_seeker_journey import open_chat

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMMINENT = "I have the pills here and I am going to kill myself tonight"


def seen_without_scrolling(page, selector: str) -> None:
    page.evaluate("window.scrollTo(0, 0)")
    expect(page.locator(selector)).to_be_in_viewport(ratio=1)


def test_the_first_chat_screen_shows_the_message_box_and_send(seeker_context):
    page = seeker_context.new_page()
    page.goto("/chat/")
    seen_without_scrolling(page, "#composer-input")
    seen_without_scrolling(page, "#send-button")


def test_not_safe_at_intake_brings_the_emergency_numbers_into_view(seeker_context):
    page = seeker_context.new_page()
    page.goto("/chat/")
    page.check("input[name=safe_now][value=no]")
    seen_without_scrolling(page, "#emergency")
    seen_without_scrolling(page, "#composer-input")  # and the box to write in stays


def test_waiting_with_nobody_online_shows_the_emergency_numbers_first(seeker_context):
    page = seeker_context.new_page()
    open_chat(page)
    expect(page.locator("#availability")).to_contain_text("No counselor is online")
    seen_without_scrolling(page, "#emergency")


def test_with_a_counselor_online_the_numbers_stay_below(seeker_context, counselor_login):
    counselor_login(counselor())
    page = seeker_context.new_page()
    open_chat(page)
    expect(page.locator("#wait-estimate")).to_contain_text("free place now")
    expect(page.locator("#emergency")).not_to_have_class("emergency prominent")


@pytest.mark.worker
def test_a_message_rated_imminent_brings_the_emergency_numbers_into_view(
    seeker_context, counselor_login, celery_worker: object
):
    counselor_login(counselor())  # someone is online: only the risk moves the numbers
    page = seeker_context.new_page()
    open_chat(page, first=IMMINENT)
    expect(page.locator("#emergency")).to_have_class("emergency prominent")
    seen_without_scrolling(page, "#emergency")
    page.reload()  # and after a reload, from the welcome
    expect(page.locator("#emergency")).to_have_class("emergency prominent")


def test_the_emergency_numbers_and_send_stay_in_view_as_the_conversation_grows(seeker_context):
    # A person who said they are not safe keeps writing while they wait: the page follows
    # their newest message, and the numbers (and Send) must not scroll away from them, nor
    # hide under the header after a reload.
    page = seeker_context.new_page()
    page.goto("/chat/")
    page.check("input[name=safe_now][value=no]")
    open_chat(page, first="I can't do this anymore")
    for n in range(8):
        page.fill(
            "#composer-input", f"still here {n}, nobody has answered yet and it is getting worse"
        )
        page.click("#send-button")
    expect(page.locator(".message.mine .state").nth(8)).to_have_text("Sent")
    for _ in range(2):
        assert page.evaluate("window.scrollY") > 0  # the page did follow the conversation
        expect(page.locator("#emergency")).to_be_in_viewport(ratio=1)
        expect(page.locator("#emergency h2")).to_be_in_viewport(ratio=1)  # not under the header
        header_bottom = page.evaluate(
            "document.querySelector('.site-header').getBoundingClientRect().bottom"
        )
        assert (
            page.evaluate("document.getElementById('emergency').getBoundingClientRect().top")
            >= header_bottom - 1
        )
        expect(page.locator("#send-button")).to_be_in_viewport(ratio=1)
        expect(page.locator(".message.mine").last).to_be_in_viewport()
        page.reload()
        expect(page.locator(".message.mine")).to_have_count(9)
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
