"""Nobody reaches a conversation that is not theirs: a help-seeker's token opens only its
own conversation, whatever a request or frame names; a counselor reaches only the
conversations they hold; supervisors watch read-only until they join; staff-only REST
endpoints and pages refuse everyone else.

Already covered elsewhere, not repeated here: a seeker's "send" and "resume" naming
another conversation (tests/counseling/test_consumers.py::test_seeker_naming_another_
conversation_is_refused); a counselor's send, end, note, checklist, resume, wrap_up,
earlier and transfer on another counselor's conversation (tests/counseling/test_console_
tools.py::test_a_counselor_cannot_act_on_another_counselors_conversation, and
test_consumers.py::test_counselor_cannot_touch_a_conversation_that_is_not_theirs);
earlier conversations of a conversation one does not hold (test_console_tools.py::test_
earlier_conversations_only_of_a_conversation_one_holds); assign and capacity from a
counselor (test_console_tools.py, tests/queues/test_consumers_capacity.py); saved replies
of other counselors in /api/canned-responses/ and /console/replies/
(tests/counseling/test_canned_responses.py); the research export
(tests/supervision/test_exports.py).
"""

import json
from collections.abc import Callable
from typing import Any

import pytest
from channels.db import database_sync_to_async
from django.conf import settings
from django.test import Client

from accounts.models import AuditEvent, User
from counseling.models import Conversation, Message, Note, SenderKind, Status, Survey
from counseling.services.conversations import conversation_end
from supervision.reports import REPORTS
from tests.accounts.factories import counselor, supervisor
from tests.counseling.factories import waiting_conversation
from tests.security.clients import staff_client
from tests.support.sockets import (
    console_socket,
    frames_for,
    next_frame,
    seeker_socket,
    send,
    supervisor_socket,
    talking,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("quick_passwords"),
]
db = database_sync_to_async
COOKIE = settings.KIZUNA["SEEKER_COOKIE_NAME"]


# --- A help-seeker's token, over HTTP ---------------------------------------------------


def ended_conversation(body: str = "thank you for listening") -> tuple[Conversation, str]:
    conversation, token = waiting_conversation(body)
    conversation_end(conversation=conversation, ended_by=SenderKind.SEEKER)
    conversation.refresh_from_db()
    return conversation, token


def browser(cookie: str | None) -> Client:
    client = Client(HTTP_HOST="localhost")
    if cookie is not None:
        client.cookies[COOKIE] = cookie
    return client


def snapshot(conversation: Conversation) -> tuple[Any, ...]:
    """Everything the seeker endpoints can change about a conversation."""
    fresh = Conversation.objects.get(pk=conversation.pk)
    return (
        fresh.status,
        fresh.seeker_left_at,
        fresh.purged_at,
        fresh.last_seq,
        Message.objects.filter(conversation=fresh).count(),
        Survey.objects.filter(conversation=fresh).exists(),
    )


# The attacker's own cookie: none, one of their own, a guess, or the victim's stored hash.
ATTACKER_COOKIES: dict[str, Callable[[Conversation], str | None]] = {
    "no-cookie": lambda victim: None,
    "own-token": lambda victim: ended_conversation("my own chat")[1],
    "made-up-token": lambda victim: "A" * 43,
    "victims-stored-hash": lambda victim: victim.token_hash,
}


def post_naming(client: Client, path: str, victim: Conversation) -> Any:
    """A POST that names the victim's conversation everywhere a careless view might look."""
    named = str(victim.pk)
    return client.post(
        f"{path}?conversation={named}&id={named}",
        data=json.dumps(
            {
                "conversation": named,
                "id": named,
                "body": "hello",
                "client_id": "first",
                "helped": "yes",
                "comment": "not mine to write",
            }
        ),
        content_type="application/json",
    )


@pytest.mark.parametrize("path", ["/chat/survey", "/chat/left", "/chat/delete", "/chat/start"])
@pytest.mark.parametrize("cookie", list(ATTACKER_COOKIES))
def test_a_seeker_endpoint_never_touches_a_conversation_the_cookie_does_not_hold(
    path: str, cookie: str
):
    victim, _victim_token = ended_conversation("please keep this private")
    before = snapshot(victim)
    client = browser(ATTACKER_COOKIES[cookie](victim))

    response = post_naming(client, path, victim)

    assert response.status_code < 500
    assert snapshot(victim) == before
    assert str(victim.pk) not in response.content.decode()


