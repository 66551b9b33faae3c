"""The supervisor's dashboard socket (/ws/supervisor/) over the real ASGI routing: who may
connect, the live figures, watching a conversation, a private message to its counselor,
joining it, reassigning it, setting counselors' status and limits; and how every action
refuses what it must while the socket stays open."""

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from channels.db import database_sync_to_async
from channels.testing.websocket import WebsocketCommunicator

from accounts.models import AuditEvent, Presence, User
from counseling.consumers import CLOSE_FORBIDDEN
from counseling.models import Conversation, Note, SenderKind, Status
from counseling.services.conversations import conversation_end
from queues.alerts import alert_raise
from queues.models import Alert
from tests.accounts.factories import counselor, supervisor
from tests.counseling.factories import waiting_conversation
from tests.support.sockets import (
    console_socket,
    frames_for,
    next_frame,
    refusal,
    send,
    send_raw,
    supervisor_socket,
    talking,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.asyncio,
    pytest.mark.usefixtures("quick_passwords"),
]
db = database_sync_to_async


async def dashboard_of(user: User) -> WebsocketCommunicator:
    """A supervisor's dashboard that has received its whole welcome."""
    dashboard, connected = await supervisor_socket(user)
    assert connected
    await next_frame(dashboard, "queue")
    return dashboard


def audited(actor: User, action: str, target: Any) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(actor=actor, action=action, target_id=str(target.pk)).order_by(
            "at"
        )
    )


def bodies(frames: list[dict[str, Any]], kind: str = "message") -> list[str]:
    return [frame["body"] for frame in frames if frame["type"] == kind]


async def next_where(
    communicator: WebsocketCommunicator, kind: str, wanted: Callable[[dict[str, Any]], bool]
) -> dict[str, Any]:
    """The next frame of type `kind` that shows what the test waits for (earlier pushes,
    such as a welcome or a figure scheduled before the action, are passed over)."""
    while True:
        frame = await next_frame(communicator, kind)
        if wanted(frame):
            return frame


# --- Who may connect --------------------------------------------------------------------


def someone(who: str) -> User | None:
    if who == "anonymous":
        return None
    if who == "counselor":
        return counselor()
    return User.objects.create_user(username="plain", password="a-long-test-password")


@pytest.mark.parametrize("who", ["anonymous", "counselor", "no role"])
async def test_only_supervisors_may_open_the_dashboard(who: str):
    dashboard, connected = await supervisor_socket(await db(someone)(who))
    assert connected  # accepted only to say why, then closed
    error = await dashboard.receive_json_from()
    assert (error["type"], error["code"]) == ("error", "forbidden")
    closed = await dashboard.receive_output()
    assert (closed["type"], closed["code"]) == ("websocket.close", CLOSE_FORBIDDEN)


async def test_a_supervisor_is_welcomed_with_the_figures_then_the_queue():
    conversation, _token = await db(waiting_conversation)("I need someone to talk to.")
    boss = await db(supervisor)(display_name="Mika")
    dashboard, connected = await supervisor_socket(boss)
    assert connected

    welcome = [await dashboard.receive_json_from() for _ in range(3)]

    assert [frame["type"] for frame in welcome] == ["hello", "dashboard", "queue"]
    hello, figures, queue = welcome
    assert hello["me"] == {"id": boss.pk, "name": "Mika"}
    assert sum(row["waiting"] for row in figures["waiting"]) == 1
    assert [entry["id"] for entry in queue["entries"]] == [str(conversation.id)]
    await dashboard.disconnect()


async def test_watching_the_dashboard_does_not_put_a_supervisor_on_shift():
    boss = await db(supervisor)()
    dashboard = await dashboard_of(boss)
    assert (await db(User.objects.get)(pk=boss.pk)).presence == Presence.OFFLINE
    await dashboard.disconnect()


# --- Live figures ---------------------------------------------------------------------------


def arrivals(count: int) -> None:
    for n in range(count):
        waiting_conversation(f"Hello, I am person {n} and I need to talk.")


async def test_a_burst_of_arrivals_is_pushed_as_one_fresh_dashboard_frame():
    dashboard = await dashboard_of(await db(supervisor)())

    await db(arrivals)(5)
    first = await next_frame(dashboard, "dashboard")
    later = await frames_for(dashboard, seconds=1.5)

    assert sum(row["waiting"] for row in first["waiting"]) == 5  # every arrival, at once
    assert first["today"]["arrivals"] == 5
    pushed_again = [frame for frame in later if frame["type"] == "dashboard"]
    assert len(pushed_again) < 4  # coalesced: not one push per arrival
    await dashboard.disconnect()


