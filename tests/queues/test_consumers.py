"""The console's tools over the real websocket routing: transfer, supervisor assignment,
the risk checklist, the team list and a help-seeker's earlier conversations; and how
every console action refuses what it must, leaving the socket open."""

import json
import uuid
from datetime import timedelta
from typing import Any

import pytest
from channels.db import database_sync_to_async
from channels.testing.websocket import WebsocketCommunicator
from django.conf import settings
from django.test import Client
from django.utils import timezone

from accounts.models import AuditEvent, Presence, User
from accounts.services import staff_presence_set
from core.errors import Refusal
from core.tiers import Tier
from counseling.checklist import ITEMS, checklist_tier
from counseling.models import Conversation, Note, RiskChecklist, SenderKind, Status
from counseling.services.conversations import conversation_end, conversation_start
from counseling.services.counselor_tools import checklist_answer, conversation_wrap_up
from counseling.services.messages import message_post
from counseling.tokens import seeker_token_hash
from queues.services import queue_take_next
from tests.accounts.factories import counselor, supervisor
from tests.counseling.factories import waiting_conversation
from tests.support.sockets import (
    console_socket,
    frames_for,
    next_frame,
    refusal,
    seeker_socket,
    send,
    talking,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("quick_passwords")]
db = database_sync_to_async

SEEKER_COOKIE = settings.KIZUNA["SEEKER_COOKIE_NAME"]
DEVICE_COOKIE = settings.KIZUNA["DEVICE_COOKIE_NAME"]
WRAP_UP = {"outcome": "de_escalated", "risk_tier": "medium", "topics": ["loneliness"], "note": ""}


def transcript_reads() -> Any:
    """Transcript views other than the queue's previews (a console is shown the first
    line of whoever waits; tests/security/test_transcript_audit.py covers those)."""
    return AuditEvent.objects.filter(action=AuditEvent.Action.TRANSCRIPT_VIEW).exclude(
        detail__via="queue_preview"
    )


# --- Helpers ---------------------------------------------------------------------


async def opened(user: User) -> WebsocketCommunicator:
    """A console that has said hello (so its user is online)."""
    console, connected = await console_socket(user)
    assert connected
    await next_frame(console, "hello")
    return console


async def assert_still_open(console: WebsocketCommunicator) -> None:
    """A refusal must not close the socket: the next action is still answered."""
    await send(console, type="team")
    assert (await next_frame(console, "team"))["type"] == "team"


async def frames_until(communicator: WebsocketCommunicator, kind: str) -> list[dict]:
    """Every frame up to and including the next one of type `kind`."""
    received = [await communicator.receive_json_from(timeout=5)]
    while received[-1]["type"] != kind:
        received.append(await communicator.receive_json_from(timeout=5))
    return received


async def until_status(communicator: WebsocketCommunicator, status: str) -> dict:
    """The next "conversation" frame with `status` (earlier status frames may be queued)."""
    frame = await next_frame(communicator, "conversation")
    while frame["status"] != status:
        frame = await next_frame(communicator, "conversation")
    return frame


async def close_all(*communicators: WebsocketCommunicator) -> None:
    for communicator in communicators:
        await communicator.disconnect()


def on_shift(user: User, presence: str = Presence.AVAILABLE) -> User:
    staff_presence_set(user=user, presence=presence)
    return user


def held_by(staff: User, body: str = "I can't sleep again.") -> Conversation:
    """A new conversation `staff` took from the queue (create it when nobody else waits)."""
    conversation, _token = waiting_conversation(body)
    taken = queue_take_next(counselor=staff)
    assert taken.pk == conversation.pk
    return taken


def fresh(conversation: Conversation) -> Conversation:
    return Conversation.objects.get(pk=conversation.pk)


def full_counselor(**fields: Any) -> User:
    """An available counselor holding as many conversations as they may."""
    staff = on_shift(counselor(capacity=1, **fields))
    held_by(staff, "already talking")
    return staff


def audit_details(action: str) -> list[dict]:
    return list(AuditEvent.objects.filter(action=action).values_list("detail", flat=True))


# --- Every action still answers; a refusal changes nothing and keeps the socket open ---


