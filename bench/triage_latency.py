"""Triage latency: help-seeker message sent -> a counselor console sees the reordered queue.

Each arrival is a NEW help-seeker: POST /chat/start with a first message drawn from a mix
of imminent, high, medium and low-risk texts. A real Celery worker scores it
(triage.tasks.message_assess), updates the conversation's risk and reorders the waiting
queue, and every console receives {"type": "queue", "entries": [...]}. One logged-in
counselor console listens; the latency of a message is from just before its POST to the
first queue frame in which that conversation's entry has risk_tier != "unknown".

Arrivals are Poisson (exponential gaps) at each rate of --rates for --duration seconds,
never in lockstep. Each help-seeker then connects to /ws/seeker/ (as a browser would, so
position frames are part of the load) and, once measured, leaves the queue ({"type":
"end"}), so the queue stays short: queue frames carry only the first 50 entries, and a
scored person always sorts ahead of the not-yet-assessed, so a scored entry is visible.

Per rate it reports p50/p95/p99/max, measured vs missing (no scored frame within
--drain s after sending stops), errors, tiers seen vs expected, a breakdown of where the
time goes (POST answered; assessment row written, from the database; frame received),
assessments written per second by the worker, the Celery queue's peak depth, CPU% and
RSS of the server and the worker, and other load on the machine.

Run (sets up its own database `kizuna_bench_triage`, a counselor, uvicorn on --port and
a Celery worker on its own queue):

    .venv/bin/python -m bench.triage_latency                    # 1, 10, 50 msg/s; 20 s each
    .venv/bin/python -m bench.triage_latency --rates 5 --duration 10
    .venv/bin/python -m bench.triage_latency --url http://127.0.0.1:8000 \\
        --database-url postgres://postgres@127.0.0.1:5432/kizuna --server-pid 1234

With --url the server needs a counselor bench-counselor-001 with the benchmark password
(--database-url creates it, and enables the database breakdown). Prints a table per
rate, then one JSON line. Never fails on a time: exit 0 unless the benchmark could not run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import random
import re
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import psutil
from websockets.asyncio.client import ClientConnection
from websockets.exceptions import WebSocketException

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # also as python bench/x.py

from bench.kit import BenchError, cli
from bench.kit.cli import log
from bench.kit.http import chat_csrf_token, chat_start_post, seeker_cookie, staff_login
from bench.kit.load import poisson
from bench.kit.processes import (
    COUNSELOR_PREFIX,
    STAFF_PASSWORD,
    BenchServer,
    MachineLoad,
    Meters,
    ProcessTree,
    bench_target,
    raise_open_files_limit,
)
from bench.kit.services import REDIS_URL, celery_queue_length, redis_connections
from bench.kit.sockets import SEND_TIMEOUT, FrameReader, open_socket
from bench.kit.stats import Tally, cpu_pct, mb, ms, percentile

DATABASE = "kizuna_bench_triage"
CELERY_QUEUE = "kizuna-bench-triage"
CHANNEL_PREFIX = "kizuna-bench-triage"
COUNSELOR = f"{COUNSELOR_PREFIX}001"
FRAME_TIMEOUT = 15.0
POST_TIMEOUT = 60.0

# (text, tier triage.engine.assess gives it, weight). Checked with assess(text, "en").
TEXTS: tuple[tuple[str, str, int], ...] = (
    ("I have the pills here and I'm going to end it tonight", "imminent", 1),
    ("I am going to jump off the bridge tonight", "imminent", 1),
    ("I want to kill myself", "high", 2),
    ("I keep thinking about killing myself", "high", 2),
    ("I feel hopeless, nothing will ever change", "medium", 3),
    ("I don't want to be here anymore", "medium", 3),
    ("I had a long day at work and I feel a bit low", "low", 4),
    ("I feel so lonely lately", "low", 4),
)


# --- One console, many arrivals --------------------------------------------------------


@dataclass
class Arrival:
    index: int
    text: str
    expected_tier: str
    t0: float  # perf_counter just before the POST
    t0_wall: float  # time.time() at the same moment, to compare with database timestamps
    posted_at: float | None = None
    conversation: str | None = None
    seen_at: float | None = None  # first queue frame with its tier assessed
    seen_tier: str | None = None


@dataclass
class RunTally(Tally):
    queue_frames: int = 0
    queue_bytes: int = 0
    max_waiting: int = 0
    max_entries: int = 0
    alerts: int = 0
    position_frames: int = 0


class Console(FrameReader):
    """A counselor console that records, per conversation, when it first looked scored."""

    def __init__(self, ws: ClientConnection, tally: RunTally) -> None:
        self.tally = tally
        self.scored: dict[str, tuple[float, float, str]] = {}  # id -> (perf, wall, tier)
        self.trace: list[dict[str, Any]] | None = None  # every queue frame, with --trace
        self.waiters: dict[str, asyncio.Future[None]] = {}
        self.hello = asyncio.get_running_loop().create_future()
        super().__init__("console", ws, tally.error)

    def on_frame(self, frame: dict[str, Any], received_at: float, size: int) -> None:
        kind = frame.get("type")
        if kind == "queue":
            self._on_queue(frame, received_at, time.time(), size)
        elif kind == "hello" and not self.hello.done():
            self.hello.set_result(None)
        elif kind == "alert":
            self.tally.alerts += 1
        elif kind == "error":
            self.tally.error(f"console_error_frame:{frame.get('code')}")

    def _on_queue(self, frame: dict[str, Any], at: float, wall: float, size: int) -> None:
        self.tally.queue_frames += 1
        self.tally.queue_bytes += size
        entries = frame.get("entries") or []
        if self.trace is not None:
            self.trace.append(
                {
                    "frame_wall": wall,
                    "waiting": frame.get("waiting"),
                    "entries": [[e.get("id"), e.get("risk_tier")] for e in entries],
                }
            )
        self.tally.max_entries = max(self.tally.max_entries, len(entries))
        self.tally.max_waiting = max(self.tally.max_waiting, int(frame.get("waiting") or 0))
        for entry in entries:
            conversation = str(entry.get("id"))
            tier = entry.get("risk_tier")
            if tier == "unknown" or conversation in self.scored:
                continue
            self.scored[conversation] = (at, wall, str(tier))
            waiter = self.waiters.pop(conversation, None)
            if waiter is not None and not waiter.done():
                waiter.set_result(None)

    async def scored_frame(self, conversation: str, timeout: float) -> bool:
        """Wait until a queue frame showed `conversation` assessed; False on timeout."""
        if conversation in self.scored:
            return True
        waiter = self.waiters.setdefault(conversation, asyncio.get_running_loop().create_future())
        try:
            await asyncio.wait_for(asyncio.shield(waiter), timeout)
        except TimeoutError:
            return conversation in self.scored
        return True


class SeekerReader(FrameReader):
    """A help-seeker's socket, read as a browser would (unread frames would stall the
    server's sends to it), noting the status frame that confirms leaving the queue."""

    def __init__(self, ws: ClientConnection, tally: RunTally) -> None:
        self.tally = tally
        self.ended: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        super().__init__("seeker", ws, self._error)

    def _error(self, kind: str) -> None:
        if kind.startswith("seeker_closed_unexpectedly"):
            if not self.ended.done():
                self.tally.error("seeker_closed_unexpectedly")
                resolve(self.ended)  # nothing more will come: do not wait for it
            return
        self.tally.error(kind)

    def on_frame(self, frame: dict[str, Any], received_at: float, size: int) -> None:
        kind = frame.get("type")
        if kind == "position":
            self.tally.position_frames += 1
        elif kind == "error":
            self.tally.error(f"seeker_error_frame:{frame.get('code')}")
        elif kind == "conversation" and frame.get("status") in {"ended", "abandoned"}:
            resolve(self.ended)

    async def leave(self) -> None:
        """Leave the queue ({"type": "end"}) and wait for the "abandoned" status frame."""
        try:
            await asyncio.wait_for(self.ws.send(json.dumps({"type": "end"})), SEND_TIMEOUT)
            await asyncio.wait_for(asyncio.shield(self.ended), FRAME_TIMEOUT)
        except TimeoutError:
            self.tally.error("end_not_confirmed")
        except (WebSocketException, OSError):
            self.tally.error("seeker_end_failed")


