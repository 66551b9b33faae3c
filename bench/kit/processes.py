"""Kizuna's processes, started and stopped by us: uvicorn, a Celery worker and beat, a
private redis-server, and `BenchServer`, a fresh database with all of them beside it;
and what they cost (memory and CPU of a process tree, and of the whole machine).

Everything listens on 127.0.0.1. Each process gets a session of its own, so stopping it
stops its children too (uvicorn's workers, a Celery pool).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import psutil

from bench.kit import BenchError
from bench.kit.app import staff_create_script
from bench.kit.cli import log
from bench.kit.services import (
    REDIS_URL,
    celery_queue_purge,
    database_recreate,
    database_url_for,
)

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
REDIS_SERVER = "/usr/bin/redis-server"
# Lines of a log that say something went wrong: Python's, uvicorn's ("ERROR"), and
# Celery's "[time: ERROR/ForkPoolWorker-1]".
PROBLEM_MARKERS = ("Traceback", " ERROR ", "Exception", ": ERROR/", "CRITICAL")

COUNSELOR_PREFIX = "bench-counselor-"
STAFF_PASSWORD = "bench-Passphrase-2718"


# --- Ports, limits, waiting ---------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def raise_open_files_limit() -> int:
    """Raise RLIMIT_NOFILE to the hard limit (each conversation holds two sockets here)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def wait_for(condition: Callable[[], bool], timeout: float = 30) -> bool:
    """Poll `condition` (a database query, a queue length) until it holds or `timeout`
    passes; whether it held."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def problem_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if any(mark in line for mark in PROBLEM_MARKERS)]


# --- The app's environment and manage.py ------------------------------------------------


def app_env(database_url: str, redis_url: str, **extra: str) -> dict[str, str]:
    """The environment a server or worker of ours runs with, on these services."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        # Load starts people far faster than any service's flood limit allows, and its
        # starts are not what it measures: no admission proof either (the flood
        # benchmark and the admission tests turn it back on).
        "KIZUNA_CONVERSATION_STARTS_PER_MINUTE": "1000000",
        "KIZUNA_START_PROOF_BITS": "0",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    env.update(extra)
    return env


def manage(*args: str, env: Mapping[str, str], timeout: float = 300) -> str:
    """Run manage.py with `env`; its output, or BenchError with the end of its errors."""
    result = subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=REPO,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise BenchError(
            f"manage.py {args[0]} failed ({result.returncode}):\n{result.stderr[-3000:]}"
        )
    return result.stdout


def counselors_create(env: Mapping[str, str], count: int, *, capacity: int) -> list[str]:
    """Counselors bench-counselor-001... with the benchmark password; their usernames."""
    usernames = [f"{COUNSELOR_PREFIX}{index:03d}" for index in range(1, count + 1)]
    script = staff_create_script(
        usernames, password=STAFF_PASSWORD, role="counselor", capacity=capacity
    )
    manage("shell", "-c", script, env=env)
    return usernames


# --- Processes ----------------------------------------------------------------------------


