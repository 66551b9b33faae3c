"""Websocket events about the queue. Called only from services; computed after commit.

- "queue" to `console`: {"type": "queue", "entries": [QueueEntry.as_dict ...], "waiting": n}
  — the whole order, so a console never has to merge partial updates.
- "position" to each waiting conversation-<id>: {"type": "position", "position": n,
  "waiting": total} — the help-seeker's place in line.
"""

from typing import Any

from config.bus import FORWARD, group_send_now, on_commit
from counseling.groups import CONSOLE, conversation_group

from .selectors import queue_waiting


def queue_frame(entries: list[Any]) -> dict[str, Any]:
    return {
        "type": "queue",
        "entries": [entry.as_dict(position) for position, entry in enumerate(entries, 1)],
        "waiting": len(entries),
    }


def position_frame(position: int, waiting: int) -> dict[str, Any]:
    return {"type": "position", "position": position, "waiting": waiting}


def _broadcast() -> None:
    # Read after commit: the order is computed from what is durably in the database,
    # so concurrent changes can only make a later broadcast more current, never wrong.
    entries = queue_waiting()
    group_send_now(CONSOLE, {"type": FORWARD, "frame": queue_frame(entries)})
    for position, entry in enumerate(entries, 1):
        group_send_now(
            conversation_group(entry.conversation_id),
            {"type": FORWARD, "frame": position_frame(position, len(entries))},
        )


def queue_changed() -> None:
    """The order may have changed: push it to consoles and positions to help-seekers."""
    on_commit(_broadcast)
