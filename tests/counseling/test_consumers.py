"""The help-seeker's and counselor's websockets over the real routing."""

import json

import pytest
from channels.db import database_sync_to_async

from accounts.models import AuditEvent, Presence, User
from counseling.models import Conversation, Message, SenderKind, Status
from counseling.services.conversations import conversation_end
from tests.accounts.factories import counselor
from tests.counseling.factories import waiting_conversation
from tests.support.sockets import console_socket, next_frame, seeker_socket, send, send_raw

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

db = database_sync_to_async


async def started(body: str = "I feel lost"):
    conversation, token = await db(waiting_conversation)(body)
    seeker, connected = await seeker_socket(token)
    assert connected
    assert (await next_frame(seeker, "conversation"))["status"] == "waiting"
    return conversation, token, seeker


async def test_seeker_is_told_they_are_waiting_and_their_position():
    # Same words, so triage puts both in one tier and arrival decides.
    await db(waiting_conversation)("I would like to talk to someone.")
    _conversation, token = await db(waiting_conversation)("I would like to talk to someone.")
    seeker, _connected = await seeker_socket(token)
    status = await next_frame(seeker, "conversation")
    position = await next_frame(seeker, "position")
    assert status["status"] == "waiting"
    assert "risk_tier" not in status and "intake" not in status  # staff-only facts
    assert (position["position"], position["waiting"]) == (2, 2)
    await seeker.disconnect()


async def test_counselor_takes_next_and_they_talk_both_ways():
    conversation, _token, seeker = await started("hello, is anyone there?")
    staff = await db(counselor)(display_name="Aoi")
    console, connected = await console_socket(staff)
    assert connected
    hello = await next_frame(console, "hello")
    assert hello["me"]["name"] == "Aoi"
    queue = await next_frame(console, "queue")
    assert [e["id"] for e in queue["entries"]] == [str(conversation.id)]
    assert queue["entries"][0]["preview"] == "hello, is anyone there?"

    await send(console, type="take_next")
    assignment = await next_frame(console, "assignment")
    assert assignment["conversation"]["id"] == str(conversation.id)
    joined = await next_frame(seeker, "conversation")
    assert (joined["status"], joined["counselor_name"]) == ("active", "Aoi")

    await send(console, type="resume", conversation=str(conversation.id), after=0)
    history = await next_frame(console, "history")
    assert [m["body"] for m in history["messages"]] == ["hello, is anyone there?"]

    await send(
        console,
        type="send",
        conversation=str(conversation.id),
        client_id="c1",
        body="Hi, I'm here.",
    )
    to_seeker = await next_frame(seeker, "message")
    assert (to_seeker["seq"], to_seeker["sender"], to_seeker["body"]) == (
        2,
        "counselor",
        "Hi, I'm here.",
    )
    assert to_seeker["author_name"] == "Aoi"
    echo = await next_frame(console, "message")
    assert echo["client_id"] == "c1"  # the sender's acknowledgement

    await send(seeker, type="send", client_id="s2", body="thank you")
    to_counselor = await next_frame(console, "message")
    assert (to_counselor["seq"], to_counselor["sender"], to_counselor["body"]) == (
        3,
        "seeker",
        "thank you",
    )
    await seeker.disconnect()
    await console.disconnect()


async def test_reconnecting_seeker_resumes_after_its_last_sequence_number():
    conversation, token, seeker = await started("one")
    await send(seeker, type="send", client_id="two", body="two")
    await next_frame(seeker, "message")
    await seeker.disconnect()
    await db(Message.objects.create)(
        conversation=conversation, seq=3, sender="seeker", body="three", client_id="three"
    )
    await db(Conversation.objects.filter(pk=conversation.pk).update)(last_seq=3)

    again, connected = await seeker_socket(token)
    assert connected
    await send(again, type="resume", after=1)
    history = await next_frame(again, "history")
    assert [(m["seq"], m["body"]) for m in history["messages"]] == [(2, "two"), (3, "three")]
    assert history["last_seq"] == 3
    await again.disconnect()


async def test_a_resent_message_is_answered_with_the_stored_one_not_stored_twice():
    conversation, _token, seeker = await started()
    await send(seeker, type="send", client_id="dup", body="are you there")
    first = await next_frame(seeker, "message")
    await send(seeker, type="send", client_id="dup", body="are you there")
    second = await next_frame(seeker, "message")
    assert first["seq"] == second["seq"]
    assert await db(Message.objects.filter(conversation=conversation, client_id="dup").count)() == 1
    await seeker.disconnect()


