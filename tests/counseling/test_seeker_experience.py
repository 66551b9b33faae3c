"""The help-seeker's path beyond chatting: intake, quick exit, typing, limits, survey,
no-trace, opening hours."""

import json
from datetime import datetime

import pytest
from channels.db import database_sync_to_async
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from core.errors import Refusal
from core.tiers import Tier
from counseling.hours import service_open
from counseling.models import Conversation, Message, SenderKind, Status, Survey
from counseling.services.conversations import conversation_end, survey_submit
from counseling.services.messages import message_post
from queues.services import queue_take_next
from tests.accounts.factories import counselor
from tests.counseling.factories import waiting_conversation
from tests.support.sockets import console_socket, next_frame, seeker_socket, send, talking

pytestmark = pytest.mark.django_db(transaction=True)
COOKIE = settings.KIZUNA["SEEKER_COOKIE_NAME"]
CALM = "I would like to talk to someone about my exams."


def start(client: Client, **payload):
    body = {"body": CALM, "client_id": "first", **payload}
    return client.post("/chat/start", data=json.dumps(body), content_type="application/json")


def test_intake_keeps_known_answers_only():
    client = Client()
    start(
        client,
        intake={"topic": "loneliness", "age_band": "18_24", "safe_now": "maybe", "name": "Taro"},
    )
    assert Conversation.objects.get().intake == {"topic": "loneliness", "age_band": "18_24"}


def test_not_safe_right_now_raises_risk_at_once_and_it_stays():
    start(Client(), intake={"safe_now": "no"})
    conversation = Conversation.objects.get()
    assert conversation.risk_tier == Tier.HIGH
    assert conversation.risk_evidence[0]["construct"] == "intake_not_safe"
    message_post(conversation=conversation, sender=SenderKind.SEEKER, body=CALM, client_id="c2")
    conversation.refresh_from_db()
    assert conversation.risk_tier == Tier.HIGH


def test_a_no_trace_cookie_ends_with_the_browser_and_can_be_forgotten():
    client = Client()
    response = start(client, no_trace=True)
    assert response.cookies[COOKIE]["max-age"] == ""  # a session cookie
    forget = client.post("/chat/forget")
    assert forget.status_code == 204
    assert forget.cookies[COOKIE].value == ""
    assert Client().get("/chat/").context["has_conversation"] is False


def test_a_normal_cookie_lasts_the_resume_period():
    response = start(Client())
    assert int(response.cookies[COOKIE]["max-age"]) == settings.KIZUNA["SEEKER_RESUME_HOURS"] * 3600


def test_quick_exit_marks_the_person_as_left_and_keeps_the_conversation():
    client = Client()
    start(client)
    response = client.post("/chat/left", {"forget": "0"})
    assert response.status_code == 204
    conversation = Conversation.objects.get()
    assert conversation.seeker_left_at is not None
    assert conversation.status == Status.WAITING
    assert COOKIE not in response.cookies  # they can come back


def test_quick_exit_with_no_trace_drops_the_cookie():
    client = Client()
    start(client, no_trace=True)
    response = client.post("/chat/left", {"forget": "1"})
    assert response.cookies[COOKIE].value == ""


def test_too_many_messages_a_minute_are_refused_and_not_stored(settings):
    cache.clear()
    settings.KIZUNA = {**settings.KIZUNA, "SEEKER_MESSAGES_PER_MINUTE": 3}
    conversation, _ = waiting_conversation(CALM)  # the first message counts too
    for n in range(2):
        message_post(
            conversation=conversation, sender=SenderKind.SEEKER, body="x", client_id=f"m{n}"
        )
    with pytest.raises(Refusal, match="rate_limited"):
        message_post(conversation=conversation, sender=SenderKind.SEEKER, body="x", client_id="m9")
    assert conversation.messages.count() == 3


def test_the_survey_waits_for_the_end_and_is_stored_once():
    conversation, _ = waiting_conversation(CALM)
    with pytest.raises(Refusal, match="not_ended"):
        survey_submit(conversation=conversation, answers={"feeling_before": 2})
    conversation_end(conversation=conversation, ended_by=SenderKind.SEEKER)
    conversation.refresh_from_db()
    answers = {"feeling_before": 2, "feeling_after": 4, "helped": "yes", "comment": " thanks "}
    survey_submit(conversation=conversation, answers=answers)
    survey_submit(conversation=conversation, answers={"feeling_before": 5})
    survey = Survey.objects.get(conversation=conversation)
    assert (survey.feeling_before, survey.feeling_after, survey.helped, survey.comment) == (
        2,
        4,
        "yes",
        "thanks",
    )


