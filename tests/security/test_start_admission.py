"""Admission to the queue (counseling/admission.py): nobody can close the line to real
people by flooding starts, a flood pays more work the longer it goes on, and supervisors
can take a flood's (or a prank's) conversations out of the queue.

The attack this answers (issue 14, finding 1): 61 junk POST /chat/start a minute (an
empty JSON object, an invented CSRF cookie) were each counted by the service-wide limit
before being validated, so every real person was answered "busy" while nothing was
stored. The live flood against a real browser is bench/start_flood.py.
"""

import json
import secrets
import uuid
from typing import Any

import pytest
from channels.db import database_sync_to_async
from django.core.cache import cache
from django.test import Client

from accounts.models import AuditEvent, Presence
from core.errors import Refusal
from counseling import admission
from counseling.models import Conversation, Status
from counseling.proof import proof_for, proof_holds
from counseling.services.conversations import conversations_mark_abuse
from queues import events as queue_events
from queues.services import queue_take_next
from tests.accounts.factories import counselor, supervisor
from tests.counseling.factories import waiting_conversation
from tests.support.sockets import console_socket, next_frame, refusal, send, supervisor_socket

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_counter(monkeypatch: pytest.MonkeyPatch) -> Any:
    """This test's own count of starts (the clock minute would split a test's starts) and
    no staffed-capacity figure left by another test."""
    key = f"conversation-starts:test-{uuid.uuid4().hex}"
    monkeypatch.setattr(admission, "_minute_key", lambda: key)
    cache.delete_many(["staffed-places", "waiting-count"])
    yield key
    cache.delete(key)
    cache.delete_many(["staffed-places", "waiting-count"])


@pytest.fixture
def limits(settings: Any) -> Any:
    def apply(
        *,
        per_minute: int,
        bits: int,
        per_place: int = 0,
        max_bits: int = 22,
        queue_allowance: int = 10,
    ) -> None:
        settings.KIZUNA = {
            **settings.KIZUNA,
            "CONVERSATION_STARTS_PER_MINUTE": per_minute,
            "START_PROOF_BITS": bits,
            "START_PROOF_MAX_BITS": max_bits,
            "STARTS_PER_STAFFED_PLACE": per_place,
            "START_PROOF_QUEUE_ALLOWANCE": queue_allowance,
        }

    return apply


def browser() -> Client:
    """A fresh script "browser": its own invented CSRF cookie (any well-formed one passes)."""
    client = Client()
    client.cookies["csrftoken"] = secrets.token_hex(16)
    return client


def start(client: Client, proof: Any = None, body: str = "I need to talk", **extra: Any) -> Any:
    payload = {"body": body, "client_id": "first", "language": "en", **extra}
    if proof is not None:
        payload["admission"] = proof
    return client.post("/chat/start", data=json.dumps(payload), content_type="application/json")


def solved(challenge: dict[str, Any]) -> dict[str, str]:
    """What the page sends: the challenge and a number that solves it."""
    return proof_for(challenge)


def fresh_proof(client: Client) -> dict[str, str]:
    return solved(client.get("/chat/admission").json())


# --- Junk never counts ----------------------------------------------------------------------


def test_junk_starts_do_not_close_the_line_to_a_real_person(limits):
    """The attack as it was: junk beyond the limit, then a real person."""
    limits(per_minute=3, bits=0)
    junk = [b"", b"{}", b"[]", json.dumps({"body": "", "client_id": "x"}).encode()]
    for n in range(61):
        response = browser().post(
            "/chat/start", data=junk[n % len(junk)], content_type="application/json"
        )
        assert response.status_code == 400
    assert start(browser()).status_code == 201
    assert Conversation.objects.count() == 1


def test_refused_starts_do_not_count_so_the_line_reopens_when_a_start_ends(limits, own_counter):
    limits(per_minute=2, bits=0)
    assert [start(browser()).status_code for _ in range(5)] == [201, 201, 429, 429, 429]
    assert cache.get(own_counter) == 2  # the three refusals gave their places back


