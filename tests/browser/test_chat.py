"""A help-seeker and a counselor talk in two browsers, through the real server."""

import pytest
from playwright.sync_api import expect

from counseling.models import WrapUp
from tests.accounts.factories import counselor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOSTILE = '<img src=x onerror="window.pwned=1"> <b>bold?</b>'


def seeker_sends(page, body: str) -> None:
    page.fill("#composer-input", body)
    page.click("#send-button")


def test_seeker_and_counselor_talk_and_a_reload_shows_the_history_once(
    seeker_context, counselor_login
):
    staff = counselor(display_name="Aoi")
    seeker = seeker_context.new_page()
    seeker.goto("/")
    expect(seeker.locator(".quick-exit")).to_be_visible()
    seeker.click("text=Start a conversation")
    seeker_sends(seeker, "Hello, I can't sleep and I feel alone.")
    expect(seeker.locator("#chat-status")).to_contain_text("number 1 in line")
    expect(seeker.locator(".message.mine .state")).to_have_text("Sent")

    console = counselor_login(staff)
    expect(console.locator("#queue .preview")).to_have_text(
        "Hello, I can't sleep and I feel alone."
    )
    console.click("#take-next")
    pane = console.locator(".pane:not([hidden])")
    expect(pane.locator(".message.theirs .body")).to_have_text(
        "Hello, I can't sleep and I feel alone."
    )
    expect(seeker.locator("#chat-status")).to_contain_text("Aoi has joined")

    pane.locator(".composer textarea").fill("Hi, I'm Aoi. I'm here with you.")
    pane.locator(".composer button[type=submit]").click()
    expect(seeker.locator(".message.theirs .body")).to_have_text("Hi, I'm Aoi. I'm here with you.")
    expect(seeker.locator(".message.theirs .who")).to_have_text("Aoi")

    seeker_sends(seeker, HOSTILE)
    expect(pane.locator(".message.theirs .body").last).to_have_text(HOSTILE)
    assert console.evaluate("window.pwned") is None
    assert pane.locator(".message img, .message b").count() == 0

    seeker.reload()
    bodies = seeker.locator(".message .body")
    expect(bodies).to_have_count(3)
    assert bodies.all_inner_texts() == [
        "Hello, I can't sleep and I feel alone.",
        "Hi, I'm Aoi. I'm here with you.",
        HOSTILE,
    ]

    seeker_sends(seeker, "Still here after the reload.")
    expect(pane.locator(".message.theirs .body").last).to_have_text("Still here after the reload.")

    console.keyboard.press("Alt+KeyP")  # shortcut: write a private note
    expect(pane.locator(".note-form textarea")).to_be_focused()
    pane.locator(".note-form textarea").fill("Lives with a sister; no means at home.")
    pane.locator(".note-form button").click()
    expect(pane.locator(".note-item p")).to_have_text("Lives with a sister; no means at home.")
    assert "sister" not in seeker.locator("body").inner_text()

    pane.locator("button.end").click()
    wrap_up = pane.locator("form.wrap-up")
    wrap_up.locator("select").select_option("safety_plan")
    wrap_up.locator("input[value=medium]").check()
    wrap_up.locator("input[value=loneliness]").check()
    wrap_up.locator("textarea").fill("Agreed to call a friend tomorrow.")
    wrap_up.locator("button[type=submit]").click()
    expect(seeker.locator("#chat-status")).to_contain_text("This conversation has ended")
    expect(seeker.locator("#new-button")).to_be_visible()
    expect(pane.locator(".pane-status")).to_contain_text("Wrapped up")
    record = WrapUp.objects.get()
    assert (record.outcome, record.counselor_tier, record.topics) == (
        "safety_plan",
        "medium",
        ["loneliness"],
    )
