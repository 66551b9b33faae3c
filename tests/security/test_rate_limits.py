"""Floods against the live server: a thousand messages at once into one conversation, a
thousand conversation starts at once, and one browser starting twice at the same moment.
Nothing beyond a limit is stored, every refusal says so clearly, and no client address
(real or spoofed in X-Forwarded-For) has anything to do with the limits.

Already covered elsewhere, not repeated here: the per-minute message limit in the service
(tests/counseling/test_seeker_experience.py::test_too_many_messages_a_minute_are_refused_
and_not_stored) and a second start from a browser that already holds an open conversation
(tests/counseling/test_views.py::test_one_browser_cannot_open_a_second_conversation_
while_one_is_open).
"""

import asyncio
import json
import secrets
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import websockets
from django.conf import settings

from bench.kit.processes import Server
from counseling.models import Conversation, Message
from counseling.tokens import seeker_token_hash
from tests.security.live import Browser, Reply, first_message, receive_type, ws_url

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

SEEKER_COOKIE = settings.KIZUNA["SEEKER_COOKIE_NAME"]
FLOOD = 1000
START_LIMIT = 60  # the default of KIZUNA_CONVERSATION_STARTS_PER_MINUTE
SOCKETS = 10


def spoofed(n: int) -> dict[str, str]:
    """Headers claiming a different client address each time."""
    address = f"203.0.{n // 250}.{n % 250 + 1}"
    return {
        "X-Forwarded-For": address,
        "X-Real-IP": address,
        "Forwarded": f"for={address}",
        "True-Client-IP": address,
    }


@pytest.fixture(scope="module")
def second_server(server_env: dict[str, str], tmp_path_factory: Any) -> Iterator[str]:
    """Another web process on the same database and Redis: limits must hold across them."""
    server = Server(server_env, tmp_path_factory.mktemp("second") / "server.log")
    yield server.url
    server.stop()


@pytest.fixture(scope="module")
def start_limited_servers(server_env: dict[str, str], tmp_path_factory: Any) -> Iterator[list[str]]:
    """Two web processes with the service's own limit on new conversations (the rest of
    the suite raises it, to start people quickly)."""
    env = {**server_env, "KIZUNA_CONVERSATION_STARTS_PER_MINUTE": str(START_LIMIT)}
    servers = [Server(env, tmp_path_factory.mktemp(f"limited{n}") / "server.log") for n in (1, 2)]
    yield [server.url for server in servers]
    for server in servers:
        server.stop()


def browser_with_csrf(base_url: str, n: int = 0) -> Browser:
    browser = Browser(base_url, headers=spoofed(n))
    browser.get("/chat/")
    assert "csrftoken" in browser.cookies
    return browser


