"""Automated accessibility checks (axe-core, WCAG 2.0/2.1/2.2 A and AA) of every page state.

Help-seeker pages are checked at phone size, in English and in Japanese; staff pages at
desktop size. Each page is checked in the state a person actually sees it: the chat before
the first message, while waiting, during a conversation and after it ended; the console
with somebody waiting and a conversation open (risk scored by a real Celery worker).
axe-core is vendored in tests/browser/vendor/ (test-only, never served) and injected into
the page under test.

Any violation of impact "serious" or "critical" fails the test; the failure lists every
violation (rule, impact, target selectors, help text) so it can be fixed directly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect

from tests.accounts.factories import counselor
from tests.browser.conftest import PHONE, WAIT_MS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
PHONE_SIZE = ViewportSize(width=PHONE["width"], height=PHONE["height"])
DESKTOP = ViewportSize(width=1280, height=800)

FIRST_MESSAGE = "Hello, I can't sleep and I feel alone."
REPLY = "Hi, I'm Aoi. I'm here with you."
RISKY_MESSAGE = "I feel hopeless and I keep thinking about hurting myself."

AXE_RUN = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations"],
  });
  return results.violations.map((rule) => ({
    id: rule.id,
    impact: rule.impact,
    help: rule.help,
    helpUrl: rule.helpUrl,
    nodes: rule.nodes.map((node) => ({
      target: node.target.map(String),
      html: node.html,
      impact: node.impact,
      summary: node.failureSummary,
    })),
  }));
}"""


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Inject axe-core (once per document) and return its WCAG A/AA violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text())  # not a <script> tag: the strict CSP blocks those
    violations: list[dict[str, Any]] = page.evaluate(AXE_RUN, WCAG_TAGS)
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for rule in violations:
        lines.append(f"- {rule['id']} [{rule['impact']}]: {rule['help']} ({rule['helpUrl']})")
        for node in rule["nodes"]:
            lines.append(f"    {' '.join(node['target'])} [{node['impact']}]  {node['html'][:160]}")
            summary = " ".join((node["summary"] or "").split())
            if summary:
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


def accessibility_problems(page: Page, where: str) -> str | None:
    """The serious/critical WCAG A/AA violations on the page as it is now, described."""
    violations = axe_violations(page)
    blocking = [rule for rule in violations if rule["impact"] in BLOCKING_IMPACTS]
    others = [rule for rule in violations if rule["impact"] not in BLOCKING_IMPACTS]
    if others:  # shown with -s or on failure; worth fixing, but they do not fail the test
        print(f"{where}: moderate/minor accessibility violations:\n{describe(others)}")
    if not blocking:
        return None
    return (
        f"{where} ({page.url}): {len(blocking)} serious/critical accessibility "
        f"violation(s):\n{describe(blocking)}"
    )


def assert_accessible(page: Page, where: str) -> None:
    """No serious or critical WCAG A/AA violation on the page as it is now."""
    problems = accessibility_problems(page, where)
    assert problems is None, problems


