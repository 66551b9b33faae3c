"""Transfers and supervisor assignments under real concurrency on PostgreSQL: a receiver's
capacity holds, each conversation has one counselor, and nothing deadlocks."""

import threading
from collections import Counter
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import pytest
from django.db import connection

from accounts.models import AuditEvent, Presence, User
from accounts.services import staff_presence_set
from core.errors import Refusal
from counseling.models import Conversation, Note, Status
from queues.services import conversation_transfer, queue_assign, queue_take_next
from tests.accounts.factories import counselor, supervisor
from tests.counseling.factories import waiting_conversation

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("quick_passwords"),
]

# Long enough for PostgreSQL's deadlock detector (1 s) and a slow machine, short enough
# that a hang fails the test instead of the run.
JOIN_SECONDS = 30
# Two handovers racing for one conversation, repeated so both orders occur.
ROUNDS = 10


def on_shift(user: User) -> User:
    staff_presence_set(user=user, presence=Presence.AVAILABLE)
    return user


def held_by(staff: User, body: str) -> Conversation:
    """A new conversation that `staff` took from the queue (it is the only one waiting)."""
    conversation, _token = waiting_conversation(body)
    taken = queue_take_next(counselor=staff)
    assert taken.pk == conversation.pk
    return taken


def handover(
    actor: User, conversation: Conversation, *, to: User, note: str
) -> Callable[[], Conversation]:
    return partial(
        conversation_transfer,
        actor=actor,
        conversation_id=conversation.pk,
        to_id=to.pk,
        note=note,
    )


def at_once(calls: Sequence[Callable[[], Any]]) -> list[tuple[str, Any]]:
    """Run the calls in threads released together. Each result is ("ok", value),
    ("refused", code) or ("failed", exception); a thread still running after
    JOIN_SECONDS fails the test (a deadlock or a lock never released)."""
    start = threading.Barrier(len(calls))
    results: list[tuple[str, Any]] = [("failed", None)] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            start.wait(timeout=10)
            results[index] = ("ok", call())
        except Refusal as refusal:
            results[index] = ("refused", refusal.code)
        except BaseException as error:  # surfaced by the caller: a thread must not fail silently
            results[index] = ("failed", error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=JOIN_SECONDS)
    assert not any(thread.is_alive() for thread in threads), "a handover is stuck"
    return results


def test_many_handovers_to_one_receiver_never_exceed_their_capacity():
    receiver = on_shift(counselor(capacity=3, display_name="Ren"))
    boss = on_shift(supervisor())
    first, second = counselor(capacity=4), counselor(capacity=4)
    holders = [first] * 4 + [second] * 4
    held = [held_by(staff, f"held {n}") for n, staff in enumerate(holders)]
    waiting = [waiting_conversation(f"waiting {n}")[0] for n in range(6)]

    calls: list[Callable[[], Any]] = [
        handover(staff, conversation, to=receiver, note="over to you")
        for staff, conversation in zip(holders, held, strict=True)
    ]
    calls += [
        partial(queue_assign, supervisor=boss, conversation_id=c.pk, counselor_id=receiver.pk)
        for c in waiting
    ]
    results = at_once(calls)

    outcomes = Counter(kind for kind, _ in results)
    assert outcomes == {"ok": 3, "refused": len(calls) - 3}, results
    assert {code for kind, code in results if kind == "refused"} == {"target_at_capacity"}
    assert Conversation.objects.filter(counselor=receiver, status=Status.ACTIVE).count() == 3
    won = {str(value.pk) for kind, value in results if kind == "ok"}
    # Every handed-over conversation is the receiver's; every other one stayed as it was.
    for staff, conversation in zip(holders, held, strict=True):
        conversation.refresh_from_db()
        expected = receiver.pk if str(conversation.pk) in won else staff.pk
        assert (conversation.status, conversation.counselor_id) == (Status.ACTIVE, expected)
    for conversation in waiting:
        conversation.refresh_from_db()
        if str(conversation.pk) in won:
            assert (conversation.status, conversation.counselor_id) == (
                Status.ACTIVE,
                receiver.pk,
            )
        else:
            assert (conversation.status, conversation.counselor_id) == (Status.WAITING, None)
    recorded = AuditEvent.objects.filter(
        action__in=(AuditEvent.Action.CONVERSATION_TRANSFER, AuditEvent.Action.CONVERSATION_ASSIGN)
    )
    assert sorted(recorded.values_list("target_id", flat=True)) == sorted(won)
    assert Note.objects.filter(kind=Note.Kind.HANDOVER).count() == len(
        won & {str(c.pk) for c in held}
    )