async def test_either_side_can_end_and_the_other_is_told():
    conversation, _token, seeker = await started()
    staff = await db(counselor)()
    console, _ = await console_socket(staff)
    await send(console, type="take_next")
    await next_frame(console, "assignment")
    await next_frame(seeker, "conversation")
    await send(seeker, type="end")
    ended = await next_frame(console, "conversation")
    assert ended["status"] == "ended"
    assert (await db(Conversation.objects.get)(pk=conversation.pk)).ended_by == "seeker"
    await seeker.disconnect()
    await console.disconnect()


async def test_counselor_ending_tells_the_seeker():
    conversation, _token, seeker = await started()
    staff = await db(counselor)()
    console, _ = await console_socket(staff)
    await send(console, type="take_next")
    await next_frame(console, "assignment")
    await send(console, type="end", conversation=str(conversation.id))
    frame = await next_frame(seeker, "conversation")
    while frame["status"] != "ended":
        frame = await next_frame(seeker, "conversation")
    assert frame["status"] == "ended"
    await seeker.disconnect()
    await console.disconnect()


# --- Bad input --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("not json", "bad_request"),
        ("[1, 2, 3]", "bad_request"),
        ('"a string"', "bad_request"),
        ('{"type": "fly"}', "unknown_action"),
        ('{"no": "type"}', "unknown_action"),
        ('{"type": "send", "client_id": "x", "body": ""}', "empty"),
        ('{"type": "send", "client_id": "x", "body": "' + "a" * 2001 + '"}', "too_long"),
        ('{"type": "send", "body": "hi"}', "bad_client_id"),
        ('{"type": "resume", "after": -1}', "bad_request"),
        ('{"type": "resume", "after": "1"}', "bad_request"),
        ("[" * 10000 + "]" * 10000, "too_large"),
        ("x" * 20000, "too_large"),
    ],
)
async def test_seeker_bad_frames_get_an_error_and_change_nothing(raw, code):
    conversation, _token, seeker = await started()
    await send_raw(seeker, raw)
    error = await next_frame(seeker, "error")
    assert error["code"] == code
    assert error["message"]
    # The connection survives: a good frame still works afterwards.
    await send(seeker, type="send", client_id="ok", body="still here")
    assert (await next_frame(seeker, "message"))["body"] == "still here"
    assert await db(Message.objects.filter(conversation=conversation).count)() == 2
    await seeker.disconnect()


async def test_deeply_nested_json_within_size_is_refused_cleanly():
    conversation, _token, seeker = await started()
    await send_raw(seeker, "[" * 5000 + "]" * 5000)
    assert (await next_frame(seeker, "error"))["code"] == "bad_request"
    await seeker.disconnect()


async def test_seeker_naming_another_conversation_is_refused():
    other, _ = await db(waiting_conversation)("other person")
    conversation, _token, seeker = await started()
    await send(seeker, type="send", conversation=str(other.id), client_id="x", body="hi")
    assert (await next_frame(seeker, "error"))["code"] == "not_yours"
    await send(seeker, type="resume", conversation=str(other.id), after=0)
    assert (await next_frame(seeker, "error"))["code"] == "not_yours"
    assert await db(Message.objects.filter(conversation=other).count)() == 1
    await seeker.disconnect()


async def test_a_conversation_id_in_upper_case_names_the_same_conversation():
    """UUIDs are case-blind: a seeker naming their own conversation in capitals is not
    refused as "not yours", and a counselor's typing in capitals reaches the seeker."""
    conversation, token, seeker = await started()
    shouted = str(conversation.id).upper()
    await send(seeker, type="send", conversation=shouted, client_id="s2", body="still here")
    assert (await next_frame(seeker, "message"))["body"] == "still here"

    staff = await db(counselor)()
    console, _connected = await console_socket(staff)
    await send(console, type="take_next")
    await next_frame(console, "assignment")
    await send(console, type="typing", conversation=shouted)
    assert (await next_frame(seeker, "typing"))["sender"] == "counselor"
    await seeker.disconnect()
    await console.disconnect()


async def test_seeker_without_a_valid_token_is_turned_away():
    for token in (None, "made-up-token"):
        seeker, connected = await seeker_socket(token)
        assert connected  # accepted only to say why, then closed
        assert (await seeker.receive_json_from())["code"] == "not_found"
        assert (await seeker.receive_output())["type"] == "websocket.close"


async def test_websocket_from_a_foreign_origin_is_rejected():
    _conversation, token = await db(waiting_conversation)()
    seeker, connected = await seeker_socket(token, origin=(b"origin", b"https://evil.example"))
    assert not connected
    staff = await db(counselor)()
    console, connected = await console_socket(staff, origin=(b"origin", b"https://evil.example"))
    assert not connected


