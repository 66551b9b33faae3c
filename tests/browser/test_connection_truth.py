"""Connection truth on both sides, with networks cut by Playwright's offline mode: the
console and the help-seeker's page say "offline" at once, a message that could not go
says so with a retry and clears once it arrives, a counselor who comes back after their
conversation was requeued is told it was handed back, and "slow down" never claims that
a refused message arrived."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Presence, User
from bench.kit.processes import wait_for
from counseling.models import Conversation, SenderKind
from counseling.services.conversations import conversation_end
from queues.services import dropped_conversations_requeue
from tests.accounts.factories import counselor
from tests.browser.test_seeker_journey import open_chat

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def cut(page, offline: bool) -> None:
    """Cut or restore the page's network, and let it hear so as a browser would."""
    page.context.set_offline(offline)
    page.evaluate(f"window.dispatchEvent(new Event('{'offline' if offline else 'online'}'))")


def talking(seeker_context, counselor_login, staff=None):
    seeker = seeker_context.new_page()
    open_chat(seeker)
    console = counselor_login(staff or counselor())
    console.click("#take-next")
    expect(seeker.locator("#chat-status")).to_contain_text("has joined")
    return seeker, console, console.locator(".pane:not([hidden])")


def test_the_console_says_offline_at_once_and_a_reply_it_could_not_send_goes_on_retry(
    seeker_context, counselor_login
):
    seeker, console, pane = talking(seeker_context, counselor_login)

    cut(console, True)
    expect(console.locator("#connection")).to_contain_text("Offline")
    pane.locator("textarea").first.fill("I'm here with you.")
    pane.locator("button[type=submit]").first.click()
    mine = pane.locator(".message.mine").last
    expect(mine.locator(".state")).to_have_text("Not sent.")
    expect(mine.locator(".reason")).to_contain_text("offline")
    mine.locator(".retry").click()  # still offline: it says so again, never "Sending…" forever
    expect(mine.locator(".state")).to_have_text("Not sent.")

    cut(console, False)
    expect(console.locator("#connection")).to_have_text("Connected")
    expect(seeker.locator(".message.theirs .body").last).to_have_text("I'm here with you.")
    # Arrived: its pending entry (and "Not sent.") gave way to the stored message, once.
    expect(pane.locator(".message.pending")).to_have_count(0)
    expect(pane.locator(".message.mine .body")).to_have_text(["I'm here with you."])


def test_the_seeker_page_says_offline_at_once_and_its_message_goes_when_back(
    seeker_context, counselor_login
):
    seeker, _console, pane = talking(seeker_context, counselor_login)

    cut(seeker, True)
    expect(seeker.locator("#notice")).to_contain_text("You are offline")
    seeker.fill("#composer-input", "Hello? Are you there?")
    seeker.click("#send-button")
    mine = seeker.locator(".message.mine").last
    expect(mine.locator(".state")).to_have_text("Not sent.")
    expect(mine.locator(".retry")).to_be_visible()

    cut(seeker, False)
    expect(seeker.locator("#notice")).to_be_hidden()
    expect(pane.locator(".message.theirs .body").last).to_have_text("Hello? Are you there?")
    expect(seeker.locator(".message.mine .state")).to_have_text(["Sent", "Sent"])
    assert Conversation.objects.get().messages.filter(body="Hello? Are you there?").count() == 1


def test_a_counselor_back_after_the_grace_period_sees_the_conversation_was_handed_back(
    seeker_context, counselor_login
):
    staff = counselor()
    seeker, console, pane = talking(seeker_context, counselor_login, staff)
    expect(pane.locator(".message.theirs")).to_have_count(1)

    cut(console, True)
    # Meanwhile the server saw them go and the grace period ran out.
    User.objects.filter(pk=staff.pk).update(
        presence=Presence.OFFLINE, presence_changed_at=timezone.now() - timedelta(minutes=10)
    )
    # As beat does every 30 s: a row busy at that moment (skip_locked) is taken next time.
    assert wait_for(lambda: dropped_conversations_requeue(grace_seconds=0) == 1, timeout=15)
    expect(seeker.locator("#chat-status")).to_contain_text("number 1 in line")

    cut(console, False)
    expect(console.locator("#connection")).to_have_text("Connected")
    expect(pane.locator(".pane-status")).to_contain_text("went back to the queue")
    expect(pane.locator("textarea").first).to_be_disabled()
    pane.locator(".close-tab").click()
    expect(console.locator("#tabs .tab")).to_have_count(0)
    expect(console.locator("#no-conversations")).to_be_visible()


