"""A help-seeker's network drops and comes back: the conversation resumes, and what the
counselor wrote meanwhile arrives after the resume, exactly once."""

import pytest

from tests.faults.clients import LoopThread, wait_until
from tests.faults.conftest import Stack, assert_every_message_once, pairs, stored

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_a_seeker_back_from_a_dropped_network_gets_what_was_written_meanwhile_once(
    server_env: dict[str, str], stack: Stack, clients: LoopThread
) -> None:
    server = stack.server(server_env)
    [(seeker, console)] = pairs(
        clients,
        1,
        seeker_urls=lambda i: [server.url],
        counselor_urls=lambda i: [server.url],
        start_url=server.url,
    )
    conversation = console.conversation
    assert conversation is not None
    sent: dict[str, str] = {}
    meanwhile = [f"Are you still there? ({n})" for n in range(1, 6)]

    async def talk_then_drop() -> None:
        sent[await console.send("How are you feeling right now?")] = (
            "How are you feeling right now?"
        )
        sent[await seeker.send("Not great.")] = "Not great."
        await wait_until(lambda: seeker.has_through(3) and console.has_through(3), 20, "3 msgs")
        # The seeker writes and the train enters a tunnel: the frame may or may not have
        # reached the server; the page resends it on reconnect with the same client id.
        sent[await seeker.send("The signal is bad here")] = "The signal is bad here"
        await seeker.go_offline()
        for body in meanwhile:
            sent[await console.send(body)] = body
        await wait_until(lambda: not console.pending, 20, "the counselor's messages stored")

    clients.run(talk_then_drop(), timeout=60)
    assert not any(m["body"] in meanwhile for m in seeker.by_seq.values())

    async def come_back() -> None:
        await seeker.go_online()
        await wait_until(
            lambda: not seeker.pending and seeker.has_client_ids(set(sent)),
            30,
            "the seeker to resume and resend",
        )
        sent[await console.send("Good to have you back.")] = "Good to have you back."
        sent[await seeker.send("Thanks, I'm here.")] = "Thanks, I'm here."
        total = len(sent) + 1
        await wait_until(
            lambda: all(s.has_through(total) and not s.pending for s in (seeker, console)),
            30,
            "both sides to hold every message",
        )

    clients.run(come_back(), timeout=60)
    assert_every_message_once(conversation, [seeker, console], sent)
    assert seeker.opens == 2  # one drop, one resume
    # What the counselor wrote while the seeker was away came after the resume, in order.
    seqs = [seq for seq, _sender, _cid, body in stored(conversation) if body in meanwhile]
    assert seqs == sorted(seqs) and len(seqs) == len(meanwhile)
