"""Websocket events about the queue and alerts, sent after commit. Called from services,
directly or through the facts they publish (queues/listeners.py). Shapes in
queues/frames.py.

- "queue" to `console` (every console, and supervisors' dashboards): the queue, whole
  and bounded (frames.queue_frame), so a console never merges partial updates and a long
  queue stays cheap. Read from the database after commit; changes a tenth of a second
  apart share one broadcast. Its previews are the help-seekers' words: every console
  audits the ones it is shown (queues/consumers.py); a console's first one comes from
  queue_shown (queues/services.py), audited there.
- The order (ids only) once to `waiting-room`; each waiting help-seeker's consumer asks
  the queue (facts.QUEUE_POSITION) for their own "position" frame, so nobody learns
  about anyone else and one change costs one message, not one per person.
- "supervisor_alert" to `dashboard` and `supervisors`: an alert raised, acknowledged or
  resolved, built as it happens.
- "me" to the counselor's own group: their status or limit changed (frames.me_frame).
- "alert" to `supervisors`: a conversation went back to the queue because its counselor
  was gone past the grace period (kind "counselor_disconnected").
"""

from typing import Any

from django.utils import timezone

from accounts.models import User
from core import facts
from core.bus import forward, group_send_now, on_commit, publish, run_coalesced, send_on_commit
from core.groups import CONSOLE, DASHBOARD, SUPERVISORS, WAITING_ROOM, staff_group
from counseling.hours import service_open, service_opens_at
from counseling.models import Conversation

from . import frames
from .models import Alert
from .selectors import QueueEntry, queue_waiting, remember_order, service_stats

POSITIONS = "kizuna.positions"
COALESCE_SECONDS = 0.1


def queue_message(entries: list[QueueEntry]) -> dict[str, Any]:
    """The channel-layer message of a queue broadcast: the frame, serialised once, and the
    conversations whose first lines it shows, so each console records that its user was
    shown them (queues/consumers.py) before passing it on."""
    message = forward(frames.queue_frame(entries))
    message["previewed"] = previewed(entries)
    return message


def previewed(entries: list[QueueEntry]) -> list[str]:
    limit = frames.QUEUE_BROADCAST_LIMIT
    return [entry.conversation_id for entry in entries[:limit] if entry.preview]


def stats_dict() -> dict[str, Any]:
    """The facts behind every waiting person's estimate, read once per broadcast (JSON:
    it travels through the channel layer and the cache)."""
    stats = service_stats()
    opens_at = service_opens_at()
    return {
        "answered_last_hour": stats.answered_last_hour,
        "counselors_available": stats.counselors_available,
        "places_total": stats.places_total,
        "places_free": stats.places_free,
        "handling_minutes": stats.handling_minutes,
        "open": service_open(),
        "opens_at": opens_at.isoformat() if opens_at else None,
    }


def _broadcast() -> None:
    # Read after commit: the order is computed from what is durably in the database,
    # so concurrent changes can only make a later broadcast more current, never wrong.
    entries = queue_waiting(preview_limit=frames.QUEUE_BROADCAST_LIMIT)
    group_send_now(CONSOLE, queue_message(entries))
    order = [entry.conversation_id for entry in entries]
    stats = stats_dict()
    remember_order(order, stats)
    group_send_now(WAITING_ROOM, {"type": POSITIONS, "order": order, "stats": stats})


def queue_changed() -> None:
    """The order may have changed: push it to consoles and positions to help-seekers,
    and the figures to supervisors' dashboards."""
    on_commit(_request_broadcast)
    publish(facts.DASHBOARD_CHANGED)


def _request_broadcast() -> None:
    # In the ASGI server every change used to send the whole queue to every console:
    # 1,000 changes while 500 people arrived meant 75,000 queue frames (1.2 GB) through
    # one process. Changes now share one broadcast a tenth of a second later.
    run_coalesced("queue", COALESCE_SECONDS, _broadcast)


def alert_changed(alert: Alert) -> None:
    """An alert was raised, acknowledged or resolved: to dashboards and supervisors'
    consoles."""
    frame = frames.supervisor_alert_frame(alert)
    send_on_commit(DASHBOARD, frame)
    send_on_commit(SUPERVISORS, frame)


def counselor_dropped_alert(conversation: Conversation, *, counselor: User) -> None:
    """To supervisors: a conversation went back to the queue because its counselor was
    gone past the grace period."""
    send_on_commit(
        SUPERVISORS,
        frames.alert_frame(
            conversation,
            kind="counselor_disconnected",
            at=conversation.returned_at or timezone.now(),
            counselor=counselor,
        ),
    )


def counselor_changed(counselor: User) -> None:
    """A counselor's status or limit changed: every console of theirs shows it."""
    send_on_commit(staff_group(counselor.pk), frames.me_frame(counselor))
