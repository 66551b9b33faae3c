"""The database connection drops during a send: the client's retry (same client id)
stores exactly one message, and the client gets the stored message back."""

import time

import pytest

from counseling.models import Message
from tests.faults.clients import LoopThread, wait_until
from tests.faults.conftest import (
    RowLock,
    Stack,
    assert_every_message_once,
    pairs,
    terminate_backends,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_a_send_cut_off_from_the_database_is_stored_once_after_the_clients_retry(
    server_env: dict[str, str], stack: Stack, clients: LoopThread
) -> None:
    server = stack.server(server_env)
    urls = [server.url]
    [(seeker, console)] = pairs(
        clients, 1, seeker_urls=lambda i: urls, counselor_urls=lambda i: urls, start_url=urls[0]
    )
    conversation = console.conversation
    assert conversation is not None
    sent: dict[str, str] = {}

    async def say(side: str, body: str) -> str:
        client_id = await (seeker if side == "seeker" else console).send(body)
        sent[client_id] = body
        return client_id

    clients.run(say("counselor", "I'm listening."))

    # 1. The connection drops mid-transaction: the send waits for the conversation's row
    # lock (held here), and the web process's database connections are cut meanwhile.
    lock = RowLock("counseling_conversation", [conversation])
    try:
        cut_off = clients.run(say("seeker", "I lost my job today."))
        lock.wait_blocked(30, "the web process's send to wait inside its transaction")
        assert terminate_backends(keep=(lock.pid,)) >= 1
    finally:
        lock.release()
    clients.run(
        wait_until(lambda: cut_off not in seeker.pending, 30, "the retried send to be stored"),
        timeout=40,
    )

    # 2. The message is committed, then the connection drops before its acknowledgement
    # reaches the client: the client resends with the same client id and is answered
    # with the stored message.
    clients.run(seeker.stop_reading())
    unacknowledged = clients.run(say("seeker", "Sorry, my connection is bad."))
    deadline = time.monotonic() + 30
    while not Message.objects.filter(client_id=unacknowledged).exists():
        assert time.monotonic() < deadline, "the second message was never stored"
        time.sleep(0.05)
    assert terminate_backends() >= 1

    async def reconnect() -> None:
        await seeker.go_offline()
        assert unacknowledged in seeker.pending  # the acknowledgement never arrived
        await seeker.go_online()
        await seeker.start_reading()
        await wait_until(lambda: not seeker.pending, 30, "the resend to be answered")
        await say("counselor", "That's all right, I'm still here.")
        total = len(sent) + 1
        await wait_until(
            lambda: seeker.has_through(total) and console.has_through(total),
            30,
            "both sides to hold every message",
        )

    clients.run(reconnect(), timeout=60)
    assert_every_message_once(conversation, [seeker, console], sent)
    for client_id in (cut_off, unacknowledged):
        assert (
            Message.objects.filter(conversation_id=conversation, client_id=client_id).count() == 1
        )
    # The fault landed inside the send: the web process lost its connection mid-query.
    # (It then closes the socket with 1011 rather than answering with an error frame; the
    # client's reconnect and resend are what store the message.)
    assert "OperationalError: server closed the connection" in server.output()
