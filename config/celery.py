"""The Celery app. Its settings are the CELERY_* names in config/settings.py."""

import os
from typing import Any

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("kizuna")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


# Celery's Django fixup closes every database connection before and after each task
# unless CELERY_DB_REUSE_MAX is set (settings.py sets it high). A new connection per
# task forks a PostgreSQL backend each time: in the soak that was a fifth of the
# worker's time. Tasks get the lifecycle Django gives requests instead: connections
# older than CONN_MAX_AGE, or broken by an error, are closed here, and a kept one is
# health-checked before its first use (CONN_HEALTH_CHECKS).
@signals.task_prerun.connect
@signals.task_postrun.connect
def _database_connections_tidy(**kwargs: Any) -> None:
    from django.db import close_old_connections

    task = kwargs.get("task")
    if task is not None and getattr(task.request, "is_eager", False):
        return  # in-process: the request or test around it owns the connection
    close_old_connections()
