"""The facts a waiting person's estimate is built from (queues.selectors.service_stats,
counseling.hours.service_opens_at) and the position frame they end up in."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from accounts.models import Presence
from counseling.hours import service_opens_at
from counseling.models import Conversation, Status
from queues.events import stats_dict
from queues.frames import position_frame
from queues.selectors import service_stats
from tests.accounts.factories import counselor
from tests.counseling.factories import waiting_conversation

pytestmark = pytest.mark.django_db


def _holding(user, count: int) -> None:
    for _ in range(count):
        conversation, _token = waiting_conversation()
        Conversation.objects.filter(pk=conversation.pk).update(
            status=Status.ACTIVE, counselor=user, assigned_at=timezone.now()
        )


def test_places_count_only_available_counselors_and_what_they_already_hold():
    busy = counselor(presence=Presence.AVAILABLE, capacity=3)
    counselor(presence=Presence.AVAILABLE, capacity=2)
    away = counselor(presence=Presence.AWAY, capacity=3)
    _holding(busy, 2)
    _holding(away, 1)
    stats = service_stats()
    assert stats.counselors_available == 2
    assert (stats.places_total, stats.places_free) == (5, 3)


def test_handling_time_is_the_mean_of_recently_ended_conversations():
    now = timezone.now()
    for minutes in (10, 20, 30):
        conversation, _token = waiting_conversation()
        Conversation.objects.filter(pk=conversation.pk).update(
            status=Status.ENDED,
            assigned_at=now - timedelta(hours=1),
            ended_at=now - timedelta(hours=1) + timedelta(minutes=minutes),
        )
    assert service_stats(now=now).handling_minutes == pytest.approx(20)


def test_with_too_few_ended_conversations_there_is_no_handling_time():
    assert service_stats().handling_minutes is None


def test_a_closed_service_says_when_it_opens(settings):
    settings.KIZUNA = {**settings.KIZUNA, "SERVICE_HOURS": "09:00-17:00"}
    evening = timezone.make_aware(datetime(2026, 1, 1, 20, 0))
    early = timezone.make_aware(datetime(2026, 1, 2, 6, 30))
    noon = timezone.make_aware(datetime(2026, 1, 2, 12, 0))
    assert service_opens_at(evening) == timezone.make_aware(datetime(2026, 1, 2, 9, 0))
    assert service_opens_at(early) == timezone.make_aware(datetime(2026, 1, 2, 9, 0))
    assert service_opens_at(noon) is None
    settings.KIZUNA = {**settings.KIZUNA, "SERVICE_HOURS": ""}
    assert service_opens_at(evening) is None


def test_the_position_frame_of_a_person_behind_a_free_counselor_says_soon():
    counselor(presence=Presence.AVAILABLE, capacity=2)
    frame = position_frame(2, 2, stats=stats_dict())
    assert frame["wait"] == "soon"
    assert frame["estimate"] is None
    assert frame["counselors_available"] == 1


def test_the_position_frame_while_closed_has_the_opening_time_and_no_minutes(settings):
    local = timezone.localtime()
    opens, closes = local + timedelta(hours=2), local + timedelta(hours=3)
    settings.KIZUNA = {**settings.KIZUNA, "SERVICE_HOURS": f"{opens:%H:%M}-{closes:%H:%M}"}
    counselor(presence=Presence.AVAILABLE)
    frame = position_frame(1, 1, stats=stats_dict())
    assert (frame["wait"], frame["estimate"], frame["open"]) == ("closed", None, False)
    assert datetime.fromisoformat(frame["opens_at"] or "") > timezone.now()
