"""Every frame in supervision/frames.py, built from real rows as the dashboard's socket
sends them and checked against its documented shape (figures included)."""

import pytest

from accounts.models import Presence
from counseling.models import Status
from counseling.services.conversations import conversations_mark_abuse
from queues.alerts import alert_raise
from queues.models import Alert
from queues.services import queue_take_next
from supervision import frames
from supervision.consumers import conversation_observe, dashboard_welcome
from tests.accounts.factories import counselor, supervisor
from tests.counseling.factories import waiting_conversation
from tests.support.frames import check_frame, untested_frame_types

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_passwords")]


def test_every_frame_type_built_here_has_a_shape_test():
    assert untested_frame_types(frames, globals()) == set()


def test_hello_frame_of_a_dashboard():
    boss = supervisor(display_name="Mika")
    hello, _figures, _queue = dashboard_welcome(supervisor=boss)
    assert check_frame(hello, frames.DashboardHelloFrame)["me"] == {"id": boss.pk, "name": "Mika"}


def test_dashboard_frame_with_every_part_filled():
    waiting, _token = waiting_conversation("Is anyone there?")
    alert_raise(kind=Alert.Kind.RISK_WAITING_LONG, conversation=waiting)
    waiting_conversation("Please help")
    queue_take_next(counselor=counselor(display_name="Aoi", presence=Presence.AVAILABLE))
    _hello, figures, _queue = dashboard_welcome(supervisor=supervisor())
    frame = check_frame(figures, frames.DashboardFrame)
    assert [len(frame[part]) for part in ("alerts", "active")] == [1, 1]
    assert [member["name"] for member in frame["team"]["members"]] == ["Aoi"]


def test_observing_frame():
    conversation, _token = waiting_conversation("I feel alone tonight.")
    queue_take_next(counselor=counselor())
    frame = check_frame(
        conversation_observe(supervisor=supervisor(), conversation_id=str(conversation.id)),
        frames.ObservingFrame,
    )
    assert frame["conversation"]["status"] == Status.ACTIVE
    assert [m["body"] for m in frame["history"]["messages"]] == ["I feel alone tonight."]


def test_abuse_marked_frame():
    flood = [waiting_conversation("spam")[0] for _ in range(2)]
    boss = supervisor()
    asked = [str(conversation.id) for conversation in flood]
    marked = conversations_mark_abuse(conversation_ids=asked, supervisor=boss)
    frame = check_frame(frames.abuse_marked_frame(marked, asked=3), frames.AbuseMarkedFrame)
    assert (sorted(frame["conversations"]), frame["not_marked"]) == (sorted(asked), 1)
