"""Supervisors' alerts (queues/alerts.py): each is raised by its cause, once while the
cause lasts; acknowledged once, by a supervisor; resolved when the cause ends, after which
the same cause can alert again; and pushed to supervisors' dashboards as it changes."""

from datetime import timedelta

import pytest
from channels.db import database_sync_to_async
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Presence, User
from core.errors import Refusal
from core.tiers import Tier
from counseling.models import Conversation, Message, SenderKind, Status
from counseling.services.conversations import conversation_end
from counseling.services.messages import message_post
from queues.alerts import alert_acknowledge, alerts_scan
from queues.models import Alert
from queues.services import dropped_conversations_requeue, queue_take_next
from tests.accounts.factories import counselor, supervisor
from tests.counseling.factories import waiting_conversation
from tests.support.sockets import (
    console_socket,
    frames_for,
    next_frame,
    send,
    supervisor_socket,
    talking,
)

# Commits matter here: scoring (and so the imminent alert) runs after the first message
# is committed, and every alert is announced after commit.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("quick_passwords")]
db = database_sync_to_async

IMMINENT = "I'm going to kill myself tonight"
ORDINARY = "I had a long day at work and want to talk."
RISK_WAIT = timedelta(seconds=settings.KIZUNA["ALERT_RISK_WAIT_SECONDS"])
SILENT = timedelta(seconds=settings.KIZUNA["ALERT_SILENT_SECONDS"])
SECOND = timedelta(seconds=1)
ALERT_FIELDS = {
    "id",
    "kind",
    "label",
    "conversation",
    "status",
    "risk_tier",
    "counselor_name",
    "created_at",
    "resolved_at",
    "acknowledged_at",
    "acknowledged_by",
}


def alerts_for(conversation: Conversation, kind: str | None = None) -> list[Alert]:
    alerts = Alert.objects.filter(conversation=conversation).order_by("created_at", "pk")
    return list(alerts.filter(kind=kind) if kind else alerts)


def seeker_writes(conversation: Conversation, body: str) -> Message:
    message, _created = message_post(
        conversation=conversation,
        sender=SenderKind.SEEKER,
        body=body,
        client_id=f"s{Message.objects.filter(conversation=conversation).count() + 1}",
    )
    return message


def counselor_writes(conversation: Conversation, author, body: str) -> Message:
    message, _created = message_post(
        conversation=conversation,
        sender=SenderKind.COUNSELOR,
        body=body,
        client_id=f"c{Message.objects.filter(conversation=conversation).count() + 1}",
        author=author,
    )
    return message


def last_seeker_message_at(conversation: Conversation):
    return (
        Message.objects.filter(conversation=conversation, sender=SenderKind.SEEKER)
        .latest("seq")
        .created_at
    )


def taken(body: str = ORDINARY, **counselor_fields):
    """A help-seeker who wrote `body`, now talking with a new counselor."""
    conversation, _token = waiting_conversation(body)
    staff = counselor(**counselor_fields)
    queue_take_next(counselor=staff)
    conversation.refresh_from_db()
    return conversation, staff


# --- Raised by their causes, once ------------------------------------------------------


def test_a_person_at_imminent_risk_waiting_alerts_supervisors_once():
    conversation, _token = waiting_conversation(IMMINENT)
    conversation.refresh_from_db()
    assert conversation.risk_tier == Tier.IMMINENT  # the real scoring, run after commit

    seeker_writes(conversation, "I just took 40 pills")  # imminent again, still waiting
    alerts_scan()

    alerts = alerts_for(conversation, Alert.Kind.IMMINENT_WAITING)
    assert len(alerts) == 1
    assert alerts[0].resolved_at is None and alerts[0].acknowledged_at is None


def test_an_ordinary_arrival_alerts_nobody():
    conversation, _token = waiting_conversation(ORDINARY)
    alerts_scan()
    assert alerts_for(conversation) == []


def test_a_person_at_high_risk_waiting_past_the_limit_alerts_once():
    # "Not safe right now" at intake makes the conversation high risk before any scoring.
    conversation, _token = waiting_conversation(ORDINARY, intake={"safe_now": "no"})
    conversation.refresh_from_db()
    assert conversation.risk_tier == Tier.HIGH
    since = conversation.queued_at

    assert alerts_scan(now=since + RISK_WAIT - SECOND) == 0
    assert alerts_for(conversation) == []
    assert alerts_scan(now=since + RISK_WAIT + SECOND) == 1
    assert alerts_scan(now=since + RISK_WAIT + 60 * SECOND) == 0

    assert [a.kind for a in alerts_for(conversation)] == [Alert.Kind.RISK_WAITING_LONG]


