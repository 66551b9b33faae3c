"""A web process restarts: two uvicorn processes and no proxy; each client knows both
addresses and reconnects to the other one (or the restarted one), resumes from its last
sequence number and resends what was not confirmed. One process crashes (SIGKILL), the
other is stopped for a deploy (SIGTERM); every message ends up on both sides once."""

import pytest

from accounts.models import Presence, User
from counseling.consumers import SEND_STALL_SECONDS
from tests.faults.clients import LoopThread, wait_until
from tests.faults.conftest import (
    Said,
    Stack,
    all_hold_everything,
    assert_every_message_once,
    pairs,
    round_of,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

PAIRS = 6


def test_conversations_carry_on_across_a_crashed_and_a_restarted_web_process(
    server_env: dict[str, str], stack: Stack, clients: LoopThread
) -> None:
    first = stack.server(server_env, "web-a")
    second = stack.server(server_env, "web-b")
    a, b = first.url, second.url
    # In every pair one side starts on each process.
    talking = pairs(
        clients,
        PAIRS,
        seeker_urls=lambda i: [a, b] if i % 2 else [b, a],
        counselor_urls=lambda i: [b, a] if i % 2 else [a, b],
        start_url=a,
    )
    sides = [side for pair in talking for side in pair]
    said: Said = {seeker: {} for seeker, _console in talking}

    async def exchange(label: str) -> None:
        await round_of(talking, said, label)
        await all_hold_everything(talking, said, 60)

    clients.run(exchange("both up"), timeout=90)
    assert {side.connected_to[-1] for side in sides} == {a, b}

    first.stop(kill=True)  # a crash: no close frames, no disconnect handlers
    clients.run(exchange("a crashed"), timeout=90)
    assert all(side.connected_to[-1] == b for side in sides)

    stack.server(server_env, "web-a-again", port=first.port)
    second.stop()  # a deploy: uvicorn closes its sockets (1012) and finishes
    clients.run(exchange("b stopped"), timeout=90)
    assert all(side.connected_to[-1] == a for side in sides)

    stack.server(server_env, "web-b-again", port=second.port)
    clients.run(exchange("both up again"), timeout=90)
    for seeker, console in talking:
        assert seeker.conversation is not None
        assert_every_message_once(seeker.conversation, [seeker, console], said[seeker])


@pytest.mark.worker
def test_a_counselor_whose_web_process_crashed_still_goes_offline_when_they_leave(
    server_env: dict[str, str], stack: Stack, clients: LoopThread
) -> None:
    """A console counts as open while its web process says so (a heartbeat): the one on
    the crashed process stops counting once it has missed three, and beat closes it."""
    env = {**server_env, "KIZUNA_CONSOLE_HEARTBEAT_SECONDS": "1"}
    first = stack.server(env, "web-a")
    second = stack.server(env, "web-b")
    stack.worker(env)
    stack.beat(env)
    [(seeker, console)] = pairs(
        clients,
        1,
        seeker_urls=lambda i: [second.url],
        counselor_urls=lambda i: [first.url, second.url],
        start_url=second.url,
    )
    first.stop(kill=True)
    clients.run(wait_until(lambda: console.opens == 2, 30, "the console to reconnect to b"))
    clients.run(console.stop())  # the counselor closes their console and goes home

    told = clients.run(
        wait_until(
            lambda: bool(seeker.frames_of("counselor_presence")),
            # Three missed heartbeats; or, when the server missed the console's close
            # (a send stuck in flow control), SEND_STALL_SECONDS before it gives up.
            SEND_STALL_SECONDS + 15,
            "the help-seeker to be told their counselor left",
            fail=False,
        ),
        timeout=SEND_STALL_SECONDS + 30,
    )
    counselor = User.objects.get(display_name="Counselor 0")
    state = (counselor.presence, counselor.console_sockets.count())
    assert told, f"the help-seeker was never told; counselor (presence, consoles): {state}"
    assert state == (Presence.OFFLINE, 0)