def seeker_page(browser: Browser, base_url: str, locale: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(
        base_url=base_url,
        viewport=PHONE_SIZE,
        is_mobile=True,
        has_touch=True,
        locale=locale,
        extra_http_headers={"Accept-Language": locale},
    )
    context.set_default_timeout(WAIT_MS)
    return context, context.new_page()


def open_chat(page: Page) -> None:
    page.goto("/chat/")
    expect(page.locator("#composer-input")).to_be_editable()


def send_first_message(page: Page) -> None:
    page.fill("#composer-input", FIRST_MESSAGE)
    page.click("#send-button")
    expect(page.locator(".message.mine .state")).to_have_count(1)
    expect(page.locator("#end-button")).to_be_visible()


# --- Help-seeker pages, phone size -------------------------------------------------------


@pytest.mark.parametrize("locale", ["en-US", "ja-JP"])
def test_landing_page(browser: Browser, live_server_url: str, locale: str) -> None:
    context, page = seeker_page(browser, live_server_url, locale)
    try:
        page.goto("/")
        expect(page.locator(".quick-exit")).to_be_visible()
        expect(page.locator("html")).to_have_attribute("lang", locale[:2])
        assert_accessible(page, f"landing [{locale}]")
    finally:
        context.close()


@pytest.mark.parametrize("locale", ["en-US", "ja-JP"])
def test_chat_before_the_first_message(browser: Browser, live_server_url: str, locale: str) -> None:
    context, page = seeker_page(browser, live_server_url, locale)
    try:
        open_chat(page)
        expect(page.locator("html")).to_have_attribute("lang", locale[:2])
        assert_accessible(page, f"chat before the first message [{locale}]")
    finally:
        context.close()


@pytest.mark.parametrize("locale", ["en-US", "ja-JP"])
def test_chat_while_waiting(browser: Browser, live_server_url: str, locale: str) -> None:
    context, page = seeker_page(browser, live_server_url, locale)
    try:
        open_chat(page)
        send_first_message(page)
        expect(page.locator(".message.mine .state")).not_to_have_text("")
        assert_accessible(page, f"chat while waiting [{locale}]")
    finally:
        context.close()


def test_chat_during_a_conversation_and_after_it_ended(
    seeker_context: BrowserContext, counselor_login: Any
) -> None:
    staff = counselor(display_name="Aoi")
    seeker = seeker_context.new_page()
    open_chat(seeker)
    send_first_message(seeker)
    expect(seeker.locator(".message.mine .state")).to_have_text("Sent")

    console = counselor_login(staff)
    console.click("#take-next")
    pane = console.locator(".pane:not([hidden])")
    expect(pane.locator(".message.theirs .body")).to_have_text(FIRST_MESSAGE)
    pane.locator(".composer textarea").fill(REPLY)
    pane.locator(".composer button[type=submit]").click()
    expect(seeker.locator(".message.theirs .body")).to_have_text(REPLY)
    expect(seeker.locator("#chat-status")).to_contain_text("Aoi")
    # Both states are checked before failing, so one run reports everything.
    problems = [accessibility_problems(seeker, "chat during a conversation [en-US]")]

    pane.locator("button.end").click()
    wrap_up = pane.locator("form.wrap-up")
    wrap_up.locator("select").select_option("de_escalated")  # never chosen for the counselor
    wrap_up.locator("input[value=low]").check()
    problems.append(accessibility_problems(console, "console wrap-up form [desktop]"))
    wrap_up.locator("button[type=submit]").click()
    expect(seeker.locator("#new-button")).to_be_visible()
    problems.append(accessibility_problems(seeker, "chat after the conversation ended [en-US]"))
    found = [problem for problem in problems if problem]
    assert not found, "\n\n".join(found)


# --- Staff pages, desktop size -----------------------------------------------------------


def test_staff_login_page(browser: Browser, live_server_url: str) -> None:
    context = browser.new_context(base_url=live_server_url, viewport=DESKTOP)
    context.set_default_timeout(WAIT_MS)
    try:
        page = context.new_page()
        page.goto("/accounts/login/")
        expect(page.locator("#id_username")).to_be_visible()
        assert_accessible(page, "staff login")
    finally:
        context.close()


@pytest.mark.worker
def test_console_with_a_waiting_person_and_an_active_conversation(
    browser: Browser, live_server_url: str, counselor_login: Any, celery_worker: Any
) -> None:
    """A real worker scores the messages, so risk badges, evidence and highlights show."""
    staff = counselor(display_name="Aoi")
    # Two help-seekers in two browsers (one browser holds one conversation), as in real use.
    seekers = [seeker_page(browser, live_server_url, "en-US") for _ in range(2)]
    try:
        for (_context, page), body in zip(seekers, [RISKY_MESSAGE, FIRST_MESSAGE], strict=True):
            open_chat(page)
            page.fill("#composer-input", body)
            page.click("#send-button")
            expect(page.locator(".message.mine .state")).to_have_text("Sent")
        check_console(counselor_login(staff))
    finally:
        for context, _page in seekers:
            context.close()


def check_console(console: Page) -> None:
    console.set_viewport_size(DESKTOP)
    expect(console.locator("#queue .queue-entry")).to_have_count(2)
    expect(console.locator("#queue .queue-entry .evidence").first).to_be_visible()
    console.click("#take-next")
    pane = console.locator(".pane:not([hidden])")
    expect(pane.locator(".message.theirs .body")).to_have_text(RISKY_MESSAGE)
    expect(pane.locator(".message.theirs .body mark").first).to_be_visible()
    expect(console.locator("#queue .queue-entry")).to_have_count(1)
    pane.locator(".composer textarea").fill(REPLY)
    pane.locator(".composer button[type=submit]").click()
    expect(pane.locator(".message.mine .body")).to_have_text(REPLY)

    assert_accessible(console, "console with a waiting person and an active conversation")


def test_console_tools_open_and_the_saved_replies_page(
    seeker_context: BrowserContext, counselor_login: Any
) -> None:
    """The console's tools as a counselor uses them: saved replies listed, the risk
    checklist answered, transfer choices shown; then the saved replies page."""
    from counseling.models import CannedResponse

    CannedResponse.objects.create(language="en", title="Check safety", body="Are you safe now?")
    staff = counselor(display_name="Aoi")
    counselor(display_name="Kai", presence="available")  # someone to transfer to
    seeker = seeker_context.new_page()
    open_chat(seeker)
    send_first_message(seeker)
    expect(seeker.locator(".message.mine .state")).to_have_text("Sent")

    console = counselor_login(staff)
    console.set_viewport_size(DESKTOP)
    console.click("#take-next")
    pane = console.locator(".pane:not([hidden])")
    expect(pane.locator(".message.theirs .body")).to_have_text(FIRST_MESSAGE)
    pane.locator(".replies-picker summary").click()
    expect(pane.locator(".insert-reply")).to_have_text(["Check safety"])
    pane.locator(".risk-checklist summary").click()
    pane.locator(".risk-checklist input[value=yes]").first.check()
    expect(pane.locator(".checklist-suggestion")).not_to_be_empty()
    pane.locator(".transfer summary").click()
    expect(pane.locator(".transfer select option")).to_have_text(["Choose…", "Kai (0 of 3)"])
    problems = [accessibility_problems(console, "console with its tools open [desktop]")]

    console.goto("/console/replies/")
    expect(console.locator(".reply-item")).to_have_count(1)
    problems.append(accessibility_problems(console, "saved replies page [desktop]"))
    found = [problem for problem in problems if problem]
    assert not found, "\n\n".join(found)


def test_the_supervisors_pages_reports_staffing_and_staff_included(counselor_login: Any) -> None:
    """Every supervisor page, as a supervisor reads it, with figures to show."""
    from tests.accounts.factories import supervisor
    from tests.counseling.factories import waiting_conversation

    waiting_conversation("I need someone to talk to.")
    lead = counselor_login(supervisor(display_name="Sora"))
    lead.set_viewport_size(DESKTOP)
    problems = []
    for path, ready in (
        ("/supervisor/", "#connection:has-text('Connected')"),
        ("/supervisor/reports/", "main"),
        ("/supervisor/staffing/", "main"),
        ("/accounts/staff/", "main"),
        ("/accounts/two-factor/", "main"),
    ):
        lead.goto(path)
        lead.wait_for_selector(ready)
        problems.append(accessibility_problems(lead, f"{path} [desktop]"))
    found = [problem for problem in problems if problem]
    assert not found, "\n\n".join(found)
