"""Staff websockets follow their session: refused without the second factor or when idle;
closed within seconds on logout (that browser only), deactivation, a role change, a new
password, or idleness."""

import asyncio
import json
import time
from typing import Any

import pytest
from channels.db import database_sync_to_async
from channels.testing.websocket import WebsocketCommunicator
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.test import Client

from accounts.models import User
from accounts.sessions import LAST_ACTIVITY
from accounts.staff import staff_password_set
from config.asgi import application
from core.roles import Role
from tests.accounts.factories import counselor, supervisor
from tests.support.sockets import HOST, ORIGIN, next_frame, send
from tests.support.staff import verified_login

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

db = database_sync_to_async
# Generous: a failure shows within this, a pass is much faster.
CLOSE_WITHIN = 10


def _cookie(client: Client) -> str:
    name = django_settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


async def open_socket(client: Client, path: str = "/ws/console/") -> tuple[Any, bool]:
    headers = [HOST, ORIGIN, (b"cookie", _cookie(client).encode())]
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, _code = await communicator.connect()
    return communicator, connected


async def logged_in(user: Any) -> Client:
    return await db(verified_login)(Client(), user)


async def closed(communicator: Any, timeout: float = CLOSE_WITHIN) -> tuple[int, list[dict]]:
    """Wait for the server's close: (close code, frames received before it)."""
    frames: list[dict] = []
    deadline = time.monotonic() + timeout
    while True:
        output = await communicator.receive_output(timeout=max(0.1, deadline - time.monotonic()))
        if output["type"] == "websocket.close":
            await communicator.disconnect()
            return output.get("code"), frames
        frames.append(json.loads(output["text"]))


def ended(frames: list[dict]) -> bool:
    return any(f["type"] == "error" and f["code"] == "session_ended" for f in frames)


async def test_a_session_without_the_second_factor_cannot_open_a_console() -> None:
    client = Client()
    await db(client.force_login)(await db(supervisor)())
    console, connected = await open_socket(client)
    assert connected  # accepted to say why, then closed for good
    code, frames = await closed(console)
    assert code == 4403 and frames[0]["code"] == "forbidden"
    dashboard, _ = await open_socket(client, "/ws/supervisor/")
    assert (await closed(dashboard))[0] == 4403


async def test_counselors_may_skip_it_where_the_deployment_allows(settings: Any) -> None:
    settings.KIZUNA = {**settings.KIZUNA, "COUNSELOR_2FA": False}
    client = Client()
    await db(client.force_login)(await db(counselor)())
    console, _ = await open_socket(client)
    assert (await next_frame(console, "hello"))["type"] == "hello"
    await console.disconnect()


async def test_logging_out_closes_that_browsers_sockets_only() -> None:
    staff = await db(counselor)()
    desk, laptop = await logged_in(staff), await logged_in(staff)
    on_desk, _ = await open_socket(desk)
    on_laptop, _ = await open_socket(laptop)
    await next_frame(on_desk, "hello")
    await next_frame(on_laptop, "hello")

    await db(desk.post)("/accounts/logout/")
    code, frames = await closed(on_desk)
    assert code == 4403 and ended(frames)
    await send(on_laptop, type="team")
    assert (await next_frame(on_laptop, "team"))["type"] == "team"
    await on_laptop.disconnect()


async def test_deactivating_a_counselor_closes_their_consoles() -> None:
    staff = await db(counselor)()
    console, _ = await open_socket(await logged_in(staff))
    await next_frame(console, "hello")

    def deactivate() -> None:
        staff.is_active = False
        staff.save(update_fields=["is_active"])

    await db(deactivate)()
    code, frames = await closed(console)
    assert code == 4403 and ended(frames)


async def test_changing_a_role_closes_the_console_and_the_dashboard() -> None:
    lead = await db(supervisor)()
    client = await logged_in(lead)
    console, _ = await open_socket(client)
    dashboard, _ = await open_socket(client, "/ws/supervisor/")
    await next_frame(console, "hello")
    await next_frame(dashboard, "hello")

    def demote() -> None:
        lead.groups.set([Group.objects.get_or_create(name=Role.COUNSELOR)[0]])

    await db(demote)()
    for socket in (console, dashboard):
        code, frames = await closed(socket)
        assert code == 4403 and ended(frames)


async def test_a_new_password_set_by_a_supervisor_closes_the_consoles() -> None:
    staff, lead = await db(counselor)(), await db(supervisor)()
    console, _ = await open_socket(await logged_in(staff))
    await next_frame(console, "hello")
    await db(staff_password_set)(actor=lead, user=staff, password="another-long-password")
    assert (await closed(console))[0] == 4403


async def test_an_idle_console_is_closed_and_its_session_ended(settings: Any) -> None:
    settings.KIZUNA = {**settings.KIZUNA, "STAFF_IDLE_SECONDS": 1}
    staff = await db(counselor)()
    client = await logged_in(staff)
    console, _ = await open_socket(client)
    await next_frame(console, "hello")
    code, frames = await closed(console)
    assert code == 4403 and ended(frames)
    assert "without activity" in next(f for f in frames if f["type"] == "error")["message"]
    key = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert not await db(Session.objects.filter(session_key=key).exists)()
    assert (await db(User.objects.get)(pk=staff.pk)).presence == "offline"


async def test_working_in_the_console_keeps_the_session_active(settings: Any) -> None:
    settings.KIZUNA = {**settings.KIZUNA, "STAFF_IDLE_SECONDS": 2}
    client = await logged_in(await db(counselor)())
    console, _ = await open_socket(client)
    await next_frame(console, "hello")
    for _ in range(8):  # 4 s of work, twice the idle limit
        await send(console, type="team")
        await next_frame(console, "team")
        await asyncio.sleep(0.5)
    # The console's actions reached the session, so pages count them too.
    last = await db(lambda: client.session[LAST_ACTIVITY])()
    assert time.time() - last < 2
    assert (await closed(console))[0] == 4403  # then idle: closed


async def test_an_idle_session_cannot_open_a_console(settings: Any) -> None:
    settings.KIZUNA = {**settings.KIZUNA, "STAFF_IDLE_SECONDS": 60}
    client = await logged_in(await db(counselor)())

    def long_ago() -> None:
        session = client.session
        session[LAST_ACTIVITY] = time.time() - 61
        session.save()

    await db(long_ago)()
    console, _ = await open_socket(client)
    code, frames = await closed(console)
    assert code == 4403 and frames[0]["code"] == "forbidden"