def test_a_person_at_low_risk_waiting_as_long_raises_no_alert():
    conversation, _token = waiting_conversation(ORDINARY)
    assert alerts_scan(now=conversation.queued_at + RISK_WAIT * 10) == 0
    assert alerts_for(conversation) == []


@pytest.mark.asyncio
async def test_a_counselors_console_closing_mid_conversation_alerts_once():
    conversation, staff, console, seeker = await talking(ORDINARY)
    await console.disconnect()
    dropped = await db(alerts_for)(conversation, Alert.Kind.COUNSELOR_DISCONNECTED)
    assert [(a.counselor_id, a.resolved_at) for a in dropped] == [(staff.pk, None)]

    # Back and gone again before any scan: the alert that is still open stands for both.
    again, _ = await console_socket(staff)
    await next_frame(again, "hello")
    await again.disconnect()
    assert len(await db(alerts_for)(conversation, Alert.Kind.COUNSELOR_DISCONNECTED)) == 1
    await seeker.disconnect()


def test_a_counselor_silent_past_the_limit_alerts_once():
    conversation, staff = taken()
    written = last_seeker_message_at(conversation)

    assert alerts_scan(now=written + SILENT - SECOND) == 0
    assert alerts_scan(now=written + SILENT + SECOND) == 1
    assert alerts_scan(now=written + SILENT + 60 * SECOND) == 0

    alerts = alerts_for(conversation)
    assert [(a.kind, a.counselor_id) for a in alerts] == [(Alert.Kind.COUNSELOR_SILENT, staff.pk)]


def test_a_counselor_who_has_replied_is_not_silent():
    conversation, staff = taken()
    counselor_writes(conversation, staff, "Hi, I'm here with you.")
    assert alerts_scan(now=timezone.now() + SILENT * 10) == 0


def test_a_counselor_who_has_just_taken_someone_after_a_long_wait_is_not_silent():
    conversation, _token = waiting_conversation(ORDINARY)
    long_ago = timezone.now() - SILENT * 2
    Message.objects.filter(conversation=conversation).update(created_at=long_ago)
    Conversation.objects.filter(pk=conversation.pk).update(queued_at=long_ago)
    queue_take_next(counselor=counselor())  # answered just now, after a long wait

    # Silence is counted from when the counselor had the message, not from when it was sent.
    assert alerts_scan() == 0


# --- Acknowledged once, by a supervisor ----------------------------------------------------


def test_acknowledgement_records_who_and_when_and_only_the_first_counts():
    conversation, _token = waiting_conversation(IMMINENT)
    [alert] = alerts_for(conversation)
    first, second = supervisor(display_name="Mika"), supervisor(display_name="Ren")

    before = timezone.now()
    alert_acknowledge(alert_id=alert.pk, supervisor=first)
    after = timezone.now()
    alert_acknowledge(alert_id=str(alert.pk), supervisor=second)

    alert.refresh_from_db()
    assert alert.acknowledged_by == first
    assert alert.acknowledged_at is not None
    assert before <= alert.acknowledged_at <= after
    assert alert.resolved_at is None  # seen to, but the person is still waiting


def test_a_counselor_cannot_acknowledge_an_alert():
    conversation, _token = waiting_conversation(IMMINENT)
    [alert] = alerts_for(conversation)
    with pytest.raises(Refusal) as refused:
        alert_acknowledge(alert_id=alert.pk, supervisor=counselor())
    assert refused.value.code == "supervisors_only"
    alert.refresh_from_db()
    assert (alert.acknowledged_at, alert.acknowledged_by) == (None, None)


@pytest.mark.parametrize("alert_id", [10**9, "abc", None, "", 1.5])
def test_acknowledging_an_alert_that_does_not_exist_is_refused(alert_id):
    with pytest.raises(Refusal) as refused:
        alert_acknowledge(alert_id=alert_id, supervisor=supervisor())
    assert refused.value.code == "not_found"


# --- Resolved when the cause ends; then the cause can alert again ---------------------------