def test_start_with_an_ended_conversations_cookie_opens_a_new_one_with_a_new_token():
    """The old token does not carry over: the new conversation has a token of its own,
    and the old one is not reopened or extended."""
    old, old_token = ended_conversation()
    client = browser(old_token)
    response = post_naming(client, "/chat/start", old)
    assert response.status_code == 201
    new_token = response.cookies[COOKIE].value
    assert new_token and new_token != old_token
    new = Conversation.objects.exclude(pk=old.pk).get()
    assert (new.status, new.last_seq) == (Status.WAITING, 1)
    assert Conversation.objects.get(pk=old.pk).status == Status.ABANDONED
    assert Message.objects.filter(conversation=old).count() == 1


# --- A help-seeker's socket ----------------------------------------------------------------


async def test_a_seeker_cannot_end_another_conversation_or_type_into_it():
    victim, victims_counselor, console, victims_seeker = await talking("I'm scared")
    _mine, token = await db(waiting_conversation)("me too")
    attacker, connected = await seeker_socket(token)
    assert connected
    await next_frame(attacker, "conversation")
    await frames_for(console)
    await frames_for(victims_seeker)
    for frame in ({"type": "end"}, {"type": "typing"}):
        await send(attacker, conversation=str(victim.pk), **frame)
        assert (await next_frame(attacker, "error"))["code"] == "not_yours"

    assert (await db(Conversation.objects.get)(pk=victim.pk)).status == Status.ACTIVE
    heard = [f["type"] for f in await frames_for(console) + await frames_for(victims_seeker)]
    assert "typing" not in heard and "conversation" not in heard
    for communicator in (attacker, console, victims_seeker):
        await communicator.disconnect()


@pytest.mark.parametrize(
    "frame",
    [
        {"type": "take_next"},
        {"type": "note", "body": "mine"},
        {"type": "checklist", "item": "thoughts", "answer": "yes"},
        {"type": "wrap_up", "outcome": "other", "risk_tier": "low"},
        {"type": "observe"},
        {"type": "join"},
        {"type": "transfer", "to": 1},
        {"type": "earlier"},
    ],
    ids=lambda frame: frame["type"],
)
async def test_staff_actions_on_a_seekers_socket_are_unknown_and_change_nothing(frame):
    victim, victims_counselor, console, seeker = await talking("hello")
    await send(seeker, conversation=str(victim.pk), **frame)
    assert (await next_frame(seeker, "error"))["code"] == "unknown_action"
    fresh = await db(Conversation.objects.get)(pk=victim.pk)
    assert (fresh.status, fresh.counselor_id) == (Status.ACTIVE, victims_counselor.pk)
    assert not await db(Note.objects.exists)()
    for communicator in (console, seeker):
        await communicator.disconnect()


# --- A counselor's console -----------------------------------------------------------------


async def test_a_counselor_cannot_type_into_another_counselors_conversation():
    victim, owner, owner_console, seeker = await talking("hello")
    intruder = await db(counselor)()
    console, _ = await console_socket(intruder)
    await next_frame(console, "hello")
    await frames_for(seeker)

    await send(console, type="typing", conversation=str(victim.pk))

    assert (await next_frame(console, "error"))["code"] == "not_found"
    assert "typing" not in [f["type"] for f in await frames_for(seeker)]
    for communicator in (console, owner_console, seeker):
        await communicator.disconnect()


async def test_a_console_lists_and_hears_only_its_own_conversations():
    theirs, owner, owner_console, their_seeker = await talking("something private")
    me = await db(counselor)()
    console, _ = await console_socket(me)
    hello = await next_frame(console, "hello")
    assert hello["conversations"] == []
    await frames_for(console)

    await send(their_seeker, type="send", client_id="s2", body="more private words")
    await next_frame(owner_console, "message")  # it was delivered, to its counselor

    heard = await frames_for(console)
    assert "more private words" not in json.dumps(heard)
    assert not [f for f in heard if f["type"] in {"message", "history", "note", "typing"}]
    for communicator in (console, owner_console, their_seeker):
        await communicator.disconnect()


