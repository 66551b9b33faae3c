"""docker-compose.yml, parsed: the services DESIGN.md names, health checks, and the same
environment for every Kizuna process (no Docker engine runs the tests); and the worker
settings those processes run with."""

import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = ("web", "worker", "beat")


def command_of(name: str) -> str:
    command = SERVICES[name]["command"]
    return command if isinstance(command, str) else " ".join(command)


def test_every_service_of_the_design_is_there_with_a_health_check():
    assert set(SERVICES) == {"postgres", "redis", "web", "worker", "beat"}
    for name, service in SERVICES.items():
        assert service.get("healthcheck", {}).get("test"), f"{name} has no health check"


def test_kizuna_processes_share_one_environment_pointing_at_the_services():
    for name in APP_SERVICES:
        env = SERVICES[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://")
        assert "@postgres:5432/" in env["DATABASE_URL"]
        assert env["REDIS_URL"] == "redis://redis:6379/0"
        assert "DJANGO_SECRET_KEY" in env
    envs = [SERVICES[name]["environment"] for name in APP_SERVICES]
    assert all(env == envs[0] for env in envs)


def test_kizuna_processes_wait_for_healthy_services():
    for name in APP_SERVICES:
        depends = SERVICES[name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"


def test_commands_run_the_asgi_app_the_worker_and_beat():
    assert "uvicorn config.asgi:application" in command_of("web")
    assert "--no-access-log" in command_of("web")  # access logs would hold client addresses
    assert "migrate" in command_of("web")
    assert command_of("worker").startswith("celery -A config worker")
    assert command_of("beat").startswith("celery -A config beat")


def test_the_compose_variables_are_the_ones_settings_read():
    settings_source = (ROOT / "config" / "settings.py").read_text()
    for variable in SERVICES["web"]["environment"]:
        assert f'"{variable}"' in settings_source, f"settings.py does not read {variable}"


def test_staff_login_settings_keep_their_environment_variables():
    # Read into settings.KIZUNA like the other deployment facts; deployments set the
    # same variables as before.
    script = (
        "from django.conf import settings\n"
        "print(settings.KIZUNA['COUNSELOR_2FA'], settings.KIZUNA['STAFF_IDLE_SECONDS'])\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "KIZUNA_COUNSELOR_2FA": "false",
        "KIZUNA_STAFF_IDLE_SECONDS": "77",
    }
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "77"]


def test_a_dead_workers_task_returns_after_the_longest_task_could_have_run(settings):
    """Late acknowledgement: a task whose worker died is handed out again after the
    visibility timeout. Shorter than the time limit, a slow task would run twice at once;
    far longer, a help-seeker's words would wait unscored for minutes."""
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert settings.CELERY_TASK_TIME_LIMIT < visibility <= 2 * settings.CELERY_TASK_TIME_LIMIT
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
