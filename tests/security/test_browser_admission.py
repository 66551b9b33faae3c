"""In a real browser: the chat page earns its own admission (static/js/admission.js) and
starts a conversation on a server that asks for the proof, while a script flooding that
server with starts it did not pay for gets nothing in. The figures under a flood of 100
starts a second are bench/start_flood.py's."""

import json
import secrets
import threading
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from bench.kit.processes import Server
from counseling.models import Conversation, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def admitting_server(server_env: dict[str, str], tmp_path_factory: Any) -> Iterator[str]:
    """A server that asks for the proof, with a low limit: were refused starts counted,
    the flood would have closed it."""
    env = {
        **server_env,
        "KIZUNA_START_PROOF_BITS": "12",
        "KIZUNA_CONVERSATION_STARTS_PER_MINUTE": "5",
        "KIZUNA_STARTS_PER_STAFFED_PLACE": "0",
    }
    server = Server(env, tmp_path_factory.mktemp("admitting") / "server.log")
    yield server.url
    server.stop()


def flood(base_url: str, stop: threading.Event, tally: Counter[int]) -> None:
    """Starts without a proof (or with a made-up one), each from a fresh "browser"."""
    n = 0
    while not stop.is_set():
        csrf = secrets.token_hex(16)
        payload: dict[str, Any] = {"body": f"flood {n}", "client_id": f"f{n}", "language": "en"}
        if n % 2:
            payload["admission"] = {"challenge": "made.up", "solution": str(n)}
        request = urllib.request.Request(
            f"{base_url}/chat/start",
            data=json.dumps(payload).encode(),
            headers={
                "Content-Type": "application/json",
                "X-CSRFToken": csrf,
                "Cookie": f"csrftoken={csrf}",
                "Origin": base_url,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                tally[response.status] += 1
        except urllib.error.HTTPError as refused:
            tally[refused.code] += 1
        n += 1


def test_a_person_starts_a_conversation_while_a_script_floods_starts(browser, admitting_server):
    stop = threading.Event()
    tally: Counter[int] = Counter()
    flooders = [
        threading.Thread(target=flood, args=(admitting_server, stop, tally)) for _ in range(4)
    ]
    for thread in flooders:
        thread.start()
    context = browser.new_context(base_url=admitting_server, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto("/chat/")
        page.fill("#composer-input", "Hello, I need someone to talk to.")
        page.click("#send-button")
        expect(page.locator("#waiting-room")).to_be_visible()
        expect(page.locator(".message.mine .state").first).to_have_text("Sent")
    finally:
        stop.set()
        for thread in flooders:
            thread.join()
        context.close()

    assert tally[429] > 0 and tally[201] == 0, tally
    stored = list(Conversation.objects.values_list("status", flat=True))
    assert stored == [Status.WAITING]  # the person's, and nothing of the flood's