async def test_the_queue_on_the_dashboard_follows_arrivals():
    dashboard = await dashboard_of(await db(supervisor)())
    conversation, _token = await db(waiting_conversation)("Is anyone there?")
    queue = await next_frame(dashboard, "queue")
    assert [entry["preview"] for entry in queue["entries"]] == ["Is anyone there?"]
    assert queue["entries"][0]["id"] == str(conversation.id)
    await dashboard.disconnect()


# --- Watching a conversation --------------------------------------------------------------


async def test_observing_shows_the_transcript_is_audited_and_then_follows_it_live():
    conversation, staff, console, seeker = await talking("I can't sleep.", display_name="Aoi")
    boss = await db(supervisor)()
    dashboard = await dashboard_of(boss)

    await send(dashboard, type="observe", conversation=str(conversation.id))
    observing = await next_frame(dashboard, "observing")

    assert observing["conversation"]["id"] == str(conversation.id)
    assert observing["conversation"]["counselor_name"] == "Aoi"
    assert [m["body"] for m in observing["history"]["messages"]] == ["I can't sleep."]
    views = await db(audited)(boss, AuditEvent.Action.TRANSCRIPT_VIEW, conversation)
    assert len(views) == 1

    await send(seeker, type="send", client_id="s2", body="Are you there?")
    assert (await next_frame(dashboard, "message"))["body"] == "Are you there?"
    await send(
        console, type="send", conversation=str(conversation.id), client_id="c1", body="I'm here."
    )
    from_counselor = await next_frame(dashboard, "message")
    assert (from_counselor["sender"], from_counselor["author_name"]) == ("counselor", "Aoi")
    for socket in (dashboard, console, seeker):
        await socket.disconnect()


@pytest.mark.parametrize("spelling", [str, lambda id_: str(id_).upper()], ids=["lower", "upper"])
async def test_after_unobserving_the_conversation_no_longer_reaches_the_dashboard(spelling):
    """However the client spells the id (UUIDs are case-blind), unobserve stops the words."""
    conversation, _staff, console, seeker = await talking("hello")
    dashboard = await dashboard_of(await db(supervisor)())
    await send(dashboard, type="observe", conversation=str(conversation.id))
    await next_frame(dashboard, "observing")

    await send(dashboard, type="unobserve", conversation=spelling(conversation.id))
    # A socket's frames are handled in order: once "team" is answered, so was "unobserve".
    await send(dashboard, type="team")
    await next_frame(dashboard, "team")
    await send(seeker, type="send", client_id="s2", body="something private")
    assert (await next_frame(console, "message"))["body"] == "something private"  # sent

    assert "something private" not in bodies(await frames_for(dashboard))
    for socket in (dashboard, console, seeker):
        await socket.disconnect()


# --- A private message to the counselor ----------------------------------------------------


async def test_a_whisper_reaches_the_counselors_console_and_never_the_help_seeker():
    conversation, staff, console, seeker = await talking("hello")
    boss = await db(supervisor)(display_name="Mika")
    dashboard = await dashboard_of(boss)

    await send(
        dashboard,
        type="whisper",
        conversation=str(conversation.id),
        body="Ask about means at home.",
    )
    note = await next_frame(console, "note")

    assert (note["conversation"], note["kind"], note["author_name"], note["body"]) == (
        str(conversation.id),
        "supervisor",
        "Mika",
        "Ask about means at home.",
    )
    stored = await db(lambda: list(Note.objects.filter(conversation=conversation)))()
    assert [(n.kind, n.author_id) for n in stored] == [(Note.Kind.SUPERVISOR, boss.pk)]
    seen_by_seeker = await frames_for(seeker)
    assert all("Ask about means" not in str(frame) for frame in seen_by_seeker)
    for socket in (dashboard, console, seeker):
        await socket.disconnect()


# --- Joining the conversation ---------------------------------------------------------------


async def test_before_joining_a_supervisor_cannot_write_in_a_conversation():
    conversation, _staff, console, seeker = await talking("hello")
    dashboard = await dashboard_of(await db(supervisor)())
    code = await refusal(
        dashboard, type="send", conversation=str(conversation.id), client_id="b1", body="Hi"
    )
    assert code == "not_yours"
    assert (await db(Conversation.objects.get)(pk=conversation.pk)).last_seq == 1
    for socket in (dashboard, console, seeker):
        await socket.disconnect()


