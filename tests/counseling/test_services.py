"""Conversation and message services: ordering, idempotency and refusals."""

import json
import uuid

import pytest
from django.conf import settings

from core.errors import Refusal
from counseling.models import Conversation, Message, SenderKind, Status
from counseling.services.conversations import SeekerStart, conversation_end, seeker_start
from counseling.services.messages import message_post
from counseling.tokens import seeker_token_hash
from queues.services import queue_take_next
from tests.accounts.factories import counselor
from tests.counseling.factories import waiting_conversation

pytestmark = pytest.mark.django_db(transaction=True)


def test_start_queues_the_conversation_with_its_first_message():
    conversation, token = waiting_conversation("hello")
    conversation.refresh_from_db()
    assert conversation.status == Status.WAITING
    assert conversation.queued_at is not None
    assert list(conversation.messages.values_list("seq", "sender", "body")) == [
        (1, SenderKind.SEEKER, "hello")
    ]


def test_only_the_token_hash_is_stored():
    conversation, token = waiting_conversation()
    conversation.refresh_from_db()
    assert conversation.token_hash == seeker_token_hash(token)
    assert token not in conversation.token_hash
    assert len(token) >= 43  # 256 random bits, url-safe


def test_messages_get_consecutive_sequence_numbers():
    conversation, _ = waiting_conversation()
    for n in range(3):
        message_post(
            conversation=conversation, sender=SenderKind.SEEKER, body=f"m{n}", client_id=f"c{n}"
        )
    assert list(conversation.messages.values_list("seq", flat=True)) == [1, 2, 3, 4]
    conversation.refresh_from_db()
    assert conversation.last_seq == 4


def test_a_resend_returns_the_stored_message_and_stores_nothing():
    conversation, _ = waiting_conversation()
    first, created_first = message_post(
        conversation=conversation, sender=SenderKind.SEEKER, body="again?", client_id="same"
    )
    second, created_second = message_post(
        conversation=conversation, sender=SenderKind.SEEKER, body="again?", client_id="same"
    )
    assert (created_first, created_second) == (True, False)
    assert second.pk == first.pk
    assert Message.objects.filter(conversation=conversation, client_id="same").count() == 1


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("x" * (settings.KIZUNA["MESSAGE_MAX_CHARS"] + 1), "too_long"),
        (None, "bad_request"),
        (["a list"], "bad_request"),
    ],
)
def test_bad_bodies_are_refused_and_nothing_is_stored(body, code):
    conversation, _ = waiting_conversation()
    with pytest.raises(Refusal) as refused:
        message_post(conversation=conversation, sender=SenderKind.SEEKER, body=body, client_id="x1")
    assert refused.value.code == code
    assert conversation.messages.count() == 1


@pytest.mark.parametrize("client_id", ["", "a" * 65, "has space", "<script>", 42, None])
def test_bad_client_ids_are_refused(client_id):
    conversation, _ = waiting_conversation()
    with pytest.raises(Refusal, match="bad_client_id"):
        message_post(
            conversation=conversation, sender=SenderKind.SEEKER, body="hi", client_id=client_id
        )


def test_a_message_of_exactly_the_limit_is_accepted():
    conversation, _ = waiting_conversation()
    body = "あ" * settings.KIZUNA["MESSAGE_MAX_CHARS"]
    message, created = message_post(
        conversation=conversation, sender=SenderKind.SEEKER, body=body, client_id="long"
    )
    assert created and message.body == body


def test_control_characters_are_dropped_but_line_breaks_kept():
    conversation, _ = waiting_conversation()
    message, _ = message_post(
        conversation=conversation, sender=SenderKind.SEEKER, body="a\x00b\nc\x07", client_id="cc"
    )
    assert message.body == "ab\nc"


