"""Reads of conversations for the console: what one costs does not grow with how many
a counselor holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from counseling.frames import staff_conversation_dict
from counseling.selectors import counselor_open_conversations
from queues.services import queue_take_next
from tests.accounts.factories import counselor
from tests.counseling.factories import waiting_conversation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_passwords")]


def test_a_consoles_conversations_cost_the_same_few_queries_however_many_it_holds():
    def console_queries(held: int) -> int:
        staff = counselor(capacity=held)
        for _ in range(held):
            waiting_conversation()
            queue_take_next(counselor=staff)
        with CaptureQueriesContext(connection) as queries:
            shown = [staff_conversation_dict(c) for c in counselor_open_conversations(staff)]
        assert [entry["wrapped_up"] for entry in shown] == [False] * held
        return len(queries)

    assert console_queries(1) == console_queries(3)
