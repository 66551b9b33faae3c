"""Who may open a websocket at all: the Origin check on every socket, and sockets opened
without the right credentials (none, a forged one, another role's, an ended session).

Already covered elsewhere, not repeated here: a foreign Origin on /ws/seeker/ and
/ws/console/ (tests/counseling/test_consumers.py::test_websocket_from_a_foreign_origin_is_
rejected); an anonymous visitor and a user without a role on /ws/console/
(::test_console_refuses_anonymous_and_non_counselors); a missing or made-up seeker token
(::test_seeker_without_a_valid_token_is_turned_away); a role removed while the console is
open (::test_a_counselor_whose_role_is_removed_is_disconnected_on_the_next_action).
"""

import asyncio
import contextlib
import json
from collections.abc import Iterator
from datetime import timedelta

import pytest
import websockets
from channels.db import database_sync_to_async
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.models import ConsoleSocket, User
from bench.kit.processes import Server
from counseling.consumers import CLOSE_FORBIDDEN, CLOSE_NOT_FOUND
from counseling.models import Conversation, Status
from tests.accounts.factories import counselor, supervisor
from tests.counseling.factories import waiting_conversation
from tests.security.clients import (
    SEEKER_COOKIE,
    SOCKET_PATHS,
    STAFF_PATHS,
    assert_console_refused_to_take,
    closed_with,
    consumer_error,
    frames_until_quiet,
    raw_socket,
    staff_session,
)
from tests.security.live import ws_url
from tests.support.sockets import next_frame, send

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("quick_passwords"),
]
db = database_sync_to_async

# Origins a browser on another site (or a sandboxed frame, or a script) can send.
FOREIGN_ORIGINS = {
    "no-origin": None,
    "null": b"null",
    "foreign": b"https://evil.example",
    "lookalike-subdomain": b"http://localhost.evil.example",
    "host-in-path": b"http://evil.example/localhost",
    "host-in-fragment": b"http://evil.example#@localhost",
    "address-as-subdomain": b"http://127.0.0.1.nip.io",
    # The same host on another port or scheme (issue 14, finding 4: a page on
    # http://127.0.0.1:9999 read a live transcript through the victim's cookies).
    "other-port": b"http://localhost:9999",
    "other-scheme": b"https://localhost",
    "another-allowed-host": b"http://127.0.0.1",
    "with-credentials": b"http://user@localhost",
}
ORIGIN_CASES = [
    pytest.param(path, origin, id=f"{path}-{name}")
    for path in SOCKET_PATHS
    for name, origin in FOREIGN_ORIGINS.items()
    # Covered by test_consumers.py::test_websocket_from_a_foreign_origin_is_rejected.
    if not (name == "foreign" and path in ("/ws/seeker/", "/ws/console/"))
]


async def credentials_for(path: str) -> str:
    """Valid credentials for `path`, so that only the Origin can be the reason to refuse."""
    if path == "/ws/seeker/":
        _conversation, token = await db(waiting_conversation)("hello")
        return f"{SEEKER_COOKIE}={token}"
    user = await db(supervisor)()  # a supervisor may open every staff socket
    return (await staff_session(user)).cookie


@pytest.mark.parametrize(("path", "origin"), ORIGIN_CASES)
async def test_a_socket_from_a_foreign_or_missing_origin_is_refused_before_anything_runs(
    path: str, origin: bytes | None
):
    cookie = await credentials_for(path)
    communicator, accepted, _code = await raw_socket(path, origin=origin, cookie=cookie)
    assert not accepted
    # Refused at the handshake: the consumer never ran, so no console went online.
    assert not await db(ConsoleSocket.objects.exists)()
    await communicator.disconnect()


@pytest.mark.parametrize("path", SOCKET_PATHS)
@pytest.mark.parametrize(
    ("origin", "host", "scheme"),
    [
        (b"http://localhost", b"localhost", "ws"),
        (b"http://127.0.0.1:8000", b"127.0.0.1:8000", "ws"),
        (b"https://localhost:8443", b"localhost:8443", "wss"),
    ],
)
async def test_the_same_credentials_from_our_own_host_are_accepted(
    path: str, origin: bytes, host: bytes, scheme: str
):
    """The control for the test above: it is the Origin that was refused. (A page on each
    origin opens its socket on that same origin: the Host and scheme match it.)"""
    cookie = await credentials_for(path)
    communicator, accepted, _code = await raw_socket(
        path, origin=origin, cookie=cookie, host=host, scheme=scheme
    )
    assert accepted
    first = await communicator.receive_json_from(timeout=5)
    assert first["type"] in {"conversation", "hello"}
    await communicator.disconnect()