async def test_the_existing_console_actions_still_work_alongside_the_new_ones():
    conversation, token = await db(waiting_conversation)("hello?")
    staff = await db(counselor)(display_name="Aoi")
    console = await opened(staff)
    cid = str(conversation.pk)

    await send(console, type="take_next")
    assert (await next_frame(console, "assignment"))["conversation"]["id"] == cid
    seeker, _ = await seeker_socket(token)
    await next_frame(seeker, "conversation")
    await send(console, type="send", conversation=cid, client_id="c1", body="I'm here.")
    assert (await next_frame(seeker, "message"))["body"] == "I'm here."
    await send(console, type="typing", conversation=cid)
    assert (await next_frame(seeker, "typing"))["sender"] == "counselor"
    await send(console, type="note", conversation=cid, body="Quiet, careful.")
    assert (await next_frame(console, "note"))["body"] == "Quiet, careful."
    await send(console, type="resume", conversation=cid, after=1)
    assert [m["body"] for m in (await next_frame(console, "history"))["messages"]] == ["I'm here."]
    await send(console, type="presence", state="away")
    await send(console, type="team")
    assert (await next_frame(console, "team"))["staff"][0]["presence"] == "away"
    await send(console, type="end", conversation=cid)
    assert (await until_status(seeker, "ended"))["status"] == "ended"
    assert (await next_frame(console, "conversation_update"))["conversation"]["status"] == "ended"
    await send(console, type="wrap_up", conversation=cid, **WRAP_UP)
    assert (await next_frame(console, "conversation_update"))["conversation"]["wrapped_up"]
    await close_all(seeker, console)


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ({"type": "fly"}, "unknown_action"),
        ({"type": "take_next"}, "queue_empty"),
        ({"type": "send", "client_id": "x", "body": "  "}, "empty"),
        ({"type": "send", "client_id": "x", "body": "x" * 2001}, "too_long"),
        ({"type": "send", "body": "hi"}, "bad_client_id"),
        ({"type": "resume", "after": -1}, "bad_request"),
        ({"type": "typing", "conversation": str(uuid.uuid4())}, "not_found"),
        ({"type": "wrap_up", **WRAP_UP, "outcome": "made-up"}, "bad_request"),
        ({"type": "presence", "state": "offline"}, "bad_request"),
        ({"type": "note", "body": " "}, "empty"),
        ({"type": "checklist", "item": "made_up", "answer": "yes"}, "bad_request"),
        ({"type": "checklist", "item": "thoughts", "answer": "maybe"}, "bad_request"),
    ],
)
async def test_a_refused_action_changes_nothing_and_the_socket_stays_open(frame, code):
    conversation, staff, console, seeker = await talking("hello")
    frame = {"conversation": str(conversation.pk), **frame}
    assert await refusal(console, **frame) == code
    await assert_still_open(console)
    refreshed = await db(fresh)(conversation)
    assert (refreshed.status, refreshed.counselor_id, refreshed.last_seq) == (
        Status.ACTIVE,
        staff.pk,
        1,
    )
    assert not await db(RiskChecklist.objects.exists)()
    await close_all(seeker, console)


# --- Over capacity ---------------------------------------------------------------


async def test_take_next_at_capacity_is_refused_and_the_person_keeps_waiting():
    staff = await db(counselor)(capacity=1)
    await db(held_by)(staff)
    waiting, _token = await db(waiting_conversation)("still waiting")
    console = await opened(staff)
    assert await refusal(console, type="take_next") == "at_capacity"
    assert (await db(fresh)(waiting)).status == Status.WAITING
    await assert_still_open(console)
    await console.disconnect()


async def test_transfer_and_assign_to_a_counselor_at_capacity_are_refused():
    conversation, staff, console, seeker = await talking("hello")
    full = await db(full_counselor)()
    boss = await db(supervisor)()
    boss_console = await opened(boss)
    waiting, _token = await db(waiting_conversation)("waiting")

    cid = str(conversation.pk)
    transfer = await refusal(console, type="transfer", conversation=cid, to=full.pk)
    assign = await refusal(boss_console, type="assign", conversation=str(waiting.pk), to=full.pk)
    assert (transfer, assign) == ("target_at_capacity", "target_at_capacity")
    assert (await db(fresh)(conversation)).counselor_id == staff.pk
    assert (await db(fresh)(waiting)).status == Status.WAITING
    assert await db(Conversation.objects.filter(counselor=full, status=Status.ACTIVE).count)() == 1
    await assert_still_open(console)
    await assert_still_open(boss_console)
    await close_all(seeker, console, boss_console)


async def test_a_supervisor_online_receives_an_escalation_even_when_full_or_away():
    conversation, staff, console, seeker = await talking("hello")
    boss = await db(supervisor)(capacity=1, display_name="Kai")
    await db(held_by)(boss, "the supervisor's own")
    await db(on_shift)(boss, Presence.AWAY)

    await send(console, type="transfer", conversation=str(conversation.pk), to=boss.pk)
    assert (await next_frame(console, "released"))["to_name"] == "Kai"
    refreshed = await db(fresh)(conversation)
    assert (refreshed.status, refreshed.counselor_id) == (Status.ACTIVE, boss.pk)
    await close_all(seeker, console)


