"""The triage pipeline: scoring a committed message, the conversation's risk, the queue."""

from datetime import timedelta

import pytest
from channels.db import database_sync_to_async
from django.utils import timezone

from core.tiers import Tier
from counseling.models import Conversation, Message, SenderKind
from counseling.services.messages import message_post
from queues.selectors import queue_waiting
from queues.services import queue_take_next
from tests.accounts.factories import counselor, supervisor
from tests.counseling.factories import waiting_conversation
from tests.support.sockets import console_socket, next_frame, seeker_socket, send, talking
from triage.models import Assessment
from triage.services import message_assess

pytestmark = pytest.mark.django_db(transaction=True)

URGENT = "I have the pills here and I am going to kill myself tonight"
CALM = "I would like to talk to someone about my exams."


def test_each_seeker_message_is_scored_once_even_if_the_task_runs_twice():
    conversation, _ = waiting_conversation(URGENT)
    message = conversation.messages.get(seq=1)
    first = message_assess(message_id=message.pk)
    second = message_assess(message_id=message.pk)
    assert first is not None and second is not None
    assert first.pk == second.pk
    assert Assessment.objects.filter(message=message).count() == 1
    conversation.refresh_from_db()
    assert conversation.risk_tier == Tier.IMMINENT
    assert {e["construct"] for e in conversation.risk_evidence} >= {"method_means", "timeframe"}


def test_counselor_messages_and_missing_messages_are_not_scored():
    conversation, _ = waiting_conversation(CALM)
    staff = counselor()
    queue_take_next(counselor=staff)
    reply, _ = message_post(
        conversation=conversation,
        sender=SenderKind.COUNSELOR,
        body="I want to die is a phrase people use; how are you?",
        client_id="r1",
        author=staff,
    )
    assert message_assess(message_id=reply.pk) is None
    assert message_assess(message_id=10**9) is None
    assert not Assessment.objects.filter(message=reply).exists()


def test_a_high_risk_arrival_moves_ahead_of_people_who_came_earlier():
    calm, _ = waiting_conversation(CALM)
    urgent, _ = waiting_conversation(URGENT)
    order = [entry.conversation_id for entry in queue_waiting()]
    assert order == [str(urgent.pk), str(calm.pk)]
    assert queue_take_next(counselor=counselor()).pk == urgent.pk


def test_risk_is_the_highest_tier_of_the_recent_window_and_falls_after_it():
    conversation, _ = waiting_conversation(URGENT)
    conversation.refresh_from_db()
    assert conversation.risk_tier == Tier.IMMINENT
    message_post(conversation=conversation, sender=SenderKind.SEEKER, body=CALM, client_id="c2")
    conversation.refresh_from_db()
    assert conversation.risk_tier == Tier.IMMINENT  # a calm line does not erase it

    # Two hours later the urgent message is outside the window: risk falls to what is recent.
    Message.objects.filter(conversation=conversation).update(
        created_at=timezone.now() - timedelta(hours=2)
    )
    message_post(conversation=conversation, sender=SenderKind.SEEKER, body=CALM, client_id="c3")
    conversation.refresh_from_db()
    assert conversation.risk_tier in {Tier.LOW, Tier.MEDIUM}


db = database_sync_to_async


@pytest.mark.asyncio
async def test_consoles_get_the_reordered_queue_and_supervisors_an_imminent_alert():
    await db(waiting_conversation)(CALM)
    boss = await db(supervisor)()
    console, _ = await console_socket(boss)
    await next_frame(console, "queue")

    urgent, token = await db(waiting_conversation)(URGENT)
    alert = (await next_frame(console, "alert"))["alert"]
    assert (alert["kind"], alert["conversation"]) == ("imminent", str(urgent.pk))
    queue = await next_frame(console, "queue")
    while queue["entries"][0]["risk_tier"] != Tier.IMMINENT:
        queue = await next_frame(console, "queue")
    first = queue["entries"][0]
    assert first["id"] == str(urgent.pk)
    assert any(e["phrase"] for e in first["risk_evidence"])

    seeker, _ = await seeker_socket(token)
    welcome = await next_frame(seeker, "conversation")
    assert not {"risk_tier", "risk_score", "risk_evidence"} & set(welcome)
    assert (await next_frame(seeker, "position"))["position"] == 1
    await seeker.disconnect()
    await console.disconnect()


@pytest.mark.asyncio
async def test_the_counselor_gets_risk_updates_and_evidence_with_the_history():
    conversation, _staff, console, seeker = await talking(CALM)
    await send(seeker, type="send", client_id="u1", body=URGENT)
    risk = await next_frame(console, "risk")
    assert risk["risk_tier"] == Tier.IMMINENT
    # The banner's explanation is the conversation's, so it names the same tier.
    assert risk["risk_explanation"].startswith("Imminent risk")
    assert risk["risk_evidence"]
    evidence = risk["assessment"]["evidence"]
    assert all(URGENT[e["start"] : e["end"]] == e["phrase"] for e in evidence)

    await send(console, type="resume", conversation=str(conversation.pk), after=0)
    history = await next_frame(console, "history")
    assert [a["message_seq"] for a in history["assessments"]] == [1, 2]
    refreshed = await db(Conversation.objects.get)(pk=conversation.pk)
    assert refreshed.risk_tier == Tier.IMMINENT
    await seeker.disconnect()
    await console.disconnect()


@pytest.mark.asyncio
async def test_a_means_and_a_time_in_separate_messages_combine():
    conversation, _staff, console, seeker = await talking("i have my mums tablets here")
    await send(seeker, type="send", client_id="u1", body="everyones asleep now")
    risk = await next_frame(console, "risk")
    refreshed = await db(Conversation.objects.get)(pk=conversation.pk)
    assert refreshed.risk_tier in (Tier.HIGH, Tier.IMMINENT)
    assert risk["risk_tier"] == refreshed.risk_tier
    # The evidence names the message each phrase came from.
    assert {e.get("message_seq") for e in refreshed.risk_evidence} >= {1, 2}
    await seeker.disconnect()
    await console.disconnect()


@pytest.mark.asyncio
async def test_the_risk_frame_carries_the_conversations_risk_not_only_the_latest_message():
    """Imminent, then a calm line: the banner must keep the imminent evidence and its
    explanation, never show "Imminent" beside "Low risk because…" (issue 15)."""
    conversation, _staff, console, seeker = await talking(URGENT)
    await send(seeker, type="send", client_id="calm-after", body=CALM)
    risk = await next_frame(console, "risk")
    while risk["assessment"]["message_seq"] != 2:
        risk = await next_frame(console, "risk")
    refreshed = await db(Conversation.objects.get)(pk=conversation.pk)
    assert risk["risk_tier"] == refreshed.risk_tier == Tier.IMMINENT
    assert risk["risk_evidence"] == refreshed.risk_evidence and risk["risk_evidence"]
    assert risk["risk_explanation"] == refreshed.risk_explanation
    assert risk["risk_explanation"] != risk["assessment"]["explanation"]
    await seeker.disconnect()
    await console.disconnect()
