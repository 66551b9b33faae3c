"""Transcripts lose their words after the retention period, or at once when the
help-seeker deletes them; what reports count survives."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from counseling.models import Conversation, Message, Note, SenderKind, Status, Survey, WrapUp
from counseling.services.conversations import conversation_end, survey_submit
from counseling.services.counselor_tools import conversation_wrap_up, note_add
from counseling.services.messages import message_post
from counseling.services.transcripts import transcripts_purge_expired
from counseling.tasks import purge_transcripts
from queues.services import queue_take_next
from supervision.reports import Period
from supervision.reports.wrapups import outcomes
from tests.accounts.factories import counselor
from tests.counseling.factories import waiting_conversation
from triage.models import Assessment

pytestmark = pytest.mark.django_db
SEEKER_COOKIE = settings.KIZUNA["SEEKER_COOKIE_NAME"]


def finished_conversation(body: str = "I have felt so alone since my friend Mika moved"):
    _waiting, token = waiting_conversation(body)
    staff = counselor()
    conversation = queue_take_next(counselor=staff)
    message_post(
        conversation=conversation,
        sender=SenderKind.COUNSELOR,
        body="I'm here.",
        client_id="c1",
        author=staff,
    )
    note_add(conversation=conversation, author=staff, body="Mentions a friend by name")
    conversation_wrap_up(
        conversation=conversation,
        counselor=staff,
        answers={
            "outcome": "de_escalated",
            "risk_tier": "low",
            "topics": ["loneliness"],
            "note": "Talked about Mika",
        },
    )
    conversation.refresh_from_db()
    survey_submit(
        conversation=conversation,
        answers={"feeling_before": 2, "feeling_after": 4, "comment": "Thanks, from Mika's friend"},
    )
    conversation.refresh_from_db()
    return conversation, token


def ended_days_ago(conversation: Conversation, days: int) -> None:
    Conversation.objects.filter(pk=conversation.pk).update(
        ended_at=timezone.now() - timedelta(days=days)
    )


def assert_words_gone(conversation: Conversation) -> None:
    conversation.refresh_from_db()
    assert conversation.purged_at is not None
    assert not Message.objects.filter(conversation=conversation).exists()
    assert not Assessment.objects.filter(conversation=conversation).exists()
    assert not Note.objects.filter(conversation=conversation).exists()
    assert WrapUp.objects.get(conversation=conversation).note == ""
    assert Survey.objects.get(conversation=conversation).comment == ""
    assert (conversation.risk_evidence, conversation.risk_explanation) == ([], "")
    assert conversation.risk_reason == {}  # its parts quote the person


def test_the_periodic_purge_removes_words_past_retention_and_keeps_the_figures():
    old, _ = finished_conversation()
    recent, _ = finished_conversation("I can't sleep again")
    ended_days_ago(old, settings.KIZUNA["RETENTION_DAYS"] + 1)
    period = Period(
        start=timezone.now() - timedelta(days=1), end=timezone.now() + timedelta(days=1)
    )
    before = outcomes(period)

    assert purge_transcripts.apply().get() == 1

    assert_words_gone(old)
    recent.refresh_from_db()
    assert recent.purged_at is None
    assert Message.objects.filter(conversation=recent).count() == 2
    # Reports read no words: the same figures before and after.
    assert outcomes(period) == before
    wrap_up = WrapUp.objects.get(conversation=old)
    assert (wrap_up.outcome, wrap_up.counselor_tier, wrap_up.topics) == (
        "de_escalated",
        "low",
        ["loneliness"],
    )
    survey = Survey.objects.get(conversation=old)
    assert (survey.feeling_before, survey.feeling_after) == (2, 4)


def test_open_conversations_are_never_purged_and_a_second_run_does_nothing():
    old, _ = finished_conversation()
    ended_days_ago(old, settings.KIZUNA["RETENTION_DAYS"] + 30)
    conversation, _ = waiting_conversation("still here")
    Conversation.objects.filter(pk=conversation.pk).update(
        created_at=timezone.now() - timedelta(days=400)
    )

    assert transcripts_purge_expired(batch=1) == 1
    assert transcripts_purge_expired() == 0
    assert Message.objects.filter(conversation=conversation).count() == 1


def test_a_help_seeker_deletes_their_ended_conversation_and_the_browser_forgets_it():
    conversation, token = finished_conversation()
    client = Client(HTTP_HOST="localhost")
    client.cookies[SEEKER_COOKIE] = token

    response = client.post("/chat/delete")

    assert response.status_code == 204
    assert_words_gone(conversation)
    assert response.cookies[SEEKER_COOKIE]["max-age"] == 0
    assert response.cookies[settings.KIZUNA["DEVICE_COOKIE_NAME"]]["max-age"] == 0


def test_an_open_conversation_cannot_be_deleted_from_the_browser():
    conversation, token = waiting_conversation("hello")
    client = Client(HTTP_HOST="localhost")
    client.cookies[SEEKER_COOKIE] = token

    response = client.post("/chat/delete")

    assert response.status_code == 409
    assert response.json()["error"] == "not_ended"
    assert Message.objects.filter(conversation=conversation).count() == 1
    conversation_end(conversation=conversation, ended_by=SenderKind.SEEKER)
    assert client.post("/chat/delete").status_code == 204
    conversation.refresh_from_db()
    assert conversation.status == Status.ABANDONED
    assert conversation.purged_at is not None


def test_without_a_token_nothing_is_deleted():
    conversation, _ = finished_conversation()
    response = Client(HTTP_HOST="localhost").post("/chat/delete")
    assert response.status_code == 404
    assert Message.objects.filter(conversation=conversation).exists()
