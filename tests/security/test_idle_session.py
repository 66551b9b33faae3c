"""A staff session left idle ends: after KIZUNA_STAFF_IDLE_SECONDS without a page request
or console action, pages send the person to log in again and an open console can no
longer act (a console left open on a shared computer must not stay usable)."""

import asyncio
import json
from typing import Any

import pytest
from channels.db import database_sync_to_async
from django.conf import settings

from counseling.consumers import CLOSE_FORBIDDEN
from tests.accounts.factories import counselor
from tests.counseling.factories import waiting_conversation
from tests.security.clients import (
    assert_console_refused_to_take,
    raw_socket,
    staff_session,
)
from tests.support.sockets import next_frame

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("quick_passwords"),
    pytest.mark.skipif(
        "STAFF_IDLE_SECONDS" not in settings.KIZUNA,
        reason="the idle staff session feature (setting KIZUNA_STAFF_IDLE_SECONDS) is not "
        "in this tree yet",
    ),
]
db = database_sync_to_async
IDLE_SECONDS = 2


@pytest.fixture
def short_idle(settings: Any) -> None:
    settings.KIZUNA = {**settings.KIZUNA, "STAFF_IDLE_SECONDS": IDLE_SECONDS}


@pytest.mark.usefixtures("short_idle")
async def test_an_idle_staff_session_ends_for_pages_and_for_the_open_console():
    waiting, _token = await db(waiting_conversation)("is anyone there")
    session = await staff_session(await db(counselor)())
    assert (await db(session.client.get)("/console/")).status_code == 200  # active now
    console, accepted, _code = await raw_socket("/ws/console/", cookie=session.cookie)
    assert accepted
    await next_frame(console, "hello")

    await asyncio.sleep(IDLE_SECONDS + 1.5)

    # The console first, so that it is its own check that ends it, not the page's logout.
    await assert_console_refused_to_take(console, waiting, CLOSE_FORBIDDEN)
    page = await db(session.client.get)("/console/")
    assert page.status_code == 302 and page["Location"].startswith("/accounts/login/")
    await console.disconnect()


@pytest.mark.usefixtures("short_idle")
async def test_refused_frames_do_not_keep_an_unattended_session_alive():
    """Issue 14, finding 12: a script sending frames the console refuses (a conversation
    not its own, an unknown action) every moment kept the session from ever going idle."""
    waiting, _token = await db(waiting_conversation)("is anyone there")
    session = await staff_session(await db(counselor)())
    console, accepted, _code = await raw_socket("/ws/console/", cookie=session.cookie)
    assert accepted
    await next_frame(console, "hello")

    loop = asyncio.get_running_loop()
    until = loop.time() + IDLE_SECONDS + 1.5
    ended = False
    while loop.time() < until and not ended:
        for frame in ({"type": "send", "conversation": str(waiting.id)}, {"type": "nope"}):
            await console.send_to(text_data=json.dumps(frame))
        while not await console.receive_nothing(timeout=0.2):
            output = await console.receive_output()
            ended = ended or output["type"] == "websocket.close"
            if output["type"] == "websocket.send":
                ended = ended or json.loads(output["text"]).get("code") == "session_ended"

    assert ended, "refused frames kept the session alive past the idle limit"
    page = await db(session.client.get)("/console/")
    assert page.status_code == 302 and page["Location"].startswith("/accounts/login/")
    await console.disconnect()
