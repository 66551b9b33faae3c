"""The help-seeker's journey at phone size: intake, waiting room, quick exit, network
loss, the survey, and Japanese."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from bench.kit.browser import PHONE
from counseling.models import Conversation, Survey
from tests.accounts.factories import counselor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXIT_URL = settings.KIZUNA["QUICK_EXIT_URL"]


def open_chat(page, *, first: str = "I feel really alone tonight.") -> None:
    if not page.url.endswith("/chat/"):
        page.goto("/chat/")
    page.fill("#composer-input", first)
    # Send is enabled only once the page script has taken the form over, and click() waits
    # for that: a click any earlier used to submit natively and reload the page.
    page.click("#send-button")
    expect(page.locator(".message.mine .state").first).to_have_text("Sent")


def test_intake_answers_reach_the_counselor_and_not_safe_is_marked(seeker_context, counselor_login):
    seeker = seeker_context.new_page()
    seeker.goto("/chat/")
    seeker.select_option("#intake-topic", "loneliness")
    seeker.select_option("#intake-age", "18_24")
    seeker.check("input[name=safe_now][value=no]")
    expect(seeker.locator("#not-safe-note")).to_be_visible()
    open_chat(seeker, first="I don't know what to do.")
    expect(seeker.locator("#intake")).to_be_hidden()
    expect(seeker.locator("#waiting-room")).to_be_visible()

    console = counselor_login(counselor())
    entry = console.locator("#queue .queue-entry").first
    expect(entry.locator(".tier-badge")).to_have_text("High risk")
    expect(entry.locator(".intake-answers")).to_contain_text("Loneliness")
    expect(entry.locator(".answer-safe_now-no")).to_be_visible()


def test_the_waiting_room_shows_the_place_in_line_as_it_changes(
    browser, live_server_url, counselor_login
):
    first = browser.new_context(base_url=live_server_url, viewport=PHONE)
    second = browser.new_context(base_url=live_server_url, viewport=PHONE)
    try:
        ahead, me = first.new_page(), second.new_page()
        open_chat(ahead, first="I need to talk to someone.")
        open_chat(me, first="I need to talk to someone.")
        expect(me.locator("#chat-status")).to_contain_text("number 2 in line")
        expect(me.locator("#wait-estimate")).to_contain_text("don't know yet")
        expect(me.locator(".breath-circle")).to_be_hidden()  # exercises fold away
        me.click("text=A breathing exercise")
        expect(me.locator(".breath-circle")).to_be_visible()

        console = counselor_login(counselor())
        console.click("#take-next")
        expect(me.locator("#chat-status")).to_contain_text("number 1 in line")
        expect(ahead.locator("#chat-status")).to_contain_text("has joined")
    finally:
        first.close()
        second.close()


def test_quick_exit_leaves_at_once_keeps_the_chat_out_of_history_and_tells_the_counselor(
    seeker_context, counselor_login
):
    seeker_context.route(f"{EXIT_URL}**", lambda route: route.fulfill(body="<p>neutral</p>"))
    seeker = seeker_context.new_page()
    seeker.goto("/")
    seeker.click("text=Start a conversation")
    # The click only starts the navigation: without this wait, open_chat saw "/" still and
    # navigated a second time, or typed into the chat page before its script had loaded.
    seeker.wait_for_url("**/chat/")
    open_chat(seeker)
    console = counselor_login(counselor())
    console.click("#take-next")
    expect(seeker.locator("#chat-status")).to_contain_text("has joined")

    seeker.keyboard.press("Escape")
    seeker.keyboard.press("Escape")
    seeker.wait_for_url(f"{EXIT_URL}**")
    expect(console.locator(".pane:not([hidden]) .left-note")).to_contain_text("Left suddenly")
    seeker.go_back()
    assert "/chat/" not in seeker.url  # the chat page was replaced, not left behind
    assert Conversation.objects.get().seeker_left_at is not None


def test_messages_written_while_offline_arrive_once_after_the_network_returns(
    seeker_context, counselor_login
):
    seeker = seeker_context.new_page()
    open_chat(seeker)
    console = counselor_login(counselor())
    console.click("#take-next")
    pane = console.locator(".pane:not([hidden])")
    expect(pane.locator(".message.theirs")).to_have_count(1)

    seeker_context.set_offline(True)
    seeker.evaluate("window.dispatchEvent(new Event('offline'))")
    seeker.fill("#composer-input", "Are you still there?")
    seeker.click("#send-button")
    seeker_context.set_offline(False)
    expect(pane.locator(".message.theirs .body").last).to_have_text("Are you still there?")
    expect(seeker.locator(".message.mine .state").last).to_have_text("Sent")
    expect(pane.locator(".message.theirs")).to_have_count(2)
    assert Conversation.objects.get().messages.filter(body="Are you still there?").count() == 1


def test_two_messages_sent_at_once_start_one_conversation_and_both_arrive(seeker_context):
    """A double tap, or a second line sent before the first has started the conversation:
    the second waits and goes over the socket once it opens."""
    seeker = seeker_context.new_page()
    seeker.goto("/chat/")
    expect(seeker.locator("#composer-input")).to_be_editable()
    seeker.evaluate(
        """() => {
            const input = document.getElementById("composer-input");
            const form = input.form;
            for (const body of ["I can't sleep.", "Is anyone there?"]) {
                input.value = body;
                form.requestSubmit();
            }
        }"""
    )
    expect(seeker.locator(".message.mine .state")).to_have_text(["Sent", "Sent"])
    conversation = Conversation.objects.get()
    bodies = list(conversation.messages.order_by("seq").values_list("body", flat=True))
    assert bodies == ["I can't sleep.", "Is anyone there?"]


def test_after_the_end_the_survey_is_offered_and_stored_without_identifying_anyone(
    seeker_context, counselor_login
):
    seeker = seeker_context.new_page()
    open_chat(seeker)
    console = counselor_login(counselor())
    console.click("#take-next")
    expect(seeker.locator("#chat-status")).to_contain_text("has joined")
    seeker.once("dialog", lambda dialog: dialog.accept())
    seeker.click("#end-button")
    expect(seeker.locator("#survey")).to_be_visible()
    seeker.check("input[name=feeling_before][value='2']")
    seeker.check("input[name=feeling_after][value='4']")
    seeker.check("input[name=helped][value=yes]")
    seeker.fill("#survey-comment", "Thank you for listening.")
    seeker.click("text=Send answers")
    expect(seeker.locator("#survey-thanks")).to_be_visible()
    survey = Survey.objects.get()
    assert (survey.feeling_before, survey.feeling_after, survey.helped) == (2, 4, "yes")


def test_japanese_from_the_browser_language_end_to_end(browser, live_server_url, counselor_login):
    context = browser.new_context(
        base_url=live_server_url,
        viewport=PHONE,
        locale="ja-JP",
        extra_http_headers={"Accept-Language": "ja"},
    )
    try:
        seeker = context.new_page()
        seeker.goto("/")
        expect(seeker.locator("h1")).to_have_text("ひとりで抱えこまなくて、大丈夫です。")
        assert seeker.locator("html").get_attribute("lang") == "ja"
        seeker.goto("/chat/")
        seeker.fill("#composer-input", "最近眠れなくて、つらいです。")
        seeker.click("#send-button")
        expect(seeker.locator("#chat-status")).to_contain_text("1番目")
        console = counselor_login(counselor())
        expect(console.locator("#queue .language")).to_have_text("JA")
        assert Conversation.objects.get().language == "ja"
    finally:
        context.close()
