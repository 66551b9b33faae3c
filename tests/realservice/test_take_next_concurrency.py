"""Take-next under real concurrency on PostgreSQL: each conversation goes to one counselor."""

import threading
from collections import Counter

import pytest
from django.db import connection

from accounts.models import AuditEvent
from core.errors import Refusal
from counseling.models import Conversation, Status
from queues.services import queue_take_next
from tests.accounts.factories import counselor
from tests.counseling.factories import waiting_conversation

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_twenty_counselors_clicking_at_once_take_ten_conversations_exactly_once():
    conversations = [waiting_conversation(f"person {n}")[0] for n in range(10)]
    counselors = [counselor(capacity=3) for _ in range(20)]
    start = threading.Barrier(len(counselors))
    taken: list[tuple[int, str]] = []
    refusals: list[str] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def click(staff):
        try:
            start.wait(timeout=10)
            while True:  # keep clicking until told the queue is empty
                try:
                    conversation = queue_take_next(counselor=staff)
                except Refusal as refusal:
                    with lock:
                        refusals.append(refusal.code)
                    return
                with lock:
                    taken.append((staff.pk, str(conversation.pk)))
        except BaseException as error:  # surfaced below: a thread must not fail silently
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=click, args=(staff,)) for staff in counselors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not failures
    assert sorted(cid for _, cid in taken) == sorted(str(c.pk) for c in conversations)
    # Every counselor stopped because the queue was empty (or, at most, they were full).
    assert len(refusals) == len(counselors)
    assert set(refusals) <= {"queue_empty", "at_capacity"}
    stored = {
        str(pk): counselor_id
        for pk, counselor_id in Conversation.objects.filter(status=Status.ACTIVE).values_list(
            "pk", "counselor_id"
        )
    }
    assert stored == {cid: staff_pk for staff_pk, cid in taken}
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CONVERSATION_TAKE).count() == 10
    per_counselor = Counter(staff_pk for staff_pk, _ in taken)
    assert max(per_counselor.values()) <= 3
