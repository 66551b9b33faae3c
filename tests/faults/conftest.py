"""Fixtures for the fault tests: real processes started (and always stopped) per test,
websocket clients on their own loop, and the database-side tools that make a fault land
at a known moment (a row lock to hold a transaction mid-way, backend termination)."""

import asyncio
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import psycopg2
import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from accounts.models import User
from bench.kit import http
from bench.kit.processes import Beat, Process, RedisServer, Server, Worker
from counseling.models import Message
from tests.accounts.factories import counselor
from tests.faults.clients import ChatClient, LoopThread, wait_until
from tests.support.staff import verified_login

P = TypeVar("P", bound=Process)


@pytest.fixture(autouse=True)
def quick_staff_passwords(settings: Any) -> None:
    """Staff here log in by session (verified_login), never by password: a fast hash
    spares a second of PBKDF2 per counselor on a busy machine."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def clients() -> Iterator[LoopThread]:
    """The loop the websocket clients run on; every client task ends with the test."""
    loop = LoopThread()
    yield loop
    loop.close()


class Stack:
    """Processes of one test; whatever happens, they are all stopped at its end."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.processes: list[Process] = []

    def _keep(self, process: P) -> P:
        self.processes.append(process)
        return process

    def server(self, env: dict[str, str], name: str = "server", **options: Any) -> Server:
        return self._keep(Server(env, self.log_dir / f"{name}.log", **options))

    def worker(self, env: dict[str, str], name: str = "worker") -> Worker:
        return self._keep(Worker(env, self.log_dir / f"{name}.log"))

    def beat(self, env: dict[str, str], name: str = "beat") -> Beat:
        """Celery beat: the periodic catch-ups (unscored messages, dropped counselors)."""
        return self._keep(Beat(env, self.log_dir / f"{name}.log"))

    def redis(self, name: str = "redis", **options: Any) -> RedisServer:
        return self._keep(RedisServer(self.log_dir / f"{name}.log", **options))

    def redis_again(self, redis: RedisServer) -> RedisServer:
        """An empty Redis on the stopped one's port: Redis without persistence restarting."""
        return self._keep(redis.restarted())

    def logs(self) -> str:
        """Every process's output, for a failure message."""
        return "\n".join(f"--- {p.log_path.name}\n{p.output()[-6000:]}" for p in self.processes)

    def stop_all(self) -> None:
        for process in reversed(self.processes):
            process.stop()


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[Stack]:
    started = Stack(tmp_path)
    yield started
    started.stop_all()


# --- Help-seekers and staff --------------------------------------------------------


def seeker_start(base_url: str, body: str) -> str:
    """Open a conversation as the page does (first message "first"); returns the token."""
    return http.seeker_start(base_url, body=body, client_id="first")


def seeker_client(name: str, urls: list[str], token: str, **options: Any) -> ChatClient:
    cookie = f"{settings.KIZUNA['SEEKER_COOKIE_NAME']}={token}"
    return ChatClient(
        name, urls=urls, path="/ws/seeker/", cookie=cookie, sender="seeker", **options
    )


def counselor_client(name: str, urls: list[str], user: User, **options: Any) -> ChatClient:
    """A console logged in as `user` (a session verified by their second factor)."""
    session = verified_login(Client(), user).cookies[settings.SESSION_COOKIE_NAME].value
    cookie = f"{settings.SESSION_COOKIE_NAME}={session}"
    return ChatClient(
        name, urls=urls, path="/ws/console/", cookie=cookie, sender="counselor", **options
    )