@pytest.mark.parametrize(
    ("origin", "host", "scheme"),
    [
        (b"http://localhost:9999", b"localhost:8000", "ws"),  # another port, same host
        (b"http://localhost:8000", b"localhost:8000", "wss"),  # a plain page on a TLS socket
        (b"https://localhost:8000", b"localhost:8000", "ws"),
        (b"http://localhost:8000", b"evil.example:8000", "ws"),  # a Host not ours
    ],
)
async def test_only_the_exact_origin_of_the_socket_is_ours(origin: bytes, host: bytes, scheme: str):
    cookie = await credentials_for("/ws/supervisor/")
    communicator, accepted, _code = await raw_socket(
        "/ws/supervisor/", origin=origin, cookie=cookie, host=host, scheme=scheme
    )
    assert not accepted
    await communicator.disconnect()


async def test_an_origin_listed_in_settings_is_accepted(settings):
    """Behind a proxy that rewrites the Host, the public origin is configured."""
    settings.KIZUNA = {**settings.KIZUNA, "ORIGINS": ["https://help.example.org"]}
    cookie = await credentials_for("/ws/seeker/")
    communicator, accepted, _code = await raw_socket(
        "/ws/seeker/", origin=b"https://help.example.org", cookie=cookie, host=b"localhost"
    )
    assert accepted
    await communicator.disconnect()
    other, accepted, _code = await raw_socket(
        "/ws/seeker/", origin=b"https://help.example.org:8443", cookie=cookie
    )
    assert not accepted
    await other.disconnect()


async def _forged_session() -> str:
    return f"{settings.SESSION_COOKIE_NAME}=" + "x" * 32


async def _seeker_token_as_staff() -> str:
    _conversation, token = await db(waiting_conversation)("hello")
    return f"{SEEKER_COOKIE}={token}"


async def _plain_user() -> str:
    user = await db(User.objects.create_user)(username="plain", password="x-long-password")
    return (await staff_session(user)).cookie


async def _counselor() -> str:
    return (await staff_session(await db(counselor)())).cookie


async def _inactive_supervisor() -> str:
    user = await db(supervisor)()
    session = await staff_session(user)
    await db(User.objects.filter(pk=user.pk).update)(is_active=False)
    return session.cookie


async def _nobody() -> str:
    return ""


STAFF_INTRUDERS = {
    "anonymous": _nobody,
    "forged-session": _forged_session,
    "seeker-token": _seeker_token_as_staff,
    "user-without-role": _plain_user,
    "inactive-supervisor": _inactive_supervisor,
    "counselor-on-dashboard": _counselor,
}
CASES = [
    (path, who)
    for path in STAFF_PATHS
    for who in STAFF_INTRUDERS
    # Covered by test_consumers.py::test_console_refuses_anonymous_and_non_counselors.
    if (path, who) not in {("/ws/console/", "anonymous"), ("/ws/console/", "user-without-role")}
    # A counselor belongs on the console.
    and (path, who) != ("/ws/console/", "counselor-on-dashboard")
]


@pytest.mark.parametrize(("path", "who"), CASES)
async def test_a_staff_socket_without_a_staff_session_is_told_why_and_closed(path: str, who: str):
    cookie = await STAFF_INTRUDERS[who]()
    communicator, accepted, _code = await raw_socket(path, cookie=cookie or None)
    assert accepted  # only to say why, then closed with a code clients do not retry
    refusal = await communicator.receive_json_from(timeout=5)
    assert (refusal["type"], refusal["code"]) == ("error", "forbidden")
    assert await closed_with(communicator) == CLOSE_FORBIDDEN
    assert not await db(ConsoleSocket.objects.exists)()
    await communicator.disconnect()


@pytest.mark.parametrize("path", SOCKET_PATHS)
async def test_frames_sent_before_the_refusal_arrives_change_nothing_and_crash_nothing(path: str):
    """A client need not wait for the refusal: it can send actions straight after the
    handshake, before the close reaches it. They must be ignored (or refused) cleanly,
    like any bad frame, not reach an action of a socket that was never authenticated.
    (Uvicorn as deployed drops frames that arrive after the close, see the live test
    below; an ASGI server that delivers them, as Channels' communicator does, reaches the
    actions of a consumer that has no conversation or user.)"""
    waiting, _token = await db(waiting_conversation)("please someone")
    communicator, accepted, _code = await raw_socket(path)
    assert accepted
    crash = None
    for frame in (
        {"type": "take_next"},
        {"type": "send", "conversation": str(waiting.pk), "client_id": "x", "body": "hi"},
        {"type": "observe", "conversation": str(waiting.pk)},
    ):
        try:
            await send(communicator, **frame)
        except Exception as error:  # the communicator re-raises what killed the consumer
            crash = crash or error
    refreshed = await db(Conversation.objects.get)(pk=waiting.pk)
    assert (refreshed.status, refreshed.counselor_id, refreshed.last_seq) == (
        Status.WAITING,
        None,
        1,
    )
    assert (crash or await consumer_error(communicator)) is None
    await communicator.disconnect()


