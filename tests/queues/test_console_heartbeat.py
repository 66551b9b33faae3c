"""Counselor presence across consoles, the grace period when a connection drops, and the
heartbeat that keeps open consoles counted."""

import asyncio
from datetime import timedelta

import pytest
from channels.db import database_sync_to_async
from django.utils import timezone

from accounts.models import ConsoleSocket, Presence, User
from counseling.models import Conversation, Status
from queues.console_heartbeat import CLOSE_RECONNECT, console_heartbeat
from queues.selectors import queue_waiting
from queues.services import dropped_conversations_requeue, queue_take_next
from queues.tasks import requeue_dropped
from tests.accounts.factories import counselor, supervisor
from tests.counseling.factories import waiting_conversation
from tests.support.sockets import console_socket, next_frame, seeker_socket, send

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]
db = database_sync_to_async


async def presence_of(user) -> str:
    return (await db(User.objects.get)(pk=user.pk)).presence


async def test_offline_only_when_the_last_console_closes_and_the_seeker_is_told():
    conversation, token = await db(waiting_conversation)("hello")
    staff = await db(counselor)()
    first, _ = await console_socket(staff)
    second, _ = await console_socket(staff)
    await send(first, type="take_next")
    await next_frame(first, "assignment")
    seeker, _ = await seeker_socket(token)
    await next_frame(seeker, "conversation")

    await first.disconnect()
    assert await presence_of(staff) == Presence.AVAILABLE  # another console is still open
    await second.disconnect()
    assert await presence_of(staff) == Presence.OFFLINE
    dropped = await next_frame(seeker, "counselor_presence")
    assert dropped["present"] is False

    again, _ = await console_socket(staff)
    back = await next_frame(seeker, "counselor_presence")
    assert back["present"] is True
    assert await presence_of(staff) == Presence.AVAILABLE
    await again.disconnect()
    await seeker.disconnect()


async def test_after_the_grace_period_the_conversation_returns_to_the_front():
    boss = await db(supervisor)()
    watcher, _ = await console_socket(boss)
    await db(waiting_conversation)("someone else, waiting a long time")
    conversation, token = await db(waiting_conversation)("hello")
    staff = await db(counselor)()
    console, _ = await console_socket(staff)
    await send(console, type="take_next")
    taken = (await next_frame(console, "assignment"))["conversation"]["id"]
    await console.disconnect()
    moved = await db(User.objects.filter(pk=staff.pk).update)(
        presence_changed_at=timezone.now() - timedelta(minutes=10)
    )
    assert moved == 1

    assert await db(requeue_dropped)() == 1
    refreshed = await db(Conversation.objects.get)(pk=taken)
    assert (refreshed.status, refreshed.counselor_id) == (Status.WAITING, None)
    assert refreshed.returned_at is not None
    order = [e.conversation_id for e in await db(queue_waiting)()]
    assert order[0] == taken
    alert = (await next_frame(watcher, "alert"))["alert"]
    while alert["kind"] != "counselor_disconnected":
        alert = (await next_frame(watcher, "alert"))["alert"]
    assert alert["conversation"] == taken

    # The next counselor gets them first, with the whole history.
    other = await db(counselor)()
    assert str((await db(queue_take_next)(counselor=other)).pk) == taken
    await watcher.disconnect()


async def test_a_counselor_back_within_the_grace_period_keeps_their_conversations():
    await db(waiting_conversation)("hello")
    staff = await db(counselor)()
    console, _ = await console_socket(staff)
    await send(console, type="take_next")
    await next_frame(console, "assignment")
    await console.disconnect()
    again, _ = await console_socket(staff)
    hello = await next_frame(again, "hello")
    assert len(hello["conversations"]) == 1
    assert await db(dropped_conversations_requeue)(grace_seconds=0) == 0
    await again.disconnect()


async def test_away_and_available_are_the_counselors_choice():
    staff = await db(counselor)()
    console, _ = await console_socket(staff)
    await next_frame(console, "hello")
    await send(console, type="presence", state="away")
    await send(console, type="presence", state="offline")
    assert (await next_frame(console, "error"))["code"] == "bad_request"
    assert await presence_of(staff) == Presence.AWAY
    await send(console, type="presence", state="available")
    await send(console, type="presence", state="nonsense")
    await next_frame(console, "error")
    assert await presence_of(staff) == Presence.AVAILABLE
    await console.disconnect()


@pytest.fixture
def quick_heartbeat(settings):
    settings.KIZUNA = {**settings.KIZUNA, "CONSOLE_HEARTBEAT_SECONDS": 0.1}


async def seen_at_of(console_channel: str):
    socket = await db(ConsoleSocket.objects.filter(channel_name=console_channel).first)()
    return socket.seen_at if socket else None


@pytest.mark.usefixtures("quick_heartbeat")
async def test_one_heartbeat_keeps_every_open_console_of_the_process_current():
    staff = [await db(counselor)() for _ in range(3)]
    consoles = [(await console_socket(user))[0] for user in staff]
    long_ago = timezone.now() - timedelta(hours=1)
    await db(ConsoleSocket.objects.update)(seen_at=long_ago)

    async def all_seen() -> bool:
        seen = await db(list)(ConsoleSocket.objects.values_list("seen_at", flat=True))
        return len(seen) == 3 and all(at > long_ago for at in seen)

    for _ in range(50):
        if await all_seen():
            break
        await asyncio.sleep(0.1)
    assert await all_seen()
    for console in consoles:
        await console.disconnect()
    assert not await db(ConsoleSocket.objects.exists)()
    heartbeat = console_heartbeat()
    assert heartbeat.task is not None
    await asyncio.wait_for(heartbeat.task, timeout=5)  # ends with the last console


@pytest.mark.usefixtures("quick_heartbeat")
async def test_a_console_beat_closed_as_stale_while_it_was_open_is_closed_to_reconnect():
    """The counselor went offline when beat removed the console: the socket must not go on
    as if nothing happened. Closed, its client reconnects and the counselor is back."""
    staff = await db(counselor)()
    console, _ = await console_socket(staff)
    await db(ConsoleSocket.objects.filter(user=staff).delete)()  # as beat's sweep does
    output = await console.receive_output(timeout=5)
    while output["type"] == "websocket.send":  # what the console was told before
        output = await console.receive_output(timeout=5)
    assert (output["type"], output["code"]) == ("websocket.close", CLOSE_RECONNECT)

    again, _ = await console_socket(staff)
    assert await db(ConsoleSocket.objects.filter(user=staff).count)() == 1
    assert await presence_of(staff) == Presence.AVAILABLE
    await again.disconnect()