# --- The proof -----------------------------------------------------------------------------


def test_a_start_without_a_proof_is_refused_with_a_challenge_to_solve(limits):
    limits(per_minute=60, bits=8)
    client = browser()
    refused = start(client)
    answer = refused.json()
    assert refused.status_code == 429 and answer["error"] == "admission" and answer["message"]
    assert answer["bits"] == 8 and answer["challenge"] and answer["nonce"]
    assert Conversation.objects.count() == 0

    assert start(client, solved(answer)).status_code == 201


@pytest.mark.parametrize("forgery", ["unsolved", "more_bits_claimed", "other_nonce", "not_a_dict"])
def test_a_forged_or_unsolved_proof_is_refused(limits, forgery):
    limits(per_minute=60, bits=8)
    client = browser()
    challenge = client.get("/chat/admission").json()
    proof: Any = solved(challenge)
    if forgery == "unsolved":
        proof["solution"] = next(
            str(n) for n in range(10**6) if not proof_holds(challenge["nonce"], str(n), 8)
        )
    elif forgery == "more_bits_claimed":
        # The signed part cannot be changed: an edited challenge fails its signature.
        proof["challenge"] = proof["challenge"].replace(":", ";", 1)
    elif forgery == "other_nonce":
        other = client.get("/chat/admission").json()
        proof["challenge"] = other["challenge"]
    else:
        proof = [proof]
    response = start(client, proof)
    assert response.status_code == 429 and response.json()["error"] == "admission"
    assert Conversation.objects.count() == 0


def test_a_proof_is_good_for_one_start_only(limits):
    limits(per_minute=60, bits=8)
    proof = fresh_proof(browser())
    assert start(browser(), proof).status_code == 201
    replay = start(browser(), proof)
    assert replay.status_code == 429 and replay.json()["error"] == "admission"
    assert Conversation.objects.count() == 1


def test_a_stale_challenge_is_refused(limits, settings):
    limits(per_minute=60, bits=4)
    proof = fresh_proof(browser())
    settings.KIZUNA = {**settings.KIZUNA, "START_PROOF_SECONDS": -1}  # every challenge is old
    assert start(browser(), proof).json()["error"] == "admission"


def test_a_bad_message_does_not_use_up_the_proof(limits):
    limits(per_minute=60, bits=4)
    client = browser()
    proof = fresh_proof(client)
    assert start(client, proof, body="").json()["error"] == "empty"
    assert start(client, proof).status_code == 201


# --- A flood pays more, a person still gets in ---------------------------------------------


def test_beyond_the_limit_each_start_costs_more_but_a_person_still_gets_in(limits):
    """A script that solves proofs fills the limit; then every start needs one more bit
    (twice the work), and a person whose page solves the new challenge is let in."""
    limits(per_minute=3, bits=4)
    for _ in range(3):
        assert start(browser(), fresh_proof(browser())).status_code == 201
    assert admission.admission_challenge()["bits"] == 5  # what a page now fetches
    # A proof solved at the base level (fetched before the flood filled the limit) no
    # longer admits anyone.
    person = browser()
    refused = start(person, solved(_level(4)))
    assert refused.status_code == 429 and refused.json()["error"] == "admission"
    assert refused.json()["bits"] == 5
    assert start(person, solved(refused.json())).status_code == 201
    assert Conversation.objects.count() == 4


def _level(bits: int) -> dict[str, Any]:
    """A genuine challenge signed at `bits` (as one fetched before the flood began)."""
    from django.core import signing

    nonce = secrets.token_hex(12)
    return {
        "challenge": signing.dumps({"n": nonce, "b": bits}, salt=admission.SALT),
        "nonce": nonce,
        "bits": bits,
    }


def test_the_work_doubles_with_each_doubling_of_starts_up_to_a_ceiling(limits):
    limits(per_minute=10, bits=12, max_bits=15)
    assert [admission.bits_for(n) for n in (1, 10, 11, 20, 21, 40, 41, 80, 81, 10_000)] == [
        12, 12, 13, 13, 14, 14, 15, 15, 15, 15,
    ]  # fmt: skip


