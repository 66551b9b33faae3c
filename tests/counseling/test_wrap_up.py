"""Wrap-up: the counselor's outcome and own risk tier, stored beside triage's."""

import pytest
from channels.db import database_sync_to_async

from counseling.errors import Refusal
from counseling.models import Conversation, SenderKind, Status, WrapUp
from counseling.services import conversation_end, conversation_wrap_up
from queues.services import queue_take_next
from tests.factories import counselor, waiting_conversation
from tests.support.sockets import console_socket, next_frame, seeker_socket, send
from triage.tiers import Tier

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
