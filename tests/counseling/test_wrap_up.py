"""Wrap-up: the counselor's outcome and own risk tier, stored beside triage's."""

import uuid

import pytest
from channels.db import database_sync_to_async

from core.errors import Refusal
from core.tiers import Tier
from counseling.models import Conversation, SenderKind, Status, WrapUp
from counseling.services.conversations import conversation_end
from counseling.services.counselor_tools import conversation_wrap_up
from counseling.services.messages import message_post
from queues.services import queue_take_next
from tests.accounts.factories import counselor
from tests.counseling.factories import waiting_conversation
from tests.support.sockets import console_socket, next_frame, seeker_socket, send

pytestmark = pytest.mark.django_db(transaction=True)

ANSWERS = {"outcome": "de_escalated", "risk_tier": "medium", "topics": ["loneliness"], "note": "ok"}


def taken(text: str = "I feel so alone."):
    conversation, token = waiting_conversation(text)
    staff = counselor()
    queue_take_next(counselor=staff)
    conversation.refresh_from_db()
    return conversation, staff


def test_wrapping_up_an_active_conversation_ends_it_and_keeps_both_tiers():
    conversation, staff = taken("I have the pills and I'm going to kill myself tonight")
    wrap_up = conversation_wrap_up(conversation=conversation, counselor=staff, answers=ANSWERS)
    conversation.refresh_from_db()
    assert conversation.status == Status.ENDED and conversation.ended_by == SenderKind.COUNSELOR
    assert (wrap_up.counselor_tier, wrap_up.triage_tier) == (Tier.MEDIUM, Tier.IMMINENT)
    assert wrap_up.topics == ["loneliness"]


def test_after_the_seeker_ended_the_counselor_still_wraps_up_once():
    conversation, staff = taken()
    conversation_end(conversation=conversation, ended_by=SenderKind.SEEKER)
    conversation_wrap_up(conversation=conversation, counselor=staff, answers=ANSWERS)
    with pytest.raises(Refusal, match="already_wrapped"):
        conversation_wrap_up(conversation=conversation, counselor=staff, answers=ANSWERS)
    assert WrapUp.objects.count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"outcome": "made-up"},
        {"risk_tier": "unknown"},
        {"risk_tier": None},
        {"topics": ["not-a-topic"]},
        {"topics": "loneliness"},
        {"note": "x" * 5000},
    ],
)
def test_bad_wrap_ups_are_refused_and_the_conversation_stays_open(change):
    conversation, staff = taken()
    with pytest.raises(Refusal, match="bad_request"):
        conversation_wrap_up(
            conversation=conversation, counselor=staff, answers={**ANSWERS, **change}
        )
    conversation.refresh_from_db()
    assert conversation.status == Status.ACTIVE
    assert not WrapUp.objects.exists()


def test_only_the_counselor_who_held_it_wraps_it_up():
    conversation, _staff = taken()
    with pytest.raises(Refusal, match="not_yours"):
        conversation_wrap_up(conversation=conversation, counselor=counselor(), answers=ANSWERS)


@pytest.mark.asyncio
async def test_wrap_up_over_the_console_socket_tells_both_sides():
    conversation, token = await database_sync_to_async(waiting_conversation)("hello")
    staff = await database_sync_to_async(counselor)()
    console, _ = await console_socket(staff)
    await send(console, type="take_next")
    await next_frame(console, "assignment")
    seeker, _ = await seeker_socket(token)
    await send(console, type="wrap_up", conversation=str(conversation.pk), **ANSWERS)
    update = await next_frame(console, "conversation_update")
    while not update["conversation"]["wrapped_up"]:
        update = await next_frame(console, "conversation_update")
    assert update["conversation"]["status"] == "ended"
    ended = await next_frame(seeker, "conversation")
    while ended["status"] != "ended":
        ended = await next_frame(seeker, "conversation")
    refreshed = await database_sync_to_async(Conversation.objects.get)(pk=conversation.pk)
    assert refreshed.status == Status.ENDED
    await seeker.disconnect()
    await console.disconnect()


