"""What a waiting person sees follows the team at once: a counselor coming online, going
away or dropping, and their own return to the queue (queues/estimates.py decides the
words; these tests check that the facts reach the waiting room when they change)."""

from datetime import timedelta

import pytest
from channels.db import database_sync_to_async
from django.utils import timezone

from accounts.models import Presence, User
from queues.services import counselor_presence_set, dropped_conversations_requeue
from tests.accounts.factories import counselor
from tests.counseling.factories import waiting_conversation
from tests.support.sockets import console_socket, next_frame, seeker_socket, send

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]
db = database_sync_to_async


async def position_where(seeker, check) -> dict:
    """The first position frame that satisfies `check` (coalesced broadcasts may still
    deliver one from before the change first)."""
    frame = await next_frame(seeker, "position")
    while not check(frame):
        frame = await next_frame(seeker, "position")
    return frame


async def test_a_counselor_logging_in_and_going_away_reaches_a_waiting_person():
    _conversation, token = await db(waiting_conversation)("hello?")
    seeker, _ = await seeker_socket(token)
    first = await next_frame(seeker, "position")
    assert (first["counselors_available"], first["wait"]) == (0, "nobody")

    staff = await db(counselor)()
    console, _ = await console_socket(staff)  # logging in opens the console: available
    await next_frame(console, "hello")
    online = await position_where(seeker, lambda f: f["counselors_available"] == 1)
    assert online["wait"] == "soon"

    await send(console, type="presence", state="away")
    away = await position_where(seeker, lambda f: f["counselors_available"] == 0)
    assert away["wait"] == "nobody"

    await db(counselor_presence_set)(counselor=staff, presence=Presence.AVAILABLE)
    await position_where(seeker, lambda f: f["counselors_available"] == 1)
    await console.disconnect()  # the last console closing: offline
    await position_where(seeker, lambda f: f["counselors_available"] == 0)
    await seeker.disconnect()


async def test_a_person_returned_to_the_queue_is_told_their_place_at_once():
    _conversation, token = await db(waiting_conversation)("hello")
    await db(waiting_conversation)("someone else, waiting")
    staff = await db(counselor)()
    console, _ = await console_socket(staff)
    await send(console, type="take_next")
    await next_frame(console, "assignment")
    seeker, _ = await seeker_socket(token)
    await next_frame(seeker, "conversation")
    await console.disconnect()
    await db(User.objects.filter(pk=staff.pk).update)(
        presence_changed_at=timezone.now() - timedelta(minutes=10)
    )

    assert await db(dropped_conversations_requeue)(grace_seconds=0) == 1
    back = await next_frame(seeker, "conversation")
    while back["status"] != "waiting":
        back = await next_frame(seeker, "conversation")
    place = await next_frame(seeker, "position")
    assert (place["position"], place["waiting"]) == (1, 2)
    await seeker.disconnect()


async def test_a_person_not_safe_at_intake_is_welcomed_with_the_emergency_frame():
    conversation, token = await db(waiting_conversation)("hello", intake={"safe_now": "no"})
    seeker, _ = await seeker_socket(token)
    frame = await next_frame(seeker, "emergency")
    assert frame == {"type": "emergency", "conversation": str(conversation.pk)}  # no tier
    await seeker.disconnect()
