"""Shared helpers for Kizuna benchmarks: a private server on PostgreSQL + Redis, and clients.

`BenchServer` creates a fresh database, migrates it, creates staff and runs uvicorn as a
subprocess; `ServerTree` measures a server's memory and CPU; `HttpSession` and the
`seeker_start` / `staff_login` helpers speak the HTTP half of the protocol with the standard
library only. Everything runs on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from counseling.proof import proof_for

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = REPO / ".venv" / "bin"
PYTHON = VENV_BIN / "python"
UVICORN = VENV_BIN / "uvicorn"
CELERY = VENV_BIN / "celery"

PG_ADMIN_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
PG_URL_TEMPLATE = "postgres://postgres@127.0.0.1:5432/{name}"
REDIS_URL = "redis://127.0.0.1:6379/0"
# Our own Celery queue, so a benchmark never feeds (or eats) tasks of a test run or a dev
# worker sharing the same Redis, and whatever is left in it afterwards is ours to purge.
CELERY_QUEUE = "kizuna-bench"

COUNSELOR_PREFIX = "bench-counselor-"
STAFF_PASSWORD = "bench-Passphrase-2718"
HTTP_TIMEOUT = 30.0


class BenchError(RuntimeError):
    """The benchmark itself could not run (as opposed to the server misbehaving under it)."""


# --- Process limits and statistics ------------------------------------------------------


def raise_open_files_limit() -> int:
    """Raise RLIMIT_NOFILE to the hard limit (each conversation holds two sockets here)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def percentile(values: Iterable[float], q: float) -> float | None:
    """The q-th percentile (0..100), interpolated linearly between ranks; None if empty."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


# --- Measuring a server ----------------------------------------------------------------


class ServerTree:
    """Memory and CPU of a server process and all its children."""

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
        total = 0
        processes = self._processes()
        if not processes:
            return None
        for process in processes:
            try:
                total += process.memory_info().rss
            except psutil.Error:
                continue  # a child that exited between listing and reading
        return total / (1024 * 1024)

    def cpu_seconds(self) -> float | None:
        total = 0.0
        processes = self._processes()
        if not processes:
            return None
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


# --- A private server ------------------------------------------------------------------


@dataclass
class BenchServer:
    """A Kizuna ASGI server on its own PostgreSQL database, started and stopped by us."""

    port: int
    database: str = "kizuna_bench"
    redis_url: str = REDIS_URL
    extra_env: Mapping[str, str] = field(default_factory=dict)
    with_worker: bool = True
    # Celery beat beside the worker, as in docker-compose (its periodic catch-ups run).
    with_beat: bool = False
    # Benchmarks that may run side by side each use their own queue and channel prefix.
    celery_queue: str = CELERY_QUEUE
    worker_concurrency: int = 1
    # uvicorn processes (--workers), as WEB_CONCURRENCY in docker-compose.yml; 1 runs one.
    web_workers: int = 1
    process: subprocess.Popen[bytes] | None = None
    worker: subprocess.Popen[bytes] | None = None
    beat: subprocess.Popen[bytes] | None = None
    log_path: Path | None = None
    _log_offset: int = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def database_url(self) -> str:
        return PG_URL_TEMPLATE.format(name=self.database)

    def env(self) -> dict[str, str]:
        environment = dict(os.environ)
        environment.update(
            DATABASE_URL=self.database_url,
            REDIS_URL=self.redis_url,
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            DJANGO_SETTINGS_MODULE="config.settings",
            KIZUNA_CELERY_QUEUE=self.celery_queue,
            # A benchmark starts people far faster than any service's flood limit allows.
            KIZUNA_CONVERSATION_STARTS_PER_MINUTE="1000000",
            # ... and its starts are not what it measures: no admission proof (the
            # flood benchmark, bench/start_flood.py, turns it back on).
            KIZUNA_START_PROOF_BITS="0",
            PYTHONUNBUFFERED="1",
        )
        environment.update(self.extra_env)
        return environment

    def database_recreate(self) -> None:
        """Drop and create the benchmark database (never any other)."""
        import psycopg2  # imported here: only the self-contained mode needs it

        if not self.database.startswith("kizuna_bench"):
            raise BenchError(
                f"refusing to drop a database not named kizuna_bench*: {self.database}"
            )
        connection = psycopg2.connect(PG_ADMIN_DSN)
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
                cursor.execute(f'CREATE DATABASE "{self.database}"')
        finally:
            connection.close()

    def manage(self, *args: str, timeout: float = 300) -> str:
        result = subprocess.run(
            [str(PYTHON), "manage.py", *args],
            cwd=REPO,
            env=self.env(),
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

    def migrate(self) -> None:
        self.manage("migrate", "--no-input", "-v", "0")

    def counselors_create(self, count: int, *, capacity: int) -> list[str]:
        """Create `count` counselors through accounts.services.staff_create; return usernames."""
        return counselors_create(self.manage, count, capacity=capacity)

    def start(self, *, ready_timeout: float = 60) -> None:
        """Start uvicorn (and a Celery worker, as in docker-compose) and wait for it."""
        if not port_is_free(self.port):
            raise BenchError(f"port {self.port} on 127.0.0.1 is in use; choose another with --port")
        log_dir = Path(tempfile.mkdtemp(prefix="kizuna-bench-"))
        self.log_path = log_dir / "server.log"
        self.process = self._spawn(
            [
                str(UVICORN),
                "config.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--no-access-log",
                "--ws-max-size",
                "65536",
                *(["--workers", str(self.web_workers)] if self.web_workers > 1 else []),
            ],
            self.log_path,
        )
        if self.with_worker:
            self.celery_queue_purge()  # tasks of an earlier run name rows that are gone
            self.worker = self._spawn(
                [
                    str(CELERY),
                    "-A",
                    "config",
                    "worker",
                    "-Q",
                    self.celery_queue,
                    "--concurrency",
                    str(self.worker_concurrency),
                    "--loglevel",
                    "WARNING",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                ],
                log_dir / "worker.log",
            )
        if self.with_worker and self.with_beat:
            self.beat = self._spawn(
                [
                    str(CELERY),
                    "-A",
                    "config",
                    "beat",
                    "--schedule",
                    str(log_dir / "beat-schedule"),
                    "--loglevel",
                    "WARNING",
                ],
                log_dir / "beat.log",
            )
        wait_until_answers(self.base_url, timeout=ready_timeout, process=self.process)

    def _spawn(self, command: list[str], log_path: Path) -> subprocess.Popen[bytes]:
        with log_path.open("wb") as log:
            return subprocess.Popen(
                command,
                cwd=REPO,
                env=self.env(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # so stop() can signal the whole group
            )

    def stop(self) -> None:
        """Stop the server, then beat and the worker; then drop what is left in our queue."""
        for process in (self.process, self.beat, self.worker):
            if process is not None:
                _terminate_group(process)
        if self.worker is not None:
            self.celery_queue_purge()

    def celery_queue_purge(self) -> None:
        """Drop the tasks left in our own queue (never another queue)."""
        with contextlib.suppress(Exception):
            import redis  # the Celery broker client, installed with celery[redis]

            redis.Redis.from_url(self.redis_url).delete(self.celery_queue)

    def worker_tree(self) -> ServerTree | None:
        return ServerTree(self.worker.pid) if self.worker is not None else None

    def tree(self) -> ServerTree | None:
        return ServerTree(self.process.pid) if self.process is not None else None

    def log_problems_since_last_call(self) -> list[str]:
        """Lines of the server log mentioning errors, written since the previous call."""
        if self.log_path is None or not self.log_path.exists():
            return []
        with self.log_path.open("rb") as log:
            log.seek(self._log_offset)
            chunk = log.read()
            self._log_offset = log.tell()
        return [
            line
            for line in chunk.decode("utf-8", "replace").splitlines()
            if "Traceback" in line or " ERROR " in line or "Exception" in line
        ]


def celery_queue_length(redis_url: str, queue: str) -> int | None:
    """Tasks waiting in a Celery queue on the Redis broker (None if Redis cannot tell)."""
    try:
        import redis

        return int(redis.Redis.from_url(redis_url, socket_timeout=2).llen(queue))
    except Exception:
        return None


def _terminate_group(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    try:
        # The leader only: a Celery worker then stops its pool itself (a warm shutdown).
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=15)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def counselors_create(manage: Any, count: int, *, capacity: int) -> list[str]:
    """Create counselors via `manage.py shell`; `manage` runs manage.py with the right env.

    PBKDF2 costs over a second per hash here; the accounts share one password, so it is
    hashed once and the hash reused instead of hashing the same text `count` times.
    """
    usernames = [f"{COUNSELOR_PREFIX}{index:03d}" for index in range(1, count + 1)]
    script = f"""
