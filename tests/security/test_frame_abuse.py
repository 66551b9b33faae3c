"""Frames no client of ours sends: not JSON, binary, a megabyte, 100,000 levels of nesting,
a number too long to parse, an unhashable "type", lone UTF-16 surrogates (in a body, a
client id, a key). Each is answered with a clear error frame (or, at the server's
size limit, a close), changes nothing, and the socket and everyone else's keep working.

Already covered elsewhere, not repeated here: on the seeker's socket, non-JSON, non-object
JSON, unknown actions, 10,000 nested arrays and 20,000 characters
(tests/counseling/test_consumers.py::test_seeker_bad_frames_get_an_error_and_change_
nothing) and 5,000 nested arrays within the size limit (::test_deeply_nested_json_within_
size_is_refused_cleanly).
"""

import asyncio
import json
from typing import Any

import pytest
import websockets
from channels.db import database_sync_to_async
from channels.testing.websocket import WebsocketCommunicator

from accounts.models import AuditEvent
from counseling.models import Message, Note
from tests.accounts.factories import supervisor
from tests.counseling.factories import waiting_conversation
from tests.security.clients import SEEKER_COOKIE
from tests.security.live import receive_type, ws_url
from tests.support.sockets import (
    _session_cookie,
    console_socket,
    next_frame,
    seeker_socket,
    send,
    supervisor_socket,
)

db = database_sync_to_async

MEGABYTE = 1024 * 1024
ABUSIVE: dict[str, str | bytes] = {
    "not-json": "{type: send, body: hello",
    "binary": b"\x00\xff" * 100,
    "one-megabyte-of-text": "x" * MEGABYTE,
    "one-megabyte-message": json.dumps(
        {"type": "send", "conversation": "", "client_id": "big", "body": "a" * MEGABYTE}
    ),
    "100000-nested-arrays": "[" * 100_000 + "]" * 100_000,
    "100000-nested-objects": '{"a":' * 100_000 + "1" + "}" * 100_000,
    "nesting-within-the-size-limit": '{"type": "send", "body": ' + "[" * 8000 + "]" * 8000 + "}",
    "5000-digit-number": '{"type": "resume", "after": ' + "9" * 5000 + "}",
    # Issue 14, finding 10: each of these crashed the consumer (the socket closed 1011).
    "type-is-a-list": '{"type": ["x"]}',
    "type-is-an-object": '{"type": {"send": 1}, "client_id": "t"}',
    "lone-surrogate-in-body": '{"type": "send", "conversation": "", "client_id": "ls",'
    ' "body": "hi \\ud800"}',
    "lone-surrogate-in-client-id": '{"type": "send", "client_id": "\\udc00", "body": "hi"}',
    "lone-surrogate-in-a-key": '{"type": "resume", "\\ud83d": 1}',
    "nesting-nine-deep": '{"type": "wrap_up", "answers": ' + "[" * 9 + "]" * 9 + "}",
    # A later attack: the last "type" won, and a send became an end.
    "a-key-given-twice": '{"type": "send", "client_id": "d", "body": "hi", "type": "end"}',
}
# Covered for the seeker's socket by test_consumers.py.
ALREADY_COVERED = {("seeker", "not-json")}


async def open_socket(kind: str) -> tuple[WebsocketCommunicator, str]:
    """A working socket of `kind`, and the type of the frame a harmless action gets back."""
    if kind == "seeker":
        _conversation, token = await db(waiting_conversation)("hello")
        seeker, _ = await seeker_socket(token)
        await next_frame(seeker, "conversation")
        return seeker, "history"
    user = await db(supervisor)()
    opener = console_socket if kind == "console" else supervisor_socket
    communicator, _ = await opener(user)
    await next_frame(communicator, "hello")
    return communicator, "team"


async def still_answers(communicator: WebsocketCommunicator, kind: str, reply: str) -> None:
    if kind == "seeker":
        await send(communicator, type="resume", after=0)
    else:
        await send(communicator, type="team")
    assert (await next_frame(communicator, reply))["type"] == reply


CASES = [
    (kind, name)
    for kind in ("seeker", "console", "supervisor")
    for name in ABUSIVE
    if (kind, name) not in ALREADY_COVERED
]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("quick_passwords")
@pytest.mark.parametrize(("kind", "name"), CASES)
async def test_an_abusive_frame_gets_a_clear_error_and_changes_nothing(kind: str, name: str):
    bystander_conversation, bystander_token = await db(waiting_conversation)("bystander")
    bystander, _ = await seeker_socket(bystander_token)
    await next_frame(bystander, "conversation")
    communicator, reply = await open_socket(kind)
    messages_before = await db(Message.objects.count)()
    audits_before = await db(AuditEvent.objects.count)()

    raw = ABUSIVE[name]
    if isinstance(raw, bytes):
        await communicator.send_to(bytes_data=raw)
    else:
        await communicator.send_to(text_data=raw)

    error = await next_frame(communicator, "error")
    assert error["code"] in {"bad_request", "too_large"}
    assert error["message"]
    assert len(json.dumps(error)) < 1000  # the refusal does not echo the frame back
    await still_answers(communicator, kind, reply)
    await send(bystander, type="send", client_id="after", body="still fine?")
    assert (await next_frame(bystander, "message"))["body"] == "still fine?"
    assert await db(Message.objects.count)() == messages_before + 1
    assert not await db(Note.objects.exists)()
    # Only the harmless control action may have been audited (a supervisor's team view).
    assert await db(AuditEvent.objects.count)() == audits_before
    await communicator.disconnect()
    await bystander.disconnect()


