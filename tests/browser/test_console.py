"""The counselor console in a real browser against the live server: several help-seekers
at once, transfer, wrap-up, a dropped connection, saved replies, the risk checklist,
supervisor assignment, earlier conversations and arrival alerts."""

import re
import time
from collections.abc import Callable, Iterator

import pytest
from django.db import connection
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Locator,
    Page,
    ViewportSize,
    WebSocketRoute,
    expect,
)

from accounts.models import ConsoleSocket, User
from counseling.models import CannedResponse, Conversation, Message, Note, RiskChecklist, WrapUp
from tests.accounts.factories import counselor, supervisor
from tests.browser.conftest import PHONE, WAIT_MS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_SIZE = ViewportSize(width=PHONE["width"], height=PHONE["height"])

NewSeeker = Callable[[], BrowserContext]
Login = Callable[[User], Page]


@pytest.fixture(autouse=True)
def server_settled() -> Iterator[None]:
    """After a test, once its browsers have closed: wait for the live server to finish with
    the consoles that closed (it marks their counselors offline and tells their help-seekers)
    before the database is flushed, or the flush can deadlock with that work. Autouse, so
    it is torn down after the browser contexts and before pytest-django's flush."""
    yield
    deadline = time.monotonic() + WAIT_MS / 1000
    quiet = 0
    while quiet < 2 and time.monotonic() < deadline:
        quiet = quiet + 1 if not _server_busy() else 0
        time.sleep(0.1)


def _server_busy() -> bool:
    if ConsoleSocket.objects.exists():
        return True
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
            " AND state IN ('active', 'idle in transaction')"
        )
        (busy,) = cursor.fetchone()
    return bool(busy)


