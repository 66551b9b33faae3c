"""Every read of transcript text by staff leaves an audit row, whichever path serves it.

The attack (issue 14, finding 3): "resume" with after >= 1 on the supervisor's socket, or
on a counselor's own past conversation, returned the messages with no transcript.view
row; only after == 0 was audited. Also audited, and tested elsewhere: observing
(tests/supervision/test_consumers.py::test_observing_shows_the_transcript_is_
audited_and_then_follows_it_live), earlier conversations (tests/counseling/test_console_
tools.py), research exports (tests/supervision/test_exports.py).
"""

from typing import Any

import pytest
from channels.db import database_sync_to_async

from accounts.models import AuditEvent, User
from counseling.models import SenderKind
from counseling.services.conversations import conversation_end
from counseling.services.messages import message_post
from tests.accounts.factories import counselor, supervisor
from tests.counseling.factories import waiting_conversation
from tests.support.sockets import console_socket, next_frame, send, supervisor_socket, talking

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.asyncio,
    pytest.mark.usefixtures("quick_passwords"),
]
db = database_sync_to_async


def views_of(actor: User, conversation: Any) -> list[dict[str, Any]]:
    return list(
        AuditEvent.objects.filter(
            actor=actor, action=AuditEvent.Action.TRANSCRIPT_VIEW, target_id=str(conversation.pk)
        ).values_list("detail", flat=True)
    )


def more_messages(conversation: Any, count: int) -> None:
    for n in range(count):
        message_post(
            conversation=conversation, sender=SenderKind.SEEKER, body=f"more {n}", client_id=f"m{n}"
        )


@pytest.mark.parametrize("after", [1, 2, 0])
async def test_a_supervisor_reading_by_resume_is_audited(after: int):
    conversation, _staff, console, seeker = await talking("I can't sleep.")
    await db(more_messages)(conversation, 2)
    boss = await db(supervisor)()
    dashboard, connected = await supervisor_socket(boss)
    assert connected

    await send(dashboard, type="resume", conversation=str(conversation.id), after=after)
    history = await next_frame(dashboard, "history")

    assert [m["seq"] for m in history["messages"]] == list(range(after + 1, 4))
    assert await db(views_of)(boss, conversation) == [{"after": after, "messages": 3 - after}]
    for socket in (dashboard, console, seeker):
        await socket.disconnect()


async def test_a_counselor_reading_a_past_conversation_by_resume_is_audited():
    conversation, staff, console, seeker = await talking("First message.")
    await db(more_messages)(conversation, 1)
    await db(conversation_end)(
        conversation=conversation, ended_by=SenderKind.COUNSELOR, actor=staff
    )
    await console.disconnect()
    console, connected = await console_socket(staff)
    assert connected

    await send(console, type="resume", conversation=str(conversation.id), after=1)
    history = await next_frame(console, "history")

    assert [m["body"] for m in history["messages"]][:1] == ["more 0"]
    assert {"after": 1, "messages": len(history["messages"])} in await db(views_of)(
        staff, conversation
    )
    for socket in (console, seeker):
        await socket.disconnect()


async def test_a_catch_up_that_returns_no_text_reads_nothing_and_is_not_audited():
    conversation, staff, console, seeker = await talking("Only one.")
    before = len(await db(views_of)(staff, conversation))
    await send(console, type="resume", conversation=str(conversation.id), after=5)
    assert (await next_frame(console, "history"))["messages"] == []
    assert len(await db(views_of)(staff, conversation)) == before
    for socket in (console, seeker):
        await socket.disconnect()


# The queue's previews (a waiting person's first lines) reached every console and
# dashboard with no audit row: a counselor could read what everyone waiting wrote
# without taking anyone.


def previews_of(actor: User) -> list[str]:
    return list(
        AuditEvent.objects.filter(
            actor=actor,
            action=AuditEvent.Action.TRANSCRIPT_VIEW,
            detail__via="queue_preview",
        ).values_list("target_id", flat=True)
    )


async def test_the_queue_previews_a_console_is_shown_are_audited_once_each():
    waiting_before, _ = await db(waiting_conversation)("I can't sleep and my head is loud")
    staff = await db(counselor)()
    console, connected = await console_socket(staff)
    assert connected
    await next_frame(console, "hello")
    queue = await next_frame(console, "queue")
    assert queue["entries"][0]["preview"]
    assert await db(previews_of)(staff) == [str(waiting_before.pk)]

    arriving, _ = await db(waiting_conversation)("hello? is anyone there")
    while True:  # broadcasts are coalesced: wait for the one that shows the newcomer
        queue = await next_frame(console, "queue")
        if len(queue["entries"]) == 2:
            break
    assert sorted(await db(previews_of)(staff)) == sorted(
        [str(waiting_before.pk), str(arriving.pk)]
    )
    await console.disconnect()


async def test_a_dashboard_is_audited_for_the_previews_it_opens_with():
    waiting, _ = await db(waiting_conversation)("please someone answer")
    boss = await db(supervisor)()
    dashboard, connected = await supervisor_socket(boss)
    assert connected
    queue = await next_frame(dashboard, "queue")
    assert queue["entries"][0]["preview"] == "please someone answer"
    assert await db(previews_of)(boss) == [str(waiting.pk)]
    await dashboard.disconnect()