def test_take_next_by_the_receiver_while_being_assigned_to_stays_within_capacity():
    receiver = on_shift(counselor(capacity=2))
    boss = on_shift(supervisor())
    waiting = [waiting_conversation(f"waiting {n}")[0] for n in range(6)]

    calls: list[Callable[[], Any]] = [
        partial(queue_assign, supervisor=boss, conversation_id=c.pk, counselor_id=receiver.pk)
        for c in waiting[:4]
    ]
    calls += [partial(queue_take_next, counselor=receiver) for _ in range(4)]
    results = at_once(calls)

    assert not [value for kind, value in results if kind == "failed"]
    assert Counter(kind for kind, _ in results)["ok"] == 2
    codes = {code for kind, code in results if kind == "refused"}
    # An assignment of someone the receiver just took themselves finds them taken.
    assert codes <= {"target_at_capacity", "at_capacity", "already_taken"}
    assert Conversation.objects.filter(counselor=receiver, status=Status.ACTIVE).count() == 2
    assert Conversation.objects.filter(status=Status.WAITING, counselor__isnull=True).count() == 4


def test_a_counselor_and_a_supervisor_handing_over_the_same_conversation_one_wins():
    """Both hand it to the same colleague: one handover happens, the other is refused
    cleanly (the counselor no longer holds it, or it is already the colleague's)."""
    boss = on_shift(supervisor())
    receiver = on_shift(counselor(capacity=ROUNDS + 1))
    holder = on_shift(counselor())
    for n in range(ROUNDS):
        conversation = held_by(holder, f"round {n}")
        results = at_once(
            [
                handover(holder, conversation, to=receiver, note="mine"),
                handover(boss, conversation, to=receiver, note="boss"),
            ]
        )
        kinds = sorted(kind for kind, _ in results)
        assert kinds == ["ok", "refused"], results
        refused = next(code for kind, code in results if kind == "refused")
        assert refused in {"not_yours", "bad_request"}
        conversation.refresh_from_db()
        assert (conversation.status, conversation.counselor_id) == (Status.ACTIVE, receiver.pk)
        transfers = AuditEvent.objects.filter(
            action=AuditEvent.Action.CONVERSATION_TRANSFER, target_id=str(conversation.pk)
        )
        assert list(transfers.values_list("detail", flat=True)) == [
            {"from": holder.pk, "to": receiver.pk}
        ]
        assert Note.objects.filter(conversation=conversation).count() == 1


def test_escalating_to_a_supervisor_while_they_reassign_it_does_not_deadlock():
    """The counselor hands the conversation to the supervisor while the supervisor hands
    it to someone else. Either order is a consistent story, and neither side gets a
    database error: the supervisor's choice stands at the end."""
    boss = on_shift(supervisor(display_name="Kai"))
    colleague = on_shift(counselor(capacity=ROUNDS + 1))
    holder = on_shift(counselor())
    for n in range(ROUNDS):
        conversation = held_by(holder, f"round {n}")
        results = at_once(
            [
                handover(holder, conversation, to=boss, note="help"),
                handover(boss, conversation, to=colleague, note="go"),
            ]
        )
        assert not [value for kind, value in results if kind == "failed"], results
        escalation, reassignment = results
        assert reassignment[0] == "ok", results
        assert escalation[0] == "ok" or escalation == ("refused", "not_yours"), results
        conversation.refresh_from_db()
        assert (conversation.status, conversation.counselor_id) == (Status.ACTIVE, colleague.pk)
        # The audit trail is one unbroken chain of handovers ending with the colleague.
        trail = list(
            AuditEvent.objects.filter(
                action=AuditEvent.Action.CONVERSATION_TRANSFER, target_id=str(conversation.pk)
            )
            .order_by("pk")
            .values_list("detail", flat=True)
        )
        expected = [{"from": holder.pk, "to": colleague.pk}]
        if escalation[0] == "ok":
            expected = [{"from": holder.pk, "to": boss.pk}, {"from": boss.pk, "to": colleague.pk}]
        assert trail == expected