@pytest.mark.parametrize(
    "frame",
    [
        {"type": "observe"},
        {"type": "whisper", "body": "psst"},
        {"type": "join"},
        {"type": "unobserve"},
        {"type": "set_presence", "state": "away"},
        {"type": "ack", "alert": 1},
    ],
    ids=lambda frame: frame["type"],
)
async def test_dashboard_actions_on_a_counselors_console_are_unknown_and_change_nothing(frame):
    victim, owner, owner_console, seeker = await talking("hello")
    intruder = await db(counselor)()
    console, _ = await console_socket(intruder)
    await next_frame(console, "hello")
    await send(console, conversation=str(victim.pk), user=owner.pk, **frame)
    assert (await next_frame(console, "error"))["code"] == "unknown_action"
    assert not await db(Note.objects.exists)()
    assert not await db(AuditEvent.objects.filter(actor=intruder).exists)()
    fresh = await db(Conversation.objects.get)(pk=victim.pk)
    assert await db(lambda: list(fresh.supporters.all()))() == []
    for communicator in (console, owner_console, seeker):
        await communicator.disconnect()


async def test_a_supervisor_observing_is_read_only_until_they_join():
    """Observing is a read-only view (README, SupervisorConsumer): the help-seeker must not
    see someone else typing, and nothing may be written, until the supervisor joins."""
    victim, owner, owner_console, seeker = await talking("hello")
    boss = await db(supervisor)()
    dashboard, _ = await supervisor_socket(boss)
    await next_frame(dashboard, "hello")
    await send(dashboard, type="observe", conversation=str(victim.pk))
    await next_frame(dashboard, "observing")
    await frames_for(seeker)

    await send(dashboard, type="send", conversation=str(victim.pk), client_id="x", body="hi")
    assert (await next_frame(dashboard, "error"))["code"] == "not_yours"
    await send(dashboard, type="typing", conversation=str(victim.pk))

    heard = [f["type"] for f in await frames_for(seeker)]
    assert "typing" not in heard and "message" not in heard
    for communicator in (dashboard, owner_console, seeker):
        await communicator.disconnect()


# --- Staff REST endpoints and pages --------------------------------------------------------

SUPERVISOR_ONLY = [
    "/api/dashboard/",
    *(f"/api/reports/{name}/" for name in REPORTS),
    "/api/staffing/",
]
COUNSELOR_API = ["/api/canned-responses/", "/api/schema/"]
SUPERVISOR_PAGES = [
    "/supervisor/",
    "/supervisor/reports/",
    *(f"/supervisor/reports/{name}.csv" for name in REPORTS),
    "/supervisor/staffing/",
    "/supervisor/export/",
]


def as_role(role: str) -> Client:
    if role == "counselor":
        return staff_client(counselor())
    if role == "user-without-role":
        return staff_client(User.objects.create_user("plain", password="x-long-password"))
    if role == "inactive-supervisor":
        user = supervisor()
        client = staff_client(user)
        User.objects.filter(pk=user.pk).update(is_active=False)
        return client
    return Client(HTTP_HOST="localhost")


def live_conversation() -> Conversation:
    """Something for the endpoints to leak: a live conversation with words in it."""
    from queues.services import queue_take_next

    conversation, _token = waiting_conversation("a secret only its counselor may read")
    queue_take_next(counselor=counselor())
    return conversation


@pytest.mark.parametrize("path", SUPERVISOR_ONLY)
@pytest.mark.parametrize(
    "role", ["anonymous", "user-without-role", "counselor", "inactive-supervisor"]
)
def test_supervisor_endpoints_refuse_everyone_else_and_leak_nothing(path: str, role: str):
    conversation = live_conversation()
    response = as_role(role).get(path)
    assert response.status_code == 403
    body = response.content.decode()
    assert str(conversation.pk) not in body and "secret" not in body


@pytest.mark.parametrize("path", COUNSELOR_API)
@pytest.mark.parametrize("role", ["anonymous", "user-without-role", "inactive-supervisor"])
def test_counselor_endpoints_refuse_anyone_without_a_counseling_role(path: str, role: str):
    response = as_role(role).get(path)
    assert response.status_code == 403


@pytest.mark.parametrize("path", SUPERVISOR_PAGES)
def test_supervisor_pages_refuse_counselors_and_send_visitors_to_log_in(path: str):
    conversation = live_conversation()
    refused = as_role("counselor").get(path)
    assert refused.status_code == 403
    assert str(conversation.pk) not in refused.content.decode()
    anonymous = as_role("anonymous").get(path)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/?next=")


def test_the_admin_is_closed_to_counselors():
    live_conversation()
    response = as_role("counselor").get("/admin/counseling/conversation/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