# --- The help-seeker wrote after the counselor last saw the conversation ---------------


def seeker_writes(conversation: Conversation, body: str) -> int:
    message, _created = message_post(
        conversation=conversation, sender=SenderKind.SEEKER, body=body, client_id=uuid.uuid4().hex
    )
    return message.seq


@pytest.mark.parametrize(
    "text", ["I feel so alone.", "I have the pills and I'm going to take them"]
)
def test_a_wrap_up_is_refused_when_the_seeker_wrote_after_the_console_last_showed_it(text):
    conversation, staff = taken(text)
    seen = conversation.last_seq
    seeker_writes(conversation, "actually I just took them all")
    with pytest.raises(Refusal, match="unseen_messages"):
        conversation_wrap_up(
            conversation=conversation, counselor=staff, answers={**ANSWERS, "seen_seq": seen}
        )
    conversation.refresh_from_db()
    assert conversation.status == Status.ACTIVE
    assert not WrapUp.objects.exists()


def test_a_wrap_up_that_saw_the_last_message_ends_and_the_counselors_own_lines_do_not_count():
    conversation, staff = taken()
    seen = seeker_writes(conversation, "thank you, I'll call my sister")
    message_post(
        conversation=conversation,
        sender=SenderKind.COUNSELOR,
        body="Take care.",
        client_id="closing",
        author=staff,
    )
    conversation_wrap_up(
        conversation=conversation, counselor=staff, answers={**ANSWERS, "seen_seq": seen}
    )
    conversation.refresh_from_db()
    assert conversation.status == Status.ENDED


def test_an_end_is_refused_when_the_seeker_wrote_after_the_console_last_showed_it():
    conversation, staff = taken()
    seen = conversation.last_seq
    seeker_writes(conversation, "wait")
    with pytest.raises(Refusal, match="unseen_messages"):
        conversation_end(
            conversation=conversation, ended_by=SenderKind.COUNSELOR, actor=staff, seen_seq=seen
        )
    conversation.refresh_from_db()
    assert conversation.status == Status.ACTIVE


@pytest.mark.parametrize("seen", [-1, "3", True, 1.5])
def test_a_malformed_seen_seq_is_refused(seen):
    conversation, staff = taken()
    with pytest.raises(Refusal, match="bad_request"):
        conversation_wrap_up(
            conversation=conversation, counselor=staff, answers={**ANSWERS, "seen_seq": seen}
        )


@pytest.mark.asyncio
async def test_the_console_is_refused_with_unseen_messages_and_the_conversation_stays_open():
    conversation, token = await database_sync_to_async(waiting_conversation)("I can't do this")
    staff = await database_sync_to_async(counselor)()
    console, _ = await console_socket(staff)
    await send(console, type="take_next")
    await next_frame(console, "assignment")
    seeker, _ = await seeker_socket(token)
    await send(seeker, type="send", client_id="late", body="actually I just took them all")
    late = await next_frame(console, "message")
    cid = str(conversation.pk)
    for kind in ("wrap_up", "end"):
        await send(console, type=kind, conversation=cid, seen_seq=late["seq"] - 1, **ANSWERS)
        error = await next_frame(console, "error")
        assert error["code"] == "unseen_messages"
        assert error["message"] == "They wrote something new. Read it before you end."
    refreshed = await database_sync_to_async(Conversation.objects.get)(pk=conversation.pk)
    assert refreshed.status == Status.ACTIVE
    # Read now: the same wrap-up naming the new message goes through.
    await send(console, type="wrap_up", conversation=cid, seen_seq=late["seq"], **ANSWERS)
    update = await next_frame(console, "conversation_update")
    while not update["conversation"]["wrapped_up"]:
        update = await next_frame(console, "conversation_update")
    assert update["conversation"]["status"] == "ended"
    await seeker.disconnect()
    await console.disconnect()
