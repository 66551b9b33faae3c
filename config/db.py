"""Database work for websocket consumers, on a small pool of threads.

Channels runs every `database_sync_to_async` call of a process on one shared thread, so
one slow transaction (a take-next waiting for a row lock) holds up every consumer's
database work, and the thread also waits while events are published to Redis. Measured
by bench/console_load.py with py-spy: at 5 arrivals a second that thread was never
idle while the process used 72% of a core, and consoles were dropped for missed pings.

On PostgreSQL calls run on a pool of KIZUNA_DB_THREADS threads instead (each with its
own connection). A consumer still awaits each call before handling its next frame, so
the order of one client's actions is kept. SQLite allows one writer at a time, so the
embedded mode keeps Channels' single thread.
"""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from channels.db import DatabaseSyncToAsync
from django.conf import settings

POOLED = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
_executor = (
    ThreadPoolExecutor(max_workers=settings.KIZUNA["DB_THREADS"], thread_name_prefix="db")
    if POOLED
    else None
)


def database_sync_to_async(func: Callable[..., Any]) -> Any:
    """As channels.db.database_sync_to_async (old connections closed around each call)."""
    if _executor is None:
        return DatabaseSyncToAsync(func)
    return DatabaseSyncToAsync(func, thread_sensitive=False, executor=_executor)
