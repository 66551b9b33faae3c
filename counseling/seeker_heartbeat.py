"""One heartbeat for all the help-seekers' sockets open in a web process.

A waiting conversation nobody is behind (a script that started it and left, a person who
closed the page long ago) is abandoned by beat once its `seeker_seen_at` is older than
SEEKER_ABSENT_MINUTES. A socket can stay open for hours without a frame, so each process
says which conversations it holds sockets for, every SEEKER_HEARTBEAT_SECONDS, in one
UPDATE on a thread no queue of consumer work stands in front of (as the consoles'
heartbeat does, queues/console_heartbeat.py). A process that dies stops saying it,
and its people reconnect elsewhere, which says it again.
"""

import asyncio
import logging
from collections import Counter
from weakref import WeakKeyDictionary

from channels.db import database_sync_to_async
from django.conf import settings

from counseling.services.conversations import seekers_seen

logger = logging.getLogger(__name__)


class SeekerHeartbeat:
    def __init__(self) -> None:
        # conversation id -> sockets open on it in this process (a person may have tabs).
        self.sockets: Counter[str] = Counter()
        self.task: asyncio.Task[None] | None = None

    def add(self, conversation_id: str) -> None:
        self.sockets[conversation_id] += 1
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self._run())

    def discard(self, conversation_id: str) -> None:
        self.sockets[conversation_id] -= 1
        if self.sockets[conversation_id] <= 0:
            del self.sockets[conversation_id]

    async def _run(self) -> None:
        while self.sockets:  # ends with the last socket; add() starts it again
            await asyncio.sleep(settings.KIZUNA["SEEKER_HEARTBEAT_SECONDS"])
            ids = list(self.sockets)
            if not ids:
                return
            try:
                seen = database_sync_to_async(seekers_seen, thread_sensitive=False)
                await seen(conversation_ids=ids)
            except Exception:
                logger.exception("seeker heartbeat failed")  # the next one may succeed


# One per event loop: a web process has one; tests run consumers on several in turn.
_heartbeats: "WeakKeyDictionary[asyncio.AbstractEventLoop, SeekerHeartbeat]" = WeakKeyDictionary()


def seeker_heartbeat() -> SeekerHeartbeat:
    loop = asyncio.get_running_loop()
    if loop not in _heartbeats:
        _heartbeats[loop] = SeekerHeartbeat()
    return _heartbeats[loop]