async def test_joining_tells_the_help_seeker_and_lets_the_supervisor_write():
    conversation, _staff, console, seeker = await talking("hello")
    boss = await db(supervisor)(display_name="Mika")
    dashboard = await dashboard_of(boss)
    await send(dashboard, type="observe", conversation=str(conversation.id))
    await next_frame(dashboard, "observing")

    await send(dashboard, type="join", conversation=str(conversation.id))
    joined = await next_frame(seeker, "participant")
    assert (joined["conversation"], joined["name"]) == (str(conversation.id), "Mika")
    assert (await next_frame(console, "participant"))["name"] == "Mika"

    await send(
        dashboard,
        type="send",
        conversation=str(conversation.id),
        client_id="b1",
        body="Hello, I'm Mika. I work with your counselor.",
    )
    to_seeker = await next_frame(seeker, "message")
    assert (to_seeker["sender"], to_seeker["author_name"], to_seeker["body"]) == (
        "counselor",
        "Mika",
        "Hello, I'm Mika. I work with your counselor.",
    )
    assert (await next_frame(dashboard, "message"))["client_id"] == "b1"  # acknowledged
    joins = await db(audited)(boss, AuditEvent.Action.CONVERSATION_JOIN, conversation)
    assert len(joins) == 1
    for socket in (dashboard, console, seeker):
        await socket.disconnect()


# --- Reassigning --------------------------------------------------------------------------


async def test_a_supervisor_reassigns_another_counselors_conversation():
    conversation, aoi, console, seeker = await talking("hello", display_name="Aoi")
    kai = await db(counselor)(display_name="Kai", presence=Presence.AVAILABLE)
    boss = await db(supervisor)(display_name="Mio")
    dashboard = await dashboard_of(boss)

    await send(
        dashboard,
        type="transfer",
        conversation=str(conversation.id),
        to=kai.pk,
        note="Aoi is at the end of her shift.",
    )

    released = await next_frame(console, "released")
    # Named, so Aoi's console keeps what she was writing rather than closing the chat.
    assert (released["conversation"], released["to_name"], released["by_name"]) == (
        str(conversation.id),
        "Kai",
        "Mio",
    )
    told = await next_where(seeker, "conversation", lambda f: f["counselor_name"] != "Aoi")
    assert told["counselor_name"] == "Kai"
    assert (await db(Conversation.objects.get)(pk=conversation.pk)).counselor_id == kai.pk
    moves = await db(audited)(boss, AuditEvent.Action.CONVERSATION_TRANSFER, conversation)
    assert [event.detail for event in moves] == [{"from": aoi.pk, "to": kai.pk}]
    for socket in (dashboard, console, seeker):
        await socket.disconnect()


# --- Counselors' status and limits ----------------------------------------------------------


async def test_a_supervisor_sets_a_counselor_away_and_it_is_audited():
    aoi = await db(counselor)(display_name="Aoi")
    console, _ = await console_socket(aoi)  # Aoi is on shift, available
    await next_frame(console, "hello")
    boss = await db(supervisor)()
    dashboard = await dashboard_of(boss)

    await send(dashboard, type="set_presence", user=aoi.pk, state="away")

    def shows_aoi_away(figures: dict[str, Any]) -> bool:
        return any(
            m["id"] == aoi.pk and m["presence"] == "away" for m in figures["team"]["members"]
        )

    await next_where(dashboard, "dashboard", shows_aoi_away)  # pushed without asking
    assert (await db(User.objects.get)(pk=aoi.pk)).presence == Presence.AWAY
    changes = await db(audited)(boss, AuditEvent.Action.PRESENCE_CHANGE, aoi)
    assert [event.detail for event in changes] == [{"presence": "away"}]
    await dashboard.disconnect()
    await console.disconnect()