async def test_console_refuses_anonymous_and_non_counselors():
    console, connected = await console_socket(None)
    assert (await console.receive_json_from())["code"] == "forbidden"
    plain = await db(User.objects.create_user)(username="nobody", password="x-long-password")
    console, connected = await console_socket(plain)
    assert (await console.receive_json_from())["code"] == "forbidden"


async def test_counselor_cannot_touch_a_conversation_that_is_not_theirs():
    conversation, _token, seeker = await started()
    owner, intruder = await db(counselor)(), await db(counselor)()
    owner_console, _ = await console_socket(owner)
    await send(owner_console, type="take_next")
    await next_frame(owner_console, "assignment")

    intruder_console, _ = await console_socket(intruder)
    target = str(conversation.id)
    for frame in (
        {"type": "send", "conversation": target, "client_id": "x", "body": "hi"},
        {"type": "resume", "conversation": target, "after": 0},
        {"type": "end", "conversation": target},
        {"type": "send", "conversation": "not-a-uuid", "client_id": "x", "body": "hi"},
    ):
        await send(intruder_console, **frame)
        assert (await next_frame(intruder_console, "error"))["code"] == "not_found"
    refreshed = await db(Conversation.objects.get)(pk=conversation.pk)
    assert (refreshed.status, refreshed.counselor_id) == (Status.ACTIVE, owner.pk)
    assert await db(Message.objects.filter(conversation=conversation).count)() == 1
    for communicator in (seeker, owner_console, intruder_console):
        await communicator.disconnect()


async def test_counselor_at_capacity_is_refused_politely():
    await db(waiting_conversation)("a")
    await db(waiting_conversation)("b")
    staff = await db(counselor)(capacity=1)
    console, _ = await console_socket(staff)
    await send(console, type="take_next")
    await next_frame(console, "assignment")
    await send(console, type="take_next")
    error = await next_frame(console, "error")
    assert error["code"] == "at_capacity"
    await console.disconnect()


async def test_a_counselor_whose_role_is_removed_is_disconnected_at_once():
    staff = await db(counselor)()
    console, _ = await console_socket(staff)
    await next_frame(console, "hello")
    await db(staff.groups.clear)()
    assert (await next_frame(console, "error"))["code"] == "session_ended"
    assert (await console.receive_output())["type"] == "websocket.close"


async def test_console_presence_and_transcript_views_are_recorded():
    conversation, _token, seeker = await started()
    staff = await db(counselor)()
    console, _ = await console_socket(staff)
    await next_frame(console, "hello")
    assert (await db(User.objects.get)(pk=staff.pk)).presence == Presence.AVAILABLE
    await send(console, type="take_next")
    await next_frame(console, "assignment")
    await send(console, type="resume", conversation=str(conversation.id), after=0)
    await next_frame(console, "history")
    actions = await db(
        lambda: list(AuditEvent.objects.filter(actor=staff).values_list("action", flat=True))
    )()
    assert "conversation.take" in actions and "transcript.view" in actions
    await console.disconnect()
    assert (await db(User.objects.get)(pk=staff.pk)).presence == Presence.OFFLINE
    await seeker.disconnect()


async def test_frames_carry_user_text_verbatim_for_the_page_to_escape():
    conversation, _token, seeker = await started()
    hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    await send(seeker, type="send", client_id="h", body=hostile)
    frame = await next_frame(seeker, "message")
    assert frame["body"] == hostile
    assert json.loads(json.dumps(frame))["body"] == hostile
    await seeker.disconnect()


@pytest.mark.parametrize(
    ("headers", "cookies"),
    [
        (((b"accept-language", b"ja,en;q=0.5"),), ""),
        (((b"accept-language", b"en"),), "django_language=ja"),  # chosen on the page
    ],
)
async def test_refusals_are_worded_in_the_language_of_the_page(headers, cookies):
    # A tester's Japanese page, sending after the counselor had ended the conversation, was
    # told "This conversation has ended." in English.
    conversation, token = await db(waiting_conversation)("もう無理")
    await db(conversation_end)(conversation=conversation, ended_by=SenderKind.SEEKER)
    seeker, connected = await seeker_socket(token, extra_headers=headers, extra_cookies=cookies)
    assert connected
    await send(seeker, type="send", body="まだいますか", client_id="late-1")
    refused = await next_frame(seeker, "error")
    assert (refused["code"], refused["ref"]) == ("ended", "late-1")
    assert refused["message"] == "この相談は終了しました。"
    await seeker.disconnect()
