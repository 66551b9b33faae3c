"""Alerts a supervisor can trust, in the browser: one imminent arrival is one line on a
counselor's console and one on the dashboard (not one per frame that mentions it), and
the line leaves both screens the moment the person is taken."""

import pytest
from playwright.sync_api import expect

from tests.accounts.factories import counselor, supervisor
from tests.browser.test_console import new_seeker, start_chat  # noqa: F401 (fixture)
from tests.browser.test_dashboard import staff_page  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMMINENT = "I have the pills here and I am going to kill myself tonight"


@pytest.mark.worker
def test_an_imminent_arrival_is_one_alert_and_it_leaves_when_the_person_is_taken(
    new_seeker,  # noqa: F811
    staff_page,  # noqa: F811
    counselor_login,
    celery_worker: object,
) -> None:
    watching = counselor_login(counselor(display_name="Aoi"))
    dashboard = staff_page(supervisor(display_name="Mika"), "/supervisor/")
    start_chat(new_seeker(), IMMINENT)

    for page in (watching, dashboard):
        # Everything that speaks of this arrival has come: the queue's tier, the imminent
        # frame's words...
        expect(page.locator("#alerts [role=alert]", has_text="imminent risk")).to_have_count(1)
    expect(watching.locator("#queue .tier-badge")).to_have_text("Imminent risk")
    expect(dashboard.locator("#alert-list .alert-item")).to_have_count(1)
    # ...and they made one line each, not one per frame.
    expect(watching.locator("#alerts [role=alert]")).to_have_count(1)
    expect(dashboard.locator("#alerts [role=alert]")).to_have_count(1)

    taker = counselor_login(counselor(display_name="Ren"))
    taker.click("#take-next")
    expect(taker.locator(".pane:not([hidden]) .message.theirs")).to_have_count(1)
    for page in (watching, dashboard):
        expect(page.locator("#alerts [role=alert]")).to_have_count(0)
    expect(dashboard.locator("#alert-list .alert-item")).to_have_count(0)
    # Nobody acknowledged it, so it can still be looked back at: folded away, with how
    # long the person waited at imminent risk.
    resolved = dashboard.locator("#resolved-alerts")
    expect(resolved.locator("summary")).to_contain_text("(1)")
    resolved.locator("summary").click()
    expect(resolved.locator(".alert-item")).to_have_count(1)
    expect(resolved.locator(".alert-item")).to_contain_text("its cause ended after")


def test_a_conversation_handed_back_says_so_on_a_supervisors_console(counselor_login) -> None:
    """A counselor gone past the grace period: the supervisors' consoles say whose
    conversation went back to the queue, not that someone is at imminent risk."""
    from datetime import timedelta

    from django.utils import timezone

    from accounts.models import Presence, User
    from queues.services import dropped_conversations_requeue, queue_take_next
    from tests.counseling.factories import waiting_conversation

    watching = counselor_login(supervisor(display_name="Mika"))
    gone = counselor(display_name="Ren")
    waiting_conversation("Is anyone there?")
    queue_take_next(counselor=gone)
    User.objects.filter(pk=gone.pk).update(
        presence=Presence.OFFLINE, presence_changed_at=timezone.now() - timedelta(minutes=5)
    )
    assert dropped_conversations_requeue(grace_seconds=60) == 1

    banner = watching.locator("#alerts [role=alert]")
    expect(banner).to_have_count(1)
    expect(banner).to_contain_text("Ren was disconnected too long")
    expect(banner).not_to_contain_text("imminent")