# --- Not yours, already taken, ended ---------------------------------------------


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ({"type": "send", "client_id": "x", "body": "hi"}, "not_found"),
        ({"type": "end"}, "not_found"),
        ({"type": "note", "body": "mine now"}, "not_found"),
        ({"type": "checklist", "item": "thoughts", "answer": "yes"}, "not_found"),
        ({"type": "resume", "after": 0}, "not_found"),
        ({"type": "wrap_up", **WRAP_UP}, "not_found"),
        ({"type": "earlier"}, "not_found"),
        # A transfer names the conversation directly; its refusal says whose it is not.
        ({"type": "transfer", "to": "self"}, "not_yours"),
    ],
)
async def test_a_counselor_cannot_act_on_another_counselors_conversation(frame, code):
    conversation, owner, owner_console, seeker = await talking("hello")
    intruder = await db(counselor)()
    console = await opened(intruder)
    if frame.get("to") == "self":
        frame = {**frame, "to": intruder.pk}  # as if to take it over
    assert await refusal(console, conversation=str(conversation.pk), **frame) == code

    refreshed = await db(fresh)(conversation)
    assert (refreshed.status, refreshed.counselor_id, refreshed.last_seq) == (
        Status.ACTIVE,
        owner.pk,
        1,
    )
    assert not await db(Note.objects.exists)()
    assert not await db(RiskChecklist.objects.exists)()
    assert not await db(
        AuditEvent.objects.filter(actor=intruder, action__startswith="conversation").exists
    )()
    await assert_still_open(console)
    await close_all(seeker, owner_console, console)


async def test_a_supervisor_sees_every_conversation_but_cannot_write_in_another_ones():
    conversation, owner, owner_console, seeker = await talking("hello")
    boss = await db(supervisor)()
    console = await opened(boss)
    cid = str(conversation.pk)
    sent = await refusal(console, type="send", conversation=cid, client_id="x", body="hi")
    ended = await refusal(console, type="end", conversation=cid)
    assert (sent, ended) == ("not_yours", "not_yours")
    assert (await db(fresh)(conversation)).status == Status.ACTIVE
    await close_all(seeker, owner_console, console)


async def test_assigning_someone_already_taken_is_refused():
    conversation, owner, owner_console, seeker = await talking("hello")
    other = await db(on_shift)(await db(counselor)())
    boss = await db(supervisor)()
    console = await opened(boss)
    code = await refusal(console, type="assign", conversation=str(conversation.pk), to=other.pk)
    assert code == "already_taken"
    assert (await db(fresh)(conversation)).counselor_id == owner.pk
    await close_all(seeker, owner_console, console)


async def test_sending_in_or_transferring_an_ended_conversation_is_refused():
    conversation, staff, console, seeker = await talking("hello")
    colleague = await db(on_shift)(await db(counselor)())
    await send(seeker, type="end")
    await until_status(console, "ended")
    cid = str(conversation.pk)
    sent = await refusal(console, type="send", conversation=cid, client_id="late", body="hi")
    transfer = await refusal(console, type="transfer", conversation=cid, to=colleague.pk)
    assert (sent, transfer) == ("ended", "ended")
    refreshed = await db(fresh)(conversation)
    assert (refreshed.counselor_id, refreshed.last_seq) == (staff.pk, 1)
    await close_all(seeker, console)


# --- Transfer ---------------------------------------------------------------------


