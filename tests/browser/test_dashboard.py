"""The supervisors' dashboard in a real browser against the live server: it updates live
while a help-seeker arrives and is answered, and the supervisor watches the conversation,
writes privately to its counselor, then joins and writes to the help-seeker; and marks
several waiting conversations (a flood's) as abuse at once."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, ViewportSize, expect

from accounts.models import AuditEvent
from bench.kit.browser import PHONE
from counseling.models import Conversation
from tests.accounts.factories import counselor, supervisor
from tests.browser.conftest import PASSWORD, WAIT_MS
from tests.browser.test_accessibility import accessibility_problems
from tests.counseling.factories import waiting_conversation
from tests.support.staff import authenticator_for, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = ViewportSize(width=1280, height=800)
PHONE_SIZE = ViewportSize(width=PHONE["width"], height=PHONE["height"])
StaffPage = Callable[[Any, str], Page]
FIRST = "Hello, I can't sleep and I feel alone."
WHISPER = "Ask how long the sleeplessness has lasted."
JOINED_REPLY = "Hello, I'm Mika. I work with your counselor."


@pytest.fixture
def staff_page(browser: Browser, live_server_url: str) -> Iterator[StaffPage]:
    """A staff member logged in through the real forms (password, then the code from
    their authenticator) in a browser of their own, on `path`."""
    contexts: list[BrowserContext] = []

    def open_as(user: Any, path: str) -> Page:
        device = authenticator_for(user)  # set up on a phone beforehand
        context = browser.new_context(base_url=live_server_url, viewport=DESKTOP)
        context.set_default_timeout(WAIT_MS)
        contexts.append(context)
        page = context.new_page()
        page.goto(f"/accounts/login/?next={path}")
        page.fill("#id_username", user.username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/accounts/login/code/")
        page.fill("input[name=code]", totp_code(device))
        page.click("button[type=submit]")
        page.wait_for_url(f"**{path}")
        expect(page.locator("#connection")).to_have_text("Connected")
        return page

    yield open_as
    for context in contexts:
        context.close()


def today_figure(dashboard: Page, label: str) -> Locator:
    return dashboard.locator(f"#today dt:text-is('{label}') + dd")


def test_the_dashboard_follows_a_seeker_arriving_and_being_answered_then_steps_in(
    seeker_context: BrowserContext, staff_page: StaffPage
) -> None:
    boss = supervisor(display_name="Mika")
    staff = counselor(display_name="Aoi")
    dashboard = staff_page(boss, "/supervisor/")
    expect(dashboard.locator("#waiting-total")).to_have_text("0")
    expect(today_figure(dashboard, "Answered")).to_have_text("0")
    expect(dashboard.locator("#queue-empty")).to_be_visible()

    # A help-seeker arrives: the figures and the queue change without a reload.
    seeker = seeker_context.new_page()
    seeker.goto("/chat/")
    seeker.fill("#composer-input", FIRST)
    seeker.click("#send-button")
    expect(seeker.locator(".message.mine .state")).to_have_text("Sent")
    expect(dashboard.locator("#waiting-total")).to_have_text("1")
    # No scoring worker runs here, so the person waits as "not yet assessed".
    unassessed = dashboard.locator("#waiting-table tr[data-tier=unknown]")
    expect(unassessed.locator(".waiting-count")).to_have_text("1")
    expect(dashboard.locator("#queue .queue-entry .preview")).to_have_text([FIRST])
    expect(today_figure(dashboard, "Arrivals")).to_have_text("1")

    # A counselor takes them: back to nobody waiting, one live conversation, one answered.
    console = staff_page(staff, "/console/")
    console.click("#take-next")
    pane = console.locator(".pane:not([hidden])")
    expect(pane.locator(".message.theirs .body")).to_have_text(FIRST)
    expect(dashboard.locator("#waiting-total")).to_have_text("0")
    expect(unassessed.locator(".waiting-count")).to_have_text("0")
    expect(dashboard.locator("#queue-empty")).to_be_visible()
    live = dashboard.locator("#live-list .live-entry")
    expect(live).to_have_count(1)
    expect(live).to_contain_text("Aoi")
    expect(today_figure(dashboard, "Answered")).to_have_text("1")

    # The supervisor opens it, read-only.
    live.get_by_role("button", name="Open").click()
    watching = dashboard.locator("#observe")
    expect(watching).to_be_visible()
    expect(watching.locator(".message .body")).to_have_text([FIRST])
    expect(dashboard.locator("#join-reply")).to_be_hidden()

    # A private message reaches the counselor's notes, never the help-seeker.
    dashboard.fill("#whisper", WHISPER)
    dashboard.get_by_role("button", name="Send to counselor").click()
    expect(pane.locator(".note-item.supervisor p")).to_have_text(WHISPER)
    expect(pane.locator(".note-item.supervisor .meta")).to_contain_text("Mika")

    # Joining: the help-seeker is told who joined, and reads what the supervisor writes.
    dashboard.click("#join")
    expect(seeker.locator("#messages .note")).to_contain_text(
        ["Mika, who works with your counselor, has joined the conversation."]
    )
    dashboard.fill("#join-reply", JOINED_REPLY)
    dashboard.locator("#observe form.composer button[type=submit]").click()
    expect(seeker.locator(".message.theirs .body")).to_have_text([JOINED_REPLY])
    expect(seeker.locator(".message.theirs .who")).to_have_text(["Mika"])
    expect(watching.locator(".message .body").last).to_have_text(JOINED_REPLY)
    # The counselor sees it as the supervisor's, not as their own.
    expect(pane.locator(".message.theirs .who").last).to_have_text("Mika")
    assert WHISPER not in seeker.locator("body").inner_text()


def test_the_dashboard_has_no_serious_accessibility_violations(
    browser: Browser, live_server_url: str, staff_page: StaffPage
) -> None:
    """Checked with somebody waiting, a live conversation, and one being watched."""
    boss = supervisor(display_name="Mika")
    staff = counselor(display_name="Aoi")
    # Two help-seekers, one browser each (a browser holds one conversation).
    seekers = [
        browser.new_context(base_url=live_server_url, viewport=PHONE_SIZE, is_mobile=True)
        for _ in range(2)
    ]
    try:
        for context, first in zip(seekers, (FIRST, "Is anyone there?"), strict=True):
            seeker = context.new_page()
            seeker.goto("/chat/")
            seeker.fill("#composer-input", first)
            seeker.click("#send-button")
            expect(seeker.locator(".message.mine .state")).to_have_text("Sent")
        console = staff_page(staff, "/console/")
        console.click("#take-next")
        expect(console.locator(".pane:not([hidden]) .message.theirs .body")).to_have_count(1)

        dashboard = staff_page(boss, "/supervisor/")
        expect(dashboard.locator("#queue .queue-entry")).to_have_count(1)
        expect(dashboard.locator("#live-list .live-entry")).to_have_count(1)
        problems = [accessibility_problems(dashboard, "supervisor dashboard [desktop]")]
        dashboard.locator("#live-list .live-entry").get_by_role("button", name="Open").click()
        expect(dashboard.locator("#observe .message .body")).to_have_count(1)
        problems.append(accessibility_problems(dashboard, "dashboard watching a conversation"))
    finally:
        for context in seekers:
            context.close()
    found = [problem for problem in problems if problem]
    assert not found, "\n\n".join(found)


def test_a_supervisor_marks_several_waiting_conversations_as_abuse_with_one_confirm(
    staff_page: StaffPage,
) -> None:
    flood = [waiting_conversation(f"I'm not safe {n}")[0] for n in range(2)]
    person, _token = waiting_conversation("I would like to talk about my exams.")
    boss = supervisor(display_name="Mika")
    dashboard = staff_page(boss, "/supervisor/")
    entries = dashboard.locator("#queue .queue-entry")
    expect(entries).to_have_count(3)
    marking = dashboard.locator("#mark-selected")
    expect(marking).to_be_disabled()

    for conversation in flood:
        entries.and_(dashboard.locator(f"[data-id='{conversation.id}']")).get_by_role(
            "checkbox"
        ).check()
    expect(dashboard.locator("#selected-count")).to_have_text("Selected: 2")
    confirms: list[str] = []

    def accept(dialog: Any) -> None:
        confirms.append(dialog.message)
        dialog.accept()

    dashboard.on("dialog", accept)
    marking.click()

    expect(entries).to_have_count(1)
    expect(entries).to_have_attribute("data-id", str(person.id))
    expect(dashboard.locator("#notice")).to_have_text("Marked as abuse: 2.")
    expect(marking).to_be_disabled()
    assert len(confirms) == 1 and "(2)" in confirms[0]
    statuses = {c.pk: Conversation.objects.get(pk=c.pk).status for c in [*flood, person]}
    assert statuses == {flood[0].pk: "abuse", flood[1].pk: "abuse", person.pk: "waiting"}
    audited = AuditEvent.objects.filter(actor=boss, action=AuditEvent.Action.CONVERSATION_ABUSE)
    assert sorted(a.target_id for a in audited) == sorted(str(c.pk) for c in flood)


def test_a_flood_is_selected_a_screenful_at_a_time(staff_page: StaffPage) -> None:
    # Found in an attack: with hundreds of fakes waiting, ticking each one was no way to
    # clear them. Select all shown, untick the real person, mark the rest.
    flood = [waiting_conversation(f"I'm not safe {n}")[0] for n in range(4)]
    person, _token = waiting_conversation("I would like to talk about my exams.")
    dashboard = staff_page(supervisor(display_name="Mika"), "/supervisor/")
    entries = dashboard.locator("#queue .queue-entry")
    expect(entries).to_have_count(5)
    dashboard.locator("#select-shown").click()
    expect(dashboard.locator("#selected-count")).to_have_text("Selected: 5")
    entries.and_(dashboard.locator(f"[data-id='{person.id}']")).get_by_role("checkbox").uncheck()
    expect(dashboard.locator("#selected-count")).to_have_text("Selected: 4")
    dashboard.on("dialog", lambda dialog: dialog.accept())
    dashboard.locator("#mark-selected").click()
    expect(entries).to_have_count(1)
    expect(entries).to_have_attribute("data-id", str(person.id))
    assert {Conversation.objects.get(pk=c.pk).status for c in flood} == {"abuse"}
    dashboard.locator("#select-shown").click()
    dashboard.locator("#select-none").click()
    expect(dashboard.locator("#mark-selected")).to_be_disabled()