def pairs(
    clients: LoopThread,
    count: int,
    *,
    seeker_urls: Callable[[int], list[str]],
    counselor_urls: Callable[[int], list[str]],
    start_url: str,
) -> list[tuple[ChatClient, ChatClient]]:
    """`count` help-seekers each talking with their own counselor: (seeker, counselor)."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        tokens = list(
            pool.map(lambda i: seeker_start(start_url, f"hello, I am s{i}"), range(count))
        )
    seekers = [seeker_client(f"s{i}", seeker_urls(i), token) for i, token in enumerate(tokens)]
    staff = [counselor(display_name=f"Counselor {i}") for i in range(count)]
    consoles = [counselor_client(f"c{i}", counselor_urls(i), user) for i, user in enumerate(staff)]

    async def connect_and_take() -> None:
        await asyncio.gather(*(client.start() for client in [*seekers, *consoles]))
        await asyncio.gather(*(console.take_next() for console in consoles))

    clients.run(connect_and_take(), timeout=60 + 5 * count)
    by_conversation = {console.conversation: console for console in consoles}

    async def all_active() -> None:
        for seeker in seekers:
            await wait_until(
                partial(seeker.was_told, "active"), 30, f"{seeker.name} to be told of a counselor"
            )

    clients.run(all_active(), timeout=60)
    return [(seeker, by_conversation[seeker.conversation]) for seeker in seekers]


# What each pair said so far, by its help-seeker: {client id: body}.
Said = dict[ChatClient, dict[str, str]]


async def round_of(talking: list[tuple[ChatClient, ChatClient]], said: Said, label: str) -> None:
    """Each side of each pair says one thing (delivered now, or pending until it can be)."""
    for seeker, console in talking:
        for side in (seeker, console):
            body = f"{label}: {side.name} says something"
            said[seeker][await side.send(body)] = body


async def all_hold_everything(
    talking: list[tuple[ChatClient, ChatClient]], said: Said, timeout: float
) -> None:
    for seeker, console in talking:
        total = len(said[seeker]) + 1
        for side in (seeker, console):
            await wait_until(
                partial(side.holds, total), timeout, f"{side.name} to hold all {total} messages"
            )


# --- Checking that nothing was lost or doubled ------------------------------------------


def stored(conversation_id: str) -> list[tuple[int, str, str, str]]:
    return list(
        Message.objects.filter(conversation_id=conversation_id)
        .order_by("seq")
        .values_list("seq", "sender", "client_id", "body")
    )


def assert_every_message_once(
    conversation_id: str, sides: list[ChatClient], sent: dict[str, str]
) -> None:
    """The database holds each sent message exactly once (plus the opening one), with
    sequence numbers 1..n and no gap; every side holds exactly that transcript."""
    rows = stored(conversation_id)
    assert [row[0] for row in rows] == list(range(1, len(rows) + 1)), "gap in stored seq"
    by_client_id = {row[2]: row[3] for row in rows}
    assert len(by_client_id) == len(rows), "a client id stored twice"
    assert by_client_id == {"first": by_client_id.get("first"), **sent}, "lost or extra message"
    for side in sides:
        assert side.transcript() == rows, f"{side.name} does not hold the stored transcript"
        assert not side.pending, f"{side.name} still waits for {sorted(side.pending)}"
        assert not side.errors, f"{side.name} was refused: {side.errors}"


# --- The database, from outside Django --------------------------------------------------


def _dsn() -> dict[str, Any]:
    db = settings.DATABASES["default"]
    return {
        "dbname": db["NAME"],
        "user": db["USER"],
        "password": db.get("PASSWORD") or None,
        "host": db["HOST"],
        "port": db["PORT"],
    }


class RowLock:
    """A transaction of our own holding rows FOR UPDATE, so a process that needs them
    waits at a known point (mid-transaction) until we let go."""

    def __init__(self, table: str, ids: list[Any]) -> None:
        self.connection = psycopg2.connect(**_dsn())
        try:
            with self.connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                self.pid: int = cursor.fetchone()[0]
                cursor.execute(
                    f"SELECT id FROM {table} WHERE id::text = ANY(%s) FOR UPDATE",  # noqa: S608
                    ([str(i) for i in ids],),
                )
                assert cursor.rowcount == len(ids)
        except BaseException:
            self.connection.close()
            raise

    def blocked(self) -> list[int]:
        """Backends of this database waiting for our lock."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity"
                " WHERE datname = current_database() AND %s = ANY(pg_blocking_pids(pid))",
                [self.pid],
            )
            return [row[0] for row in cursor.fetchall()]

    def wait_blocked(self, timeout: float, what: str) -> list[int]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pids = self.blocked()
            if pids:
                return pids
            time.sleep(0.05)
        raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")

    def release(self) -> None:
        if not self.connection.closed:
            self.connection.rollback()
            self.connection.close()


def terminate_backends(*, keep: tuple[int, ...] = (), only: list[int] | None = None) -> int:
    """End other connections to this test's database (and only this database), as a
    database failover or a network cut does: all but `keep`, or `only` those. Returns how
    many were ended."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            " AND NOT pid = ANY(%s) AND (%s OR pid = ANY(%s))",
            [list(keep), only is None, list(only or [])],
        )
        return int(cursor.fetchone()[0])