async def test_a_transfer_moves_the_conversation_whole_from_one_console_to_another():
    conversation, aoi, console_a, seeker = await talking("I can't sleep again.", display_name="Aoi")
    ren = await db(counselor)(display_name="Ren")
    console_b = await opened(ren)
    cid = str(conversation.pk)
    assert (await next_frame(seeker, "conversation"))["counselor_name"] == "Aoi"
    await send(console_a, type="send", conversation=cid, client_id="a1", body="I'm Aoi.")
    await next_frame(seeker, "message")
    await send(seeker, type="send", client_id="s2", body="exams next week")
    while (await next_frame(console_a, "message"))["seq"] != 3:
        pass

    await send(console_a, type="transfer", conversation=cid, to=ren.pk, note="Exams; no plan.")
    released = await next_frame(console_a, "released")
    # Handed over by Aoi herself: no supervisor to name.
    assert released == {"type": "released", "conversation": cid, "to_name": "Ren", "by_name": None}
    assignment = await next_frame(console_b, "assignment")
    assert (assignment["conversation"]["id"], assignment["conversation"]["counselor_name"]) == (
        cid,
        "Ren",
    )
    joined = await next_frame(seeker, "conversation")
    assert (joined["status"], joined["counselor_name"]) == ("active", "Ren")
    assert "counselor_id" not in joined  # seeker-safe

    await send(console_b, type="send", conversation=cid, client_id="b1", body="Hi, I'm Ren.")
    to_seeker = await next_frame(seeker, "message")
    assert (to_seeker["seq"], to_seeker["author_name"], to_seeker["body"]) == (
        4,
        "Ren",
        "Hi, I'm Ren.",
    )
    assert (await next_frame(console_b, "message"))["client_id"] == "b1"

    # Aoi's console left the conversation: its own request is answered with nothing of
    # Ren's message before it, and nothing arrives after it either.
    await send(console_a, type="team")
    seen_by_a = await frames_until(console_a, "team")
    seen_by_a += await frames_for(console_a, 0.3)
    # (Queue and team updates go to every console, and may come at any moment.)
    assert not [f for f in seen_by_a if f["type"] in ("message", "typing")]
    # Over the socket it is now "not found", like anyone else's; the service says why.
    code = await refusal(console_a, type="send", conversation=cid, client_id="a2", body="me?")
    assert code == "not_found"
    with pytest.raises(Refusal, match="not_yours"):
        await db(message_post)(
            conversation=conversation,
            sender=SenderKind.COUNSELOR,
            body="me?",
            client_id="a3",
            author=aoi,
        )

    await send(console_b, type="resume", conversation=cid, after=0)
    history = await next_frame(console_b, "history")
    assert [(m["seq"], m["body"]) for m in history["messages"]] == [
        (1, "I can't sleep again."),
        (2, "I'm Aoi."),
        (3, "exams next week"),
        (4, "Hi, I'm Ren."),
    ]
    assert [(n["kind"], n["body"], n["author_name"]) for n in history["notes"]] == [
        ("handover", "Exams; no plan.", "Aoi")
    ]
    assert await db(audit_details)(AuditEvent.Action.CONVERSATION_TRANSFER) == [
        {"from": aoi.pk, "to": ren.pk}
    ]
    # A console opened afterwards agrees: it is Ren's now, not Aoi's.
    again_a, again_b = await console_socket(aoi), await console_socket(ren)
    assert (await next_frame(again_a[0], "hello"))["conversations"] == []
    assert [c["id"] for c in (await next_frame(again_b[0], "hello"))["conversations"]] == [cid]
    await close_all(seeker, console_a, console_b, again_a[0], again_b[0])


async def test_a_supervisor_reassigns_a_conversation_from_one_counselor_to_another():
    conversation, aoi, console_a, seeker = await talking("hello", display_name="Aoi")
    ren = await db(on_shift)(await db(counselor)(display_name="Ren"))
    boss = await db(supervisor)()
    console = await opened(boss)
    await send(console, type="transfer", conversation=str(conversation.pk), to=ren.pk)
    assert (await next_frame(console_a, "released"))["to_name"] == "Ren"
    assert (await db(fresh)(conversation)).counselor_id == ren.pk
    transfer = await db(AuditEvent.objects.get)(action=AuditEvent.Action.CONVERSATION_TRANSFER)
    assert (transfer.actor_id, transfer.detail) == (boss.pk, {"from": aoi.pk, "to": ren.pk})
    assert not await db(Note.objects.exists)()  # no note given, none stored
    await close_all(seeker, console_a, console)


RECEIVERS = {
    "an away counselor": lambda: on_shift(counselor(), Presence.AWAY),
    "an offline counselor": lambda: counselor(),
    "an offline supervisor": lambda: supervisor(),
    "a deactivated counselor": lambda: on_shift(counselor(is_active=False)),
    "staff without a counseling role": lambda: on_shift(
        User.objects.create_user("plain", password="a-long-test-password")
    ),
}


@pytest.mark.parametrize("receiver", sorted(RECEIVERS))
async def test_a_transfer_to_someone_who_cannot_take_it_is_refused(receiver):
    conversation, staff, console, seeker = await talking("hello")
    target = await db(RECEIVERS[receiver])()
    code = await refusal(console, type="transfer", conversation=str(conversation.pk), to=target.pk)
    assert code == "target_unavailable"
    assert (await db(fresh)(conversation)).counselor_id == staff.pk
    await assert_still_open(console)
    await close_all(seeker, console)


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ({"to": 10**9}, "target_unavailable"),
        ({"to": "abc"}, "target_unavailable"),
        ({}, "target_unavailable"),
        ({"to": "me"}, "bad_request"),
        ({"to": "colleague", "conversation": str(uuid.uuid4())}, "not_found"),
        ({"to": "colleague", "conversation": "not-a-uuid"}, "not_found"),
        ({"to": "colleague", "note": "x" * 5000}, "too_long"),
    ],
)
async def test_bad_transfers_are_refused_and_change_nothing(frame, code):
    conversation, staff, console, seeker = await talking("hello")
    colleague = await db(on_shift)(await db(counselor)())
    to = {"me": staff.pk, "colleague": colleague.pk}.get(frame.get("to"), frame.get("to"))
    frame = {"type": "transfer", "conversation": str(conversation.pk), **frame, "to": to}
    assert await refusal(console, **frame) == code
    assert (await db(fresh)(conversation)).counselor_id == staff.pk
    assert not await db(Note.objects.exists)()
    assert not await db(
        AuditEvent.objects.filter(action=AuditEvent.Action.CONVERSATION_TRANSFER).exists
    )()
    await close_all(seeker, console)


