"""A counselor's connection drops mid-conversation: the help-seeker is told at once, the
conversation is held for the grace period, then goes back to the front of the queue with
an alert to supervisors, and the next counselor picks it up with nothing lost."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Presence, User
from config.celery import app as celery_app
from counseling.models import Conversation, Status
from queues.tasks import requeue_dropped
from tests.accounts.factories import counselor, supervisor
from tests.faults.clients import LoopThread, wait_until
from tests.faults.conftest import Stack, assert_every_message_once, counselor_client, pairs

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

GRACE_SECONDS = 2


@pytest.mark.worker
def test_a_dropped_counselors_conversation_is_held_then_requeued_and_the_seeker_told(
    server_env: dict[str, str], stack: Stack, clients: LoopThread
) -> None:
    env = {**server_env, "KIZUNA_COUNSELOR_GRACE_SECONDS": str(GRACE_SECONDS)}
    server = stack.server(env)
    celery_app.control.purge()  # this run's queue only
    stack.worker(env)
    urls = [server.url]
    [(seeker, console)] = pairs(
        clients, 1, seeker_urls=lambda i: urls, counselor_urls=lambda i: urls, start_url=urls[0]
    )
    conversation = console.conversation
    assert conversation is not None
    dropped = User.objects.get(conversations__id=conversation)
    # A supervisor's console: alerts about dropped counselors go to supervisors' consoles.
    boss = counselor_client("boss", urls, supervisor(display_name="Sam"))
    next_up = counselor_client("next", urls, counselor(display_name="Ren"))
    sent: dict[str, str] = {}

    async def talk_then_drop() -> None:
        for client in (boss, next_up):
            await client.start()
        sent[await console.send("I'm here with you.")] = "I'm here with you."
        sent[await seeker.send("Thank you.")] = "Thank you."
        await wait_until(lambda: seeker.has_through(3) and console.has_through(3), 20, "3 msgs")
        await console.go_offline()  # the counselor's wifi goes: no goodbye
        await wait_until(
            lambda: bool(seeker.frames_of("counselor_presence")), 20, "the seeker to be told"
        )
        # The help-seeker can still write; it is kept for whoever answers next.
        sent[await seeker.send("Hello? Are you there?")] = "Hello? Are you there?"
        await wait_until(lambda: not seeker.pending, 20, "the seeker's message stored")

    clients.run(talk_then_drop(), timeout=60)
    assert seeker.frames_of("counselor_presence")[0]["present"] is False
    assert Conversation.objects.get(pk=conversation).status == Status.ACTIVE  # held
    assert any(
        f["alert"]["kind"] == "counselor_disconnected"
        and f["alert"]["conversation"] == conversation
        for f in boss.frames_of("supervisor_alert")
    ), boss.frames_of("supervisor_alert")

    # Beat runs the requeue every 30 s; here the worker runs it once the grace is over.
    dropped.refresh_from_db()
    assert dropped.presence == Presence.OFFLINE
    assert dropped.presence_changed_at is not None
    held_until = dropped.presence_changed_at + timedelta(seconds=GRACE_SECONDS + 0.5)
    time.sleep(max(0.0, (held_until - timezone.now()).total_seconds()))
    assert requeue_dropped.delay().get(timeout=30) == 1, stack.logs()

    async def next_counselor_answers() -> None:
        await wait_until(
            lambda: any(f.get("status") == "waiting" for f in seeker.frames_of("conversation")),
            20,
            "the seeker to be told they are waiting again",
        )
        await wait_until(
            lambda: any(
                f["alert"]["conversation"] == conversation for f in boss.frames_of("alert")
            ),
            20,
            "supervisors to be alerted",
        )
        assert await next_up.take_next() == conversation  # at the front of the queue
        sent[await next_up.send("Hi, I'm Ren. I'm here now.")] = "Hi, I'm Ren. I'm here now."
        total = len(sent) + 1
        await wait_until(
            lambda: seeker.has_through(total) and next_up.has_through(total),
            20,
            "both to hold the whole conversation",
        )

    clients.run(next_counselor_answers(), timeout=60)
    told = [
        "counselor_presence" if f["type"] == "counselor_presence" else f["status"]
        for f in seeker.frames
        if f["type"] in ("counselor_presence", "conversation")
    ]
    # Told the counselor dropped, then that they are waiting again, then someone joined.
    assert told[told.index("counselor_presence") :] == ["counselor_presence", "waiting", "active"]
    alert = next(
        f["alert"] for f in boss.frames_of("alert") if f["alert"]["conversation"] == conversation
    )
    assert (alert["kind"], alert["status"]) == ("counselor_disconnected", "waiting")
    assert_every_message_once(conversation, [seeker, next_up], sent)