async def test_the_stored_hash_of_a_seeker_token_does_not_open_the_conversation():
    """A database reader (a backup, a leaked dump) learns hashes, which are no keys."""
    conversation, _token = await db(waiting_conversation)("hello")
    forged = f"{SEEKER_COOKIE}={conversation.token_hash}"
    communicator, accepted, _code = await raw_socket("/ws/seeker/", cookie=forged)
    assert accepted
    assert (await communicator.receive_json_from(timeout=5))["code"] == "not_found"
    assert await closed_with(communicator) == CLOSE_NOT_FOUND
    await communicator.disconnect()


async def test_an_open_console_stops_acting_once_its_staff_session_has_ended():
    """Logging out (or an administrator ending the session) must also end what an open
    console can do: otherwise a console left open on a shared computer keeps reading
    transcripts and taking people after its counselor has logged out elsewhere."""
    waiting, _token = await db(waiting_conversation)("is anyone there")
    staff = await db(counselor)()
    session = await staff_session(staff)
    console, accepted, _code = await raw_socket("/ws/console/", cookie=session.cookie)
    assert accepted
    await next_frame(console, "hello")

    await db(session.logout)()
    await assert_console_refused_to_take(console, waiting, CLOSE_FORBIDDEN)
    await console.disconnect()


async def test_an_open_console_stops_acting_once_its_staff_session_has_expired():
    """The session ran out (KIZUNA_STAFF_SESSION_SECONDS) or was removed on the server (an
    administrator ending it, `clearsessions`): no logout signal is sent, and the console
    must still not act on the strength of a session that no longer exists."""
    waiting, _token = await db(waiting_conversation)("is anyone there")
    session = await staff_session(await db(counselor)())
    console, accepted, _code = await raw_socket("/ws/console/", cookie=session.cookie)
    assert accepted
    await next_frame(console, "hello")

    expired = timezone.now() - timedelta(seconds=1)
    await db(Session.objects.filter(session_key=session.key).update)(expire_date=expired)
    with contextlib.suppress(Exception):  # the server may have closed the socket already
        await send(console, type="take_next")
        await send(console, type="resume", conversation=str(waiting.pk), after=0)

    frames, _code = await frames_until_quiet(console)
    acted = [frame["type"] for frame in frames if frame["type"] in {"assignment", "history"}]
    assert acted == []  # it took the person, and read them
    refreshed = await db(Conversation.objects.get)(pk=waiting.pk)
    assert (refreshed.status, refreshed.counselor_id) == (Status.WAITING, None)
    await console.disconnect()


@pytest.fixture(scope="module")
def own_server(
    server_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """A server of this module's own, whose log the tests read."""
    server = Server(server_env, tmp_path_factory.mktemp("access") / "server.log")
    yield server
    server.stop()


@pytest.mark.services
def test_the_real_server_refuses_a_page_on_another_port_of_its_host(own_server: Server):
    """The attack through uvicorn: a page on http://127.0.0.1:<other port>."""
    port = int(own_server.url.rsplit(":", 1)[1])

    async def handshake(origin: str) -> str:
        try:
            async with websockets.connect(
                ws_url(own_server.url, "/ws/seeker/"), additional_headers={"Origin": origin}
            ) as ws:
                await asyncio.wait_for(ws.recv(), 5)  # the "not_found" refusal: no cookie
                return "opened"
        except websockets.InvalidStatus as refused:
            return f"refused {refused.response.status_code}"

    assert asyncio.run(handshake(f"http://127.0.0.1:{port + 1}")) == "refused 403"
    assert asyncio.run(handshake(f"http://localhost:{port}")) == "refused 403"
    assert asyncio.run(handshake(own_server.url)) == "opened"


@pytest.mark.services
@pytest.mark.parametrize("path", SOCKET_PATHS)
def test_the_real_server_ignores_frames_sent_ahead_of_a_refusal(own_server: Server, path: str):
    """The same race through uvicorn: the refused consumer must not raise (a traceback in
    the log and close code 1011 for every such connection) on frames that raced the close."""
    log_before = len(own_server.output())

    async def race() -> int | None:
        async with websockets.connect(
            ws_url(own_server.url, path), additional_headers={"Origin": own_server.url}
        ) as ws:
            with contextlib.suppress(websockets.ConnectionClosed):
                for _ in range(3):
                    await ws.send(json.dumps({"type": "take_next"}))
                    await ws.send(json.dumps({"type": "send", "client_id": "x", "body": "hi"}))
                while True:
                    await asyncio.wait_for(ws.recv(), 5)
            return ws.close_code

    close_code = asyncio.run(race())
    assert close_code in {CLOSE_FORBIDDEN, CLOSE_NOT_FOUND}
    assert "Traceback" not in own_server.output()[log_before:]
