"""Clients for the security tests: websockets over the real ASGI routing with any headers
we choose (a foreign Origin, none, a forged cookie), and staff sessions we can end."""

import contextlib
import json
from typing import Any

from channels.db import database_sync_to_async
from channels.testing.websocket import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from config.asgi import application
from counseling.models import Conversation, Status
from tests.support.sockets import HOST, ORIGIN, _session_cookie

SEEKER_COOKIE = settings.KIZUNA["SEEKER_COOKIE_NAME"]
SOCKET_PATHS = ("/ws/seeker/", "/ws/console/", "/ws/supervisor/")
STAFF_PATHS = ("/ws/console/", "/ws/supervisor/")


async def raw_socket(
    path: str,
    *,
    origin: bytes | None = ORIGIN[1],
    cookie: str | None = None,
    host: bytes = HOST[1],
    scheme: str = "ws",
) -> tuple[WebsocketCommunicator, bool, int | str | None]:
    """A websocket on `path` with exactly these headers: (communicator, accepted, code)."""
    headers: list[tuple[bytes, bytes]] = [(b"host", host)]
    if origin is not None:
        headers.append((b"origin", origin))
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    communicator = WebsocketCommunicator(application, path, headers=headers)
    communicator.scope["scheme"] = scheme  # read when the application first runs
    accepted, code = await communicator.connect()
    return communicator, accepted, code


def staff_client(user: Any) -> Client:
    """A Django test client logged in as `user` the way the socket helpers log staff in
    (tests/support/sockets.py keeps that in step with what staff logins need)."""
    client = Client(HTTP_HOST="localhost")
    name, _sep, key = _session_cookie(user).partition("=")
    client.cookies[name] = key
    return client


class StaffSession:
    """A logged-in staff browser: its cookie for sockets, and logout to end the session."""

    def __init__(self, user: Any) -> None:
        self.client = staff_client(user)
        self.key = self.client.cookies[settings.SESSION_COOKIE_NAME].value

    @property
    def cookie(self) -> str:
        return f"{settings.SESSION_COOKIE_NAME}={self.key}"

    def logout(self) -> None:
        """As the logout button does: the session is flushed, user_logged_out is sent."""
        self.client.logout()


async def staff_session(user: Any) -> StaffSession:
    return await database_sync_to_async(StaffSession)(user)


async def closed_with(communicator: WebsocketCommunicator, timeout: float = 5) -> int | None:
    """Read frames until the server closes the socket; the close code."""
    while True:
        output = await communicator.receive_output(timeout=timeout)
        if output["type"] == "websocket.close":
            return output.get("code")


async def consumer_error(communicator: WebsocketCommunicator) -> BaseException | None:
    """The exception the consumer died of, if it did: the communicator re-raises it."""
    try:
        await communicator.receive_nothing(timeout=0.5)
    except Exception as error:
        return error
    return None


async def frames_until_quiet(
    communicator: WebsocketCommunicator, seconds: float = 1
) -> tuple[list[dict[str, Any]], int | None]:
    """Every JSON frame until the server closes the socket or stays quiet for `seconds`;
    and the close code, if it closed."""
    frames: list[dict[str, Any]] = []
    while True:
        try:
            output = await communicator.receive_output(timeout=seconds)
        except TimeoutError:
            return frames, None
        if output["type"] == "websocket.close":
            return frames, output.get("code")
        if output.get("text"):
            frames.append(json.loads(output["text"]))


async def assert_console_refused_to_take(
    console: WebsocketCommunicator, waiting: Any, close_code: int
) -> None:
    """Ask an open console whose staff session has ended to take the next person: the
    server closes it with `close_code`, and the waiting person is still waiting."""
    with contextlib.suppress(Exception):  # the server may have closed the socket already
        await console.send_json_to({"type": "take_next"})
    frames, code = await frames_until_quiet(console)
    assert "assignment" not in [frame["type"] for frame in frames]
    assert code == close_code
    refreshed = await database_sync_to_async(Conversation.objects.get)(pk=waiting.pk)
    assert (refreshed.status, refreshed.counselor_id) == (Status.WAITING, None)
