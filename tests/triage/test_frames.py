"""The frame in triage/frames.py, built as scoring announces it and checked against its
documented shape (the imminent notice is an "alert": tests/queues/test_frames.py)."""

import pytest

from counseling.models import SenderKind
from counseling.services.messages import message_post
from queues.services import queue_take_next
from tests.accounts.factories import counselor
from tests.counseling.factories import waiting_conversation
from tests.support.frames import Sent, check_frame, untested_frame_types
from triage import events, frames
from triage.services import message_assess

pytestmark = pytest.mark.django_db


def test_every_frame_type_built_here_has_a_shape_test():
    assert untested_frame_types(frames, globals()) == set()


def test_risk_frame(monkeypatch: pytest.MonkeyPatch):
    sent = Sent(monkeypatch, events)
    conversation, _token = waiting_conversation("I had a long day.")
    queue_take_next(counselor=counselor())
    conversation.refresh_from_db()
    message, _created = message_post(
        conversation=conversation,
        sender=SenderKind.SEEKER,
        body="I have the pills here and I'm going to kill myself tonight",
        client_id="s-2",
    )
    message_assess(message_id=message.pk)
    frame = check_frame(sent.last("risk"), frames.RiskFrame)
    assert (frame["risk_tier"], frame["assessment"]["message_seq"]) == ("imminent", 2)