# --- One rate ---------------------------------------------------------------------------


@dataclass
class Options:
    base_url: str
    duration: float
    drain: float
    console_cookie: str
    seed: int
    database_url: str | None
    redis_url: str
    celery_queue: str
    trace_path: Path | None = None


class RateRun:
    """Poisson arrivals of new help-seekers at `rate` per second; measure; clean up."""

    def __init__(
        self,
        rate: float,
        options: Options,
        executor: ThreadPoolExecutor,
        server_tree: ProcessTree | None,
        worker_tree: ProcessTree | None,
    ) -> None:
        self.rate = rate
        self.options = options
        self.executor = executor
        self.meters = Meters({"server": server_tree, "worker": worker_tree})
        self.tally = RunTally()
        self.rng = random.Random(f"{options.seed}-{rate}")
        self.run_tag = f"t{int(rate * 100)}x{int(time.time()) % 100000}"
        self.ids = itertools.count(1)
        self.arrivals: list[Arrival] = []
        self.seekers: list[asyncio.Task[None]] = []
        self.drain_ends = float("inf")  # set when sending stops
        self.celery_depth_max = 0
        self.console: Console | None = None

    async def run(self) -> dict[str, Any]:
        ws = await open_socket(self.options.base_url, "/ws/console/", self.options.console_cookie)
        self.console = Console(ws, self.tally)
        if self.options.trace_path is not None:
            self.console.trace = []
        try:
            await asyncio.wait_for(self.console.hello, FRAME_TIMEOUT)
        except TimeoutError as exc:
            await self.console.close()
            raise BenchError("the counselor console got no hello frame") from exc
        sampler = asyncio.create_task(self._sample())
        load = MachineLoad()
        try:
            cpu_start = self.meters.cpu()
            redis_connections_start = redis_connections(self.options.redis_url)
            load.start()
            started = time.perf_counter()
            started_wall = time.time()
            log(f"rate {self.rate}/s: sending for {self.options.duration:.0f} s")
            await self._send_poisson(started + self.options.duration)
            sent_for = time.perf_counter() - started
            cpu_end = self.meters.cpu()
            redis_connections_end = redis_connections(self.options.redis_url)
            machine_pct, busiest = load.stop(exclude=self.meters.pids())
            ended_wall = time.time()
            self.drain_ends = time.perf_counter() + self.options.drain
            log(f"rate {self.rate}/s: waiting up to {self.options.drain:.0f} s for the last frames")
            try:
                await asyncio.wait_for(
                    asyncio.gather(*self.seekers), self.options.drain + 3 * FRAME_TIMEOUT
                )
            except TimeoutError:
                self.tally.error("seekers_overran")
            result = self.figures(sent_for)
            result.update(self._cpu_figures(cpu_start, cpu_end, sent_for))
            result["machine_cpu_pct"] = round(machine_pct)
            result["busiest_other_processes"] = busiest
            result.update(await self._database_figures(started_wall, ended_wall))
            result["celery_queue_max"] = self.celery_depth_max
            if redis_connections_start is not None and redis_connections_end is not None:
                # New connections to Redis per second while sending (all clients of Redis).
                result["redis_new_connections_per_s"] = round(
                    (redis_connections_end - redis_connections_start) / sent_for, 1
                )
            result["celery_queue_drained_s"] = await self._celery_drain()
            result.update(self.tally.error_figures())
            self._trace_write()
            return result
        finally:
            sampler.cancel()
            for task in self.seekers:
                task.cancel()
            await asyncio.gather(*self.seekers, return_exceptions=True)
            await self.console.close()

    async def _send_poisson(self, ends: float) -> None:
        async for _due in poisson(self.rng, self.rate, ends):
            text, tier, _weight = self.rng.choices(TEXTS, weights=[w for *_, w in TEXTS])[0]
            self.seekers.append(asyncio.create_task(self._seeker(text, tier)))

    def _post(self, arrival: Arrival, client_id: str) -> tuple[str, dict[str, Any]]:
        """In a thread: load the chat page (each help-seeker is a browser of their own:
        the server refuses a second start from one), then POST /chat/start, stamping the
        time just before the POST."""
        csrf_token = chat_csrf_token(self.options.base_url)
        arrival.t0 = time.perf_counter()
        arrival.t0_wall = time.time()
        token, answer = chat_start_post(
            self.options.base_url,
            csrf_token=csrf_token,
            body=arrival.text,
            client_id=client_id,
        )
        arrival.posted_at = time.perf_counter()
        return token, answer

    async def _seeker(self, text: str, tier: str) -> None:
        """One help-seeker: start, wait in the queue until measured, then leave it."""
        assert self.console is not None
        arrival = Arrival(len(self.arrivals), text, tier, time.perf_counter(), time.time())
        self.arrivals.append(arrival)
        loop = asyncio.get_running_loop()
        client_id = f"{self.run_tag}-{next(self.ids)}"
        try:
            token, answer = await asyncio.wait_for(
                loop.run_in_executor(self.executor, self._post, arrival, client_id),
                POST_TIMEOUT,
            )
            arrival.conversation = str(answer["message"]["conversation"])
        except TimeoutError:
            self.tally.error("chat_start_timeout")
            return
        except BenchError as exc:
            status = re.search(r"answered (\d+)", str(exc))
            self.tally.error(f"chat_start_http_{status.group(1) if status else 'bad'}")
            return
        except (OSError, KeyError, TypeError) as exc:
            self.tally.error(f"chat_start_failed:{type(exc).__name__}")
            return
        seeker: SeekerReader | None = None
        try:
            try:
                seeker = await self._seeker_connect(token)
            except TimeoutError:
                self.tally.error("seeker_connect_timeout")
            except (WebSocketException, OSError) as exc:
                self.tally.error(f"seeker_connect_failed:{type(exc).__name__}")
            # Wait for the scored frame while sending, then up to the end of the drain.
            while not await self.console.scored_frame(arrival.conversation, 1.0):
                if time.perf_counter() >= self.drain_ends:
                    break
            if arrival.conversation in self.console.scored:
                at, _wall, seen_tier = self.console.scored[arrival.conversation]
                arrival.seen_at, arrival.seen_tier = at, seen_tier
            if seeker is None:
                # Connecting failed under load: try once more, so nobody is left waiting.
                with contextlib.suppress(TimeoutError, WebSocketException, OSError):
                    seeker = await self._seeker_connect(token)
            if seeker is not None:
                await seeker.leave()
        finally:
            if seeker is not None:
                await seeker.close()

    async def _seeker_connect(self, token: str) -> SeekerReader:
        ws = await open_socket(self.options.base_url, "/ws/seeker/", seeker_cookie(token))
        return SeekerReader(ws, self.tally)

    def _trace_write(self) -> None:
        """With --trace: one JSON line per arrival and per queue frame (wall-clock times)."""
        if self.options.trace_path is None or self.console is None:
            return
        with self.options.trace_path.open("a", encoding="utf-8") as out:
            for arrival in self.arrivals:
                seen = self.console.scored.get(arrival.conversation or "")
                record = {
                    "rate": self.rate,
                    "kind": "arrival",
                    "conversation": arrival.conversation,
                    "expected": arrival.expected_tier,
                    "t0_wall": arrival.t0_wall,
                    "post_ms": (
                        1000 * (arrival.posted_at - arrival.t0) if arrival.posted_at else None
                    ),
                    "seen_wall": seen[1] if seen else None,
                }
                out.write(json.dumps(record) + "\n")
            for frame in self.console.trace or []:
                out.write(json.dumps({"rate": self.rate, "kind": "frame", **frame}) + "\n")

    # --- Measurements of the processes and the database ---------------------------------

    def _cpu_figures(
        self, start: dict[str, float | None], end: dict[str, float | None], elapsed: float
    ) -> dict[str, Any]:
        figures: dict[str, Any] = {
            f"{name}_cpu_pct": cpu_pct(start[name], end[name], elapsed) for name in start
        }
        for name in ("server", "worker"):
            figures[f"{name}_rss_mb_peak"] = mb(self.meters.rss[name].get("peak"))
        return figures

    async def _sample(self) -> None:
        """Every half second: RSS of server and worker, depth of the Celery queue."""
        loop = asyncio.get_running_loop()
        while True:
            self.meters.note_rss("now")
            depth = await loop.run_in_executor(
                self.executor,
                partial(celery_queue_length, self.options.redis_url, self.options.celery_queue),
            )
            if depth is not None:
                self.celery_depth_max = max(self.celery_depth_max, depth)
            await asyncio.sleep(0.5)

    async def _celery_drain(self, limit: float = 120.0) -> float | None:
        """Wait (bounded) until the worker has emptied its queue, so rates do not overlap."""
        loop = asyncio.get_running_loop()
        started = time.perf_counter()
        while time.perf_counter() - started < limit:
            depth = await loop.run_in_executor(
                self.executor,
                partial(celery_queue_length, self.options.redis_url, self.options.celery_queue),
            )
            if not depth:
                return round(time.perf_counter() - started, 1)
            await asyncio.sleep(0.5)
        self.tally.error("celery_queue_not_drained")
        return None

    async def _database_figures(self, started_wall: float, ended_wall: float) -> dict[str, Any]:
        """Where the time went, from the assessment rows the worker wrote (if we can read)."""
        if not self.options.database_url:
            return {}
        loop = asyncio.get_running_loop()
        ids = [a.conversation for a in self.arrivals if a.conversation]
        try:
            rows, window_count, still_waiting = await loop.run_in_executor(
                self.executor,
                partial(assessments_read, self.options.database_url, ids, started_wall, ended_wall),
            )
        except Exception as exc:  # the figures are extra; the latency stands without them
            log(f"rate {self.rate}/s: database breakdown unavailable: {exc}")
            return {"db_error": str(exc)[:200]}
        by_conversation = {a.conversation: a for a in self.arrivals if a.conversation}
        to_message, to_assessed, to_frame, db_tiers = [], [], [], Counter[str]()
        for conversation, message_at, assessed_at, tier in rows:
            arrival = by_conversation.get(conversation)
            if arrival is None:
                continue
            db_tiers[tier] += 1
            to_message.append(1000 * (message_at - arrival.t0_wall))
            to_assessed.append(1000 * (assessed_at - arrival.t0_wall))
            seen = self.console.scored.get(conversation) if self.console else None
            if seen is not None:
                to_frame.append(1000 * (seen[1] - assessed_at))
        return {
            "assessed": len(rows),
            "assessments_per_s": round(window_count / max(ended_wall - started_wall, 1e-6), 2),
            "stage_ms": {
                "message_row_p50": ms(percentile(to_message, 50)),
                "assessment_row_p50": ms(percentile(to_assessed, 50)),
                "assessment_row_p99": ms(percentile(to_assessed, 99)),
                "assessed_to_frame_p50": ms(percentile(to_frame, 50)),
                "assessed_to_frame_p99": ms(percentile(to_frame, 99)),
            },
            "db_tiers": dict(db_tiers),
            "left_waiting": still_waiting,
        }

    def figures(self, sent_for: float) -> dict[str, Any]:
        started = [a for a in self.arrivals if a.conversation]
        measured = [a for a in started if a.seen_at is not None]
        latencies = [1000 * (a.seen_at - a.t0) for a in measured if a.seen_at is not None]
        posts = [1000 * (a.posted_at - a.t0) for a in started if a.posted_at is not None]
        seen_tiers = Counter(a.seen_tier for a in measured)
        by_tier = {}
        for tier in ("imminent", "high", "medium", "low"):
            values = [
                1000 * (a.seen_at - a.t0)
                for a in measured
                if a.expected_tier == tier and a.seen_at is not None
            ]
            by_tier[tier] = {"n": len(values), "p50_ms": ms(percentile(values, 50))}
        return {
            "rate": self.rate,
            "sent": len(self.arrivals),
            "measured": len(measured),
            "p50_ms": ms(percentile(latencies, 50)),
            "p95_ms": ms(percentile(latencies, 95)),
            "p99_ms": ms(percentile(latencies, 99)),
            "max_ms": ms(max(latencies, default=None)),
            "missing": len(started) - len(measured),
            "offered_per_s": round(len(self.arrivals) / sent_for, 2),
            "post_p50_ms": ms(percentile(posts, 50)),
            "post_p99_ms": ms(percentile(posts, 99)),
            "by_expected_tier": by_tier,
            "seen_tiers": dict(seen_tiers),
            "tier_mismatches": sum(1 for a in measured if a.seen_tier != a.expected_tier),
            "queue_frames": self.tally.queue_frames,
            "queue_mb": round(self.tally.queue_bytes / 1e6, 2),
            "max_waiting": self.tally.max_waiting,
            "max_entries": self.tally.max_entries,
            "imminent_alerts": self.tally.alerts,
            "position_frames": self.tally.position_frames,
        }


def resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


def assessments_read(
    database_url: str, conversations: list[str], started_wall: float, ended_wall: float
) -> tuple[list[tuple[str, float, float, str]], int, int]:
    """(conversation, message created, assessment created, tier) for the first messages of
    `conversations`, how many assessments were written between the two times, and how many
    conversations are still waiting (left behind by failed connections)."""
    import psycopg2

    connection = psycopg2.connect(database_url, connect_timeout=10)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT m.conversation_id::text, extract(epoch FROM m.created_at),
                       extract(epoch FROM a.created_at), a.tier
                FROM counseling_message m JOIN triage_assessment a ON a.message_id = m.id
                WHERE m.conversation_id::text = ANY(%s) AND m.seq = 1
                """,
                (conversations,),
            )
            rows = [(c, float(m), float(a), t) for c, m, a, t in cursor.fetchall()]
            cursor.execute(
                """
                SELECT count(*) FROM triage_assessment
                WHERE created_at >= to_timestamp(%s) AND created_at < to_timestamp(%s)
                """,
                (started_wall, ended_wall),
            )
            count_row = cursor.fetchone()
            cursor.execute("SELECT count(*) FROM counseling_conversation WHERE status = 'waiting'")
            waiting_row = cursor.fetchone()
    finally:
        connection.close()
    return (
        rows,
        int(count_row[0]) if count_row else 0,
        int(waiting_row[0]) if waiting_row else 0,
    )


# --- Reporting --------------------------------------------------------------------------


def table(results: list[dict[str, Any]]) -> str:
    show = cli.show
    columns = (
        ("rate/s", "rate"),
        ("sent", "sent"),
        ("measured", "measured"),
        ("missing", "missing"),
        ("errors", "errors"),
        ("p50 ms", "p50_ms"),
        ("p95 ms", "p95_ms"),
        ("p99 ms", "p99_ms"),
        ("max ms", "max_ms"),
        ("POST p50", "post_p50_ms"),
        ("assess/s", "assessments_per_s"),
        ("celeryQ max", "celery_queue_max"),
        ("waiting max", "max_waiting"),
        ("srv CPU%", "server_cpu_pct"),
        ("wrk CPU%", "worker_cpu_pct"),
        ("cli CPU%", "client_cpu_pct"),
        ("machine%", "machine_cpu_pct"),
    )
    lines = cli.columns_table(
        "triage_latency: POST /chat/start -> console queue frame with the tier",
        results,
        columns,
        first_left=False,
    )
    for result in results:
        stages = result.get("stage_ms") or {}
        lines.append(
            f"  rate {result['rate']}: stages p50 (from POST): message row "
            f"{show(stages.get('message_row_p50'))} ms, assessment row "
            f"{show(stages.get('assessment_row_p50'))} ms (p99 "
            f"{show(stages.get('assessment_row_p99'))}), assessment -> frame "
            f"{show(stages.get('assessed_to_frame_p50'))} ms (p99 "
            f"{show(stages.get('assessed_to_frame_p99'))}); RSS peak server/worker "
            f"{show(result.get('server_rss_mb_peak'))}/{show(result.get('worker_rss_mb_peak'))}"
            f" MB; tiers seen {result['seen_tiers']} ({result['tier_mismatches']} unexpected)"
        )
        if result.get("error_kinds"):
            lines.append(f"    errors: {result['error_kinds']}")
        if result.get("busiest_other_processes"):
            lines.append(
                "    busiest other processes (postgres/redis include ours): "
                + ", ".join(result["busiest_other_processes"])
            )
    return "\n".join(lines)


# --- Main -------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = cli.parser(__doc__)
    parser.add_argument("--rates", default="1,10,50", help="arrivals per second, comma-separated")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of arrivals per rate")
    parser.add_argument(
        "--drain", type=float, default=30.0, help="seconds after sending to wait for frames"
    )
    cli.add_server_options(
        parser,
        port=8766,
        worker_pid=True,
        database_url="create the counselor, read assessment times",
        worker="as docker-compose.yml (2)",
    )
    parser.add_argument("--redis-url", default=REDIS_URL, help="with --url: the Celery broker")
    parser.add_argument(
        "--celery-queue", default=CELERY_QUEUE, help="with --url: the worker's Celery queue"
    )
    parser.add_argument(
        "--trace", type=Path, help="append every arrival and queue frame to this JSON-lines file"
    )
    args = parser.parse_args(argv)
    args.rate_list = cli.number_list(parser, args.rates, float, "--rates")
    if args.duration <= 0 or args.drain < 0 or args.worker_concurrency < 1:
        parser.error("--duration and --worker-concurrency must be positive, --drain >= 0")
    return args


async def run_rates(
    args: argparse.Namespace,
    base_url: str,
    server: BenchServer | None,
    database_url: str | None,
) -> list[dict[str, Any]]:
    loop = asyncio.get_running_loop()
    results = []
    # Enough threads for every POST in flight at the highest rate, with room to spare.
    with ThreadPoolExecutor(max_workers=64) as executor:
        login = partial(staff_login, base_url, username=COUNSELOR, password=STAFF_PASSWORD)
        cookie = await asyncio.wait_for(loop.run_in_executor(executor, login), 120)
        options = Options(
            base_url=base_url,
            duration=args.duration,
            drain=args.drain,
            console_cookie=cookie,
            seed=args.seed,
            database_url=database_url,
            redis_url=server.redis_url if server else args.redis_url,
            celery_queue=server.celery_queue if server else args.celery_queue,
            trace_path=args.trace,
        )
        if server is not None:
            server_tree, worker_tree = server.tree(), server.worker_tree()
        else:
            server_tree = ProcessTree(args.server_pid) if args.server_pid else None
            worker_tree = ProcessTree(args.worker_pid) if args.worker_pid else None
        for rate in args.rate_list:
            run = RateRun(rate, options, executor, server_tree, worker_tree)
            result = await run.run()
            if server is not None:
                result["server_log_problems"] = len(server.log_problems_shown())
            results.append(result)
            log(
                f"rate {rate}/s: measured {result['measured']}/{result['sent']}, "
                f"p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, errors {result['errors']}"
            )
    return results


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    open_files = raise_open_files_limit()
    if open_files < 4 * max(args.rate_list) * args.duration:
        log(f"warning: only {open_files} open files allowed; high rates may fail to connect")
    server: BenchServer | None = None
    if not args.url:
        server = BenchServer(
            port=args.port,
            database=DATABASE,
            extra_env=cli.server_env(args.server_env, KIZUNA_CHANNEL_PREFIX=CHANNEL_PREFIX),
            celery_queue=CELERY_QUEUE,
            worker_concurrency=args.worker_concurrency,
        )

    def run() -> int:
        base_url, database_url = bench_target(
            server, args.url, args.database_url, counselors=1, capacity=10
        )
        with asyncio.Runner() as runner:
            results = runner.run(run_rates(args, base_url, server, database_url))
        print(table(results), flush=True)
        config = {
            "duration_s": args.duration,
            "drain_s": args.drain,
            "arrivals": "poisson",
            "worker_concurrency": args.worker_concurrency if server is not None else None,
            "texts": [{"text": text, "tier": tier, "weight": w} for text, tier, w in TEXTS],
            "server_env": args.server_env,
            "machine_cpus": psutil.cpu_count(),
        }
        cli.print_json("triage_latency", config, results)
        return 0

    return cli.run_main("triage_latency", run, server.stop if server is not None else None)


if __name__ == "__main__":
    sys.exit(main())
