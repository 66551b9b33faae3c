"""A password changed anywhere ends every staff socket of a session made with the old one.

The attack (issue 14, finding 9): someone who had a counselor's password logged in; the
owner (or an admin, in the Django admin or with `manage.py changepassword`) changed the
password, and pages logged the intruder out, but their open console and dashboard kept
working. Now the socket path checks the session's password hash like pages do.
"""

import json
import time
from typing import Any

import pytest
from channels.db import database_sync_to_async
from django.contrib.auth import HASH_SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.db import transaction

from accounts.models import User
from accounts.sessions import session_store
from tests.accounts.factories import counselor, supervisor
from tests.security.clients import raw_socket, staff_session
from tests.support.sockets import next_frame, send

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.asyncio,
    pytest.mark.usefixtures("quick_passwords"),
]
db = database_sync_to_async
NEW_PASSWORD = "a-brand-new-long-password"
SOCKETS = {"/ws/console/": counselor, "/ws/supervisor/": supervisor}


async def closed(communicator: Any, timeout: float = 10) -> tuple[int | None, list[dict]]:
    frames: list[dict] = []
    deadline = time.monotonic() + timeout
    while True:
        output = await communicator.receive_output(timeout=max(0.1, deadline - time.monotonic()))
        if output["type"] == "websocket.close":
            await communicator.disconnect()
            return output.get("code"), frames
        frames.append(json.loads(output["text"]))


async def open_staff_socket(path: str, user: User) -> Any:
    session = await staff_session(user)
    communicator, accepted, _code = await raw_socket(path, cookie=session.cookie)
    assert accepted
    await next_frame(communicator, "hello")
    return communicator, session


def change_password_as_changepassword_does(user: User) -> None:
    user = User.objects.get(pk=user.pk)
    user.set_password(NEW_PASSWORD)
    user.save()


@pytest.mark.parametrize("path", SOCKETS)
async def test_a_password_changed_elsewhere_closes_the_open_sockets(path: str):
    user = await db(SOCKETS[path])()
    communicator, _session = await open_staff_socket(path, user)

    await db(change_password_as_changepassword_does)(user)

    code, frames = await closed(communicator)
    assert code == 4403
    assert any(frame.get("code") == "session_ended" for frame in frames)


@pytest.mark.parametrize("path", SOCKETS)
async def test_a_password_changed_without_any_signal_stops_the_next_action(path: str):
    """Written straight to the database (another process, a script): no signal is sent,
    so the next action is what finds the session made with the old password."""
    user = await db(SOCKETS[path])()
    communicator, _session = await open_staff_socket(path, user)

    await db(User.objects.filter(pk=user.pk).update)(password=make_password(NEW_PASSWORD))
    await send(communicator, type="team")

    code, frames = await closed(communicator)
    assert code == 4403
    assert [frame["type"] for frame in frames if frame["type"] == "team"] == []


async def test_a_session_moved_to_the_new_password_keeps_its_console():
    """A session whose stored hash is the new password's (as a password change that keeps
    the person logged in leaves it) stays; the others end."""
    user = await db(counselor)()
    mine, my_session = await open_staff_socket("/ws/console/", user)
    theirs, _their_session = await open_staff_socket("/ws/console/", user)

    def change_password_keeping_my_session() -> None:
        fresh = User.objects.get(pk=user.pk)
        fresh.set_password(NEW_PASSWORD)
        with transaction.atomic():
            fresh.save()
            store = session_store(my_session.key)
            store[HASH_SESSION_KEY] = fresh.get_session_auth_hash()
            store.save()

    await db(change_password_keeping_my_session)()

    code, _frames = await closed(theirs)
    assert code == 4403
    await send(mine, type="team")
    assert (await next_frame(mine, "team"))["type"] == "team"
    await mine.disconnect()


async def test_a_session_made_after_the_change_opens_and_acts():
    user = await db(counselor)()
    await db(change_password_as_changepassword_does)(user)
    user = await db(User.objects.get)(pk=user.pk)
    communicator, _session = await open_staff_socket("/ws/console/", user)
    await send(communicator, type="team")
    assert (await next_frame(communicator, "team"))["type"] == "team"
    await communicator.disconnect()