async def test_a_waiting_conversation_cannot_be_transferred():
    waiting, _token = await db(waiting_conversation)("waiting")
    staff = await db(counselor)()
    colleague = await db(on_shift)(await db(counselor)())
    boss = await db(supervisor)()
    for actor in (staff, boss):
        console = await opened(actor)
        code = await refusal(
            console, type="transfer", conversation=str(waiting.pk), to=colleague.pk
        )
        assert code == "not_active"
        await console.disconnect()
    refreshed = await db(fresh)(waiting)
    assert (refreshed.status, refreshed.counselor_id) == (Status.WAITING, None)


async def test_a_console_whose_role_was_removed_is_closed_on_a_transfer():
    conversation, staff, console, seeker = await talking("hello")
    colleague = await db(on_shift)(await db(counselor)())
    await db(staff.groups.clear)()
    await send(console, type="transfer", conversation=str(conversation.pk), to=colleague.pk)
    # The role change itself closes the console (accounts/signals.py, through the channel
    # layer); the transfer frame may reach the consumer first and be refused for want of
    # the role. Either way the transfer is refused and the console closes.
    codes = []
    while (output := await console.receive_output(timeout=5))["type"] != "websocket.close":
        frame = json.loads(output["text"])
        if frame["type"] == "error":
            codes.append(frame["code"])
    assert codes and set(codes) <= {"session_ended", "forbidden"}
    assert (await db(fresh)(conversation)).counselor_id == staff.pk
    await seeker.disconnect()


# --- Supervisor assignment --------------------------------------------------------


async def test_a_supervisor_assigns_a_specific_waiting_person_to_a_specific_counselor():
    first, _first_token = await db(waiting_conversation)("I was here first.")
    chosen, token = await db(waiting_conversation)("Please, someone who speaks slowly.")
    ren = await db(counselor)(display_name="Ren")
    console_b = await opened(ren)
    boss = await db(supervisor)()
    console = await opened(boss)
    seeker, _ = await seeker_socket(token)
    assert (await next_frame(seeker, "conversation"))["status"] == "waiting"

    await send(console, type="assign", conversation=str(chosen.pk), to=ren.pk)
    assignment = await next_frame(console_b, "assignment")
    assert assignment["conversation"]["id"] == str(chosen.pk)
    joined = await next_frame(seeker, "conversation")
    assert (joined["status"], joined["counselor_name"]) == ("active", "Ren")
    await send(console_b, type="send", conversation=str(chosen.pk), client_id="b1", body="Hello.")
    assert (await next_frame(seeker, "message"))["body"] == "Hello."

    assert (await db(fresh)(first)).status == Status.WAITING  # the head of the line is untouched
    assign = await db(AuditEvent.objects.get)(action=AuditEvent.Action.CONVERSATION_ASSIGN)
    assert (assign.actor_id, assign.target_id, assign.detail) == (
        boss.pk,
        str(chosen.pk),
        {"to": ren.pk},
    )
    await close_all(seeker, console_b, console)


async def test_a_counselor_cannot_assign_and_keeps_their_console():
    waiting, _token = await db(waiting_conversation)("waiting")
    staff = await db(counselor)()
    colleague = await db(on_shift)(await db(counselor)())
    console = await opened(staff)
    for to in (colleague.pk, staff.pk):
        code = await refusal(console, type="assign", conversation=str(waiting.pk), to=to)
        assert code == "supervisors_only"
    await assert_still_open(console)
    refreshed = await db(fresh)(waiting)
    assert (refreshed.status, refreshed.counselor_id) == (Status.WAITING, None)
    await console.disconnect()


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("nobody", "not_found"),
        ("bogus id", "not_found"),
        ("away counselor", "target_unavailable"),
        ("left the queue", "ended"),
    ],
)
async def test_bad_assignments_are_refused(case, code):
    waiting, _token = await db(waiting_conversation)("waiting")
    ready = await db(on_shift)(await db(counselor)())
    away = await db(on_shift)(await db(counselor)(), Presence.AWAY)
    conversation_id = {"nobody": str(uuid.uuid4()), "bogus id": "x"}.get(case, str(waiting.pk))
    if case == "left the queue":
        await db(conversation_end)(conversation=waiting, ended_by=SenderKind.SEEKER)
    boss = await db(supervisor)()
    console = await opened(boss)
    to = away.pk if case == "away counselor" else ready.pk
    assert await refusal(console, type="assign", conversation=conversation_id, to=to) == code
    assert (await db(fresh)(waiting)).counselor_id is None
    assert not await db(
        AuditEvent.objects.filter(action=AuditEvent.Action.CONVERSATION_ASSIGN).exists
    )()
    await console.disconnect()