def test_slow_down_never_claims_that_the_message_it_refused_arrived(seeker_context):
    seeker = seeker_context.new_page()
    open_chat(seeker)
    limit = settings.KIZUNA["SEEKER_MESSAGES_PER_MINUTE"]
    seeker.evaluate(
        """(count) => {
            const input = document.getElementById("composer-input");
            for (let n = 0; n < count; n += 1) {
                input.value = `line ${n}`;
                input.form.requestSubmit();
            }
        }""",
        limit + 1,
    )
    refused = seeker.locator(".message.failed").first
    expect(refused.locator(".reason")).to_contain_text("this one was not sent")
    expect(refused.locator(".reason")).not_to_contain_text("arrived")
    expect(refused.locator(".retry")).to_be_visible()


def test_a_reply_written_offline_that_can_no_longer_go_after_a_hand_back_says_so(
    seeker_context, counselor_login
):
    staff = counselor()
    seeker, console, pane = talking(seeker_context, counselor_login, staff)
    expect(pane.locator(".message.theirs")).to_have_count(1)

    cut(console, True)
    pane.locator("textarea").first.fill("I'm still here, take your time.")
    pane.locator("button[type=submit]").first.click()
    mine = pane.locator(".message.mine").last
    expect(mine.locator(".reason")).to_contain_text("It will be sent when your connection is back")
    User.objects.filter(pk=staff.pk).update(
        presence=Presence.OFFLINE, presence_changed_at=timezone.now() - timedelta(minutes=10)
    )
    assert wait_for(lambda: dropped_conversations_requeue(grace_seconds=0) == 1, timeout=15)

    cut(console, False)
    expect(console.locator("#connection")).to_have_text("Connected")
    status = pane.locator(".pane-status")
    expect(status).to_contain_text("went back to the queue")
    expect(status).not_to_contain_text("Nothing was lost")
    expect(status).to_contain_text("Replies marked “Not sent” did not reach them")
    # The reply says what happened to it, keeps its text, and promises nothing.
    expect(mine.locator(".state")).to_have_text("Not sent.")
    expect(mine.locator(".reason")).to_have_text(
        "It can no longer be sent: the conversation went back to the queue. "
        "The text is kept here to copy."
    )
    expect(mine.locator(".body")).to_have_text("I'm still here, take your time.")
    expect(mine.locator(".retry")).to_have_count(0)
    expect(pane.locator("text=It will be sent when your connection is back")).to_have_count(0)
    assert not Conversation.objects.get().messages.filter(sender="counselor").exists()


def test_a_message_written_offline_while_the_conversation_ended_says_it_was_not_sent(
    seeker_context, counselor_login
):
    # Found by a tester: the page said it would send once back online, then "Not sent." with
    # a "Try again" that did nothing, beside English words on a Japanese page.
    seeker, console, _pane = talking(seeker_context, counselor_login)
    cut(seeker, True)
    seeker.fill("#composer-input", "one last thing I wanted to say")
    seeker.click("#send-button")
    mine = seeker.locator(".message.mine").last
    expect(mine.locator(".reason")).to_contain_text("offline")

    # The counselor ends it meanwhile (the console's own ending is tested elsewhere).
    ending = Conversation.objects.select_related("counselor").get()
    conversation_end(conversation=ending, ended_by=SenderKind.COUNSELOR, actor=ending.counselor)

    cut(seeker, False)
    expect(seeker.locator("#chat-status")).to_contain_text("ended")
    expect(mine.locator(".reason")).to_contain_text("ended before this could be sent")
    expect(mine.locator(".retry")).to_have_count(0)
    expect(mine).to_contain_text("one last thing I wanted to say")  # kept to copy
    assert console.locator(".message.theirs", has_text="one last thing").count() == 0
