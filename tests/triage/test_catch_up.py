"""Beat's catch-up: messages whose scoring task never reached the broker (or was lost with
it) are queued again, but not while their task still waits for a worker that is only
behind: that would lengthen the very backlog it is behind on."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from config.celery import app as celery_app
from counseling.models import Conversation, Message, SenderKind, Status
from tests.counseling.factories import waiting_conversation
from triage.models import Assessment
from triage.services import scoring_queued_key
from triage.tasks import assess_unscored

pytestmark = pytest.mark.django_db(transaction=True)


def _written_a_minute_ago(body: str) -> Message:
    conversation, _token = waiting_conversation(body)
    message = conversation.messages.get(sender=SenderKind.SEEKER)
    Message.objects.filter(pk=message.pk).update(created_at=timezone.now() - timedelta(minutes=1))
    return message


def _lost(message: Message) -> None:
    """As a Redis that restarted empty: no assessment, no task, no mark of one."""
    Assessment.objects.filter(message=message).delete()
    cache.delete(scoring_queued_key(message.pk))


def test_a_message_whose_scoring_was_lost_is_scored_by_the_catch_up():
    message = _written_a_minute_ago("I feel so alone lately.")
    _lost(message)
    assert assess_unscored() == 1
    assert Assessment.objects.filter(message=message).exists()
    assert assess_unscored() == 0  # nothing left to catch


def test_recent_messages_and_ended_conversations_are_left_alone():
    recent, _token = waiting_conversation("I can't sleep.")
    _lost(recent.messages.get())  # its task may yet come
    ended = _written_a_minute_ago("Thank you, I feel better.")
    _lost(ended)
    Conversation.objects.filter(pk=ended.conversation_id).update(status=Status.ENDED)
    assert assess_unscored() == 0
    assert not Assessment.objects.exists()


@pytest.mark.services
def test_a_task_waiting_in_the_broker_is_not_queued_again_and_a_lost_one_is_once():
    celery_app.conf.task_always_eager = False  # no worker: tasks wait (eager_celery restores)
    celery_app.control.purge()
    try:
        message = _written_a_minute_ago("I feel so alone lately.")
        assert assess_unscored() == 0  # its task waits for a worker
        assert celery_app.control.purge() == 1

        _lost(message)
        assert assess_unscored() == 1
        assert assess_unscored() == 0  # now in the broker again: once
        assert celery_app.control.purge() == 1
        assert not Assessment.objects.filter(message=message).exists()
    finally:
        celery_app.control.purge()