import django.contrib.auth.base_user as base_user
from django.contrib.auth.hashers import make_password
from accounts.services import staff_create
hashed = make_password({STAFF_PASSWORD!r})
base_user.make_password = lambda raw_password, *args, **kwargs: hashed
for username in {usernames!r}:
    staff_create(username=username, password={STAFF_PASSWORD!r}, role="counselor",
                 display_name=username, capacity={capacity})
"""
    manage("shell", "-c", script)
    return usernames


def wait_until_answers(
    base_url: str, *, timeout: float, process: subprocess.Popen[bytes] | None = None
) -> None:
    deadline = time.monotonic() + timeout
    last_error = ""
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise BenchError(f"server exited with code {process.returncode} before answering")
        try:
            status, _headers, _body = HttpSession(base_url).request("GET", "/chat/", timeout=2)
            if status == 200:
                return
            last_error = f"HTTP {status}"
        except OSError as exc:
            last_error = str(exc)
        time.sleep(0.2)
    raise BenchError(f"server at {base_url} did not answer within {timeout:.0f} s ({last_error})")


# --- HTTP with cookies, standard library only -------------------------------------------


class HttpSession:
    """A tiny cookie-keeping HTTP/1.1 client for 127.0.0.1 (blocking; run it in a thread)."""

    def __init__(self, base_url: str) -> None:
        parsed = urllib.parse.urlsplit(base_url)
        if parsed.scheme != "http" or not parsed.hostname:
            raise BenchError(f"only http:// URLs are supported, not {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self.host = parsed.hostname
        self.port = parsed.port or 80
        self.origin = f"http://{parsed.netloc}"
        self.cookies: dict[str, str] = {}

    def cookie_header(self, names: Iterable[str] | None = None) -> str:
        chosen = self.cookies if names is None else {n: self.cookies[n] for n in names}
        return "; ".join(f"{name}={value}" for name, value in chosen.items())

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float = HTTP_TIMEOUT,
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            sent_headers = {"Origin": self.origin, "Referer": f"{self.origin}{path}"}
            if self.cookies:
                sent_headers["Cookie"] = self.cookie_header()
            sent_headers.update(headers or {})
            connection.request(method, path, body=body, headers=sent_headers)
            response = connection.getresponse()
            payload = response.read()
        finally:
            connection.close()
        for raw in response.headers.get_all("Set-Cookie") or []:
            parsed: SimpleCookie = SimpleCookie()
            parsed.load(raw)
            for name, morsel in parsed.items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, payload


def chat_csrf_token(base_url: str) -> str:
    """The `csrftoken` cookie a help-seeker gets with the chat page (GET /chat/)."""
    session = HttpSession(base_url)
    status, _headers, _payload = session.request("GET", "/chat/")
    if status != 200 or "csrftoken" not in session.cookies:
        raise BenchError(f"GET /chat/ answered {status} without a csrftoken cookie")
    return session.cookies["csrftoken"]


def chat_start_post(
    base_url: str, *, csrf_token: str, body: str, client_id: str, language: str = "en"
) -> tuple[str, dict[str, Any]]:
    """POST /chat/start only (the chat page was loaded earlier, giving `csrf_token`).

    Returns the `kizuna_seeker` token and the response JSON ({"message": {...}}).
    """
    session = HttpSession(base_url)
    session.cookies["csrftoken"] = csrf_token
    start: dict[str, Any] = {"body": body, "client_id": client_id, "language": language}
    for _attempt in range(6):
        status, _headers, payload = session.request(
            "POST",
            "/chat/start",
            body=json.dumps(start).encode(),
            headers={"Content-Type": "application/json", "X-CSRFToken": csrf_token},
        )
        # A server that asks for admission work (counseling/admission.py) sends a
        # challenge with its refusal: solve it and start again, as the page does.
        refusal = json.loads(payload) if status == 429 else {}
        if refusal.get("error") != "admission":
            break
        start["admission"] = proof_for(refusal)
    if status != 201 or "kizuna_seeker" not in session.cookies:
        raise BenchError(f"POST /chat/start answered {status}: {payload[:200]!r}")
    try:
        answer = json.loads(payload)
    except ValueError as exc:
        raise BenchError(f"POST /chat/start answered non-JSON: {payload[:200]!r}") from exc
    return session.cookies["kizuna_seeker"], answer


def seeker_start(base_url: str, *, body: str, client_id: str, language: str = "en") -> str:
    """Open a conversation as a help-seeker would; return the `kizuna_seeker` token."""
    csrf_token = chat_csrf_token(base_url)
    token, _answer = chat_start_post(
        base_url, csrf_token=csrf_token, body=body, client_id=client_id, language=language
    )
    return token


def staff_login(
    base_url: str, *, username: str, password: str, totp_secret: str | None = None
) -> str:
    """Log a staff member in; return the Cookie header value their console socket needs.

    Two-factor login as a person does it: password, then a code computed from the
    authenticator key. An account without an authenticator yet (staff_create resets it)
    goes through the setup page, whose key is read from the page; one that has it needs
    `totp_secret` (base32).
    """
    import re

    session = HttpSession(base_url)
    status, _headers, _payload = session.request("GET", "/accounts/login/")
    if status != 200 or "csrftoken" not in session.cookies:
        raise BenchError(f"GET /accounts/login/ answered {status} without a csrftoken cookie")

    def post(path: str, fields: dict[str, str]) -> tuple[int, Any]:
        form = {**fields, "csrfmiddlewaretoken": session.cookies["csrftoken"]}
        status, headers, _payload = session.request(
            "POST",
            path,
            body=urllib.parse.urlencode(form).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        return status, headers

    status, headers = post("/accounts/login/", {"username": username, "password": password})
    step = headers.get("Location", "") if status == 302 else ""
    if step.endswith("/accounts/login/setup/"):
        status, _headers, page = session.request("GET", "/accounts/login/setup/")
        found = re.search(r'data-secret="([A-Z2-7 ]+)"', page.decode())
        if status != 200 or found is None:
            raise BenchError(f"setup page for {username} answered {status} without a key")
        status, headers = post("/accounts/login/setup/", {"code": _totp_now(found.group(1))})
    elif step.endswith("/accounts/login/code/"):
        if totp_secret is None:
            raise BenchError(
                f"{username} has two-factor login set up: pass totp_secret, or recreate the "
                "account with accounts.services.staff_create"
            )
        status, headers = post("/accounts/login/code/", {"code": _totp_now(totp_secret)})
    if status != 302 or "sessionid" not in session.cookies:
        raise BenchError(f"login of {username} answered {status} without a session")
    return session.cookie_header(["sessionid", "csrftoken"])


def _totp_now(secret: str) -> str:
    """The current 6-digit code (RFC 6238, 30 s, SHA-1) for a base32 key."""
    import base64
    import hashlib
    import hmac
    import re
    import struct

    compact = re.sub(r"\s", "", secret).upper()
    key = base64.b32decode(compact + "=" * (-len(compact) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def websocket_url(base_url: str, path: str) -> str:
    parsed = urllib.parse.urlsplit(base_url)
    return f"ws://{parsed.netloc}{path}"


def origin_of(base_url: str) -> str:
    parsed = urllib.parse.urlsplit(base_url)
    return f"{parsed.scheme}://{parsed.netloc}"


def log(message: str) -> None:
    """Progress goes to stderr so stdout holds only the tables and the JSON line."""
    print(message, file=sys.stderr, flush=True)


# --- Websocket clients shared by the load generators -----------------------------------

CONNECT_TIMEOUT = 15.0
CLOSE_TIMEOUT = 5.0


async def open_socket(
    base_url: str,
    path: str,
    cookie: str,
    *,
    max_size: int = 8 * 1024 * 1024,
    open_timeout: float = CONNECT_TIMEOUT,
) -> Any:
    """A websocket as a browser opens it: same-origin Origin header, the page's cookies.

    A browser waits for a slow handshake far longer than CONNECT_TIMEOUT; a generator
    that wants to measure how slow it gets passes a longer `open_timeout`.
    """
    from websockets.asyncio.client import connect

    return await connect(
        websocket_url(base_url, path),
        origin=origin_of(base_url),  # type: ignore[arg-type]
        additional_headers={"Cookie": cookie},
        open_timeout=open_timeout,
        close_timeout=CLOSE_TIMEOUT,
        ping_interval=None,  # browsers do not ping; the server does
        max_size=max_size,
    )


class FrameReader:
    """Reads a websocket in the background and hands each JSON frame to `on_frame`.

    Bad frames and closes nobody asked for are reported through `error(kind)`, named
    after `side` ("seeker", "counselor", "console"), so every generator counts them alike.
    """

    def __init__(self, side: str, ws: Any, error: Any) -> None:
        import asyncio

        self.side = side
        self.ws = ws
        self.error = error
        self.closing = False
        self.reader = asyncio.create_task(self._read())

    def on_frame(self, frame: dict[str, Any], received_at: float, size: int) -> None:
        raise NotImplementedError

    async def _read(self) -> None:
        from websockets.exceptions import ConnectionClosed

        try:
            async for raw in self.ws:
                received_at = time.perf_counter()
                try:
                    frame = json.loads(raw)
                except ValueError:
                    self.error("bad_frame")
                    continue
                self.on_frame(frame, received_at, len(raw))
        except ConnectionClosed as closed:
            if not self.closing:
                code = closed.rcvd.code if closed.rcvd is not None else "none"
                self.error(f"{self.side}_closed_unexpectedly:{code}")
            return
        if not self.closing:
            self.error(f"{self.side}_closed_unexpectedly")

    async def close(self) -> None:
        import asyncio

        from websockets.exceptions import WebSocketException

        self.closing = True
        with contextlib.suppress(TimeoutError, WebSocketException, OSError):
            await asyncio.wait_for(self.ws.close(), CLOSE_TIMEOUT)
        self.reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.reader


# --- Conversations: chat text and staff logins (chat_latency, soak) ---------------------

CHAT_PHRASES = (
    "i have been feeling really low lately",
    "it is hard to talk to anyone about it",
    "thank you for listening",
    "that sounds exhausting",
    "can you tell me more about what happened today",
    "things at school have been bad",
    "work has been too much this week",
    "my friends do not understand",
    "i have not been sleeping well",
    "it helps to hear that",
    "what would make tonight a little easier for you",
    "i am here with you",
    "we can take this one step at a time",
    "is there someone you trust nearby",
)


def message_body(rng: Any) -> str:
    """A realistic chat line of 20-200 characters (`rng` is a random.Random)."""
    target = rng.randint(20, 200)
    body = rng.choice(CHAT_PHRASES)
    while len(body) < target:
        body = f"{body}, {rng.choice(CHAT_PHRASES)}"
    return str(body[:target].rstrip(" ,"))


async def staff_log_in_all(
    logins: Iterable[tuple[str, str]], executor: Any, *, concurrency: int = 8
) -> list[str]:
    """Log staff in, `concurrency` at a time (each login is a PBKDF2 check on the server,
    and a server process checks one at a time: more at once only wait longer).

    `logins` are (base_url, username) pairs, all with STAFF_PASSWORD; returns the Cookie
    header value of each, in the same order. `executor` runs the blocking HTTP calls.
    Raises BenchError naming the first login that failed.
    """
    import asyncio
    from functools import partial

    loop = asyncio.get_running_loop()
    limit = asyncio.Semaphore(concurrency)

    async def one(base_url: str, username: str) -> str:
        async with limit:
            login = partial(staff_login, base_url, username=username, password=STAFF_PASSWORD)
            return await asyncio.wait_for(loop.run_in_executor(executor, login), 300)

    pairs = list(logins)
    answers = await asyncio.gather(*(one(url, name) for url, name in pairs), return_exceptions=True)
    for (url, name), answer in zip(pairs, answers, strict=True):
        if isinstance(answer, BaseException):
            raise BenchError(f"login of {name} at {url} failed: {answer!r}")
    return [str(answer) for answer in answers]


def log_problem_lines(path: Path | None) -> list[str]:
    """Lines of a log file mentioning errors: as BenchServer reads its own, plus Celery's
    "[time: ERROR/ForkPoolWorker-1]" and CRITICAL lines (for a worker's log)."""
    if path is None or not path.exists():
        return []
    markers = ("Traceback", " ERROR ", "Exception", ": ERROR/", "CRITICAL")
    text = path.read_text("utf-8", "replace")
    return [line for line in text.splitlines() if any(marker in line for marker in markers)]