@pytest.mark.parametrize("state", ["offline", "sleeping", None, 1])
async def test_a_supervisor_cannot_set_a_counselor_offline_or_to_an_unknown_state(state: Any):
    aoi = await db(counselor)()
    console, _ = await console_socket(aoi)
    await next_frame(console, "hello")
    boss = await db(supervisor)()
    dashboard = await dashboard_of(boss)

    assert await refusal(dashboard, type="set_presence", user=aoi.pk, state=state) == (
        "bad_request"
    )
    assert (await db(User.objects.get)(pk=aoi.pk)).presence == Presence.AVAILABLE
    assert await db(audited)(boss, AuditEvent.Action.PRESENCE_CHANGE, aoi) == []
    await dashboard.disconnect()
    await console.disconnect()


async def test_a_counselor_whose_consoles_are_all_closed_cannot_be_set_available():
    conversation, aoi, console, seeker = await talking("hello")
    await console.disconnect()  # gone: their conversation is held for the grace period
    dashboard = await dashboard_of(await db(supervisor)())

    await send(dashboard, type="set_presence", user=aoi.pk, state="available")
    await frames_for(dashboard)

    assert (await db(User.objects.get)(pk=aoi.pk)).presence == Presence.OFFLINE
    await dashboard.disconnect()
    await seeker.disconnect()


async def test_a_supervisor_sets_a_counselors_limit_and_sees_the_team_as_it_now_is():
    aoi = await db(counselor)(display_name="Aoi", capacity=3)
    console, _ = await console_socket(aoi)
    await next_frame(console, "hello")
    boss = await db(supervisor)()
    dashboard = await dashboard_of(boss)

    await send(dashboard, type="capacity", user=aoi.pk, capacity=1)
    team = await next_frame(dashboard, "team")

    assert [m["capacity"] for m in team["staff"] if m["id"] == aoi.pk] == [1]
    assert (await db(User.objects.get)(pk=aoi.pk)).capacity == 1
    changes = await db(audited)(boss, AuditEvent.Action.CAPACITY_CHANGE, aoi)
    assert [event.detail for event in changes] == [{"capacity": 1}]
    await dashboard.disconnect()
    await console.disconnect()


async def test_a_supervisor_acknowledges_an_alert_from_the_dashboard():
    conversation, _token = await db(waiting_conversation)("hello")
    alert = await db(alert_raise)(kind=Alert.Kind.RISK_WAITING_LONG, conversation=conversation)
    boss = await db(supervisor)(display_name="Mika")
    dashboard = await dashboard_of(boss)

    await send(dashboard, type="ack", alert=alert.pk)
    changed = (await next_frame(dashboard, "supervisor_alert"))["alert"]

    assert (changed["id"], changed["acknowledged_by"]) == (alert.pk, "Mika")
    stored = await db(Alert.objects.get)(pk=alert.pk)
    assert stored.acknowledged_by_id == boss.pk
    await dashboard.disconnect()


# --- Refusals -------------------------------------------------------------------------------

UNKNOWN = str(uuid.uuid4())
Frame = Callable[[dict[str, Any]], dict[str, Any]]

