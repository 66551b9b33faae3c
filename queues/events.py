"""Websocket events about the queue, sent after commit. Called from services, directly or
through the facts they publish (queues/listeners.py).

- "queue" to `console` (every console, and supervisors' dashboards): {"type": "queue",
  "entries": [QueueEntry.as_dict ...] (the first QUEUE_BROADCAST_LIMIT in order),
  "waiting": n, "by_tier": {tier: n}} — whole, so a console never merges partial
  updates, and bounded, so a long queue stays cheap. Read from the database after commit;
  changes a tenth of a second apart share one broadcast. Its previews are the
  help-seekers' words: every console audits the ones it is shown (queues/consumers.py).
  A console's first one comes from queue_shown (queues/services.py), audited there.
- The order (ids only) once to `waiting-room`; each waiting help-seeker's consumer asks
  the queue (facts.QUEUE_POSITION) for their own "position" frame (position_frame), so
  nobody learns about anyone else and one change costs one message, not one per person.
- "supervisor_alert" to `dashboard` and `supervisors`: an alert raised, acknowledged or
  resolved, built as it happens (shape: selectors.alert_dict).
"""

from collections import Counter
from datetime import datetime
from typing import Any

from core import facts
from core.bus import forward, group_send_now, on_commit, publish, run_coalesced, send_on_commit
from core.groups import CONSOLE, DASHBOARD, SUPERVISORS, WAITING_ROOM
from counseling.hours import service_open, service_opens_at

from .estimates import ServiceState, waiting_estimate
from .models import Alert
from .selectors import QueueEntry, alert_dict, queue_waiting, remember_order, service_stats

# Counselors act on the top of the queue; the rest is summarised by count and tier.
QUEUE_BROADCAST_LIMIT = 50
POSITIONS = "kizuna.positions"
COALESCE_SECONDS = 0.1


def queue_frame(entries: list[QueueEntry]) -> dict[str, Any]:
    return {
        "type": "queue",
        "entries": [
            entry.as_dict(position)
            for position, entry in enumerate(entries[:QUEUE_BROADCAST_LIMIT], 1)
        ],
        "waiting": len(entries),
        "by_tier": dict(Counter(entry.risk_tier for entry in entries)),
    }


def queue_message(entries: list[QueueEntry]) -> dict[str, Any]:
    """The channel-layer message of a queue broadcast: the frame, serialised once, and the
    conversations whose first lines it shows, so each console records that its user was
    shown them (queues/consumers.py) before passing it on."""
    message = forward(queue_frame(entries))
    message["previewed"] = previewed(entries)
    return message


def previewed(entries: list[QueueEntry]) -> list[str]:
    return [entry.conversation_id for entry in entries[:QUEUE_BROADCAST_LIMIT] if entry.preview]


def position_frame(
    position: int, waiting: int, *, stats: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A help-seeker's place and what to say about the wait (queues/estimates.py):
    {"type": "position", "position": n, "waiting": n, "wait": "closed" | "nobody" | "soon"
    | "range" | "unknown", "estimate": {"low_minutes", "high_minutes"} (only for
    "range", else null), "opens_at": ISO time or null, "counselors_available": n,
    "open": bool}."""
    stats = stats or {}
    opens_at = stats.get("opens_at")
    estimate = waiting_estimate(
        position=position,
        service=ServiceState(
            open=stats.get("open", True),
            opens_at=datetime.fromisoformat(opens_at) if opens_at else None,
            counselors_available=stats.get("counselors_available") or 0,
            places_total=stats.get("places_total") or 0,
            places_free=stats.get("places_free") or 0,
            handling_minutes=stats.get("handling_minutes"),
            answered_last_hour=stats.get("answered_last_hour", 0),
        ),
    )
    return {
        "type": "position",
        "position": position,
        "waiting": waiting,
        "wait": estimate.kind,
        "estimate": {"low_minutes": estimate.low_minutes, "high_minutes": estimate.high_minutes}
        if estimate.kind == "range"
        else None,
        "opens_at": estimate.opens_at.isoformat() if estimate.opens_at else None,
        "counselors_available": stats.get("counselors_available"),
        "open": stats.get("open", True),
    }


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
    entries = queue_waiting(preview_limit=QUEUE_BROADCAST_LIMIT)
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
    consoles. {"type": "supervisor_alert", "alert": {...}} (shape: selectors.alert_dict)."""
    frame = {"type": "supervisor_alert", "alert": alert_dict(alert)}
    send_on_commit(DASHBOARD, frame)
    send_on_commit(SUPERVISORS, frame)
