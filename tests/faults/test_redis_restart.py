"""Redis restarts while 20 conversations are live: the channel layer loses what was in
flight, clients reconnect or notice the jump in sequence numbers and resume from their
last one, and every message ends up on both sides exactly once, in order. The Celery
worker on the same Redis carries on scoring afterwards.

Redis here is a private redis-server without persistence, restarted empty on its port.
"""

import time

import pytest

from counseling.models import Message, SenderKind
from tests.faults.clients import LoopThread, wait_until
from tests.faults.conftest import (
    Said,
    Stack,
    all_hold_everything,
    assert_every_message_once,
    pairs,
    round_of,
)
from triage.models import Assessment

pytestmark = [pytest.mark.services, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

PAIRS = 20
OUTAGE_SECONDS = 2


def wait_scored(timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while Assessment.objects.count() < Message.objects.filter(sender=SenderKind.SEEKER).count():
        assert time.monotonic() < deadline, "help-seekers' messages left unscored"
        time.sleep(0.2)


def test_conversations_live_across_a_redis_restart_lose_and_double_nothing(
    server_env: dict[str, str], stack: Stack, clients: LoopThread
) -> None:
    redis = stack.redis()
    env = {**server_env, "REDIS_URL": redis.url}
    server = stack.server(env)
    stack.worker(env)
    urls = [server.url]
    talking = pairs(
        clients,
        PAIRS,
        seeker_urls=lambda i: urls,
        counselor_urls=lambda i: urls,
        start_url=server.url,
    )
    sides = [side for pair in talking for side in pair]
    said: Said = {seeker: {} for seeker, _console in talking}

    async def rounds(*labels: str) -> None:
        for label in labels:
            await round_of(talking, said, label)
        await all_hold_everything(talking, said, 60)

    clients.run(rounds("before 1", "before 2"), timeout=90)
    wait_scored(60)  # nothing is waiting in the broker when it goes

    redis.stop()
    clients.run(round_of(talking, said, "during"), timeout=30)
    time.sleep(OUTAGE_SECONDS)
    redis = stack.redis_again(redis)
    # Messages written while Redis was down are stored (the rate limit lets them through)
    # but their scoring tasks never reached the broker: beat's catch-up scores them.
    stack.beat(env)
    clients.run(rounds("after 1", "after 2"), timeout=120)

    for seeker, console in talking:
        assert seeker.conversation == console.conversation
        assert seeker.conversation is not None
        assert_every_message_once(seeker.conversation, [seeker, console], said[seeker])
    # The restart was felt: sockets were closed or sequence numbers jumped, and resumed.
    assert sum(side.opens - 1 + side.gaps for side in sides) > 0
    wait_scored(120)
    assert Assessment.objects.count() == Message.objects.filter(sender=SenderKind.SEEKER).count()


def test_a_message_written_while_redis_is_down_reaches_a_seeker_who_writes_nothing_more(
    server_env: dict[str, str], stack: Stack, clients: LoopThread
) -> None:
    """Both sockets stay open across the outage, so no reconnect makes anyone resume:
    the stored message's announcement is sent again once Redis is back (core/bus.py)."""
    redis = stack.redis()
    server = stack.server({**server_env, "REDIS_URL": redis.url})
    urls = [server.url]
    [(seeker, console)] = pairs(
        clients, 1, seeker_urls=lambda i: urls, counselor_urls=lambda i: urls, start_url=urls[0]
    )
    redis.stop()
    body = "If you are in danger right now, please call 119."
    client_id = clients.run(console.send(body))
    lost = f"channel layer send to conversation-{console.conversation} failed"
    deadline = time.monotonic() + 30
    while lost not in server.output():  # stored, and its announcement lost
        assert time.monotonic() < deadline, server.output()
        time.sleep(0.1)
    stack.redis_again(redis)

    reached = clients.run(
        wait_until(
            lambda: seeker.has_client_ids({client_id}) and not console.pending,
            15,
            "the message to reach the help-seeker",
            fail=False,
        ),
        timeout=30,
    )
    assert Message.objects.filter(client_id=client_id).count() == 1  # it was stored
    assert reached, (
        f"stored but not shown: seeker has {seeker.last_seq} messages (of 2), "
        f"counselor still sending {sorted(console.pending)}"
    )