REFUSALS: dict[str, tuple[Frame, str]] = {
    # name: (frame built from the ids at hand, expected code)
    "observe unknown": (lambda ids: {"type": "observe", "conversation": UNKNOWN}, "not_found"),
    "observe malformed": (lambda ids: {"type": "observe", "conversation": "x'; --"}, "not_found"),
    "observe number": (lambda ids: {"type": "observe", "conversation": 42}, "not_found"),
    "observe nothing": (lambda ids: {"type": "observe"}, "not_found"),
    "whisper unknown": (
        lambda ids: {"type": "whisper", "conversation": UNKNOWN, "body": "hi"},
        "not_found",
    ),
    "whisper to a waiting person": (
        lambda ids: {"type": "whisper", "conversation": ids["waiting"], "body": "hi"},
        "not_active",
    ),
    "whisper ended": (
        lambda ids: {"type": "whisper", "conversation": ids["ended"], "body": "hi"},
        "ended",
    ),
    "whisper empty": (
        lambda ids: {"type": "whisper", "conversation": ids["active"], "body": "  "},
        "empty",
    ),
    "join unknown": (lambda ids: {"type": "join", "conversation": UNKNOWN}, "not_found"),
    "join malformed": (lambda ids: {"type": "join", "conversation": [1]}, "not_found"),
    "join waiting": (lambda ids: {"type": "join", "conversation": ids["waiting"]}, "not_active"),
    "join ended": (lambda ids: {"type": "join", "conversation": ids["ended"]}, "ended"),
    "send unknown": (
        lambda ids: {"type": "send", "conversation": UNKNOWN, "client_id": "b1", "body": "hi"},
        "not_found",
    ),
    "send ended": (
        lambda ids: {"type": "send", "conversation": ids["ended"], "client_id": "b1", "body": "hi"},
        "ended",
    ),
    "resume unknown": (
        lambda ids: {"type": "resume", "conversation": UNKNOWN, "after": 0},
        "not_found",
    ),
    "resume bad after": (
        lambda ids: {"type": "resume", "conversation": ids["active"], "after": -1},
        "bad_request",
    ),
    "typing unknown": (lambda ids: {"type": "typing", "conversation": UNKNOWN}, "not_found"),
    "transfer unknown": (
        lambda ids: {"type": "transfer", "conversation": UNKNOWN, "to": ids["kai"]},
        "not_found",
    ),
    "transfer malformed": (
        lambda ids: {"type": "transfer", "conversation": "nope", "to": ids["kai"]},
        "not_found",
    ),
    "transfer to nobody": (
        lambda ids: {"type": "transfer", "conversation": ids["active"], "to": 10**9},
        "target_unavailable",
    ),
    "transfer ended": (
        lambda ids: {"type": "transfer", "conversation": ids["ended"], "to": ids["kai"]},
        "ended",
    ),
    "assign unknown": (
        lambda ids: {"type": "assign", "conversation": UNKNOWN, "to": ids["kai"]},
        "not_found",
    ),
    "assign taken": (
        lambda ids: {"type": "assign", "conversation": ids["active"], "to": ids["kai"]},
        "already_taken",
    ),
    "ack unknown": (lambda ids: {"type": "ack", "alert": 10**9}, "not_found"),
    "ack malformed": (lambda ids: {"type": "ack", "alert": "first"}, "not_found"),
    "set_presence unknown": (
        lambda ids: {"type": "set_presence", "user": 10**9, "state": "away"},
        "not_found",
    ),
    "set_presence id as text": (
        lambda ids: {"type": "set_presence", "user": str(ids["kai"]), "state": "away"},
        "not_found",
    ),
    "capacity unknown": (
        lambda ids: {"type": "capacity", "user": 10**9, "capacity": 2},
        "bad_request",
    ),
    "capacity too high": (
        lambda ids: {"type": "capacity", "user": ids["kai"], "capacity": 11},
        "bad_request",
    ),
    "capacity as text": (
        lambda ids: {"type": "capacity", "user": ids["kai"], "capacity": "2"},
        "bad_request",
    ),
    "take_next is the console's": (lambda ids: {"type": "take_next"}, "unknown_action"),
    "end is the counselor's": (
        lambda ids: {"type": "end", "conversation": ids["active"]},
        "unknown_action",
    ),
    "no type": (lambda ids: {"conversation": ids["active"]}, "unknown_action"),
}


def conversations_at_hand() -> dict[str, Any]:
    from queues.services import queue_take_next

    active, _token = waiting_conversation("hello")
    aoi = counselor(display_name="Aoi")
    queue_take_next(counselor=aoi)
    ended, _token = waiting_conversation("goodbye")
    queue_take_next(counselor=aoi)
    conversation_end(conversation=ended, ended_by=SenderKind.SEEKER)
    waiting, _token = waiting_conversation("still waiting")
    kai = counselor(display_name="Kai", presence=Presence.AVAILABLE)
    return {
        "active": str(active.id),
        "ended": str(ended.id),
        "waiting": str(waiting.id),
        "kai": kai.pk,
    }


@pytest.mark.parametrize("case", list(REFUSALS))
async def test_every_action_refuses_what_it_must_and_the_dashboard_stays_open(case: str):
    ids = await db(conversations_at_hand)()
    build, expected = REFUSALS[case]
    boss = await db(supervisor)()
    dashboard = await dashboard_of(boss)
    before = await db(lambda: list(Conversation.objects.values_list("id", "status", "counselor")))()

    assert await refusal(dashboard, **build(ids)) == expected

    after = await db(lambda: list(Conversation.objects.values_list("id", "status", "counselor")))()
    assert sorted(after) == sorted(before)  # nothing changed
    await send(dashboard, type="team")
    assert (await next_frame(dashboard, "team"))["type"] == "team"  # still answering
    await dashboard.disconnect()