@pytest.fixture
def new_seeker(browser: Browser, live_server_url: str) -> Iterator[NewSeeker]:
    """More help-seekers: one browser context each (a browser holds one conversation)."""
    contexts: list[BrowserContext] = []

    def make() -> BrowserContext:
        context = browser.new_context(base_url=live_server_url, viewport=PHONE_SIZE, is_mobile=True)
        context.set_default_timeout(WAIT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


class DroppableConnection:
    """Routes a context's console websocket through the test, so the test can cut it as a
    network failure would (the server sees the socket close; the page keeps its state and
    reconnects) and let it come back. Emulated offline mode leaves open websockets alone."""

    def __init__(self, context: BrowserContext) -> None:
        self.down = False
        self.routes: list[tuple[WebSocketRoute, WebSocketRoute]] = []
        context.route_web_socket(re.compile(r"/ws/console/$"), self._route)

    def _route(self, page_side: WebSocketRoute) -> None:
        if self.down:  # reconnect attempts fail while the network is down
            page_side.close(code=1011, reason="offline")
            return
        self.routes.append((page_side, page_side.connect_to_server()))

    def drop(self) -> None:
        self.down = True
        for page_side, server_side in self.routes:
            server_side.close()
            page_side.close(code=1011, reason="offline")
        self.routes.clear()

    def restore(self, page: Page) -> None:
        self.down = False
        # What the browser fires when the network returns; the page reconnects at once.
        page.evaluate("window.dispatchEvent(new Event('online'))")


def start_chat(context: BrowserContext, first: str, *, share_history: bool = False) -> Page:
    page = context.new_page()
    page.goto("/chat/")
    if share_history:
        page.check("#share-history")
    page.fill("#composer-input", first)
    page.click("#send-button")
    expect(page.locator(".message.mine .state")).to_have_text("Sent")
    return page


def seeker_sends(page: Page, body: str) -> None:
    page.fill("#composer-input", body)
    page.click("#send-button")
    expect(page.locator(".message.mine:not(.pending) .body").last).to_have_text(body)


def counselor_sends(pane: Locator, body: str) -> None:
    pane.locator(".composer textarea").fill(body)
    pane.locator(".composer button[type=submit]").click()
    expect(pane.locator(".message.mine:not(.pending) .body").last).to_have_text(body)


def conversation_of(first: str) -> str:
    """The id of the conversation whose first message is `first` (ids name tabs, panes)."""
    return str(Message.objects.get(seq=1, body=first).conversation_id)


def stored_bodies(conversation_id: str) -> list[str]:
    return list(
        Message.objects.filter(conversation_id=conversation_id)
        .order_by("seq")
        .values_list("body", flat=True)
    )


def take_next(console: Page, *, tabs: int) -> None:
    console.click("#take-next")
    expect(console.locator("#tabs .tab")).to_have_count(tabs)


def wrap_up(pane: Locator, *, outcome: str, tier: str, topic: str, note: str = "") -> None:
    pane.locator(".composer .end").click()
    form = pane.locator("form.wrap-up")
    form.locator("select").select_option(outcome)
    form.locator(f"input[value={tier}]").check()
    form.locator(f"input[name=topics][value={topic}]").check()
    if note:
        form.locator("textarea").fill(note)
    form.locator("button[type=submit]").click()
    expect(pane.locator(".pane-status")).to_contain_text("Wrapped up")


# --- Several conversations at once ------------------------------------------------------


def test_one_counselor_three_help_seekers_a_dropped_connection_a_transfer_and_a_wrap_up(
    new_seeker: NewSeeker, counselor_login: Login
) -> None:
    aoi = counselor(display_name="Aoi")
    kai = counselor(display_name="Kai")
    firsts = {
        "a": "I can't stop crying tonight.",
        "b": "My exams went badly and my parents are furious.",
        "c": "I have nobody to talk to since I moved.",
    }
    seekers = {key: start_chat(new_seeker(), first) for key, first in firsts.items()}
    ids = {key: conversation_of(first) for key, first in firsts.items()}

    console = counselor_login(aoi)
    network = DroppableConnection(console.context)
    console.reload()  # the console's websocket now runs through the droppable route
    expect(console.locator("#connection")).to_have_text("Connected")
    receiver = counselor_login(kai)  # logged in and available, but takes nobody
    expect(console.locator("#queue .queue-entry")).to_have_count(3)
    for taken in (1, 2, 3):
        take_next(console, tabs=taken)
    expect(console.locator("#queue .queue-entry")).to_have_count(0)
    tab = {key: console.locator(f"#tab-{ids[key]}") for key in firsts}
    pane = {key: console.locator(f"#pane-{ids[key]}") for key in firsts}
    for key, first in firsts.items():
        expect(pane[key].locator(".message .body")).to_have_text([first])
        expect(seekers[key].locator("#chat-status")).to_contain_text("Aoi has joined")

    # Messages land in their own tab only; tabs not in view count what is unread.
    tab["a"].click()
    expect(pane["a"]).to_be_visible()
    seeker_sends(seekers["b"], "They said I am a disappointment.")
    seeker_sends(seekers["c"], "It's so quiet in my flat.")
    seeker_sends(seekers["c"], "Are you there?")
    seeker_sends(seekers["a"], "Sorry, I don't know where to start.")
    expect(tab["b"].locator(".unread")).to_have_text("1")
    expect(tab["c"].locator(".unread")).to_have_text("2")
    expect(tab["a"].locator(".unread")).to_be_hidden()
    expect(pane["a"].locator(".message .body")).to_have_text(
        [firsts["a"], "Sorry, I don't know where to start."]
    )
    expect(pane["b"].locator(".message .body")).to_have_text(
        [firsts["b"], "They said I am a disappointment."]
    )
    expect(pane["c"].locator(".message .body")).to_have_text(
        [firsts["c"], "It's so quiet in my flat.", "Are you there?"]
    )
    for key in firsts:
        tab[key].click()
        expect(tab[key].locator(".unread")).to_be_hidden()
        counselor_sends(pane[key], f"I'm Aoi, and I'm listening ({key}).")
    for key, seeker in seekers.items():
        expect(seeker.locator(".message.theirs .body")).to_have_text(
            [f"I'm Aoi, and I'm listening ({key})."]
        )

    # The counselor's connection drops; the help-seekers are told and keep writing.
    network.drop()
    expect(console.locator("#connection")).to_contain_text("Reconnecting")
    for key, seeker in seekers.items():
        expect(seeker.locator(".note").last).to_contain_text("connection dropped")
        seeker_sends(seeker, f"Written while you were away ({key}).")
    expect(pane["a"].locator(".message .body")).to_have_count(3)  # nothing arrived meanwhile
    network.restore(console)
    expect(console.locator("#connection")).to_have_text("Connected")
    transcripts = {
        "a": [
            firsts["a"],
            "Sorry, I don't know where to start.",
            "I'm Aoi, and I'm listening (a).",
            "Written while you were away (a).",
        ],
        "b": [
            firsts["b"],
            "They said I am a disappointment.",
            "I'm Aoi, and I'm listening (b).",
            "Written while you were away (b).",
        ],
        "c": [
            firsts["c"],
            "It's so quiet in my flat.",
            "Are you there?",
            "I'm Aoi, and I'm listening (c).",
            "Written while you were away (c).",
        ],
    }
    expect(console.locator("#tabs .tab")).to_have_count(3)
    for key, seeker in seekers.items():
        expect(pane[key].locator(".message .body")).to_have_text(transcripts[key])
        expect(seeker.locator(".note").last).to_have_text("Your counselor is back.")
    tab["a"].click()
    counselor_sends(pane["a"], "Sorry, my connection dropped. I'm back.")
    expect(seekers["a"].locator(".message.theirs .body").last).to_have_text(
        "Sorry, my connection dropped. I'm back."
    )
    transcripts["a"].append("Sorry, my connection dropped. I'm back.")

    # Transfer b to Kai with a handover note.
    handover = "Exam stress, angry parents. No risk so far; wants to talk about home."
    tab["b"].click()
    pane["b"].locator(".transfer summary").click()
    choice = pane["b"].locator(f".transfer select option[value='{kai.pk}']:not([disabled])")
    expect(choice).to_have_text("Kai (0 of 3)")
    expect(pane["b"].locator(f".transfer select option[value='{aoi.pk}']")).to_have_count(0)
    pane["b"].locator(".transfer select").select_option(str(kai.pk))
    pane["b"].locator(".transfer textarea").fill(handover)
    pane["b"].locator(".transfer button[type=submit]").click()
    expect(console.locator("#notice")).to_have_text("The conversation was handed to Kai.")
    expect(tab["b"]).to_have_count(0)
    expect(pane["b"]).to_have_count(0)
    expect(console.locator("#tabs .tab")).to_have_count(2)

    received = receiver.locator(f"#pane-{ids['b']}")
    expect(received).to_be_visible()
    expect(received.locator(".private-notes")).to_have_attribute("open", "")
    expect(received.locator(".note-item.handover p")).to_have_text(handover)
    expect(received.locator(".message .body")).to_have_text(transcripts["b"])
    expect(seekers["b"].locator(".note", has_text="You are now talking with")).to_have_text(
        "You are now talking with Kai."
    )
    expect(seekers["b"].locator("#chat-status")).to_contain_text("Kai has joined")
    assert handover not in seekers["b"].locator("body").inner_text()

    seeker_sends(seekers["b"], "Hi Kai.")
    expect(received.locator(".message.theirs .body").last).to_have_text("Hi Kai.")
    counselor_sends(received, "Hi, I'm Kai. Aoi told me a little; tell me about home.")
    transcripts["b"] += ["Hi Kai.", "Hi, I'm Kai. Aoi told me a little; tell me about home."]
    expect(seekers["b"].locator(".message .body")).to_have_text(transcripts["b"])
    expect(seekers["b"].locator(".message.theirs .who").last).to_have_text("Kai")
    expect(received.locator(".message .body")).to_have_text(transcripts["b"])

    # Wrap up c: outcome, Aoi's own tier and a topic; the help-seeker sees the end.
    tab["c"].click()
    wrap_up(pane["c"], outcome="referred", tier="medium", topic="loneliness")
    expect(seekers["c"].locator("#chat-status")).to_contain_text("This conversation has ended")
    expect(seekers["c"].locator("#new-button")).to_be_visible()

    # a is still Aoi's, and nothing anywhere was lost or stored twice.
    seeker_sends(seekers["a"], "Thank you for coming back.")
    transcripts["a"].append("Thank you for coming back.")
    expect(pane["a"].locator(".message .body")).to_have_text(transcripts["a"])
    for key, seeker in seekers.items():
        expect(seeker.locator(".message .body")).to_have_text(transcripts[key])
        assert stored_bodies(ids[key]) == transcripts[key]
    record = WrapUp.objects.get()
    assert str(record.conversation_id) == ids["c"]
    assert (record.outcome, record.counselor_tier, record.topics) == (
        "referred",
        "medium",
        ["loneliness"],
    )
    assert Conversation.objects.get(pk=ids["b"]).counselor == kai
    assert Note.objects.get(kind=Note.Kind.HANDOVER).body == handover


# --- Saved replies ----------------------------------------------------------------------


def test_a_saved_reply_is_found_inserted_and_edited_before_it_is_sent(
    seeker_context: BrowserContext, counselor_login: Login
) -> None:
    CannedResponse.objects.create(
        language="en", title="Check safety", body="Are you somewhere safe right now?"
    )
    CannedResponse.objects.create(
        language="en", title="Breathing", body="Shall we take a slow breath together?"
    )
    CannedResponse.objects.create(
        language="ja", title="安全確認", body="今、安全な場所にいますか？"
    )
    seeker = start_chat(seeker_context, "Everything is too much.")
    console = counselor_login(counselor(display_name="Aoi"))
    take_next(console, tabs=1)
    pane = console.locator(".pane:not([hidden])")

    picker = pane.locator(".replies-picker")
    picker.locator("summary").click()
    expect(picker.locator(".insert-reply")).to_have_text(["Breathing", "Check safety"])
    expect(picker.locator("input[type=search]")).to_be_focused()
    picker.locator("input[type=search]").fill("SAFE")
    expect(picker.locator(".insert-reply")).to_have_text(["Check safety"])
    picker.locator(".insert-reply").click()
    reply = pane.locator(".composer textarea")
    expect(reply).to_have_value("Are you somewhere safe right now?")
    expect(reply).to_be_focused()
    expect(picker).not_to_have_attribute("open", "")
    assert stored_bodies(conversation_of("Everything is too much.")) == [
        "Everything is too much."
    ]  # inserting never sends

    reply.press("End")
    reply.press_sequentially(" Take your time.")
    pane.locator(".composer button[type=submit]").click()
    expect(seeker.locator(".message.theirs .body")).to_have_text(
        ["Are you somewhere safe right now? Take your time."]
    )


def test_a_counselor_adds_a_personal_saved_reply_and_finds_it_in_the_console(
    seeker_context: BrowserContext, counselor_login: Login
) -> None:
    start_chat(seeker_context, "I can't sleep again.")
    console = counselor_login(counselor(display_name="Aoi"))
    take_next(console, tabs=1)

    replies = console.context.new_page()
    replies.goto("/console/replies/")
    expect(replies.locator("h1")).to_have_text("Saved replies")
    expect(replies.locator("#id_shared")).to_have_count(0)  # shared ones are supervisors'
    replies.fill("#id_title", "Trouble sleeping")
    replies.select_option("#id_language", "en")
    replies.fill("#id_body", "Sleep is hard when your mind is racing. What keeps you awake?")
    replies.click(".reply-form button[type=submit]")
    expect(replies.locator(".reply-item strong")).to_have_text(["Trouble sleeping"])
    expect(replies.locator(".reply-item .tag")).to_have_text(["EN", "Mine"])

    replies.fill("#replies-q", "racing")
    replies.click(".replies-search button[type=submit]")
    expect(replies.locator(".reply-item strong")).to_have_text(["Trouble sleeping"])
    replies.fill("#replies-q", "no such words")
    replies.click(".replies-search button[type=submit]")
    expect(replies.locator(".reply-item")).to_have_count(0)
    replies.close()

    console.reload()  # the picker loads each language's replies once per page
    pane = console.locator(".pane:not([hidden])")
    picker = pane.locator(".replies-picker")
    picker.locator("summary").click()
    picker.locator("input[type=search]").fill("racing")
    expect(picker.locator(".reply-choice .insert-reply")).to_have_text(["Trouble sleeping"])
    expect(picker.locator(".reply-choice .tag")).to_have_text(["Mine"])
    picker.locator(".insert-reply").click()
    expect(pane.locator(".composer textarea")).to_have_value(
        "Sleep is hard when your mind is racing. What keeps you awake?"
    )
    mine = CannedResponse.objects.get()
    assert (mine.owner is not None and mine.owner.display_name, mine.shared) == ("Aoi", False)


def test_only_a_supervisor_is_offered_to_share_a_saved_reply(counselor_login: Login) -> None:
    page = counselor_login(supervisor(display_name="Sora"))
    page.goto("/console/replies/")
    expect(page.locator("#id_shared")).to_be_visible()
    page.fill("#id_title", "Welcome")
    page.fill("#id_body", "Thank you for writing to us. I'm here.")
    page.check("#id_shared")
    page.click(".reply-form button[type=submit]")
    expect(page.locator(".reply-item .tag")).to_have_text(["EN", "Shared"])
    assert CannedResponse.objects.get().shared


# --- Risk checklist ---------------------------------------------------------------------


def test_risk_checklist_answers_survive_a_reload_and_suggest_a_tier_in_the_wrap_up(
    seeker_context: BrowserContext, counselor_login: Login
) -> None:
    seeker = start_chat(seeker_context, "I keep thinking everyone would be better off.")
    console = counselor_login(counselor(display_name="Aoi"))
    take_next(console, tabs=1)
    conversation = conversation_of("I keep thinking everyone would be better off.")
    checklist = console.locator(f"#pane-{conversation} .risk-checklist")
    checklist.locator("summary").click()
    for item, answer in [("thoughts", "yes"), ("plan", "yes"), ("means", "no")]:
        choice = checklist.locator(f"input[name='check-{item}-{conversation}'][value={answer}]")
        # click, not check: the server's echo of the previous answer redraws every radio
        # and may briefly clear this one until its own echo arrives.
        choice.click()
        expect(choice).to_be_checked()
    # The suggestion comes back from the server, so it shows the answers were stored.
    expect(checklist.locator(".checklist-suggestion")).to_have_text(
        "The checklist suggests: High risk"
    )

    console.reload()
    expect(console.locator("#connection")).to_have_text("Connected")
    checklist = console.locator(f"#pane-{conversation} .risk-checklist")
    expect(checklist.locator(".checklist-suggestion")).to_have_text(
        "The checklist suggests: High risk"
    )
    checklist.locator("summary").click()
    for item, answer in [("thoughts", "yes"), ("plan", "yes"), ("means", "no"), ("method", "")]:
        expect(
            checklist.locator(f"input[name='check-{item}-{conversation}'][value='{answer}']")
        ).to_be_checked()
    console.locator(f"#pane-{conversation} .composer .end").click()
    expect(console.locator(f"#pane-{conversation} .wrap-suggestion")).to_have_text(
        "The checklist suggests: High risk"
    )
    assert "checklist" not in seeker.locator("body").inner_text().lower()
    assert RiskChecklist.objects.get().answers == {"thoughts": "yes", "plan": "yes", "means": "no"}


# --- Supervisor assignment --------------------------------------------------------------


def test_a_supervisor_assigns_a_chosen_waiting_person_to_a_chosen_counselor(
    new_seeker: NewSeeker, counselor_login: Login
) -> None:
    aoi = counselor(display_name="Aoi")
    first_in_line = start_chat(new_seeker(), "I've been waiting to say this for weeks.")
    chosen = start_chat(new_seeker(), "私は日本語の方が話しやすいです。")
    chosen_id = conversation_of("私は日本語の方が話しやすいです。")
    console = counselor_login(aoi)
    lead = counselor_login(supervisor(display_name="Sora"))
    expect(lead.locator("#queue .queue-entry")).to_have_count(2)

    lead.focus("#assign-person")  # the form asks for the team when it is entered
    lead.select_option("#assign-person", chosen_id)
    aoi_choice = lead.locator(f"#assign-to option[value='{aoi.pk}']:not([disabled])")
    expect(aoi_choice).to_have_text("Aoi (0 of 3)")
    lead.select_option("#assign-to", str(aoi.pk))
    lead.click("#assign-form button[type=submit]")

    opened = console.locator(f"#pane-{chosen_id}")
    expect(opened).to_be_visible()
    expect(opened.locator(".message.theirs .body")).to_have_text(
        ["私は日本語の方が話しやすいです。"]
    )
    expect(console.locator("#tabs .tab")).to_have_count(1)
    expect(chosen.locator("#chat-status")).to_contain_text("Aoi")
    expect(first_in_line.locator("#chat-status")).to_contain_text("number 1 in line")
    expect(lead.locator("#queue .queue-entry")).to_have_count(1)
    assigned = Conversation.objects.get(pk=chosen_id)
    assert (assigned.status, assigned.counselor) == ("active", aoi)


# --- Earlier conversations --------------------------------------------------------------


def test_a_help_seeker_who_shares_history_comes_back_and_the_counselor_sees_the_earlier_talk(
    new_seeker: NewSeeker, counselor_login: Login
) -> None:
    console = counselor_login(counselor(display_name="Aoi"))
    seeker = start_chat(new_seeker(), "My dog died last week.", share_history=True)
    take_next(console, tabs=1)
    first_pane = console.locator(".pane:not([hidden])")
    counselor_sends(first_pane, "I'm so sorry. Tell me about your dog.")
    wrap_up(
        first_pane,
        outcome="de_escalated",
        tier="low",
        topic="feelings",
        note="Grief; has a supportive brother.",
    )
    expect(seeker.locator("#new-button")).to_be_visible()
    # The first conversation was shared but had no earlier one before it.
    first_pane.locator(".earlier summary").click()
    expect(first_pane.locator(".earlier-list")).to_have_text("No earlier conversations.")

    seeker.click("#new-button")
    seeker.wait_for_url("**/chat/?new=1")
    seeker.check("#share-history")
    again = "It's me again, still sad about my dog."
    seeker.fill("#composer-input", again)
    seeker.click("#send-button")
    expect(seeker.locator(".message.mine .state")).to_have_text("Sent")
    take_next(console, tabs=2)
    pane = console.locator(f"#pane-{conversation_of(again)}")
    expect(pane).to_be_visible()
    earlier = pane.locator(".earlier")
    earlier.locator("summary").click()
    item = earlier.locator(".earlier-item")
    expect(item).to_have_count(1)
    expect(item.locator("summary")).to_contain_text("De-escalated")
    item.locator("summary").click()
    expect(item.locator(".message .body")).to_have_text(
        ["My dog died last week.", "I'm so sorry. Tell me about your dog."]
    )
    expect(item).to_contain_text("Grief; has a supportive brother.")


def test_a_help_seeker_who_does_not_share_history_shows_no_earlier_conversations(
    new_seeker: NewSeeker, counselor_login: Login
) -> None:
    seeker = start_chat(new_seeker(), "Just testing whether anyone is there.")
    seeker.once("dialog", lambda dialog: dialog.accept())
    seeker.click("#end-button")
    expect(seeker.locator("#new-button")).to_be_visible()
    seeker.click("#new-button")
    seeker.wait_for_url("**/chat/?new=1")
    expect(seeker.locator("#share-history")).not_to_be_checked()
    seeker.fill("#composer-input", "Sorry, I left. I do want to talk.")
    seeker.click("#send-button")
    expect(seeker.locator(".message.mine .state")).to_have_text("Sent")

    console = counselor_login(counselor(display_name="Aoi"))
    take_next(console, tabs=1)
    pane = console.locator(".pane:not([hidden])")
    expect(pane.locator(".message .body")).to_have_text(["Sorry, I left. I do want to talk."])
    expect(pane.locator(".pane-tools .replies-picker")).to_be_attached()
    expect(pane.locator(".earlier")).to_have_count(0)
    assert Conversation.objects.count() == 2  # the earlier one exists, but is not linked


# --- Arrival alerts ---------------------------------------------------------------------


def test_a_new_arrival_raises_an_alert_and_counts_in_the_tab_title(
    new_seeker: NewSeeker, counselor_login: Login
) -> None:
    console = counselor_login(counselor(display_name="Aoi"))
    expect(console).to_have_title(re.compile(r"^Console · "))
    start_chat(new_seeker(), "Hello? Is anyone reading this?")
    arrival = console.locator("#alerts .alert.arrival")
    expect(arrival).to_have_text("Someone new is waiting.")
    expect(arrival).to_have_attribute("role", "status")
    expect(console).to_have_title(re.compile(r"^\(1\) Console · "))
    expect(console.locator("#alerts [role=alert]")).to_have_count(0)

    # Working in another tab: the title says how many arrived unseen.
    console.evaluate(
        """() => {
          Object.defineProperty(document, "hidden", { value: true, configurable: true });
          document.dispatchEvent(new Event("visibilitychange"));
        }"""
    )
    start_chat(new_seeker(), "I need help with something.")
    expect(console).to_have_title(re.compile(r"^● New 1 \(2\) Console · "))
    expect(console.locator("#alerts .alert.arrival")).to_have_count(1)  # one line per kind
    console.evaluate(
        """() => {
          delete document.hidden;
          document.dispatchEvent(new Event("visibilitychange"));
        }"""
    )
    expect(console).to_have_title(re.compile(r"^\(2\) Console · "))


@pytest.mark.worker
def test_a_high_risk_arrival_raises_an_urgent_alert(
    new_seeker: NewSeeker, counselor_login: Login, celery_worker: object
) -> None:
    """A real worker scores the message, as in production."""
    console = counselor_login(counselor(display_name="Aoi"))
    start_chat(new_seeker(), "I have the pills here and I am going to kill myself tonight")
    urgent = console.locator("#alerts .alert[role=alert]", has_text="imminent risk")
    expect(urgent).to_have_text(
        "A person at imminent risk is waiting. They are first in the queue."
    )
    expect(console.locator("#queue .queue-entry .tier-badge")).to_have_text("Imminent risk")
