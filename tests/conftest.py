"""Shared fixtures. `make test` runs everything on PostgreSQL and Redis; plain `pytest`
without DATABASE_URL and REDIS_URL runs the unit and consumer tests on the embedded
defaults and skips the rest (make test refuses to skip them)."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from bench.kit.browser import CHROMIUM
from bench.kit.processes import Server, Worker
from config.celery import app as celery_app
from tests.support.processes import service_env

REQUIRE_SERVICES = os.environ.get("KIZUNA_REQUIRE_SERVICES") == "1"

# In this process consumers run on a thread pool the tests do not control; connections
# kept there would outlive the test database. Server subprocesses keep the default.
settings.DATABASES["default"]["CONN_MAX_AGE"] = 0
# Tests change data and read reports again at once: no reuse of report figures.
settings.KIZUNA["REPORT_CACHE_SECONDS"] = 0
# Tests start people far faster than the service's flood limit allows (see service_env).
settings.KIZUNA["CONVERSATION_STARTS_PER_MINUTE"] = 1_000_000
# ... and without the admission proof (tests/security/test_start_admission.py has it).
settings.KIZUNA["START_PROOF_BITS"] = 0


def _missing(item: pytest.Item) -> str | None:
    uses_postgres = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    markers = {marker.name for marker in item.iter_markers()}
    if not markers & {"services", "worker", "browser"}:
        return None
    if not uses_postgres or not settings.REDIS_URL:
        return "needs DATABASE_URL (PostgreSQL) and REDIS_URL"
    if "browser" in markers and not shutil.which(CHROMIUM):
        return f"needs Debian's chromium at {CHROMIUM}"
    return None


def pytest_runtest_setup(item: pytest.Item) -> None:
    reason = _missing(item)
    if reason:
        if REQUIRE_SERVICES:
            pytest.fail(f"{reason} (make test runs the whole suite)")
        pytest.skip(reason)


@pytest.fixture(autouse=True)
def eager_celery(request: pytest.FixtureRequest) -> Iterator[None]:
    """Tasks run in-process unless a test starts a real worker."""
    eager = request.node.get_closest_marker("worker") is None
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = eager
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def quick_passwords(settings: Any) -> None:
    """For tests that make many staff: hashing their passwords slowly buys nothing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def log_dir(tmp_path: Path) -> Path:
    return tmp_path


@pytest.fixture(scope="session")
def server_env(django_db_setup: None, django_db_blocker: object) -> dict[str, str]:
    return service_env()


@pytest.fixture(scope="session")
def live_server_url(
    server_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """One uvicorn process on the test database and Redis, for the whole session."""
    server = Server(server_env, tmp_path_factory.mktemp("server") / "server.log")
    yield server.url
    server.stop()


@pytest.fixture
def celery_worker(server_env: dict[str, str], tmp_path: Path) -> Iterator[Worker]:
    """A real Celery worker process consuming this run's queue."""
    celery_app.control.purge()
    worker = Worker(server_env, tmp_path / "worker.log")
    yield worker
    worker.stop()


@pytest.fixture(scope="session", autouse=True)
def purge_test_queue() -> Iterator[None]:
    """Tasks the live server queued with no worker listening go away with the run."""
    yield
    if settings.REDIS_URL:
        celery_app.control.purge()
