"""Supervisors set each counselor's limit of concurrent conversations from the console."""

import pytest
from channels.db import database_sync_to_async

from accounts.models import AuditEvent, User
from accounts.services import CAPACITY_MAX
from tests.accounts.factories import counselor, supervisor
from tests.counseling.factories import waiting_conversation
from tests.support.sockets import console_socket, next_frame, send

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]
db = database_sync_to_async


async def capacity_of(user) -> int:
    return (await db(User.objects.get)(pk=user.pk)).capacity


async def test_a_supervisor_sets_a_limit_and_take_next_respects_it():
    lead = await db(supervisor)()
    staff = await db(counselor)(capacity=3)
    lead_console, _ = await console_socket(lead)
    staff_console, _ = await console_socket(staff)

    await send(lead_console, type="capacity", user=staff.pk, capacity=1)
    team = await next_frame(lead_console, "team")

    assert await capacity_of(staff) == 1
    row = next(person for person in team["staff"] if person["id"] == staff.pk)
    assert row["capacity"] == 1
    audit = await db(AuditEvent.objects.get)(action=AuditEvent.Action.CAPACITY_CHANGE)
    assert (audit.actor_id, audit.target_id, audit.detail) == (
        lead.pk,
        str(staff.pk),
        {"capacity": 1},
    )

    await db(waiting_conversation)("first")
    await db(waiting_conversation)("second")
    await send(staff_console, type="take_next")
    await next_frame(staff_console, "assignment")
    await send(staff_console, type="take_next")
    refusal = await next_frame(staff_console, "error")
    assert refusal["code"] == "at_capacity"
    for console in (lead_console, staff_console):
        await console.disconnect()


async def test_a_counselor_cannot_change_limits_and_keeps_their_console():
    staff = await db(counselor)(capacity=3)
    other = await db(counselor)(capacity=3)
    console, _ = await console_socket(staff)

    await send(console, type="capacity", user=other.pk, capacity=9)
    refusal = await next_frame(console, "error")

    assert refusal["code"] == "supervisors_only"
    assert await capacity_of(other) == 3
    await send(console, type="team")  # still connected and answering
    assert (await next_frame(console, "team"))["type"] == "team"
    await console.disconnect()


@pytest.mark.parametrize(
    "value", [-1, CAPACITY_MAX + 1, "3", 2.5, True, None], ids=lambda v: repr(v)
)
async def test_out_of_range_or_malformed_limits_are_refused_and_change_nothing(value):
    lead = await db(supervisor)()
    staff = await db(counselor)(capacity=3)
    console, _ = await console_socket(lead)

    await send(console, type="capacity", user=staff.pk, capacity=value)

    assert (await next_frame(console, "error"))["code"] == "bad_request"
    assert await capacity_of(staff) == 3
    await console.disconnect()


async def test_an_unknown_user_is_refused():
    lead = await db(supervisor)()
    console, _ = await console_socket(lead)
    await send(console, type="capacity", user=999_999, capacity=2)
    assert (await next_frame(console, "error"))["code"] == "bad_request"
    await console.disconnect()
