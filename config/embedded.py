"""Celery beat's schedule, run inside the web process in embedded mode (`make run`).

Embedded mode has no broker and so no beat: without this, a counselor who closed their
laptop would keep their conversations forever, and a message whose scoring failed would
never be scored. A daemon thread runs each periodic task of CELERY_BEAT_SCHEDULE on its
interval, eagerly and one at a time. Services mode runs the real beat (docker-compose).
"""

import logging
import threading
import time
from typing import Any

from django.conf import settings
from django.db import close_old_connections
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)
TICK_SECONDS = 1.0


def beat_tick(now: float, last_run: dict[str, float]) -> list[str]:
    """Run the tasks that are due at `now` (monotonic seconds); returns their names."""
    ran = []
    schedule: dict[str, dict[str, Any]] = settings.CELERY_BEAT_SCHEDULE
    for name, entry in schedule.items():
        interval = float(entry["schedule"])
        if now - last_run.get(name, float("-inf")) < interval:
            continue
        last_run[name] = now
        try:
            import_string(entry["task"]).apply()
        except Exception:  # one failing task must not stop the others or the thread
            logger.exception("Periodic task %s failed", name)
        finally:
            close_old_connections()
        ran.append(name)
    return ran


def _run_forever() -> None:
    last_run: dict[str, Any] = {}
    while True:
        beat_tick(time.monotonic(), last_run)
        time.sleep(TICK_SECONDS)


def beat_start() -> threading.Thread:
    thread = threading.Thread(target=_run_forever, name="embedded-beat", daemon=True)
    thread.start()
    logger.info("Embedded beat started: periodic tasks run in this process.")
    return thread
