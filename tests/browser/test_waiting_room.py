"""The waiting room tells the truth as the team changes: who is online, a free place, and
a return to the queue, without a reload (two or three browser contexts)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Presence, User
from bench.kit.processes import wait_for
from queues.services import dropped_conversations_requeue
from tests.accounts.factories import counselor
from tests.browser.test_seeker_journey import open_chat

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_counselor_logging_in_and_going_away_changes_what_a_waiting_person_sees(
    seeker_context, counselor_login
):
    seeker = seeker_context.new_page()
    open_chat(seeker)
    expect(seeker.locator("#availability")).to_contain_text("No counselor is online")
    expect(seeker.locator("#wait-estimate")).to_contain_text("don't know yet")

    console = counselor_login(counselor())
    expect(seeker.locator("#availability")).to_be_hidden()
    # Never "7-15 minutes" beside a free counselor: first in line with a free place.
    expect(seeker.locator("#wait-estimate")).to_contain_text("free place now")

    console.select_option("#presence", "away")
    expect(seeker.locator("#availability")).to_contain_text("No counselor is online")
    expect(seeker.locator("#wait-estimate")).to_contain_text("don't know yet")


def test_a_person_whose_counselor_dropped_sees_they_are_first_without_a_reload(
    browser, seeker_context, counselor_login
):
    seeker = seeker_context.new_page()
    open_chat(seeker)
    staff = counselor()
    console = counselor_login(staff)
    console.click("#take-next")
    expect(seeker.locator("#chat-status")).to_contain_text("has joined")

    console.context.close()  # the counselor's only console
    # The server marks them offline when it sees the close; the grace period has passed.
    User.objects.filter(pk=staff.pk).update(
        presence=Presence.OFFLINE, presence_changed_at=timezone.now() - timedelta(minutes=10)
    )
    # As beat does every 30 s: a row busy at that moment (skip_locked) is taken next time.
    assert wait_for(lambda: dropped_conversations_requeue(grace_seconds=0) == 1, timeout=15)
    expect(seeker.locator("#chat-status")).to_contain_text("number 1 in line")
    expect(seeker.locator("#waiting-room")).to_be_visible()
