"""More sockets on one conversation do not mean more of anything: typing notices are
limited per conversation, and a help-seeker's sockets per conversation are capped.

The attack (issue 14, finding 11): the typing limit (one a second) was per socket, so a
script holding the token opened a hundred sockets and sent the counselor a hundred
"typing" notices a second.
"""

from typing import Any

import pytest
from channels.db import database_sync_to_async

from tests.counseling.factories import waiting_conversation
from tests.support.sockets import frames_for, next_frame, seeker_socket, send, talking

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.asyncio,
    pytest.mark.usefixtures("quick_passwords"),
]
db = database_sync_to_async


async def test_many_sockets_typing_at_once_reach_the_counselor_as_one_notice():
    conversation, _staff, console, seeker = await talking("hello")
    extra = []
    for _ in range(5):
        socket, connected = await seeker_socket(await db(_token_of)(seeker))
        assert connected
        await next_frame(socket, "conversation")
        extra.append(socket)

    for socket in [seeker, *extra]:
        await send(socket, type="typing")
    received = await frames_for(console, seconds=0.5)

    typing = [f for f in received if f["type"] == "typing" and f["sender"] == "seeker"]
    assert len(typing) == 1
    for socket in [console, seeker, *extra]:
        await socket.disconnect()


def _token_of(seeker: Any) -> str:
    """The token the seeker socket was opened with (from its cookie header)."""
    for name, value in seeker.scope["headers"]:
        if name == b"cookie":
            return value.decode().split("=", 1)[1]
    raise AssertionError("no cookie")


async def test_a_help_seeker_may_not_open_more_sockets_than_the_cap(settings):
    settings.KIZUNA = {**settings.KIZUNA, "SEEKER_SOCKETS_PER_CONVERSATION": 3}
    _conversation, token = await db(waiting_conversation)("hello")
    sockets = []
    for _ in range(3):
        socket, connected = await seeker_socket(token)
        assert connected
        await next_frame(socket, "conversation")
        sockets.append(socket)

    fourth, connected = await seeker_socket(token)
    assert connected  # accepted only to say why, then closed
    assert (await fourth.receive_json_from())["code"] == "too_many_sockets"
    assert (await fourth.receive_output())["type"] == "websocket.close"

    await sockets.pop().disconnect()  # a tab closed: its place is free again
    again, connected = await seeker_socket(token)
    assert connected
    assert (await next_frame(again, "conversation"))["type"] == "conversation"
    for socket in [*sockets, again]:
        await socket.disconnect()


async def test_a_count_a_dropped_socket_left_behind_neither_is_final_nor_lasts(settings):
    """A phone that loses signal mid-handshake must not lock its owner out: a refusal
    for too many sockets asks the page to try again (not a final close), and the count
    heals within minutes (attack: 15 connections cut right after they connect)."""
    from django.core.cache import cache

    from counseling.consumers import SOCKET_COUNT_SECONDS

    settings.KIZUNA = {**settings.KIZUNA, "SEEKER_SOCKETS_PER_CONVERSATION": 3}
    conversation, token = await db(waiting_conversation)("hello")
    key = f"seeker-sockets:{conversation.pk}"
    await cache.aset(key, 3, timeout=SOCKET_COUNT_SECONDS)  # three places leaked
    refused, connected = await seeker_socket(token)
    assert connected
    assert (await refused.receive_json_from())["code"] == "too_many_sockets"
    close = await refused.receive_output()
    assert close["type"] == "websocket.close"
    assert close["code"] not in (4403, 4404)  # the page keeps trying
    assert SOCKET_COUNT_SECONDS <= 300
    await cache.adelete(key)  # the leaked count has expired
    again, connected = await seeker_socket(token)
    assert connected
    assert (await next_frame(again, "conversation"))["type"] == "conversation"
    await again.disconnect()