class Process:
    """A subprocess writing to `log_path`, stopped with everything it started."""

    def __init__(self, args: Sequence[str], env: Mapping[str, str], log_path: Path) -> None:
        self.log_path = log_path
        self.log: IO[bytes] = log_path.open("wb")
        self._offset = 0
        self.proc = subprocess.Popen(
            list(args),
            cwd=REPO,
            env=dict(env),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # so that stop() can end the whole group
        )

    @property
    def pid(self) -> int:
        return self.proc.pid

    def output(self) -> str:
        if not self.log.closed:
            self.log.flush()
        return self.log_path.read_text(errors="replace")

    def problems_since_last_call(self) -> list[str]:
        """Lines of the log mentioning errors, written since the previous call."""
        with self.log_path.open("rb") as log_file:
            log_file.seek(self._offset)
            chunk = log_file.read()
            self._offset = log_file.tell()
        return problem_lines(chunk.decode("utf-8", "replace"))

    def stop(self, *, kill: bool = False, timeout: float = 15) -> None:
        """SIGTERM to the leader (a Celery worker then stops its pool itself: a warm
        shutdown; uvicorn closes its sockets), or with `kill` SIGKILL to the whole group:
        a crash. Whatever is left after `timeout` seconds is killed."""
        if self.proc.poll() is None:
            try:
                if kill:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                else:
                    self.proc.terminate()
                self.proc.wait(timeout=timeout)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self.log.close()

    def _wait_ready(self, what: str, ready: Callable[[], bool], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.stop()
                raise BenchError(
                    f"{what} exited with code {self.proc.returncode}:\n{self.output()[-3000:]}"
                )
            if ready():
                return
            time.sleep(0.2)
        self.stop(kill=True)  # nobody else holds it to stop it later
        raise BenchError(f"{what} did not start within {timeout:.0f} s:\n{self.output()[-3000:]}")


class Server(Process):
    """uvicorn serving config.asgi on 127.0.0.1, as `make services-run` does, ready when
    its landing page answers. `port` restarts a server where it was (clients reconnect to
    the same address); `workers` is WEB_CONCURRENCY; `extra_args` are more uvicorn options
    (keepalive pings, say)."""

    def __init__(
        self,
        env: Mapping[str, str],
        log_path: Path,
        *,
        port: int | None = None,
        workers: int = 1,
        extra_args: Sequence[str] = (),
        ready_timeout: float = 60,
    ) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        if not port_is_free(self.port):
            raise BenchError(f"port {self.port} on 127.0.0.1 is in use; choose another")
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
                *(["--workers", str(workers)] if workers > 1 else []),
                *extra_args,
            ],
            env,
            log_path,
        )
        self._wait_ready("server", self.answers, ready_timeout)

    def answers(self) -> bool:
        try:
            with urllib.request.urlopen(self.url + "/", timeout=2) as response:
                return bool(response.status == 200)
        except OSError:
            return False


class Worker(Process):
    """A Celery worker of config's app. By default one process (`--pool solo`) on the
    queue KIZUNA_CELERY_QUEUE names, waited for until it logs that it is ready (which it
    does at INFO); a benchmark names its queue and concurrency, and logs less."""

    def __init__(
        self,
        env: Mapping[str, str],
        log_path: Path,
        *,
        queue: str | None = None,
        concurrency: int | None = None,
        loglevel: str = "INFO",
        ready_timeout: float | None = 60,
    ) -> None:
        args = [str(BIN / "celery"), "-A", "config", "worker"]
        args += ["-Q", queue] if queue else []
        args += ["--concurrency", str(concurrency)] if concurrency else ["--pool", "solo"]
        args += ["--loglevel", loglevel, "--without-mingle", "--without-gossip"]
        args += ["--without-heartbeat"]
        super().__init__(args, env, log_path)
        if ready_timeout is not None:
            self._wait_ready("worker", lambda: " ready." in self.output(), ready_timeout)


class Beat(Process):
    """Celery beat: the periodic tasks (catch-ups, alerts) as docker-compose runs them."""

    def __init__(self, env: Mapping[str, str], log_path: Path, *, loglevel: str = "INFO") -> None:
        schedule = log_path.with_name(f"{log_path.stem}-schedule")
        args = [str(BIN / "celery"), "-A", "config", "beat", "--loglevel", loglevel]
        super().__init__([*args, "--schedule", str(schedule)], env, log_path)