def test_survey_answers_out_of_range_are_dropped():
    client = Client()
    start(client)
    conversation = Conversation.objects.get()
    conversation_end(conversation=conversation, ended_by=SenderKind.SEEKER)
    answers = {"feeling_before": 9, "feeling_after": "5", "helped": "<b>", "comment": 42}
    response = client.post(
        "/chat/survey", data=json.dumps(answers), content_type="application/json"
    )
    assert response.status_code == 201
    survey = Survey.objects.get()
    assert (survey.feeling_before, survey.feeling_after, survey.helped, survey.comment) == (
        None,
        None,
        "",
        "",
    )


def test_service_hours_including_overnight(settings):
    noon = timezone.make_aware(datetime(2026, 1, 1, 12, 0))
    night = timezone.make_aware(datetime(2026, 1, 1, 23, 30))
    settings.KIZUNA = {**settings.KIZUNA, "SERVICE_HOURS": "09:00-17:00"}
    assert service_open(noon) and not service_open(night)
    settings.KIZUNA = {**settings.KIZUNA, "SERVICE_HOURS": "22:00-06:00"}
    assert service_open(night) and not service_open(noon)
    settings.KIZUNA = {**settings.KIZUNA, "SERVICE_HOURS": ""}
    assert service_open(noon) and service_open(night)


db = database_sync_to_async


@pytest.mark.asyncio
async def test_position_frames_say_we_do_not_know_yet_without_history():
    _conversation, token = await db(waiting_conversation)(CALM)
    seeker, _ = await seeker_socket(token)
    position = await next_frame(seeker, "position")
    assert position["estimate"] is None
    assert position["counselors_available"] == 0
    assert position["open"] is True
    await seeker.disconnect()


@pytest.mark.asyncio
async def test_position_changes_when_someone_ahead_is_taken():
    await db(waiting_conversation)(CALM)
    _conversation, token = await db(waiting_conversation)(CALM)
    seeker, _ = await seeker_socket(token)
    assert (await next_frame(seeker, "position"))["position"] == 2
    await db(queue_take_next)(counselor=await db(counselor)())
    # Broadcasts are coalesced, so an update from before the take may still arrive first.
    position = await next_frame(seeker, "position")
    while position["position"] == 2:
        position = await next_frame(seeker, "position")
    assert (position["position"], position["waiting"]) == (1, 1)
    await seeker.disconnect()


@pytest.mark.asyncio
async def test_typing_reaches_the_other_side_and_is_not_stored():
    conversation, _staff, console, seeker = await talking(CALM)
    await send(seeker, type="typing")
    assert (await next_frame(console, "typing"))["sender"] == "seeker"
    await send(console, type="typing", conversation=str(conversation.pk))
    typing = await next_frame(seeker, "typing")
    if typing["sender"] == "seeker":  # its own notice comes back too; pages ignore it
        typing = await next_frame(seeker, "typing")
    assert typing["sender"] == "counselor"
    assert await db(Message.objects.filter(conversation=conversation).count)() == 1
    other, _ = await db(waiting_conversation)(CALM)
    await send(console, type="typing", conversation=str(other.pk))
    assert (await next_frame(console, "error"))["code"] == "not_found"
    await seeker.disconnect()
    await console.disconnect()


@pytest.mark.asyncio
async def test_the_counselor_is_told_when_the_person_leaves_suddenly_and_comes_back():
    conversation, token = await db(waiting_conversation)(CALM)
    staff = await db(counselor)()
    console, _ = await console_socket(staff)
    await send(console, type="take_next")
    await next_frame(console, "assignment")

    from counseling.services.conversations import seeker_presence_set

    await db(seeker_presence_set)(conversation=conversation, present=False, how="quick_exit")
    left = await next_frame(console, "seeker_presence")
    assert (left["present"], left["how"]) == (False, "quick_exit")
    seeker, _ = await seeker_socket(token)  # they come back on the same device
    back = await next_frame(console, "seeker_presence")
    assert back["present"] is True
    refreshed = await db(Conversation.objects.get)(pk=conversation.pk)
    assert refreshed.seeker_left_at is None
    await seeker.disconnect()
    await console.disconnect()
