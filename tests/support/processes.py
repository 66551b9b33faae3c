"""Real server and worker processes for tests: uvicorn and Celery on the test database."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def wait_for(condition: Callable[[], bool], timeout: float = 30) -> bool:
    """Poll `condition` (a database query, a queue length) until it holds or `timeout`
    passes; whether it held."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def service_env(**extra: str) -> dict[str, str]:
    """The environment a subprocess needs to share this test run's database and Redis."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise RuntimeError("subprocess tests need DATABASE_URL to point at PostgreSQL")
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Tests start people far faster than the service's flood limit allows; the limit
        # itself is tested by tests/security/test_rate_limits.py with servers of its own.
        "KIZUNA_CONVERSATION_STARTS_PER_MINUTE": "1000000",
        "KIZUNA_START_PROOF_BITS": "0",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    env.update(extra)
    return env


class Process:
    def __init__(self, args: list[str], env: dict[str, str], log_path: Path) -> None:
        self.log_path = log_path
        self.log: IO[bytes] = log_path.open("wb")
        self.proc = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )

    def output(self) -> str:
        if not self.log.closed:
            self.log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self, *, kill: bool = False) -> None:
        if self.proc.poll() is None:
            if kill:
                self.proc.kill()
            else:
                self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.log.close()


class Server(Process):
    """uvicorn on 127.0.0.1. `port` restarts a server where it was (clients reconnect to
    the same address); `extra_args` are more uvicorn options (e.g. keepalive pings)."""

    def __init__(
        self,
        env: dict[str, str],
        log_path: Path,
        *,
        port: int | None = None,
        extra_args: Sequence[str] = (),
    ) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        super().__init__(
            [
                str(BIN / "uvicorn"),
                "config.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--no-access-log",
                "--ws-max-size",
                "65536",
                *extra_args,
            ],
            env,
            log_path,
        )
        self.wait_ready()

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited:\n{self.output()}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"server did not start:\n{self.output()}")


class Worker(Process):
    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        super().__init__(
            [
                str(BIN / "celery"),
                "-A",
                "config",
                "worker",
                "--pool",
                "solo",
                "--loglevel",
                "INFO",
                "--without-mingle",
                "--without-gossip",
                "--without-heartbeat",
            ],
            env,
            log_path,
        )
        self.wait_ready()

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"worker exited:\n{self.output()}")
            if " ready." in self.output():
                return
            time.sleep(0.2)
        raise RuntimeError(f"worker did not start:\n{self.output()}")


REDIS_SERVER = "/usr/bin/redis-server"


class RedisServer(Process):
    """A private redis-server without persistence, for tests that stop, restart or
    reconfigure Redis: never the shared one. Start processes on it with
    `service_env(REDIS_URL=redis.url)`."""

    def __init__(
        self, log_path: Path, *, port: int | None = None, config: Sequence[str] = ()
    ) -> None:
        self.port = port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.config = tuple(config)
        super().__init__(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(log_path.parent),
                *self.config,
            ],
            dict(os.environ),
            log_path,
        )
        self.wait_ready()

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def wait_ready(self, timeout: float = 15) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"redis-server exited:\n{self.output()}")
            if self.ping():
                return
            time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start:\n{self.output()}")

    def restarted(self) -> "RedisServer":
        """An empty redis-server on this one's port, once this one is stopped: Redis
        without persistence coming back after a crash."""
        if self.proc.poll() is None:
            raise RuntimeError("stop the old redis-server first")
        log_path = self.log_path.with_name(f"{self.log_path.stem}-again{self.log_path.suffix}")
        return RedisServer(log_path, port=self.port, config=self.config)


@contextmanager
def running(process_type: type[Process], env: dict[str, str], log_path: Path) -> Iterator:
    process = process_type(env, log_path)  # type: ignore[call-arg]
    try:
        yield process
    finally:
        process.stop()