# --- Through the real server (uvicorn, --ws-max-size 65536 as deployed) ----------------


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", ["/ws/seeker/", "/ws/console/", "/ws/supervisor/"])
@pytest.mark.parametrize(
    "name",
    [
        "one-megabyte-message",
        "100000-nested-arrays",
        "not-json",
        "type-is-a-list",
        "lone-surrogate-in-body",
        "lone-surrogate-in-client-id",
    ],
)
def test_the_live_server_refuses_an_abusive_frame_and_keeps_serving_others(
    live_server_url: str, path: str, name: str
):
    _conversation, bystander_token = waiting_conversation("bystander")
    if path == "/ws/seeker/":
        _mine, token = waiting_conversation("hello")
        cookie = f"{SEEKER_COOKIE}={token}"
    else:
        cookie = _session_cookie(supervisor())
    messages_before = Message.objects.count()
    headers = {"Origin": live_server_url}

    async def scenario() -> tuple[str, Any]:
        async with websockets.connect(
            ws_url(live_server_url, "/ws/seeker/"),
            additional_headers={**headers, "Cookie": f"{SEEKER_COOKIE}={bystander_token}"},
        ) as bystander:
            await receive_type(bystander, "conversation")
            async with websockets.connect(
                ws_url(live_server_url, path),
                additional_headers={**headers, "Cookie": cookie},
                max_size=None,
            ) as attacker:
                await attacker.recv()
                await attacker.send(ABUSIVE[name])
                try:
                    answer: Any = await receive_type(attacker, "error")
                    outcome = "error"
                except websockets.ConnectionClosed as closed:
                    answer = closed.rcvd.code if closed.rcvd else None
                    outcome = "closed"
            # The server still serves the others, and new connections.
            await bystander.send(json.dumps({"type": "send", "client_id": "b2", "body": "ok?"}))
            assert (await receive_type(bystander, "message"))["body"] == "ok?"
        async with websockets.connect(
            ws_url(live_server_url, "/ws/seeker/"),
            additional_headers={**headers, "Cookie": f"{SEEKER_COOKIE}={bystander_token}"},
        ) as again:
            await receive_type(again, "conversation")
        return outcome, answer

    outcome, answer = asyncio.run(scenario())
    if outcome == "error":
        assert answer["code"] in {"bad_request", "too_large"}
    else:
        assert answer == 1009  # "message too big": the server's limit, a clear close
    assert Message.objects.count() == messages_before + 1  # only the bystander's "ok?"


# --- The start request (POST /chat/start) -------------------------------------------------

START_ABUSE = {
    "lone-surrogate-in-body": '{"body": "help \\ud800", "client_id": "a"}',
    "lone-surrogate-in-client-id": '{"body": "help", "client_id": "\\udfff"}',
    "lone-surrogate-in-intake": '{"body": "help", "client_id": "a",'
    ' "intake": {"topic": "\\ud800"}}',
    "lone-surrogate-in-language": '{"body": "help", "client_id": "a", "language": "\\ud800"}',
    "deeply-nested-intake": '{"body": "help", "client_id": "a", "intake": '
    + "[" * 100_000
    + "]" * 100_000
    + "}",
    "nested-intake": '{"body": "help", "client_id": "a", "intake": {"topic": '
    + "[" * 50
    + "]" * 50
    + "}}",
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", START_ABUSE)
def test_a_malformed_start_is_refused_clearly_and_stores_nothing(name: str):
    """Before: PostgreSQL refused the lone surrogate and the parser overflowed: 500."""
    from django.test import Client

    from counseling.models import Conversation

    response = Client().post("/chat/start", data=START_ABUSE[name], content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request" and response.json()["message"]
    assert not Conversation.objects.exists()


@pytest.mark.django_db
def test_a_valid_surrogate_pair_is_a_character_like_any_other():
    """The control: an emoji written as a JSON surrogate pair is stored as the emoji."""
    from django.test import Client

    response = Client().post(
        "/chat/start",
        data='{"body": "tired \\ud83d\\ude22", "client_id": "a"}',
        content_type="application/json",
    )
    assert response.status_code == 201
    assert Message.objects.get().body == "tired \U0001f622"


@pytest.mark.django_db
@pytest.mark.parametrize("language", [{"a": 1}, ["en"], 7, None])
def test_a_start_with_a_language_that_is_not_a_string_is_no_500(language: object):
    """Attack: "language": {"a": 1} or ["en"] raised TypeError (unhashable) inside the
    start: 500. The language falls back to the service's own, and the start goes on."""
    import json

    from django.test import Client

    body = {"body": "hello", "client_id": "a", "language": language}
    response = Client().post("/chat/start", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 201