class RedisServer(Process):
    """A private redis-server without persistence, for what stops, restarts or
    reconfigures Redis: never the shared one. Start processes on it with its `url`."""

    def __init__(
        self, log_path: Path, *, port: int | None = None, config: Sequence[str] = ()
    ) -> None:
        self.port = port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.config = tuple(config)
        args = [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        args += ["--appendonly", "no", "--dir", str(log_path.parent), *self.config]
        super().__init__(args, os.environ, log_path)
        self._wait_ready("redis-server", self.ping, 15)

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def restarted(self) -> RedisServer:
        """An empty redis-server on this one's port, once this one is stopped: Redis
        without persistence coming back after a crash."""
        if self.proc.poll() is None:
            raise BenchError("stop the old redis-server first")
        log_path = self.log_path.with_name(f"{self.log_path.stem}-again{self.log_path.suffix}")
        return RedisServer(log_path, port=self.port, config=self.config)


# --- Measuring processes ----------------------------------------------------------------


class ProcessTree:
    """Memory and CPU of a process and all its children."""

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)

    def _processes(self) -> list[psutil.Process]:
        try:
            return [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return []

    def pids(self) -> list[int]:
        return [process.pid for process in self._processes()]

    def rss_mb(self) -> float | None:
        processes = self._processes()
        if not processes:
            return None
        total = 0
        for process in processes:
            try:
                total += process.memory_info().rss
            except psutil.Error:
                continue  # a child that exited between listing and reading
        return total / (1024 * 1024)

    def cpu_seconds(self) -> float | None:
        processes = self._processes()
        if not processes:
            return None
        total = 0.0
        for process in processes:
            try:
                times = process.cpu_times()
            except psutil.Error:
                continue
            total += times.user + times.system
        return total


def own_cpu_seconds() -> float:
    times = psutil.Process().cpu_times()
    return times.user + times.system


def own_rss_mb() -> float:
    return float(psutil.Process().memory_info().rss) / (1024 * 1024)


class Meters:
    """The processes a benchmark watches (a server, a worker, by name) and the benchmark
    itself ("client"): CPU seconds on demand, memory noted at moments and at its peak."""

    def __init__(self, trees: Mapping[str, ProcessTree | None]) -> None:
        self.trees = dict(trees)
        self.rss: dict[str, dict[str, float]] = {name: {} for name in self.trees}

    def cpu(self) -> dict[str, float | None]:
        seconds = {name: tree.cpu_seconds() if tree else None for name, tree in self.trees.items()}
        return {**seconds, "client": own_cpu_seconds()}

    def rss_now(self) -> dict[str, float | None]:
        """Each tree's memory now (None if it cannot be read), its peak kept up to date."""
        now = {
            name: tree.rss_mb() if tree is not None else None for name, tree in self.trees.items()
        }
        for name, rss in now.items():
            if rss is not None:
                self.rss[name]["peak"] = max(self.rss[name].get("peak", 0.0), rss)
        return now

    def note_rss(self, moment: str) -> None:
        """Each tree's memory now, kept as `moment` ("start", "end"...) and in "peak"."""
        for name, rss in self.rss_now().items():
            if rss is not None:
                self.rss[name][moment] = rss

    async def sample_rss(self, every: float) -> None:
        """Keep the peaks up to date until cancelled."""
        while True:
            self.note_rss("now")
            await asyncio.sleep(every)

    def pids(self) -> list[int]:
        """This process and every watched one: what MachineLoad leaves out."""
        pids = [os.getpid()]
        for tree in self.trees.values():
            if tree is not None:
                pids += tree.pids()
        return pids


class MachineLoad:
    """CPU used by every process between `start()` and `stop()`, to show other work.

    `stop()` returns the machine-wide CPU% (100% = one core) and the busiest processes
    outside `exclude` (pids of our own server, worker, client) as "name[pid] N%" strings.
    """

    def __init__(self) -> None:
        self._before: dict[int, tuple[str, float]] = {}
        self._started = 0.0

    @staticmethod
    def _snapshot() -> dict[int, tuple[str, float]]:
        snapshot = {}
        for process in psutil.process_iter(["name", "cpu_times"]):
            times = process.info.get("cpu_times")
            if times is not None:
                snapshot[process.pid] = (process.info.get("name") or "?", times.user + times.system)
        return snapshot

    def start(self) -> None:
        psutil.cpu_percent(None)  # starts the machine-wide measurement
        self._before = self._snapshot()
        self._started = time.perf_counter()

    def stop(self, exclude: Iterable[int] = (), top: int = 3) -> tuple[float, list[str]]:
        elapsed = max(time.perf_counter() - self._started, 1e-6)
        machine_pct = psutil.cpu_percent(None) * (psutil.cpu_count() or 1)
        excluded = set(exclude)
        used = []
        for pid, (name, cpu) in self._snapshot().items():
            if pid in excluded:
                continue
            before = self._before.get(pid, (name, 0.0))[1]
            used.append((cpu - before, name, pid))
        used.sort(reverse=True)
        busiest = [
            f"{name}[{pid}] {100 * cpu / elapsed:.0f}%" for cpu, name, pid in used[:top] if cpu > 0
        ]
        return machine_pct, busiest


# --- A private server for a benchmark ------------------------------------------------------


def bench_target(
    server: BenchServer | None,
    url: str | None,
    database_url: str | None,
    *,
    counselors: int,
    capacity: int,
) -> tuple[str, str | None]:
    """Where a benchmark points, and that server's database: ours, set up and started
    here, or the one at `url`, whose bench counselors are created in `database_url` (if
    given) unless they are there already."""
    if server is not None:
        server.setup(counselors=counselors, capacity=capacity)
        server.start()
        return server.base_url, server.database_url
    if database_url:
        with contextlib.suppress(BenchError):  # they may exist already
            counselors_create(app_env(database_url, REDIS_URL), counselors, capacity=capacity)
    return str(url).rstrip("/"), database_url


@dataclass
class BenchServer:
    """A Kizuna ASGI server on its own PostgreSQL database, with a Celery worker (and
    beat) beside it as in docker-compose, started and stopped by us."""

    port: int
    database: str = "kizuna_bench"
    redis_url: str = REDIS_URL
    extra_env: Mapping[str, str] = field(default_factory=dict)
    with_worker: bool = True
    with_beat: bool = False
    # Benchmarks that may run side by side each use their own queue (and channel prefix,
    # in extra_env): a benchmark never feeds or eats tasks of a test run or a dev worker,
    # and what is left in its queue afterwards is its own to purge.
    celery_queue: str = "kizuna-bench"
    worker_concurrency: int = 1
    web_workers: int = 1
    web: Server | None = None
    worker: Worker | None = None
    beat: Beat | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def database_url(self) -> str:
        return database_url_for(self.database)

    @property
    def log_path(self) -> Path | None:
        return self.web.log_path if self.web is not None else None

    def env(self) -> dict[str, str]:
        return app_env(
            self.database_url,
            self.redis_url,
            KIZUNA_CELERY_QUEUE=self.celery_queue,
            **self.extra_env,
        )

    def setup(self, *, counselors: int = 0, capacity: int = 10) -> None:
        """A fresh database, migrated, with `counselors` bench counselors."""
        log(f"creating database {self.database} and migrating")
        database_recreate(self.database)
        manage("migrate", "--no-input", "-v", "0", env=self.env())
        if counselors:
            counselors_create(self.env(), counselors, capacity=capacity)

    def start(self) -> None:
        """Start the worker (and beat), then uvicorn, and wait until it answers."""
        if not port_is_free(self.port):
            raise BenchError(f"port {self.port} on 127.0.0.1 is in use; choose another with --port")
        log_dir = Path(tempfile.mkdtemp(prefix="kizuna-bench-"))
        env = self.env()
        if self.with_worker:
            celery_queue_purge(self.redis_url, self.celery_queue)  # an earlier run's tasks
            self.worker = Worker(
                env,
                log_dir / "worker.log",
                queue=self.celery_queue,
                concurrency=self.worker_concurrency,
                loglevel="WARNING",
                ready_timeout=None,
            )
            if self.with_beat:
                self.beat = Beat(env, log_dir / "beat.log", loglevel="WARNING")
        self.web = Server(env, log_dir / "server.log", port=self.port, workers=self.web_workers)
        log(f"server up at {self.base_url} (log: {self.log_path})")

    def stop(self) -> None:
        """Stop the server, then beat and the worker; then drop what is left in our queue."""
        for process in (self.web, self.beat, self.worker):
            if process is not None:
                process.stop()
        if self.worker is not None:
            celery_queue_purge(self.redis_url, self.celery_queue)

    def tree(self) -> ProcessTree | None:
        return ProcessTree(self.web.pid) if self.web is not None else None

    def worker_tree(self) -> ProcessTree | None:
        return ProcessTree(self.worker.pid) if self.worker is not None else None

    def log_problems_since_last_call(self) -> list[str]:
        """Lines of the server's log mentioning errors, written since the previous call."""
        return self.web.problems_since_last_call() if self.web is not None else []

    def log_problems_shown(self) -> list[str]:
        """The same lines, the first five of them shown on stderr."""
        problems = self.log_problems_since_last_call()
        for line in problems[:5]:
            log(f"  server log: {line[:300]}")
        return problems

    def worker_log_problems(self) -> list[str]:
        return problem_lines(self.worker.output()) if self.worker is not None else []
