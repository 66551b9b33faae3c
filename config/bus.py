"""The notification bus: send websocket events through the channel layer after commit.

The channel layer is not storage (it drops messages when full and loses them across Redis
restarts), so nothing is sent until the database has the data; clients that miss an event
catch up from the database by sequence number.
"""

import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)

# The consumer method that forwards an event to its client (type "kizuna.event").
FORWARD = "kizuna.event"


def group_send_now(group: str, message: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, message)
    except Exception:
        # A lost notification is recoverable (clients resume from the database);
        # failing the request that already committed would not be.
        logger.exception("channel layer send to %s failed", group)


def send_on_commit(group: str, frame: dict[str, Any], *, handler: str = FORWARD) -> None:
    """Queue `frame` for every client in `group` once the current transaction commits."""
    message = {"type": handler, "frame": frame}
    transaction.on_commit(lambda: group_send_now(group, message))


def on_commit(callback: Any) -> None:
    transaction.on_commit(callback)
