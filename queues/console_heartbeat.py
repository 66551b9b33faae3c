"""One heartbeat for all the consoles open in a web process.

An open console is a row (accounts.models.ConsoleSocket) that beat removes once it has not
been seen for three heartbeats: that is how the consoles of a web process that died stop
counting. A heartbeat per socket, hopping to the one thread that consumers share for the
database, fell minutes behind under load (seen in bench/soak.py: 500 conversations on two
cores), and beat then took live counselors offline. So each process says it once for all
of its consoles, in one UPDATE, on a thread of the default executor that no queue of
consumer work stands in front of.
"""

import asyncio
import logging
from typing import Protocol
from weakref import WeakKeyDictionary

from channels.db import database_sync_to_async
from django.conf import settings

from accounts.services import consoles_seen

logger = logging.getLogger(__name__)

# A console beat closed as stale is closed here too: its client reconnects (any code below
# 4000) and is recorded again, with its counselor available again.
CLOSE_RECONNECT = 1012


class Console(Protocol):
    channel_name: str

    async def close(self, code: int | bool | None = None, reason: str | None = None) -> None: ...


class ConsoleHeartbeat:
    def __init__(self) -> None:
        self.consoles: dict[str, Console] = {}
        self.task: asyncio.Task[None] | None = None

    def add(self, console: Console) -> None:
        self.consoles[console.channel_name] = console
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self._run())

    def discard(self, console: Console) -> None:
        self.consoles.pop(console.channel_name, None)

    async def _run(self) -> None:
        while self.consoles:  # ends with the last console; add() starts it again
            await asyncio.sleep(settings.KIZUNA["CONSOLE_HEARTBEAT_SECONDS"])
            names = list(self.consoles)
            if not names:
                return
            try:
                seen = database_sync_to_async(consoles_seen, thread_sensitive=False)
                forgotten = await seen(channel_names=names)
            except Exception:
                logger.exception("console heartbeat failed")  # the next one may succeed
                continue
            for name in forgotten:
                console = self.consoles.pop(name, None)
                if console is not None:
                    logger.warning("a console closed as stale was still open: closing it")
                    await console.close(code=CLOSE_RECONNECT)


# One per event loop: a web process has one; tests run consumers on several in turn.
_heartbeats: "WeakKeyDictionary[asyncio.AbstractEventLoop, ConsoleHeartbeat]" = WeakKeyDictionary()


def console_heartbeat() -> ConsoleHeartbeat:
    loop = asyncio.get_running_loop()
    if loop not in _heartbeats:
        _heartbeats[loop] = ConsoleHeartbeat()
    return _heartbeats[loop]
