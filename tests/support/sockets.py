"""Websocket clients over the real ASGI routing (origin check and auth included)."""

import json
from typing import Any

from channels.db import database_sync_to_async
from channels.testing.websocket import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from config.asgi import application
from tests.support.staff import verified_login

ORIGIN = (b"origin", b"http://localhost")
# The host the sockets are opened on, as every browser sends it: our pages' origin is
# http://localhost (config/origin.py compares scheme, host and port).
HOST = (b"host", b"localhost")


async def seeker_socket(
    token: str | None,
    *,
    origin: tuple[bytes, bytes] | None = ORIGIN,
    extra_headers: tuple[tuple[bytes, bytes], ...] = (),
    extra_cookies: str = "",
):
    headers = [HOST, origin, *extra_headers] if origin else [HOST, *extra_headers]
    cookies = [f"{settings.KIZUNA['SEEKER_COOKIE_NAME']}={token}"] if token else []
    if extra_cookies:
        cookies.append(extra_cookies)
    if cookies:
        headers.append((b"cookie", "; ".join(cookies).encode()))
    communicator = WebsocketCommunicator(application, "/ws/seeker/", headers=headers)
    connected, _code = await communicator.connect()
    return communicator, connected


def _session_cookie(user: Any) -> str:
    """A logged-in session, verified by the user's authenticator (two-factor login)."""
    client = verified_login(Client(), user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


async def console_socket(user: Any | None, *, origin: tuple[bytes, bytes] | None = ORIGIN):
    headers = [HOST, origin] if origin else [HOST]
    if user is not None:
        cookie = await database_sync_to_async(_session_cookie)(user)
        headers.append((b"cookie", cookie.encode()))
    communicator = WebsocketCommunicator(application, "/ws/console/", headers=headers)
    connected, _code = await communicator.connect()
    return communicator, connected


async def next_frame(communicator: WebsocketCommunicator, kind: str, timeout: float = 5) -> dict:
    """The next frame of type `kind`, passing over others (queue and position updates)."""
    while True:
        frame = await communicator.receive_json_from(timeout=timeout)
        if frame["type"] == kind:
            return frame


async def send_raw(communicator: WebsocketCommunicator, text: str) -> None:
    await communicator.send_to(text_data=text)


async def send(communicator: WebsocketCommunicator, **frame: Any) -> None:
    await communicator.send_to(text_data=json.dumps(frame))


async def talking(body: str, **counselor_fields: Any) -> tuple[Any, Any, Any, Any]:
    """A help-seeker who wrote `body`, taken by a new counselor over a real console, and
    the help-seeker's socket: (conversation, counselor, console, seeker)."""
    from tests.accounts.factories import counselor
    from tests.counseling.factories import waiting_conversation

    conversation, token = await database_sync_to_async(waiting_conversation)(body)
    staff = await database_sync_to_async(counselor)(**counselor_fields)
    console, _ = await console_socket(staff)
    await send(console, type="take_next")
    await next_frame(console, "assignment")
    seeker, _ = await seeker_socket(token)
    return conversation, staff, console, seeker


async def supervisor_socket(user: Any | None, *, origin: tuple[bytes, bytes] | None = ORIGIN):
    """A supervisor's dashboard socket (/ws/supervisor/), logged in as `user`."""
    headers = [HOST, origin] if origin else [HOST]
    if user is not None:
        cookie = await database_sync_to_async(_session_cookie)(user)
        headers.append((b"cookie", cookie.encode()))
    communicator = WebsocketCommunicator(application, "/ws/supervisor/", headers=headers)
    connected, _code = await communicator.connect()
    return communicator, connected


async def frames_for(communicator: WebsocketCommunicator, seconds: float = 0.5) -> list[dict]:
    """Every frame that arrives within `seconds` of quiet: for checking that something
    did *not* reach a client once the event that would carry it has reached another."""
    received = []
    # receive_nothing, unlike a receive that times out, leaves the consumer running.
    while not await communicator.receive_nothing(timeout=seconds):
        received.append(await communicator.receive_json_from())
    return received


async def refusal(communicator: WebsocketCommunicator, **frame: Any) -> str:
    """Send `frame` and return the code of the error frame that refuses it."""
    await send(communicator, **frame)
    return str((await next_frame(communicator, "error"))["code"])
