"""Every frame in queues/frames.py, built from real rows (most as the services announce
them) and checked against its documented shape; both alert frames carry the one alert
shape."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Presence, User
from counseling import events as counseling_events
from counseling.models import Message
from queues import events, frames
from queues.alerts import alert_acknowledge, alert_raise
from queues.events import stats_dict
from queues.listeners import place
from queues.models import Alert
from queues.selectors import staff_on_shift
from queues.services import (
    console_open,
    dropped_conversations_requeue,
    queue_shown,
    queue_take_next,
    supervisor_presence_set,
)
from tests.accounts.factories import counselor, supervisor
from tests.counseling.factories import waiting_conversation
from tests.support.frames import Sent, check_frame, untested_frame_types
from triage import events as triage_events
from triage.services import message_assess

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_passwords")]

IMMINENT = "I'm going to kill myself tonight"


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> Sent:
    return Sent(monkeypatch, counseling_events, events, triage_events)


def test_every_frame_type_built_here_has_a_shape_test():
    assert untested_frame_types(frames, globals()) == set()


def test_queue_frame():
    first, _token = waiting_conversation("I had a long day at work.")
    second, _token = waiting_conversation("Nobody listens to me.")
    frame = check_frame(queue_shown(viewer=counselor()), frames.QueueFrame)
    assert [entry["id"] for entry in frame["entries"]] == [str(first.id), str(second.id)]
    assert (frame["waiting"], frame["entries"][0]["preview"]) == (2, "I had a long day at work.")


def test_position_frame_as_the_waiting_room_opens_and_with_a_range():
    waiting_conversation("first")
    conversation, _token = waiting_conversation("second")
    counselor(presence=Presence.AVAILABLE)
    placed = place(conversation_id=conversation.pk, fresh=True)
    assert placed is not None
    frame = check_frame(placed, frames.PositionFrame)
    assert (frame["position"], frame["waiting"]) == (2, 2)

    busy = {**stats_dict(), "places_total": 2, "places_free": 0, "handling_minutes": 20.0}
    ranged = check_frame(frames.position_frame(3, 3, stats=busy), frames.PositionFrame)
    assert ranged["wait"] == "range" and ranged["estimate"] is not None


def test_hello_frame_of_a_console():
    waiting_conversation()
    staff = counselor(display_name="Aoi")
    queue_take_next(counselor=staff)
    hello, _queue = console_open(counselor=staff, channel_name="test.console")[0]
    frame = check_frame(hello, frames.ConsoleHelloFrame)
    assert frame["me"]["name"] == "Aoi" and len(frame["conversations"]) == 1


def test_me_frame_when_a_supervisor_makes_a_counselor_available(sent: Sent):
    staff = counselor(display_name="Aoi", presence=Presence.AWAY)
    supervisor_presence_set(
        supervisor=supervisor(), counselor_id=staff.pk, presence=Presence.AVAILABLE
    )
    frame = check_frame(sent.last("me"), frames.MeFrame)
    assert (frame["me"]["id"], frame["me"]["presence"]) == (staff.pk, "available")


def test_team_frame():
    counselor(display_name="Aoi", presence=Presence.AVAILABLE)
    supervisor(display_name="Mika", presence=Presence.AWAY)
    frame = check_frame(frames.team_frame(staff_on_shift()), frames.TeamFrame)
    staff = [(member["name"], member["supervisor"]) for member in frame["staff"]]
    assert staff == [("Aoi", False), ("Mika", True)]


def test_supervisor_alert_frame_raised_and_acknowledged(sent: Sent):
    conversation, _token = waiting_conversation(IMMINENT)
    alert = alert_raise(kind=Alert.Kind.IMMINENT_WAITING, conversation=conversation)
    assert alert is not None
    raised = check_frame(sent.last("supervisor_alert"), frames.SupervisorAlertFrame)["alert"]
    assert (raised["kind"], raised["status"]) == ("imminent_waiting", "waiting")

    alert_acknowledge(alert_id=alert.pk, supervisor=supervisor(display_name="Mika"))
    seen = check_frame(sent.last("supervisor_alert"), frames.SupervisorAlertFrame)["alert"]
    assert (seen["id"], seen["acknowledged_by"]) == (alert.pk, "Mika")


def test_alert_frame_of_an_imminent_person_and_of_a_counselor_gone(sent: Sent):
    conversation, _token = waiting_conversation(IMMINENT)
    message_assess(message_id=Message.objects.get(conversation=conversation, seq=1).pk)
    imminent = check_frame(sent.last("alert"), frames.AlertFrame)["alert"]
    assert (imminent["id"], imminent["kind"], imminent["conversation"]) == (
        None,
        "imminent",
        str(conversation.id),
    )

    staff = counselor(display_name="Aoi")
    queue_take_next(counselor=staff)
    User.objects.filter(pk=staff.pk).update(
        presence=Presence.OFFLINE, presence_changed_at=timezone.now() - timedelta(minutes=10)
    )
    assert dropped_conversations_requeue(grace_seconds=0) == 1
    gone = check_frame(sent.last("alert"), frames.AlertFrame)["alert"]
    assert (gone["kind"], gone["status"], gone["counselor_name"]) == (
        "counselor_disconnected",
        "waiting",
        "Aoi",
    )