def bits(**pressure: int) -> int:
    """The formula alone: base 16, ceiling 20, 60 starts a minute, 10 may wait."""
    given = {"starts": 1, "start_limit": 60, "waiting": 0, "queue_allowance": 10, **pressure}
    return admission.proof_bits(base=16, ceiling=20, **given)


def test_the_work_doubles_with_each_doubling_of_the_queue_beyond_the_places_on_shift():
    waits = (0, 10, 11, 20, 21, 40, 41, 80, 81, 10_000)
    assert [bits(waiting=w) for w in waits] == [16, 16, 17, 17, 18, 18, 19, 19, 20, 20]
    # More places on shift allow a longer queue before asking more.
    assert bits(waiting=40, queue_allowance=40) == 16
    assert bits(waiting=41, queue_allowance=40) == 17


def test_both_pressures_add_up_to_the_ceiling_and_no_proof_asks_nothing():
    assert bits(starts=61, waiting=11) == 18  # one doubling of each
    assert bits(starts=121, waiting=21) == 20
    assert bits(starts=10**6, waiting=10**6) == 20  # the hard ceiling
    assert (
        admission.proof_bits(
            base=0, ceiling=20, starts=10**6, start_limit=1, waiting=10**6, queue_allowance=1
        )
        == 0
    )
    # A ceiling set below the base never lowers the base.
    assert (
        admission.proof_bits(
            base=16, ceiling=12, starts=1, start_limit=1, waiting=0, queue_allowance=1
        )
        == 16
    )


def test_a_long_queue_asks_more_work_and_a_person_still_gets_in(limits):
    """A slow flood that stays under the per-minute limit builds a queue: each doubling
    of it beyond the allowance asks one bit more, and a real page solves it and starts."""
    limits(per_minute=1000, bits=4, queue_allowance=2)
    for n in range(4):
        waiting_conversation(f"I am not safe {n}")
    assert admission.admission_challenge()["bits"] == 4 + 1  # 4 waiting: one doubling of 2
    person = browser()
    refused = start(person, solved(_level(4)))  # solved before the queue grew
    assert refused.status_code == 429 and refused.json()["bits"] == 5
    assert start(person, solved(refused.json())).status_code == 201


def test_counselors_on_shift_make_room_in_the_queue_before_more_work_is_asked(limits):
    limits(per_minute=1000, bits=4, queue_allowance=2)
    for n in range(4):
        waiting_conversation(f"help {n}")
    counselor(capacity=4, presence=Presence.AVAILABLE)
    cache.delete_many(["staffed-places", "waiting-count"])
    assert admission.queue_allowance() == 4
    assert admission.admission_challenge()["bits"] == 4


def test_the_limit_grows_with_the_counselors_on_shift(limits):
    limits(per_minute=5, bits=0, per_place=2)
    assert admission.start_limit() == 5
    cache.delete("staffed-places")
    for _ in range(3):
        counselor(capacity=4, presence=Presence.AVAILABLE)
    counselor(capacity=4, presence=Presence.OFFLINE)  # not on shift
    assert admission.start_limit() == 2 * 12


