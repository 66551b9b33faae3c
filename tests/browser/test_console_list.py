"""The console for several conversations: a list with tier, preview, time without a reply,
unread count and language, most urgent first; an assignment from a supervisor arrives as
a new entry with a notice and never takes the counselor's focus or their typing; Alt+1
leads to the first conversation's reply box; ending at high risk asks for an outcome and
a confirmation."""

import pytest
from playwright.sync_api import Locator, Page, expect

from counseling.models import Conversation
from tests.accounts.factories import counselor, supervisor
from tests.browser.test_console import conversation_of, new_seeker, start_chat  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CALM = "I can't sleep and my exams are next week."
NOT_SAFE = "It's so quiet in my flat. Nobody calls anymore."


def test_most_urgent_first_and_an_assignment_never_takes_focus(
    new_seeker,  # noqa: F811
    counselor_login,
) -> None:
    aoi = counselor(display_name="Aoi")
    start_chat(new_seeker(), CALM)
    console = counselor_login(aoi)
    console.click("#take-next")
    calm_id = conversation_of(CALM)
    calm_tab = console.locator(f"#tab-{calm_id}")
    expect(calm_tab.locator(".tab-preview")).to_have_text(CALM)
    expect(calm_tab.locator(".tab-waiting")).to_contain_text("No reply for")
    expect(calm_tab.locator(".tab-label")).to_contain_text("EN")

    # Aoi is writing to the calm person when a supervisor hands her someone not safe.
    reply = console.locator(f"#reply-{calm_id}")
    reply.fill("I'm here, take your time")
    reply.focus()
    seeker = new_seeker().new_page()
    seeker.goto("/chat/")
    seeker.check("input[name=safe_now][value=no]")
    seeker.fill("#composer-input", NOT_SAFE)
    seeker.click("#send-button")
    expect(seeker.locator(".message.mine .state")).to_have_text("Sent")
    urgent_id = conversation_of(NOT_SAFE)
    lead = counselor_login(supervisor(display_name="Sora"))
    lead.focus("#assign-person")
    lead.select_option("#assign-person", urgent_id)
    expect(lead.locator(f"#assign-to option[value='{aoi.pk}']:not([disabled])")).to_be_attached()
    lead.select_option("#assign-to", str(aoi.pk))
    lead.click("#assign-form button[type=submit]")

    urgent_tab = console.locator(f"#tab-{urgent_id}")
    expect(urgent_tab.locator(".tab-tier")).to_have_text("High risk")
    expect(console.locator("#notice")).to_contain_text("Sora assigned you a conversation")
    # Focus and typing stay where they were; the new entry goes first in the list.
    assert console.evaluate("document.activeElement.id") == f"reply-{calm_id}"
    expect(reply).to_have_value("I'm here, take your time")
    expect(console.locator(f"#pane-{calm_id}")).to_be_visible()
    # Both boxes in one frame: the notice above the list hides after a few seconds and
    # moves the list up, so two separate measurements could straddle that shift.
    urgent_at, calm_at = console.evaluate(
        """([urgent, calm]) => [urgent, calm].map((id) => {
            const box = document.getElementById(id).getBoundingClientRect();
            return [box.y, box.x];
        })""",
        [f"tab-{urgent_id}", f"tab-{calm_id}"],
    )
    assert urgent_at < calm_at
    expect(urgent_tab.locator(".tab-preview")).to_have_text(NOT_SAFE)
    expect(urgent_tab.locator(".unread")).to_be_hidden()

    # A shortcut leads to where it says: Alt+1 to the first conversation's reply box.
    console.keyboard.press("Alt+Digit1")
    assert console.evaluate("document.activeElement.id") == f"reply-{urgent_id}"


def not_safe_and_taken(new_seeker, counselor_login) -> tuple[Page, Page, Locator]:  # noqa: F811
    """A help-seeker who answered "not safe" (high risk), taken by Aoi, whose pane shows
    what they wrote: (seeker page, console page, the open pane)."""
    seeker = new_seeker().new_page()
    seeker.goto("/chat/")
    seeker.check("input[name=safe_now][value=no]")
    seeker.fill("#composer-input", NOT_SAFE)
    seeker.click("#send-button")
    console = counselor_login(counselor(display_name="Aoi"))
    console.click("#take-next")
    pane = console.locator(".pane:not([hidden])")
    expect(pane.locator(".risk-banner")).to_contain_text("High risk")
    # A counselor ends what they have read: ending before the person's words are on screen
    # is refused as unseen (under load, the transcript can arrive after the banner).
    expect(pane.locator(".message.theirs")).to_have_count(1)
    return seeker, console, pane


def test_ending_at_high_risk_asks_for_an_outcome_and_a_confirmation(
    new_seeker,  # noqa: F811
    counselor_login,
) -> None:
    seeker, _console, pane = not_safe_and_taken(new_seeker, counselor_login)

    pane.locator("button.end").click()
    wrap_up = pane.locator("form.wrap-up")
    expect(wrap_up.locator("select")).to_have_value("")  # no outcome chosen for them
    expect(wrap_up.locator(".confirm-high")).to_be_visible()
    expect(wrap_up.locator(".closing-hint")).to_be_visible()
    # A closing message can still go before the end.
    pane.locator(".composer textarea").fill("Please call 119 if you feel unsafe tonight.")
    pane.locator(".composer button[type=submit]").click()
    expect(seeker.locator(".message.theirs .body")).to_have_text(
        ["Please call 119 if you feel unsafe tonight."]
    )

    wrap_up.locator("input[value=high]").check()
    wrap_up.locator("button[type=submit]").click()  # no outcome, no confirmation: stays
    assert wrap_up.evaluate("form => form.checkValidity()") is False
    wrap_up.locator("select").select_option("safety_plan")
    wrap_up.locator("button[type=submit]").click()
    assert wrap_up.evaluate("form => form.checkValidity()") is False
    assert Conversation.objects.get().status == "active"
    wrap_up.locator(".confirm-high input").check()
    wrap_up.locator("button[type=submit]").click()
    expect(seeker.locator("#new-button")).to_be_visible()
    assert Conversation.objects.get().wrap_up.outcome == "safety_plan"


def test_a_status_a_supervisor_sets_shows_on_the_counselors_console(counselor_login) -> None:
    """Made available by a supervisor, the counselor's console says so at once (it kept
    showing "Away" until a reload, while waiting people were told someone was there)."""
    import time

    from accounts.models import Presence
    from queues.services import supervisor_presence_set

    staff = counselor(display_name="Aoi")
    console = counselor_login(staff)
    console.select_option("#presence", "away")
    for _ in range(200):  # the server has it (else its own "me" could come after ours)
        staff.refresh_from_db()
        if staff.presence == Presence.AWAY:
            break
        time.sleep(0.05)
    assert staff.presence == Presence.AWAY
    supervisor_presence_set(
        supervisor=supervisor(), counselor_id=staff.pk, presence=Presence.AVAILABLE
    )
    expect(console.locator("#presence")).to_have_value("available")
