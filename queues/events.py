"""Websocket events about the queue. Called only from services; computed after commit.

- "queue" to `console`: {"type": "queue", "entries": [QueueEntry.as_dict ...] (the first
  QUEUE_BROADCAST_LIMIT in order), "waiting": n, "by_tier": {tier: n}} — whole, so a
  console never merges partial updates, and bounded, so a long queue stays cheap.
- The order (ids only) once to `waiting-room`; each waiting help-seeker's consumer turns
  it into their own {"type": "position", "position": n, "waiting": total} frame, so
  nobody learns about anyone else and one change costs one message, not one per person.
- "dashboard" to `dashboard`: queues/dashboard.py's figures, at most once a second.
- "supervisor_alert" to `dashboard` and `supervisors`: an alert raised or changed.
"""

from collections import Counter
from typing import Any

from config.bus import forward, group_send_now, on_commit, run_coalesced, send_on_commit
from counseling.groups import CONSOLE, DASHBOARD, SUPERVISORS, WAITING_ROOM
from counseling.hours import service_open

from .estimates import wait_estimate
from .models import Alert
from .selectors import QueueEntry, alert_dict, queue_waiting, remember_order, service_stats

# Counselors act on the top of the queue; the rest is summarised by count and tier.
QUEUE_BROADCAST_LIMIT = 50
POSITIONS = "kizuna.positions"
COALESCE_SECONDS = 0.1
DASHBOARD_SECONDS = 1.0


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


def position_frame(
    position: int, waiting: int, *, stats: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A help-seeker's place, an estimate range (or null: "we don't know yet"), whether
    anyone is on duty and whether the service is open now."""
    stats = stats or {}
    estimate = wait_estimate(
        position=position, answered_last_hour=stats.get("answered_last_hour", 0)
    )
    return {
        "type": "position",
        "position": position,
        "waiting": waiting,
        "estimate": {"low_minutes": estimate[0], "high_minutes": estimate[1]} if estimate else None,
        "counselors_available": stats.get("counselors_available"),
        "open": stats.get("open", True),
    }


def stats_dict() -> dict[str, Any]:
    stats = service_stats()
    return {
        "answered_last_hour": stats.answered_last_hour,
        "counselors_available": stats.counselors_available,
        "open": service_open(),
    }


def _broadcast() -> None:
    # Read after commit: the order is computed from what is durably in the database,
    # so concurrent changes can only make a later broadcast more current, never wrong.
    entries = queue_waiting(preview_limit=QUEUE_BROADCAST_LIMIT)
    group_send_now(CONSOLE, forward(queue_frame(entries)))
    order = [entry.conversation_id for entry in entries]
    stats = stats_dict()
    remember_order(order, stats)
    group_send_now(WAITING_ROOM, {"type": POSITIONS, "order": order, "stats": stats})


def queue_changed() -> None:
    """The order may have changed: push it to consoles and positions to help-seekers,
    and the figures to supervisors' dashboards."""
    on_commit(_request_broadcast)
    dashboard_changed()


def _request_broadcast() -> None:
    # In the ASGI server every change used to send the whole queue to every console:
    # 1,000 changes while 500 people arrived meant 75,000 queue frames (1.2 GB) through
    # one process. Changes now share one broadcast a tenth of a second later.
    run_coalesced("queue", COALESCE_SECONDS, _broadcast)


def dashboard_changed() -> None:
    """Something a dashboard shows changed: push fresh figures, at most once a second."""
    on_commit(lambda: run_coalesced("dashboard", DASHBOARD_SECONDS, _dashboard_broadcast))


def _dashboard_broadcast() -> None:
    from .dashboard import dashboard_figures  # reads selectors; imported when first used

    group_send_now(DASHBOARD, forward({"type": "dashboard", **dashboard_figures()}))


def alert_changed(alert: Alert) -> None:
    """An alert was raised, acknowledged or resolved: to dashboards and supervisors'
    consoles. {"type": "supervisor_alert", "alert": {...}} (shape: selectors.alert_dict)."""
    frame = {"type": "supervisor_alert", "alert": alert_dict(alert)}
    send_on_commit(DASHBOARD, frame)
    send_on_commit(SUPERVISORS, frame)