def test_a_counselor_cannot_write_into_someone_elses_conversation():
    conversation, _ = waiting_conversation()
    owner, intruder = counselor(), counselor()
    queue_take_next(counselor=owner)
    with pytest.raises(Refusal, match="not_yours"):
        message_post(
            conversation=conversation,
            sender=SenderKind.COUNSELOR,
            body="hello",
            client_id="c1",
            author=intruder,
        )
    assert conversation.messages.count() == 1


def test_nobody_writes_into_an_ended_conversation():
    conversation, _ = waiting_conversation()
    owner = counselor()
    queue_take_next(counselor=owner)
    conversation_end(conversation=conversation, ended_by=SenderKind.SEEKER)
    with pytest.raises(Refusal, match="ended"):
        message_post(
            conversation=conversation, sender=SenderKind.SEEKER, body="still there?", client_id="z"
        )


def test_a_seeker_leaving_the_queue_is_abandoned_not_ended():
    conversation, _ = waiting_conversation()
    conversation_end(conversation=conversation, ended_by=SenderKind.SEEKER)
    conversation.refresh_from_db()
    assert conversation.status == Status.ABANDONED
    assert conversation.ended_by == SenderKind.SEEKER


def test_ending_twice_changes_nothing_the_second_time():
    conversation, _ = waiting_conversation()
    owner = counselor()
    queue_take_next(counselor=owner)
    first = conversation_end(conversation=conversation, ended_by=SenderKind.COUNSELOR, actor=owner)
    second = conversation_end(conversation=conversation, ended_by=SenderKind.SEEKER)
    assert first.ended_at == second.ended_at
    assert second.ended_by == SenderKind.COUNSELOR


def test_take_next_gives_the_longest_waiting_first_and_refuses_at_capacity():
    first, _ = waiting_conversation("first")
    second, _ = waiting_conversation("second")
    me = counselor(capacity=1)
    taken = queue_take_next(counselor=me)
    assert taken.pk == first.pk
    with pytest.raises(Refusal, match="at_capacity"):
        queue_take_next(counselor=me)
    assert Conversation.objects.get(pk=second.pk).status == Status.WAITING


def test_take_next_on_an_empty_queue_says_so():
    with pytest.raises(Refusal, match="queue_empty"):
        queue_take_next(counselor=counselor())


def start_from(browser_key: str, body: str = "hello", **fields: object) -> SeekerStart:
    """A start as the chat page sends it, from the browser with this CSRF cookie."""
    return seeker_start(
        request_body=json.dumps({"body": body, "client_id": "first", **fields}).encode(),
        language="en",
        seeker_token=None,
        browser_key=browser_key,
        device_cookie=None,
    )


def test_a_browsers_second_start_is_refused_while_its_first_is_open():
    browser = uuid.uuid4().hex
    first = start_from(browser)
    with pytest.raises(Refusal, match="already_open"):
        start_from(browser)  # a double tap: the cookie of the first has not arrived yet
    with pytest.raises(Refusal, match="already_open"):
        seeker_start(
            request_body=b"{}",
            language="en",
            seeker_token=first.token,
            browser_key=uuid.uuid4().hex,
            device_cookie=None,
        )
    assert Conversation.objects.count() == 1


def test_a_refused_start_holds_nothing_back_for_the_same_browser():
    browser = uuid.uuid4().hex
    with pytest.raises(Refusal, match="empty"):
        start_from(browser, body="  ")
    with pytest.raises(Refusal, match="bad_request"):
        seeker_start(
            request_body=b"not json",
            language="en",
            seeker_token=None,
            browser_key=browser,
            device_cookie=None,
        )
    started = start_from(browser, language="ja", no_trace=True)
    assert started.conversation.language == "ja"
    assert started.no_trace and started.device_token is None


def test_a_start_once_its_conversation_ended_goes_ahead():
    browser = uuid.uuid4().hex
    first = start_from(browser)
    conversation_end(conversation=first.conversation, ended_by=SenderKind.SEEKER)
    assert start_from(browser).conversation.pk != first.conversation.pk
