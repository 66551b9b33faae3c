"""In a real browser: hostile text from a help-seeker, a counselor's display name, a saved
reply and a private note is shown as the characters it is, on the help-seeker's page,
the counselor console, the supervisor dashboard's observe view and the saved replies
page. No script runs (window.__pwned stays undefined), the Content-Security-Policy never
has to block anything (nothing was injected for it to block), and no element anywhere
links to `javascript:`.

Already covered elsewhere, not repeated here: one hostile message from help-seeker to
counselor and after a reload (tests/browser/test_chat.py::test_seeker_and_counselor_talk_
and_a_reload_shows_the_history_once).
"""

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from accounts.models import User
from counseling.models import CannedResponse, Message, Note
from tests.accounts.factories import counselor, supervisor
from tests.security.hostile import ALL, HOSTILE, IMG, NAME

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Login = Callable[[User], Page]

# Runs before any page script: records what the CSP blocked, and would catch an injected
# script's effect even if it ran before the test looked.
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
});
"""

# Every attribute that could hold a link a click (or a load) would run.
SCRIPT_LINKS = """
() => Array.from(document.querySelectorAll("*")).flatMap((node) =>
  ["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"]
    .map((name) => [name, node.getAttribute(name)])
    .filter(([, value]) => value && /^\\s*(javascript|data:text\\/html|vbscript):/i.test(value))
    .map(([name, value]) => `<${node.tagName.toLowerCase()} ${name}="${value}">`))
"""


def assert_inert(page: Page, where: str) -> None:
    """Nothing hostile became markup, ran, or had to be blocked on this page."""
    assert page.evaluate("typeof window.__pwned") == "undefined", where
    assert page.evaluate("window.__csp") == [], where
    assert page.evaluate(SCRIPT_LINKS) == [], where
    assert page.locator("img[src='x']").count() == 0, where
    scripts = page.locator("script").evaluate_all("(nodes) => nodes.map((n) => n.textContent)")
    assert not [text for text in scripts if "__pwned" in text], where


def watched(page: Page) -> Page:
    """The page reloaded with the watcher in place (login helpers open pages first)."""
    page.context.add_init_script(WATCH)
    page.reload()
    return page


def test_hostile_text_is_shown_as_text_everywhere_and_nothing_runs(
    seeker_context: BrowserContext, counselor_login: Login
) -> None:
    staff = counselor(display_name=NAME)
    boss = supervisor(display_name="Mika")
    CannedResponse.objects.create(language="en", title=IMG, body=ALL)  # a shared reply

    seeker_context.add_init_script(WATCH)
    seeker = seeker_context.new_page()
    seeker.goto("/chat/")
    for body in HOSTILE:
        seeker.fill("#composer-input", body)
        seeker.click("#send-button")
        expect(seeker.locator(".message.mine:not(.pending) .body").last).to_have_text(body)

    # The counselor console: the person's words, then a note and a saved reply.
    console = watched(counselor_login(staff))
    expect(console.locator("#connection")).to_contain_text("Connected")
    expect(console.locator("#queue .preview")).to_have_text(HOSTILE[0])
    console.click("#take-next")
    pane = console.locator(".pane:not([hidden])")
    expect(pane.locator(".message.theirs .body")).to_have_text(HOSTILE)
    pane.locator(".private-notes summary").click()
    pane.locator(".note-form textarea").fill(ALL)
    pane.locator(".note-form button").click()
    expect(pane.locator(".note-item p")).to_have_text(ALL)
    picker = pane.locator(".replies-picker")
    picker.locator("summary").click()
    expect(picker.locator(".insert-reply")).to_have_text([IMG])
    expect(picker.locator(".reply-body")).to_have_text([ALL])
    picker.locator(".insert-reply").click()
    expect(pane.locator(".composer textarea")).to_have_value(ALL)
    pane.locator(".composer button[type=submit]").click()
    expect(pane.locator(".message.mine:not(.pending) .body")).to_have_text([ALL])
    assert_inert(console, "counselor console")

    # The help-seeker's page: their words, the counselor's, and the counselor's name.
    expect(seeker.locator(".message.theirs .body")).to_have_text([ALL])
    expect(seeker.locator(".message.theirs .who")).to_have_text([NAME])
    expect(seeker.locator("#chat-status")).to_contain_text(NAME)
    expect(seeker.locator(".message.mine .body")).to_have_text(HOSTILE)
    assert ALL not in seeker.locator(".note-item").all_inner_texts()  # notes are staff-only
    assert_inert(seeker, "help-seeker page")

    # The supervisor's dashboard, watching the conversation.
    dashboard = counselor_login(boss)
    dashboard.context.add_init_script(WATCH)
    dashboard.goto("/supervisor/")
    expect(dashboard.locator("#connection")).to_have_text("Connected")
    live = dashboard.locator("#live-list .live-entry")
    expect(live).to_contain_text(NAME)
    live.get_by_role("button", name="Open").click()
    watching = dashboard.locator("#observe")
    expect(watching.locator(".message .body")).to_have_text([*HOSTILE, ALL])
    expect(watching).to_contain_text(NAME)
    assert_inert(dashboard, "supervisor dashboard, observing")

    # The saved replies page.
    replies = console.context.new_page()
    replies.goto("/console/replies/")
    expect(replies.locator(".reply-body")).to_have_text([ALL])
    expect(replies.locator("strong", has_text="onerror")).to_have_text(IMG)
    assert_inert(replies, "saved replies page")

    # What was shown is what was stored, byte for byte.
    assert list(Message.objects.order_by("seq").values_list("body", flat=True)) == [*HOSTILE, ALL]
    assert Note.objects.get().body == ALL
