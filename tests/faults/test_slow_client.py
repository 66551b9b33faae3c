"""A slow client falls behind: a help-seeker on a poor link stops reading while their
counselor writes a lot. The web process gives up on the connection and drops what it
still held for it; the client, reading again, finds itself behind, fills the gap from the
database by sequence number, and ends with every message exactly once, in order.

With the Redis pub/sub channel layer nothing is dropped for being slow as such (each
consumer's queue is unbounded): what drops a slow client is the server's keepalive ping
going unanswered. Production waits 20 + 20 s; this test's server 1 + 3 s.
"""

import time

import pytest

from tests.accounts.factories import counselor
from tests.faults.clients import LoopThread, wait_until
from tests.faults.conftest import (
    Stack,
    assert_every_message_once,
    counselor_client,
    seeker_client,
    seeker_start,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

FLOOD = 60
PING_INTERVAL, PING_TIMEOUT = 1, 3


def test_a_seeker_who_fell_behind_fills_the_gap_from_the_database(
    server_env: dict[str, str], stack: Stack, clients: LoopThread
) -> None:
    server = stack.server(
        server_env,
        extra_args=[
            "--ws-ping-interval",
            str(PING_INTERVAL),
            "--ws-ping-timeout",
            str(PING_TIMEOUT),
        ],
    )
    urls = [server.url]
    token = seeker_start(server.url, "Can I talk to someone?")
    # A poor link: a small receive window, and only one frame read ahead.
    seeker = seeker_client("slow", urls, token, max_queue=1, receive_buffer=4096)
    console = counselor_client("c", urls, counselor(display_name="Kai"))
    sent: dict[str, str] = {}

    async def connect() -> None:
        await seeker.start()
        await console.start()
        await console.take_next()
        await wait_until(lambda: seeker.has_through(1), 20, "the seeker's first message")

    clients.run(connect(), timeout=60)
    conversation = console.conversation
    assert conversation is not None

    async def flood() -> None:
        await seeker.stop_reading()
        for n in range(1, FLOOD + 1):
            body = f"Message {n}:" + " Some long advice, written with care." * 40
            sent[await console.send(body)] = body
        await wait_until(lambda: not console.pending, 60, "the counselor's messages stored")

    clients.run(flood(), timeout=90)
    # Long enough for the server's unanswered keepalive ping to time out.
    time.sleep(PING_INTERVAL + PING_TIMEOUT + 4)
    assert seeker.last_seq < FLOOD + 1  # it really did fall behind

    async def catch_up() -> None:
        await seeker.start_reading()
        await wait_until(
            lambda: seeker.has_through(FLOOD + 1), 60, "the slow seeker to hold every message"
        )
        sent[await seeker.send("Sorry, my phone was slow.")] = "Sorry, my phone was slow."
        await wait_until(
            lambda: seeker.has_through(FLOOD + 2) and console.has_through(FLOOD + 2),
            30,
            "both sides to hold the last message",
        )

    clients.run(catch_up(), timeout=120)
    assert_every_message_once(conversation, [seeker, console], sent)
    # What the server dropped came back from the database (a resume by sequence number).
    assert seeker.from_history, "nothing was dropped: the fault did not happen"
    assert seeker.opens >= 2 and 1011 in seeker.closes, seeker.closes
