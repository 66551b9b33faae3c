"""Waiting conversations nobody is behind (counseling/services/conversations.py's
unattended_conversations_abandon, counseling/seeker_heartbeat.py): they leave the queue as
abandoned once the help-seeker has had no page open for SEEKER_ABSENT_MINUTES; an open
page keeps its place however long it waits; a person who comes back can start again."""

import asyncio
import json
from datetime import timedelta
from typing import Any

import pytest
from channels.db import database_sync_to_async
from django.conf import settings
from django.test import Client
from django.utils import timezone

from counseling.models import Conversation, SenderKind, Status
from counseling.services.conversations import unattended_conversations_abandon
from queues.selectors import queue_waiting
from queues.services import queue_take_next
from tests.accounts.factories import counselor
from tests.counseling.factories import waiting_conversation
from tests.support.sockets import console_socket, next_frame, seeker_socket

pytestmark = pytest.mark.django_db(transaction=True)
db = database_sync_to_async
COOKIE = settings.KIZUNA["SEEKER_COOKIE_NAME"]


def last_seen(conversation: Conversation, minutes_ago: float | None) -> None:
    seen = None if minutes_ago is None else timezone.now() - timedelta(minutes=minutes_ago)
    Conversation.objects.filter(pk=conversation.pk).update(seeker_seen_at=seen)


def queued(conversation: Conversation, minutes_ago: float) -> None:
    at = timezone.now() - timedelta(minutes=minutes_ago)
    Conversation.objects.filter(pk=conversation.pk).update(queued_at=at, created_at=at)


def test_waiting_conversations_nobody_is_behind_leave_the_queue_as_abandoned(settings):
    settings.KIZUNA = {**settings.KIZUNA, "SEEKER_ABSENT_MINUTES": 20}
    talking, _ = waiting_conversation("hello")
    queue_take_next(counselor=counselor())
    last_seen(talking, 60)  # only waiting conversations leave this way
    gone, _ = waiting_conversation("I'm not safe")
    last_seen(gone, 21)
    never_listened, _ = waiting_conversation("I'm not safe")  # from before the field
    last_seen(never_listened, None)
    queued(never_listened, 25)
    here, _ = waiting_conversation("I'm not safe, please")
    last_seen(here, 5)

    assert unattended_conversations_abandon() == 2
    for conversation in (gone, never_listened):
        conversation.refresh_from_db()
        assert (conversation.status, conversation.ended_by) == (Status.ABANDONED, SenderKind.SYSTEM)
        assert conversation.ended_at is not None
    assert [entry.conversation_id for entry in queue_waiting()] == [str(here.pk)]
    assert Conversation.objects.get(pk=talking.pk).status == Status.ACTIVE
    assert unattended_conversations_abandon() == 0  # safe to run twice


def test_a_conversation_just_started_is_not_abandoned_before_its_page_connects():
    conversation, _ = waiting_conversation("hello")
    assert conversation.seeker_seen_at is None  # not yet seen
    assert unattended_conversations_abandon() == 0


def test_a_start_whose_page_never_connects_leaves_sooner(settings):
    # Found in an attack: hundreds of scripted "imminent" starts that never opened a socket
    # sat ahead of a real person for the whole SEEKER_ABSENT_MINUTES.
    settings.KIZUNA = {
        **settings.KIZUNA,
        "SEEKER_ABSENT_MINUTES": 20,
        "SEEKER_NEVER_CONNECTED_MINUTES": 5,
    }
    scripted, _ = waiting_conversation("I want to kill myself tonight, I have pills ready")
    queued(scripted, 6)
    connected_once, _ = waiting_conversation("I want to kill myself tonight")
    queued(connected_once, 6)
    last_seen(connected_once, 6)  # its page was there: the longer wait applies
    just_started, _ = waiting_conversation("hello?")
    queued(just_started, 2)
    assert unattended_conversations_abandon() == 1
    assert Conversation.objects.get(pk=scripted.pk).status == Status.ABANDONED
    waiting = {entry.conversation_id for entry in queue_waiting()}
    assert waiting == {str(connected_once.pk), str(just_started.pk)}


async def test_an_open_page_keeps_its_place_and_a_closed_one_loses_it_after_the_time(
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setitem(settings.KIZUNA, "SEEKER_HEARTBEAT_SECONDS", 0.1)
    monkeypatch.setitem(settings.KIZUNA, "SEEKER_ABSENT_MINUTES", 20)
    conversation, token = await db(waiting_conversation)("I'm scared")
    staff = await db(counselor)()
    console, _ = await console_socket(staff)
    await next_frame(console, "queue")
    seeker, connected = await seeker_socket(token)
    assert connected
    await db(last_seen)(conversation, 60)  # as if the page had been open for an hour

    async def seen_minutes_ago() -> float:
        await db(conversation.refresh_from_db)(fields=["seeker_seen_at"])
        return (timezone.now() - conversation.seeker_seen_at).total_seconds() / 60

    async with asyncio.timeout(5):
        while await seen_minutes_ago() > 1:  # the web process's heartbeat says it is open
            await asyncio.sleep(0.05)
    assert await db(unattended_conversations_abandon)() == 0

    await seeker.disconnect()
    await asyncio.sleep(0.3)  # heartbeats that would have come
    await db(last_seen)(conversation, 21)
    await asyncio.sleep(0.3)
    assert await seen_minutes_ago() > 20  # nobody says it is open any more
    assert await db(unattended_conversations_abandon)() == 1

    # Consoles (and dashboards) are pushed the queue without it.
    queue = await next_frame(console, "queue")
    while queue["waiting"]:
        queue = await next_frame(console, "queue")
    assert str(conversation.pk) not in json.dumps(queue)
    await console.disconnect()


async def test_a_person_who_comes_back_is_told_kindly_and_can_start_again():
    conversation, token = await db(waiting_conversation)("is anyone there")
    await db(last_seen)(conversation, 60)
    assert await db(unattended_conversations_abandon)() == 1

    seeker, connected = await seeker_socket(token)
    assert connected
    frame = await next_frame(seeker, "conversation")
    assert (frame["status"], frame["ended_by"]) == ("abandoned", "system")
    await seeker.disconnect()

    def start_again() -> Any:
        client = Client()
        client.cookies[COOKIE] = token
        assert client.get("/chat/?new=1").context["has_conversation"] is False
        body = {"body": "I'm back", "client_id": "again", "language": "en"}
        return client.post("/chat/start", data=json.dumps(body), content_type="application/json")

    assert (await db(start_again)()).status_code == 201
    assert await db(Conversation.objects.filter(status=Status.WAITING).count)() == 1
