"""Real server and worker processes for tests, on the test database: the load kit's
(bench/kit/processes.py) with this test run's environment, and a wait for the database
to settle before a test's flush."""

import time

from django.conf import settings

from bench.kit.processes import app_env


def service_env(**extra: str) -> dict[str, str]:
    """The environment a subprocess needs to share this test run's database and Redis.
    Tests start people far faster than the service's flood limit allows: the limit
    itself is tested by tests/security/test_rate_limits.py with servers of its own."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise RuntimeError("subprocess tests need DATABASE_URL to point at PostgreSQL")
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    database_url = f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return app_env(database_url, settings.REDIS_URL, **extra)


def wait_for_database_quiet(settle: float = 0.3, timeout: float = 15) -> bool:
    """Wait until no other connection to the test database has a statement or a
    transaction open for `settle` seconds in a row: a server still handling a closed
    page's disconnect would otherwise deadlock with the TRUNCATE of the test's flush."""
    from django.db import connection

    query = (
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        " AND pid <> pg_backend_pid() AND state IS NOT NULL AND state <> 'idle'"
    )
    quiet_since: float | None = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(query)
            busy = cursor.fetchone()[0]
        now = time.monotonic()
        if busy:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = now
        elif now - quiet_since >= settle:
            return True
        time.sleep(0.05)
    return False
