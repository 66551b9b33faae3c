"""Websocket events about risk. Staff-only: never sent to a conversation's group. Shapes in
triage/frames.py and queues/frames.py.

- "risk" to staff-<counselor id> (the counselor holding it, if any): the conversation's
  risk over its recent messages, and the newest message's own assessment.
- "alert" to `supervisors` and `console`: kind "imminent", a person at imminent risk.
"""

from django.utils import timezone

from core.bus import send_on_commit
from core.groups import CONSOLE, SUPERVISORS, staff_group
from counseling.models import Conversation
from queues.frames import alert_frame

from . import frames
from .models import Assessment


def risk_changed(conversation: Conversation, *, latest: Assessment) -> None:
    if conversation.counselor_id is None:
        return  # waiting: the queue broadcast carries the new tier to every console
    send_on_commit(
        staff_group(conversation.counselor_id), frames.risk_frame(conversation, latest=latest)
    )


def imminent_alert(conversation: Conversation) -> None:
    frame = alert_frame(
        conversation, kind="imminent", at=conversation.risk_updated_at or timezone.now()
    )
    send_on_commit(SUPERVISORS, frame)
    send_on_commit(CONSOLE, frame)