# --- Risk checklist ----------------------------------------------------------------


async def test_checklist_answers_suggest_a_tier_and_come_back_with_the_history():
    conversation, staff, console, seeker = await talking("hello")
    cid = str(conversation.pk)
    steps = [
        ("wish_dead", "yes", Tier.LOW),
        ("thoughts", "yes", Tier.MEDIUM),
        ("plan", "yes", Tier.HIGH),
        ("means", "yes", Tier.HIGH),
        ("timeframe", "yes", Tier.IMMINENT),
        ("timeframe", None, Tier.HIGH),  # cleared: asked again later
    ]
    for item, answer, tier in steps:
        await send(console, type="checklist", conversation=cid, item=item, answer=answer)
        frame = await next_frame(console, "checklist")
        assert (frame["conversation"], frame["suggested_tier"]) == (cid, tier)
    assert frame["answers"] == {
        "wish_dead": "yes",
        "thoughts": "yes",
        "plan": "yes",
        "means": "yes",
    }

    await send(console, type="resume", conversation=cid, after=0)
    history = await next_frame(console, "history")
    assert history["checklist"] == {"answers": frame["answers"], "suggested_tier": Tier.HIGH}
    await send(console, type="resume", conversation=cid, after=1)
    assert "checklist" not in await next_frame(console, "history")  # catch-ups stay small

    # Staff only: the help-seeker never hears of it.
    await send(seeker, type="send", client_id="after", body="still here")
    for_seeker = await frames_until(seeker, "message")
    assert all(f["type"] != "checklist" and "suggested_tier" not in f for f in for_seeker)
    await close_all(seeker, console)


async def test_a_checklist_is_the_holders_until_the_wrap_up():
    conversation, staff, console, seeker = await talking("hello")
    cid = str(conversation.pk)
    with pytest.raises(Refusal, match="not_yours"):
        await db(checklist_answer)(
            conversation=conversation, counselor=await db(counselor)(), item="plan", answer="yes"
        )
    # A supervisor may fill it in for the counselor, who sees it on their console.
    boss = await db(supervisor)()
    await db(checklist_answer)(conversation=conversation, counselor=boss, item="plan", answer="no")
    assert (await next_frame(console, "checklist"))["answers"] == {"plan": "no"}

    await send(seeker, type="end")
    await until_status(console, "ended")
    await send(console, type="checklist", conversation=cid, item="intent", answer="no")
    assert (await next_frame(console, "checklist"))["answers"] == {"plan": "no", "intent": "no"}
    await send(console, type="wrap_up", conversation=cid, **WRAP_UP)
    while not (await next_frame(console, "conversation_update"))["conversation"]["wrapped_up"]:
        pass
    code = await refusal(console, type="checklist", conversation=cid, item="plan", answer="yes")
    assert code == "already_wrapped"
    stored = await db(RiskChecklist.objects.get)(conversation=conversation)
    assert stored.answers == {"plan": "no", "intent": "no"}
    await close_all(seeker, console)


@pytest.mark.parametrize(
    ("answers", "tier"),
    [
        ({}, Tier.UNKNOWN),
        ({"wish_dead": "no"}, Tier.UNKNOWN),
        ({"wish_dead": "no", "thoughts": "no"}, Tier.LOW),
        ({"wish_dead": "yes"}, Tier.LOW),
        ({"thoughts": "yes"}, Tier.MEDIUM),
        ({"thoughts": "no", "method": "yes"}, Tier.MEDIUM),
        ({"thoughts": "yes", "intent": "yes"}, Tier.HIGH),
        ({"plan": "yes"}, Tier.HIGH),
        ({"thoughts": "no", "behavior": "yes"}, Tier.HIGH),
        ({"plan": "yes", "means": "yes"}, Tier.HIGH),
        ({"plan": "yes", "timeframe": "yes"}, Tier.HIGH),
        ({"intent": "yes", "means": "yes", "timeframe": "yes"}, Tier.IMMINENT),
        ({"behavior": "yes", "means": "yes", "timeframe": "yes"}, Tier.IMMINENT),
        ({"plan": "no", "means": "yes", "timeframe": "yes", "thoughts": "yes"}, Tier.MEDIUM),
    ],
)
def test_checklist_tier_follows_the_screeners_levels(answers, tier):
    assert set(answers) <= set(ITEMS)
    assert checklist_tier(answers) == tier