def test_waiting_alerts_resolve_at_once_when_the_person_is_answered():
    conversation, _token = waiting_conversation(IMMINENT)
    alerts_scan(now=conversation.queued_at + RISK_WAIT + SECOND)
    assert {a.kind for a in alerts_for(conversation)} == {
        Alert.Kind.IMMINENT_WAITING,
        Alert.Kind.RISK_WAITING_LONG,
    }

    queue_take_next(counselor=counselor())  # no scan: resolved by the answer itself

    assert all(a.resolved_at is not None for a in alerts_for(conversation))


def test_a_waiting_alert_resolves_when_the_person_leaves_the_queue():
    conversation, _token = waiting_conversation(IMMINENT)
    conversation_end(conversation=conversation, ended_by=SenderKind.SEEKER)
    alerts_scan()
    [alert] = alerts_for(conversation)
    assert alert.resolved_at is not None


def test_a_person_returned_to_the_queue_alerts_again_after_being_answered():
    conversation, _token = waiting_conversation(ORDINARY, intake={"safe_now": "no"})
    too_long = conversation.queued_at + RISK_WAIT + SECOND
    alerts_scan(now=too_long)
    staff = counselor()
    queue_take_next(counselor=staff)
    # Their counselor's connection dropped past the grace period: back to the queue.
    User.objects.filter(pk=staff.pk).update(
        presence=Presence.OFFLINE, presence_changed_at=timezone.now() - timedelta(hours=1)
    )
    assert dropped_conversations_requeue() == 1

    alerts_scan(now=too_long)  # still high risk, and counted as waiting since they came

    alerts = alerts_for(conversation, Alert.Kind.RISK_WAITING_LONG)
    assert [a.resolved_at is None for a in alerts] == [False, True]


def test_a_silent_alert_resolves_when_the_counselor_replies_and_can_alert_again():
    conversation, staff = taken()
    alerts_scan(now=last_seeker_message_at(conversation) + SILENT + SECOND)

    # Answered: resolved at once (issue 15), not at the next scan.
    counselor_writes(conversation, staff, "Sorry for the wait, I'm here.")
    [alert] = alerts_for(conversation)
    assert alert.resolved_at is not None
    alerts_scan(now=timezone.now() + SILENT)
    [alert] = alerts_for(conversation)
    assert alert.resolved_at is not None

    seeker_writes(conversation, "Are you still there?")
    assert alerts_scan(now=last_seeker_message_at(conversation) + SILENT + SECOND) == 1
    alerts = alerts_for(conversation, Alert.Kind.COUNSELOR_SILENT)
    assert [a.resolved_at is None for a in alerts] == [False, True]


@pytest.mark.asyncio
async def test_a_disconnected_alert_resolves_when_the_counselor_is_back_and_can_alert_again():
    conversation, staff, console, seeker = await talking(ORDINARY)
    await console.disconnect()
    back, _ = await console_socket(staff)
    await next_frame(back, "hello")
    await db(alerts_scan)()
    [alert] = await db(alerts_for)(conversation, Alert.Kind.COUNSELOR_DISCONNECTED)
    assert alert.resolved_at is not None

    await back.disconnect()
    alerts = await db(alerts_for)(conversation, Alert.Kind.COUNSELOR_DISCONNECTED)
    assert [a.resolved_at is None for a in alerts] == [False, True]
    await seeker.disconnect()


@pytest.mark.asyncio
async def test_alerts_of_a_conversation_that_ended_are_resolved():
    conversation, staff, console, seeker = await talking(ORDINARY)
    await console.disconnect()
    await db(conversation_end)(conversation=conversation, ended_by=SenderKind.SEEKER)
    await db(alerts_scan)()
    [alert] = await db(alerts_for)(conversation)
    assert alert.resolved_at is not None
    await seeker.disconnect()


# --- Pushed to supervisors' dashboards -------------------------------------------------------


@pytest.mark.asyncio
async def test_alert_frames_reach_supervisors_dashboards_in_their_documented_shape():
    boss = await db(supervisor)(display_name="Mika")
    dashboard, connected = await supervisor_socket(boss)
    assert connected
    await next_frame(dashboard, "queue")  # the welcome is complete

    conversation, _token = await db(waiting_conversation)(IMMINENT)
    raised = await next_frame(dashboard, "supervisor_alert")
    assert set(raised) == {"type", "alert"}
    alert = raised["alert"]
    assert set(alert) == ALERT_FIELDS
    assert alert["kind"] == "imminent_waiting"
    assert alert["label"] == "A person at imminent risk is waiting"
    assert alert["conversation"] == str(conversation.id)
    assert (alert["risk_tier"], alert["status"]) == ("imminent", "waiting")
    assert alert["created_at"] and alert["resolved_at"] is None
    assert (alert["acknowledged_at"], alert["acknowledged_by"]) == (None, None)

    await send(dashboard, type="ack", alert=alert["id"])
    seen = (await next_frame(dashboard, "supervisor_alert"))["alert"]
    assert (seen["id"], seen["acknowledged_by"]) == (alert["id"], "Mika")
    assert seen["acknowledged_at"] is not None
    await dashboard.disconnect()