async def test_a_frame_that_is_not_json_is_refused_and_the_dashboard_stays_open():
    dashboard = await dashboard_of(await db(supervisor)())
    await send_raw(dashboard, "{not json")
    assert (await next_frame(dashboard, "error"))["code"] == "bad_request"
    await send(dashboard, type="team")
    await next_frame(dashboard, "team")
    await dashboard.disconnect()


async def test_a_supervisor_cannot_transfer_a_waiting_person():
    ids = await db(conversations_at_hand)()
    dashboard = await dashboard_of(await db(supervisor)())
    code = await refusal(dashboard, type="transfer", conversation=ids["waiting"], to=ids["kai"])
    assert code == "not_active"
    status = (await db(Conversation.objects.get)(pk=ids["waiting"])).status
    assert status == Status.WAITING
    await dashboard.disconnect()


# --- Losing the role -------------------------------------------------------------------------


def memberships_replace(user: User, *roles: str) -> None:
    """Change a user's roles the way a bulk update or another tool would: straight in the
    membership table, so no signal announces it (accounts/signals.py closes sockets on
    the signals). Only the consumer's own per-action check can then notice."""
    from django.contrib.auth.models import Group

    through = User.groups.through
    through.objects.filter(user_id=user.pk).delete()
    for role in roles:
        group, _created = Group.objects.get_or_create(name=role)
        through.objects.create(user_id=user.pk, group_id=group.pk)


async def test_a_supervisor_whose_role_is_removed_is_closed_at_once():
    boss = await db(supervisor)()
    dashboard = await dashboard_of(boss)

    await db(boss.groups.clear)()

    assert (await next_frame(dashboard, "error"))["code"] == "session_ended"
    closed = await dashboard.receive_output()
    assert (closed["type"], closed["code"]) == ("websocket.close", CLOSE_FORBIDDEN)


async def test_a_supervisor_who_loses_the_role_unannounced_is_closed_on_the_next_action():
    conversation, _staff, console, seeker = await talking("hello")
    boss = await db(supervisor)()
    dashboard = await dashboard_of(boss)
    await db(memberships_replace)(boss)

    await send(dashboard, type="observe", conversation=str(conversation.id))

    assert (await next_frame(dashboard, "error"))["code"] == "forbidden"
    closed = await dashboard.receive_output()
    assert (closed["type"], closed["code"]) == ("websocket.close", CLOSE_FORBIDDEN)
    views = await db(audited)(boss, AuditEvent.Action.TRANSCRIPT_VIEW, conversation)
    assert views == []
    await console.disconnect()
    await seeker.disconnect()


async def test_a_supervisor_demoted_unannounced_to_counselor_is_closed_on_the_next_action():
    from core.roles import Role

    boss = await db(supervisor)()
    dashboard = await dashboard_of(boss)
    await db(memberships_replace)(boss, Role.COUNSELOR)

    await send(dashboard, type="team")

    frame = await dashboard.receive_json_from()
    while frame["type"] in {"dashboard", "queue"}:
        frame = await dashboard.receive_json_from()
    assert (frame["type"], frame.get("code")) == ("error", "forbidden")
    await dashboard.disconnect()


async def test_frames_to_a_seeker_of_a_joined_conversation_carry_no_staff_facts():
    conversation, _staff, console, seeker = await talking("hello")
    boss = await db(supervisor)(display_name="Mika")
    dashboard = await dashboard_of(boss)
    await send(dashboard, type="join", conversation=str(conversation.id))
    joined = await next_frame(seeker, "participant")
    assert set(joined) == {"type", "conversation", "name"}  # no staff id, no risk
    for socket in (dashboard, console, seeker):
        await socket.disconnect()


async def test_a_supervisor_cannot_change_a_peers_or_an_admins_limit_over_the_socket():
    """Attack: a supervisor sent {"type": "capacity", "user": <peer>} and the peer's
    limit changed; supervisors manage counselors only (issue 14, finding 5; issue 16)."""
    peer = await db(supervisor)(display_name="Peer", capacity=3)
    boss = await db(supervisor)()
    dashboard = await dashboard_of(boss)

    for target in (peer.pk, True):  # True used to be read as user 1
        await send(dashboard, type="capacity", user=target, capacity=0)
        assert (await next_frame(dashboard, "error"))["code"] == "bad_request"

    assert (await db(User.objects.get)(pk=peer.pk)).capacity == 3
    assert not await db(audited)(boss, AuditEvent.Action.CAPACITY_CHANGE, peer)
    await dashboard.disconnect()