def test_each_checklist_answer_records_who_gave_it_and_when():
    staff = counselor()
    conversation = held_by(staff)
    first = checklist_answer(conversation=conversation, counselor=staff, item="plan", answer="yes")
    boss = supervisor()
    checklist_answer(conversation=conversation, counselor=boss, item="intent", answer="no")
    stored = RiskChecklist.objects.get(conversation=conversation)
    assert stored.answers == {"plan": "yes", "intent": "no"}
    assert stored.updated_by == boss
    assert stored.updated_at > first.updated_at


# --- Team ---------------------------------------------------------------------------


async def test_the_team_frame_lists_online_staff_with_their_load():
    aoi = await db(counselor)(display_name="Aoi", capacity=2)
    await db(held_by)(aoi)
    ended = await db(held_by)(aoi, "a finished one")
    await db(conversation_end)(conversation=ended, ended_by=SenderKind.SEEKER)
    ren = await db(on_shift)(await db(counselor)(display_name="Ren"), Presence.AWAY)
    kai = await db(supervisor)(display_name="Kai")
    await db(counselor)(display_name="Offline")
    await db(on_shift)(await db(User.objects.create_user)("plain", password="long-password-1"))
    console = await opened(aoi)
    boss_console = await opened(kai)
    await db(on_shift)(kai)  # a supervisor opens the console away, then chooses available

    await send(console, type="team")
    team = (await next_frame(console, "team"))["staff"]
    assert team == [
        {
            "id": aoi.pk,
            "name": "Aoi",
            "presence": "available",
            "load": 1,
            "capacity": 2,
            "supervisor": False,
        },
        {
            "id": kai.pk,
            "name": "Kai",
            "presence": "available",
            "load": 0,
            "capacity": 3,
            "supervisor": True,
        },
        {
            "id": ren.pk,
            "name": "Ren",
            "presence": "away",
            "load": 0,
            "capacity": 3,
            "supervisor": False,
        },
    ]
    await close_all(console, boss_console)


# --- Earlier conversations ----------------------------------------------------------


def browser_start(client: Client, body: str, **choices: Any) -> tuple[Any, Conversation]:
    """Start a conversation as the chat page does, in `client`'s browser."""
    payload = {"body": body, "client_id": "first", "language": "en", **choices}
    response = client.post("/chat/start", data=json.dumps(payload), content_type="application/json")
    assert response.status_code == 201, response.content
    token = response.cookies[SEEKER_COOKIE].value
    return response, Conversation.objects.get(token_hash=seeker_token_hash(token))


def answered_and_wrapped(conversation: Conversation, staff: User, note: str) -> None:
    assert queue_take_next(counselor=staff).pk == conversation.pk
    message_post(
        conversation=conversation,
        sender=SenderKind.COUNSELOR,
        body="I'm glad you wrote.",
        client_id="reply",
        author=staff,
    )
    conversation_wrap_up(
        conversation=conversation,
        counselor=staff,
        answers={**WRAP_UP, "note": note},
    )