def minute() -> int:
    return int(time.time() // 60)


def wait_for_a_fresh_minute(needed_seconds: float = 30) -> None:
    """The message limit counts per clock minute: start where a whole burst fits."""
    left = 60 - time.time() % 60
    if left < needed_seconds:
        time.sleep(left + 0.5)


def is_clear_refusal(reply: Reply) -> bool:
    try:
        answer = reply.json()
    except ValueError:
        return False
    return reply.status == 429 and bool(answer.get("error")) and bool(answer.get("message"))


# --- Messages -----------------------------------------------------------------------------


def test_a_thousand_messages_at_once_store_only_the_limit_and_each_refusal_is_clear(
    live_server_url: str, second_server: str
):
    limit = settings.KIZUNA["SEEKER_MESSAGES_PER_MINUTE"]
    wait_for_a_fresh_minute()
    started_in = minute()
    seeker = browser_with_csrf(live_server_url)
    assert seeker.post_json("/chat/start", first_message()).status == 201  # counts as one
    token = seeker.cookies[SEEKER_COOKIE]
    conversation = Conversation.objects.get(token_hash=seeker_token_hash(token))

    async def one_socket(n: int) -> tuple[dict[str, dict], int]:
        """Send FLOOD / SOCKETS messages at once; the answer to each of them."""
        base = (live_server_url, second_server)[n % 2]
        headers = {"Origin": base, "Cookie": f"{SEEKER_COOKIE}={token}", **spoofed(n)}
        mine = {f"s{n}-{i}" for i in range(FLOOD // SOCKETS)}
        answers: dict[str, dict] = {}
        async with websockets.connect(
            ws_url(base, "/ws/seeker/"), additional_headers=headers
        ) as ws:
            await receive_type(ws, "conversation")
            for client_id in sorted(mine):
                await ws.send(json.dumps({"type": "send", "client_id": client_id, "body": "hi"}))
            async with asyncio.timeout(120):
                while len(answers) < len(mine):
                    frame = json.loads(await ws.recv())
                    key = frame.get("ref") if frame["type"] == "error" else frame.get("client_id")
                    if key in mine and frame["type"] in {"error", "message"}:
                        answers[key] = frame
        return answers, n

    async def flood() -> list[tuple[dict[str, dict], int]]:
        return await asyncio.gather(*(one_socket(n) for n in range(SOCKETS)))

    results = asyncio.run(flood())
    assert minute() == started_in, "the burst crossed a minute boundary: run it again"

    answers = [frame for per_socket, _n in results for frame in per_socket.values()]
    refused = [frame for frame in answers if frame["type"] == "error"]
    accepted = [frame for frame in answers if frame["type"] == "message"]
    assert len(answers) == FLOOD  # every frame was answered, one way or the other
    assert Message.objects.filter(conversation=conversation).count() == limit
    assert len(accepted) == limit - 1
    assert len(refused) == FLOOD - (limit - 1)
    assert {frame["code"] for frame in refused} == {"rate_limited"}
    assert all(frame["message"] for frame in refused)


def test_a_new_client_address_does_not_reset_the_message_limit(
    live_server_url: str, second_server: str
):
    limit = settings.KIZUNA["SEEKER_MESSAGES_PER_MINUTE"]
    wait_for_a_fresh_minute()
    seeker = browser_with_csrf(live_server_url)
    assert seeker.post_json("/chat/start", first_message()).status == 201
    token = seeker.cookies[SEEKER_COOKIE]

    async def send_one(base: str, n: int, client_id: str) -> dict:
        headers = {"Origin": base, "Cookie": f"{SEEKER_COOKIE}={token}", **spoofed(n)}
        async with websockets.connect(
            ws_url(base, "/ws/seeker/"), additional_headers=headers
        ) as ws:
            await receive_type(ws, "conversation")
            await ws.send(json.dumps({"type": "send", "client_id": client_id, "body": "hi"}))
            async with asyncio.timeout(10):
                while True:
                    frame = json.loads(await ws.recv())
                    if frame.get("ref") == client_id or frame.get("client_id") == client_id:
                        return frame

    async def scenario() -> list[dict]:
        for i in range(limit - 1):  # up to the limit, from one address
            assert (await send_one(live_server_url, 0, f"ok-{i}"))["type"] == "message"
        # Then from new addresses, through both processes.
        return [
            await send_one(base, 900 + n, f"new-{n}")
            for n, base in enumerate((live_server_url, second_server, live_server_url))
        ]

    after = asyncio.run(scenario())
    assert [frame.get("code") for frame in after] == ["rate_limited"] * 3
    conversation = Conversation.objects.get(token_hash=seeker_token_hash(token))
    assert Message.objects.filter(conversation=conversation).count() == limit


# --- Conversation starts ------------------------------------------------------------------


def test_a_thousand_conversation_starts_at_once_are_limited_and_each_refusal_is_clear(
    start_limited_servers: list[str],
):
    """A flood of new conversations (a script, each request a fresh "browser" with its own
    claimed address) must not fill the queue in front of real people: starts beyond the
    service's limit are refused with a clear answer, and only answered starts are stored.
    The limit cannot be per address (addresses are never used); it must hold for the
    service as a whole."""
    wait_for_a_fresh_minute(40)  # limits count per clock minute: one window for the flood

    def start(n: int) -> Reply:
        # A fresh browser each time: its own CSRF cookie (any well-formed value passes the
        # CSRF check, so a script mints them freely) and its own claimed address.
        base = start_limited_servers[n % 2]
        browser = Browser(base, cookies={"csrftoken": secrets.token_hex(16)}, headers=spoofed(n))
        intake = {"topic": "loneliness", "age_band": "18_24", "safe_now": "yes"}
        return browser.post_json("/chat/start", {**first_message(f"flood {n}"), "intake": intake})

    with ThreadPoolExecutor(max_workers=64) as pool:
        replies = list(pool.map(start, range(FLOOD)))
    late = start(FLOOD + 1)  # yet another address, after the flood

    statuses = [reply.status for reply in replies]
    created = statuses.count(201)
    refused = [reply for reply in replies if reply.status != 201]
    assert not [status for status in statuses if status >= 500]
    assert Conversation.objects.count() == created + (late.status == 201)
    assert refused, f"all {FLOOD} starts were stored: conversation starts have no limit"
    assert created <= START_LIMIT
    assert all(is_clear_refusal(reply) for reply in refused)
    assert is_clear_refusal(late)


def test_one_browser_starting_twice_at_the_same_moment_gets_one_conversation(
    live_server_url: str,
):
    """A double tap, or a retry while the first request is still under way: both requests
    carry the same cookies (no conversation cookie yet) and the same first message."""
    browsers = [browser_with_csrf(live_server_url, n) for n in range(20)]

    def twice(browser: Browser) -> list[Reply]:
        ready = threading.Barrier(2)
        replies: list[Reply] = []

        def one() -> None:
            ready.wait()
            replies.append(browser.post_json("/chat/start", first_message()))

        threads = [threading.Thread(target=one) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return replies

    with ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = list(pool.map(twice, browsers))

    created = [[reply.status for reply in pair].count(201) for pair in outcomes]
    stored = Conversation.objects.count()
    assert stored == len(browsers), f"{stored} conversations for {len(browsers)} browsers"
    assert created == [1] * len(browsers)
    for pair in outcomes:
        refusal = next(reply for reply in pair if reply.status != 201)
        assert refusal.status == 409 and refusal.json()["error"] == "already_open"
