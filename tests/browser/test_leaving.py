"""Leaving safely: after "Quick exit" one Back press leads out of the service, the phone
page never asks for an Escape key it does not have, "leave no trace" leaves no cookie of
ours once the conversation is over, and someone away so long that their place in line was
given up is told so kindly when they come back, and starts again."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from counseling.models import Conversation, Status
from counseling.services.conversations import unattended_conversations_abandon
from tests.accounts.factories import counselor
from tests.browser.conftest import WAIT_MS
from tests.browser.test_seeker_journey import open_chat

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXIT_URL = settings.KIZUNA["QUICK_EXIT_URL"]
BEFORE = "https://before.example/"


def test_after_quick_exit_one_back_press_leads_out_of_the_service(seeker_context, live_server_url):
    seeker_context.route(f"{EXIT_URL}**", lambda route: route.fulfill(body="<p>neutral</p>"))
    seeker_context.route(f"{BEFORE}**", lambda route: route.fulfill(body="<p>before</p>"))
    seeker = seeker_context.new_page()
    seeker.goto(BEFORE)
    seeker.goto(f"{live_server_url}/")
    seeker.click("text=Start a conversation")
    seeker.wait_for_url("**/chat/")
    open_chat(seeker)

    seeker.click(".quick-exit")
    seeker.wait_for_url(f"{EXIT_URL}**")
    seeker.go_back()
    assert seeker.url == BEFORE  # not the landing page, not the chat


def test_the_phone_page_offers_quick_exit_without_asking_for_an_escape_key(
    seeker_context, browser, live_server_url
):
    phone = seeker_context.new_page()
    phone.goto("/")
    expect(phone.locator("text=Quick exit").first).to_be_visible()
    assert "Escape" not in phone.locator("main").inner_text()
    assert "Escape" not in (phone.locator(".quick-exit").get_attribute("title") or "")

    desktop = browser.new_context(base_url=live_server_url, viewport={"width": 1280, "height": 800})
    try:
        page = desktop.new_page()
        page.set_default_timeout(WAIT_MS)
        page.goto("/")
        expect(page.locator(".keyboard-only")).to_contain_text("Escape key twice")
    finally:
        desktop.close()


def test_leave_no_trace_leaves_no_cookie_of_ours_once_the_conversation_is_over(
    seeker_context, counselor_login, live_server_url
):
    seeker = seeker_context.new_page()
    seeker.goto("/chat/")
    seeker.check("#no-trace")
    open_chat(seeker)
    console = counselor_login(counselor())
    console.click("#take-next")
    expect(seeker.locator("#chat-status")).to_contain_text("has joined")
    assert seeker_context.cookies(live_server_url)  # the conversation needs its token

    seeker.once("dialog", lambda dialog: dialog.accept())
    seeker.click("#end-button")
    seeker.click("#survey-skip")
    expect(seeker.locator("#survey-thanks")).to_be_visible()
    seeker.wait_for_function("() => sessionStorage.length === 0")  # finish() has run
    assert seeker_context.cookies(live_server_url) == []


def test_someone_away_long_enough_to_lose_their_place_is_told_kindly_and_starts_again(
    seeker_context,
):
    seeker = seeker_context.new_page()
    open_chat(seeker, first="Is anyone there?")
    seeker.close()  # the only page: nobody has the conversation open now
    long_ago = timezone.now() - timedelta(minutes=settings.KIZUNA["SEEKER_ABSENT_MINUTES"] + 1)
    Conversation.objects.update(seeker_seen_at=long_ago)
    assert unattended_conversations_abandon() == 1  # what beat does

    back = seeker_context.new_page()
    back.goto("/chat/")
    expect(back.locator("#chat-status")).to_contain_text("you were away for a while")
    expect(back.locator("#messages .message.mine .body")).to_have_text(["Is anyone there?"])
    back.click("#new-button")
    back.wait_for_url("**/chat/?new=1")
    back.fill("#composer-input", "I'm back. Can we talk?")
    back.click("#send-button")
    expect(back.locator(".message.mine .state")).to_have_text(["Sent"])
    assert Conversation.objects.filter(status=Status.WAITING).count() == 1
    assert Conversation.objects.filter(status=Status.ABANDONED).count() == 1


def test_what_a_person_was_writing_survives_a_change_of_language(seeker_context):
    # Found by a tester: the draft in the box was lost when the page reloaded in Japanese.
    page = seeker_context.new_page()
    page.goto("/chat/")
    page.fill("#composer-input", "I don't know how to say this")
    page.select_option("select[data-autosubmit]", "ja")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.locator("#composer-input")).to_have_value("I don't know how to say this")
    assert page.evaluate("sessionStorage.getItem('kizuna-draft')") is None  # read once