async def test_with_consent_the_next_counselor_sees_the_earlier_conversation_and_it_is_audited():
    browser = Client()
    aoi = await db(counselor)(display_name="Aoi")
    first_response, first = await db(browser_start)(browser, "First night.", share_history=True)
    cookie = first_response.cookies[DEVICE_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    assert cookie["max-age"] == settings.KIZUNA["RETENTION_DAYS"] * 86400
    assert first.device_hash == seeker_token_hash(cookie.value)
    await db(answered_and_wrapped)(first, aoi, "Lonely since moving.")

    _response, second = await db(browser_start)(browser, "It's me again.", share_history=True)
    # Each start gives the browser a new device token and moves its history to it.
    await db(first.refresh_from_db)()
    assert second.device_hash == first.device_hash
    ren = await db(counselor)(display_name="Ren")
    console = await opened(ren)
    await send(console, type="take_next")
    assert (await next_frame(console, "assignment"))["conversation"]["shares_history"] is True

    await send(console, type="earlier", conversation=str(second.pk))
    earlier = await next_frame(console, "earlier")
    assert earlier["conversation"] == str(second.pk)
    [shown] = earlier["conversations"]
    assert (shown["id"], shown["status"], shown["outcome"], shown["counselor_tier"]) == (
        str(first.pk),
        "ended",
        "de_escalated",
        "medium",
    )
    assert (shown["topics"], shown["wrap_up_note"]) == (["loneliness"], "Lonely since moving.")
    assert [(m["sender"], m["author_name"], m["body"]) for m in shown["messages"]] == [
        ("seeker", None, "First night."),
        ("counselor", "Aoi", "I'm glad you wrote."),
    ]
    views = await db(
        lambda: list(transcript_reads().values_list("actor_id", "target_id", "detail"))
    )()
    assert views == [(ren.pk, str(first.pk), {"via": str(second.pk)})]
    await console.disconnect()


@pytest.mark.parametrize(
    ("first_choices", "second_choices"),
    [
        ({}, {}),
        ({}, {"share_history": True}),  # consent now does not reach back to before
        ({"share_history": True}, {}),  # nor does an earlier yes cover this one
        ({"share_history": True, "no_trace": True}, {"share_history": True}),
    ],
)
async def test_without_consent_conversations_are_never_linked(first_choices, second_choices):
    browser = Client()
    first_response, first = await db(browser_start)(browser, "First.", **first_choices)
    if first_choices.get("share_history") and not first_choices.get("no_trace"):
        assert DEVICE_COOKIE in first_response.cookies
    else:
        assert DEVICE_COOKIE not in first_response.cookies
        assert first.device_hash == ""
    await db(conversation_end)(conversation=first, ended_by=SenderKind.SEEKER)
    _response, second = await db(browser_start)(browser, "Second.", **second_choices)
    staff = await db(counselor)()
    console = await opened(staff)
    await send(console, type="take_next")
    assignment = await next_frame(console, "assignment")
    assert assignment["conversation"]["id"] == str(second.pk)

    await send(console, type="earlier", conversation=str(second.pk))
    assert (await next_frame(console, "earlier"))["conversations"] == []
    assert not await db(transcript_reads().exists)()
    await console.disconnect()


def test_forgetting_this_browser_deletes_the_device_cookie():
    browser = Client()
    browser_start(browser, "hello", share_history=True)
    assert browser.cookies[DEVICE_COOKIE].value
    response = browser.post("/chat/forget")
    assert response.status_code == 204
    assert response.cookies[DEVICE_COOKIE].value == ""
    assert response.cookies[DEVICE_COOKIE]["max-age"] == 0


def from_one_device(count: int, device_token: str) -> list[Conversation]:
    """`count` ended conversations from one browser, oldest first, an hour apart."""
    conversations = []
    for n in range(count):
        conversation, _token, _message = conversation_start(
            language="en",
            intake={},
            body=f"visit {n}",
            client_id="first",
            device_token=device_token,
        )
        conversation_end(conversation=conversation, ended_by=SenderKind.SEEKER)
        Conversation.objects.filter(pk=conversation.pk).update(
            created_at=timezone.now() - timedelta(hours=count + 1 - n)
        )
        conversations.append(conversation)
    return conversations


async def test_at_most_the_five_latest_earlier_conversations_are_shown_newest_first():
    device = "d" * 43
    earlier = await db(from_one_device)(7, device)
    await db(from_one_device)(2, "e" * 43)  # another browser
    current, _token, _message = await db(conversation_start)(
        language="en", intake={}, body="now", client_id="first", device_token=device
    )
    staff = await db(counselor)()
    console = await opened(staff)
    await send(console, type="take_next")
    assert (await next_frame(console, "assignment"))["conversation"]["id"] == str(current.pk)

    await send(console, type="earlier", conversation=str(current.pk))
    shown = (await next_frame(console, "earlier"))["conversations"]
    newest_five = [str(c.pk) for c in reversed(earlier)][:5]
    assert [c["id"] for c in shown] == newest_five
    assert [c["messages"][0]["body"] for c in shown] == [f"visit {n}" for n in (6, 5, 4, 3, 2)]
    audited = await db(lambda: sorted(transcript_reads().values_list("target_id", flat=True)))()
    assert audited == sorted(newest_five)
    await console.disconnect()


async def test_earlier_conversations_only_of_a_conversation_one_holds():
    device = "d" * 43
    await db(from_one_device)(1, device)
    current, _token, _message = await db(conversation_start)(
        language="en", intake={}, body="now", client_id="first", device_token=device
    )
    owner = await db(counselor)()
    await db(queue_take_next)(counselor=owner)
    staff = await db(counselor)()
    console = await opened(staff)
    for conversation_id in (str(current.pk), str(uuid.uuid4()), "not-a-uuid", None):
        code = await refusal(console, type="earlier", conversation=conversation_id)
        assert code == "not_found"
    assert not await db(transcript_reads().exists)()
    await assert_still_open(console)
    await console.disconnect()