@pytest.mark.asyncio
async def test_a_counselors_console_gets_no_supervisor_alerts():
    staff = await db(counselor)()
    console, _ = await console_socket(staff)
    await next_frame(console, "queue")
    boss = await db(supervisor)()
    dashboard, _ = await supervisor_socket(boss)
    await next_frame(dashboard, "queue")

    await db(waiting_conversation)(IMMINENT)
    await next_frame(dashboard, "supervisor_alert")  # it has been sent

    kinds = {frame["type"] for frame in await frames_for(console)}
    assert "supervisor_alert" not in kinds
    await console.disconnect()
    await dashboard.disconnect()


# --- "No reply" counts from the oldest unanswered message (issue 15) ------------------------

SILENT_RISK = timedelta(seconds=settings.KIZUNA["ALERT_SILENT_RISK_SECONDS"])


def test_each_new_hello_does_not_restart_the_no_reply_clock():
    conversation, _staff = taken()
    first = last_seeker_message_at(conversation)
    # Keeps writing while nobody answers: the clock runs from the first unanswered line.
    for minute in (1, 2, 3, 4):
        message = seeker_writes(conversation, "hello?")
        Message.objects.filter(pk=message.pk).update(created_at=first + minute * 60 * SECOND)
    assert alerts_scan(now=first + SILENT + SECOND) == 1
    assert [a.kind for a in alerts_for(conversation)] == [Alert.Kind.COUNSELOR_SILENT]


def test_after_a_reply_the_clock_starts_from_the_next_unanswered_message():
    conversation, staff = taken()
    counselor_writes(conversation, staff, "I'm here.")
    later = seeker_writes(conversation, "Thank you. It's hard to say.").created_at
    assert alerts_scan(now=later + SILENT - SECOND) == 0
    assert alerts_scan(now=later + SILENT + SECOND) == 1


def test_high_or_imminent_risk_has_the_shorter_no_reply_limit():
    assert SILENT_RISK < SILENT
    urgent, _staff = taken(IMMINENT)
    urgent.refresh_from_db()
    assert urgent.risk_tier == Tier.IMMINENT
    calm, _other = taken()
    written = max(last_seeker_message_at(urgent), last_seeker_message_at(calm))

    assert alerts_scan(now=written + SILENT_RISK + SECOND) >= 1
    assert [a.kind for a in alerts_for(urgent) if a.kind == Alert.Kind.COUNSELOR_SILENT] == [
        Alert.Kind.COUNSELOR_SILENT
    ]
    assert alerts_for(calm) == []


def test_an_ended_conversation_leaves_no_alert_standing_at_once():
    conversation, staff = taken()
    alerts_scan(now=last_seeker_message_at(conversation) + SILENT + SECOND)
    conversation_end(conversation=conversation, ended_by=SenderKind.COUNSELOR, actor=staff)
    assert [a.resolved_at is not None for a in alerts_for(conversation)] == [True]


# --- A scan's cost does not grow with the number of alerts ---------------------------------


def test_a_scan_raising_and_resolving_many_alerts_costs_what_one_does():
    def scan_queries(people: int) -> tuple[int, int]:
        unanswered = [taken()[0] for _ in range(people)]
        at_risk = [
            waiting_conversation(ORDINARY, intake={"safe_now": "no"})[0] for _ in range(people)
        ]
        later = timezone.now() + SILENT + SECOND
        with CaptureQueriesContext(connection) as raising:
            assert alerts_scan(now=later) == 2 * people
        everyone = [conversation.pk for conversation in at_risk + unanswered]
        Conversation.objects.filter(pk__in=everyone).update(status=Status.ENDED)
        with CaptureQueriesContext(connection) as resolving:
            alerts_scan(now=later)
        assert not Alert.objects.filter(conversation__in=everyone, resolved_at__isnull=True)
        return len(raising), len(resolving)

    assert scan_queries(1) == scan_queries(4)