# --- Marking abuse -------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_supervisor_marks_a_conversation_as_abuse_it_leaves_the_queue_audited():
    conversation, _token = await database_sync_to_async(waiting_conversation)("help help help")
    boss = await database_sync_to_async(supervisor)()
    dashboard, connected = await supervisor_socket(boss)
    assert connected

    queue = await next_frame(dashboard, "queue")
    assert str(conversation.id) in json.dumps(queue)
    await send(dashboard, type="mark_abuse", conversation=str(conversation.id))
    while str(conversation.id) in json.dumps(queue):  # the queue pushed after the change
        queue = await next_frame(dashboard, "queue")

    def stored() -> tuple[str, list[str]]:
        conversation.refresh_from_db()
        audits = AuditEvent.objects.filter(
            actor=boss, action=AuditEvent.Action.CONVERSATION_ABUSE, target_id=str(conversation.pk)
        )
        return conversation.status, [a.action for a in audits]

    assert await database_sync_to_async(stored)() == (
        Status.ABUSE,
        [AuditEvent.Action.CONVERSATION_ABUSE],
    )
    assert await refusal(dashboard, type="mark_abuse", conversation=str(conversation.id)) == "ended"
    await dashboard.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_counselor_cannot_mark_abuse():
    conversation, _token = await database_sync_to_async(waiting_conversation)("hello")
    staff = await database_sync_to_async(counselor)()
    console, connected = await console_socket(staff)
    assert connected
    assert await refusal(console, type="mark_abuse", conversation=str(conversation.id)) == (
        "unknown_action"
    )
    await database_sync_to_async(conversation.refresh_from_db)()
    assert conversation.status == Status.WAITING
    await console.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_supervisor_marks_several_waiting_conversations_at_once_each_audited():
    flood = [
        (await database_sync_to_async(waiting_conversation)(f"I'm not safe {n}"))[0]
        for n in range(3)
    ]
    person, _token = await database_sync_to_async(waiting_conversation)("I need to talk")
    boss = await database_sync_to_async(supervisor)()
    dashboard, connected = await supervisor_socket(boss)
    assert connected
    await next_frame(dashboard, "queue")

    ids = [str(c.id) for c in flood]
    asked = [ids[0], ids[1].upper(), ids[2], str(uuid.uuid4()), "not-an-id"]
    await send(dashboard, type="mark_abuse_many", conversations=asked)
    reply = await next_frame(dashboard, "abuse_marked")
    assert sorted(reply["conversations"]) == sorted(ids) and reply["not_marked"] == 2
    queue = await next_frame(dashboard, "queue")
    while queue["waiting"] != 1:
        queue = await next_frame(dashboard, "queue")
    assert [entry["id"] for entry in queue["entries"]] == [str(person.id)]

    def stored() -> tuple[list[str], list[tuple[str, dict]]]:
        statuses = [Conversation.objects.get(pk=c.pk).status for c in [*flood, person]]
        audits = AuditEvent.objects.filter(
            actor=boss, action=AuditEvent.Action.CONVERSATION_ABUSE
        ).order_by("target_id")
        return statuses, [(a.target_id, a.detail) for a in audits]

    statuses, audits = await database_sync_to_async(stored)()
    assert statuses == [Status.ABUSE] * 3 + [Status.WAITING]
    assert audits == [(i, {"was": "waiting"}) for i in sorted(ids)]  # as one marked alone
    await dashboard.disconnect()


def test_marking_several_pushes_the_queue_once_and_leaves_a_taken_one_alone(monkeypatch):
    taken, _ = waiting_conversation("hello")
    queue_take_next(counselor=counselor())
    flood = [waiting_conversation(f"I'm not safe {n}")[0] for n in range(3)]
    pushes: list[int] = []
    monkeypatch.setattr(queue_events, "queue_changed", lambda: pushes.append(1))

    marked = conversations_mark_abuse(
        conversation_ids=[str(c.id) for c in [taken, *flood]], supervisor=supervisor()
    )
    assert {c.pk for c in marked} == {c.pk for c in flood}
    assert pushes == [1]
    taken.refresh_from_db()
    assert taken.status == Status.ACTIVE  # answered meanwhile: not the bulk mark's to end


@pytest.mark.parametrize("conversations", [None, "one-id", [], [1, 2], ["x"] * 201])
def test_marking_several_refuses_what_is_not_a_short_list_of_ids(conversations):
    with pytest.raises(Refusal, match="bad_request"):
        conversations_mark_abuse(conversation_ids=conversations, supervisor=supervisor())


def test_only_a_supervisor_marks_several():
    conversation, _ = waiting_conversation("hello")
    with pytest.raises(Refusal, match="supervisors_only"):
        conversations_mark_abuse(conversation_ids=[str(conversation.id)], supervisor=counselor())
