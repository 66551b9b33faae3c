"""Chat delivery latency: N live conversations over websockets on PostgreSQL + Redis.

Each conversation is a help-seeker socket and a counselor console socket (counselors hold
several conversations each, up to --per-counselor). Both sides send at --rate messages per
second with exponentially distributed gaps (Poisson arrivals, not lockstep). It measures,
per N: delivery latency p50/p95/p99 (send -> the *other* side receives the frame with that
client_id), messages delivered per second, lost messages (not delivered within --drain
seconds), duplicates (one client receiving the same seq twice), errors (connection
failures, unexpected closes, error frames), and the server's RSS (process tree) and CPU.

Run (sets up its own database `kizuna_bench`, counselors and uvicorn on --port):

    .venv/bin/python -m bench.chat_latency                      # N = 10, 100, 500; 30 s each
    .venv/bin/python -m bench.chat_latency --sizes 10 --duration 10
    .venv/bin/python -m bench.chat_latency --url http://127.0.0.1:8000 --server-pid 1234

With --url the server must already have counselors named bench-counselor-001... with the
benchmark password (pass --database-url to have them created). Prints a table per size,
then one JSON line with every figure. It never fails on a time: exit code 0 unless the
benchmark itself could not run.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import math
import random
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import psutil
from websockets.asyncio.client import ClientConnection
from websockets.exceptions import WebSocketException

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # also as python bench/x.py

from bench.kit import BenchError, cli
from bench.kit.cli import log
from bench.kit.http import seeker_cookie, seeker_start, staff_log_in_all
from bench.kit.load import message_body, poisson
from bench.kit.processes import (
    COUNSELOR_PREFIX,
    STAFF_PASSWORD,
    BenchServer,
    Meters,
    ProcessTree,
    bench_target,
    raise_open_files_limit,
)
from bench.kit.sockets import FrameReader, Inbox, open_socket
from bench.kit.stats import Tally, cpu_pct, mb, ms, percentile

FRAME_TIMEOUT = 15.0
# Refusals that answer take_next when there is nothing (more) to take: not failures.
TAKE_NEXT_ANSWERS = {"queue_empty", "at_capacity"}
CONTROL_TYPES = {"hello", "conversation", "assignment", "history", "error"}

# --- What one size of the benchmark records ---------------------------------------------


@dataclass
class SentMessage:
    conversation: str
    sender: str  # "seeker" or "counselor", as in the server's frames
    sent_at: float
    delivered_at: float | None = None  # the other side received it
    acked_at: float | None = None  # the sender received its own copy


@dataclass
class RunTally(Tally):
    sent: dict[str, SentMessage] = field(default_factory=dict)
    duplicates: int = 0
    queue_frames: int = 0
    queue_bytes: int = 0
    position_frames: int = 0
    phase: str = "ramp"
    queue_frames_timed: int = 0
    last_broadcast_at: float = 0.0
    take_retries: int = 0


class Peer(FrameReader):
    """One websocket (a help-seeker's, or a counselor's console) and the frames it gets."""

    def __init__(self, side: str, ws: ClientConnection, tally: RunTally) -> None:
        self.tally = tally
        self.conversations: set[str] = set()
        self.seen: set[tuple[str, int]] = set()
        self.control = Inbox()
        super().__init__(side, ws, tally.error)

    def on_frame(self, frame: dict[str, Any], received_at: float, size: int) -> None:
        self._on_frame(frame, received_at, size)

    def _on_frame(self, frame: dict[str, Any], received_at: float, size: int) -> None:
        kind = frame.get("type")
        if kind == "message":
            self._on_message(frame, received_at)
        elif kind == "queue":
            self.tally.queue_frames += 1
            self.tally.queue_bytes += size
            if self.tally.phase == "timed":
                self.tally.queue_frames_timed += 1
        elif kind == "position":
            self.tally.position_frames += 1
        if kind in {"queue", "position", "risk"}:
            self.tally.last_broadcast_at = received_at
        elif kind in CONTROL_TYPES:
            if kind == "error" and frame.get("code") not in TAKE_NEXT_ANSWERS:
                self.tally.error(f"{self.side}_error_frame:{frame.get('code')}")
            self.control.put(frame)

    def _on_message(self, frame: dict[str, Any], received_at: float) -> None:
        conversation = str(frame.get("conversation"))
        if self.conversations and conversation not in self.conversations:
            self.tally.error("misrouted_message")  # another person's conversation
            return
        key = (conversation, int(frame.get("seq", -1)))
        if key in self.seen:
            self.tally.duplicates += 1
            return
        self.seen.add(key)
        record = self.tally.sent.get(str(frame.get("client_id")))
        if record is None:
            return  # a first message sent over HTTP before the timed phase
        if frame.get("sender") == self.side:
            if record.acked_at is None:
                record.acked_at = received_at
        elif record.delivered_at is None:
            record.delivered_at = received_at

    async def expect(
        self, wanted: Callable[[dict[str, Any]], bool], timeout: float = FRAME_TIMEOUT
    ) -> dict[str, Any] | None:
        """The next control frame `wanted` accepts, or None after `timeout` seconds."""
        return await self.control.expect(wanted, timeout)


# --- One size ---------------------------------------------------------------------------


@dataclass
class Options:
    base_url: str
    duration: float
    rate: float
    drain: float
    per_counselor: int
    ramp_batch: int
    counselor_cookies: list[str]
    seed: int


@dataclass
class Conversation:
    id: str
    seeker: Peer
    console: Peer | None = None


class SizeRun:
    """Ramp up N paired conversations, send for `duration`, drain, tear down."""

    def __init__(
        self,
        n: int,
        options: Options,
        executor: ThreadPoolExecutor,
        tree: ProcessTree | None,
        worker_tree: ProcessTree | None = None,
    ) -> None:
        self.n = n
        self.options = options
        self.executor = executor
        self.tree = tree
        self.worker_tree = worker_tree
        self.meters = Meters({"server": tree, "worker": worker_tree})
        self.tally = RunTally()
        self.rng = random.Random(f"{options.seed}-{n}")
        self.run_tag = f"{n}x{int(time.time()) % 100000}"
        self.ids = itertools.count(1)
        self.consoles: list[Peer] = []
        self.spare: dict[Peer, int] = {}
        self.conversations: dict[str, Conversation] = {}
        self.unpaired: set[str] = set()

    def client_id(self, prefix: str) -> str:
        return f"{prefix}{self.run_tag}-{next(self.ids)}"

    # Ramp: consoles first, then help-seekers in batches, each batch taken at once, so
    # the queue stays short as it would with counselors on duty.
    async def ramp(self) -> None:
        count = math.ceil(self.n / self.options.per_counselor)
        if count > len(self.options.counselor_cookies):
            raise BenchError(f"N={self.n} needs {count} counselors; only logged in some")
        limit = asyncio.Semaphore(20)
        await asyncio.gather(
            *(self._console_open(c, limit) for c in self.options.counselor_cookies[:count])
        )
        if not self.consoles:
            raise BenchError("no counselor console could connect")
        for start in range(0, self.n, self.options.ramp_batch):
            size = min(self.options.ramp_batch, self.n - start)
            await asyncio.gather(*(self._seeker_open() for _ in range(size)))
            await self._take_all()
        for _ in self.unpaired:
            self.tally.error("unpaired_conversation")  # still ended and closed at teardown

    async def _take_all(self) -> None:
        """Take until this batch is paired. A take can answer queue_empty while people
        wait (SKIP LOCKED passes over rows another transaction holds), so try again."""
        for attempt in range(10):
            if attempt:
                self.tally.take_retries += 1
                await asyncio.sleep(0.5)
            await asyncio.gather(*(self._take_loop(console) for console in self.consoles))
            if not self.unpaired or not any(self.spare.values()):
                return

    async def settle(self, quiet: float = 2.0, limit: float = 60.0) -> float:
        """Wait until the ramp's queue and position broadcasts have stopped arriving."""
        started = time.perf_counter()
        while time.perf_counter() - started < limit:
            if time.perf_counter() - self.tally.last_broadcast_at >= quiet:
                break
            await asyncio.sleep(0.2)
        return time.perf_counter() - started

    async def _console_open(self, cookie: str, limit: asyncio.Semaphore) -> None:
        async with limit:
            try:
                ws = await open_socket(self.options.base_url, "/ws/console/", cookie)
            except (TimeoutError, WebSocketException, OSError):
                self.tally.error("console_connect_failed")
                return
            console = Peer("counselor", ws, self.tally)
            hello = await console.expect(lambda frame: frame["type"] == "hello")
            if hello is None:
                self.tally.error("console_no_hello")
                await console.close()
                return
            already = [c for c in hello.get("conversations", []) if c.get("status") == "active"]
            self.spare[console] = max(0, self.options.per_counselor - len(already))
            self.consoles.append(console)

    async def _seeker_open(self) -> None:
        loop = asyncio.get_running_loop()
        start = partial(
            seeker_start,
            self.options.base_url,
            body=message_body(self.rng),
            client_id=self.client_id("first"),
        )
        try:
            token = await asyncio.wait_for(loop.run_in_executor(self.executor, start), 60)
        except (TimeoutError, BenchError, OSError):
            self.tally.error("seeker_start_failed")
            return
        try:
            ws = await open_socket(self.options.base_url, "/ws/seeker/", seeker_cookie(token))
        except (TimeoutError, WebSocketException, OSError):
            self.tally.error("seeker_connect_failed")
            return
        seeker = Peer("seeker", ws, self.tally)
        welcome = await seeker.expect(lambda frame: frame["type"] == "conversation")
        if welcome is None:
            self.tally.error("seeker_no_welcome")
            await seeker.close()
            return
        conversation_id = str(welcome["conversation"])
        seeker.conversations.add(conversation_id)
        self.conversations[conversation_id] = Conversation(conversation_id, seeker)
        self.unpaired.add(conversation_id)

    async def _take_loop(self, console: Peer) -> None:
        while self.spare[console] > 0 and self.unpaired:
            if not await console.send({"type": "take_next"}):
                return
            answer = await console.expect(
                lambda frame: (
                    frame["type"] == "error"
                    or (
                        frame["type"] == "assignment"
                        and frame["conversation"].get("status") == "active"
                    )
                )
            )
            if answer is None:
                self.tally.error("take_next_timeout")
                return
            if answer["type"] == "error":
                if answer.get("code") == "at_capacity":
                    self.spare[console] = 0
                return
            conversation_id = str(answer["conversation"]["id"])
            self.spare[console] -= 1
            console.conversations.add(conversation_id)
            conversation = self.conversations.get(conversation_id)
            if conversation is None:
                # Left waiting by an earlier run that failed to end it: end it now.
                await console.send({"type": "end", "conversation": conversation_id})
                continue
            conversation.console = console
            self.unpaired.discard(conversation_id)

    # Timed phase: every side of every conversation is an independent Poisson sender.
    async def timed(self) -> float:
        self.tally.phase = "timed"
        started = time.perf_counter()
        ends = started + self.options.duration
        senders = []
        for conversation in self.conversations.values():
            if conversation.console is None:
                continue
            senders.append(self._sender(conversation.seeker, conversation, "seeker", ends))
            senders.append(self._sender(conversation.console, conversation, "counselor", ends))
        await asyncio.gather(*senders)
        self.tally.phase = "drain"
        return time.perf_counter() - started

    async def _sender(self, peer: Peer, conversation: Conversation, side: str, ends: float) -> None:
        rng = random.Random(self.rng.random())
        async for _due in poisson(rng, self.options.rate, ends):
            if peer.closing or peer.reader.done():
                return
            client_id = self.client_id("s" if side == "seeker" else "c")
            frame: dict[str, Any] = {"type": "send", "client_id": client_id}
            if side == "counselor":
                frame["conversation"] = conversation.id
            frame["body"] = message_body(rng)
            self.tally.sent[client_id] = SentMessage(conversation.id, side, time.perf_counter())
            await peer.send(frame)

    async def drain(self) -> None:
        deadline = time.perf_counter() + self.options.drain
        while time.perf_counter() < deadline:
            if all(
                m.delivered_at is not None and m.acked_at is not None
                for m in self.tally.sent.values()
            ):
                return
            await asyncio.sleep(0.1)

    async def teardown(self) -> None:
        self.tally.phase = "teardown"
        limit = asyncio.Semaphore(50)

        async def end(conversation: Conversation) -> None:
            async with limit:
                if await conversation.seeker.send({"type": "end"}):
                    ended = await conversation.seeker.expect(
                        lambda frame: (
                            frame["type"] == "conversation"
                            and frame.get("status") in {"ended", "abandoned"}
                        ),
                        timeout=FRAME_TIMEOUT,
                    )
                    if ended is None:
                        self.tally.error("end_not_confirmed")

        await asyncio.gather(*(end(c) for c in self.conversations.values()))
        peers = [c.seeker for c in self.conversations.values()] + self.consoles
        for peer in peers:
            peer.closing = True
        await asyncio.gather(*(peer.close() for peer in peers))

    async def run(self) -> dict[str, Any]:
        """All phases; a phase that overruns its bound is reported, not raised."""
        self.meters.note_rss("start")
        sampler = asyncio.create_task(self.meters.sample_rss(1.0))
        try:
            ramp_started = time.perf_counter()
            log(f"N={self.n}: ramping up")
            try:
                await asyncio.wait_for(self.ramp(), 120 + 0.5 * self.n)
            except TimeoutError:
                self.tally.error("ramp_timed_out")
            ramp_s = time.perf_counter() - ramp_started
            paired = sum(1 for c in self.conversations.values() if c.console)
            settle_s = await self.settle()
            log(f"N={self.n}: {paired} paired in {ramp_s:.1f} s, quiet after {settle_s:.1f} s")
            cpu_start = self.meters.cpu()
            psutil.cpu_percent(None)  # starts the machine-wide CPU measurement
            started = time.perf_counter()
            try:
                await asyncio.wait_for(self.timed(), self.options.duration + 60)
            except TimeoutError:
                self.tally.error("timed_phase_overran")
            elapsed = time.perf_counter() - started
            cpu_end = self.meters.cpu()
            # Other work on the machine (a test run, say) skews the figures: show it.
            machine_cpu_pct = psutil.cpu_percent(None) * (psutil.cpu_count() or 1)
            await self.drain()
            self.meters.note_rss("end")
            result = self.figures(elapsed, ramp_s)
            result["settle_s"] = round(settle_s, 1)
            for name in ("server", "worker", "client"):
                pct = cpu_pct(cpu_start[name], cpu_end[name], elapsed)
                if pct is not None:
                    result[f"{name}_cpu_pct"] = pct
                if name == "worker" and self.worker_tree and pct is not None:
                    result["worker_rss_mb_end"] = round(self.worker_tree.rss_mb() or 0.0, 1)
            result["machine_cpu_pct"] = round(machine_cpu_pct)
            result["machine_cpus"] = psutil.cpu_count()
            log(f"N={self.n}: ending conversations")
            try:
                await asyncio.wait_for(self.teardown(), 120 + 0.2 * self.n)
            except TimeoutError:
                self.tally.error("teardown_timed_out")
                await self.abort()
            # Errors while ending still count; the other figures are the snapshot above.
            result.update(self.tally.error_figures())
            return result
        except BaseException:
            await asyncio.shield(self.abort())
            raise
        finally:
            sampler.cancel()

    async def abort(self) -> None:
        """Close every socket this run opened, without ending conversations politely."""
        peers = [c.seeker for c in self.conversations.values()] + self.consoles
        for peer in peers:
            peer.closing = True
        await asyncio.gather(*(peer.close() for peer in peers), return_exceptions=True)

    def figures(self, elapsed: float, ramp_s: float) -> dict[str, Any]:
        sent = list(self.tally.sent.values())
        delivered = [m for m in sent if m.delivered_at is not None]
        latencies = [1000 * (m.delivered_at - m.sent_at) for m in delivered if m.delivered_at]
        acks = [1000 * (m.acked_at - m.sent_at) for m in sent if m.acked_at is not None]
        rss = self.meters.rss["server"]
        return {
            "n": self.n,
            "conversations": sum(1 for c in self.conversations.values() if c.console),
            "p50_ms": ms(percentile(latencies, 50)),
            "p95_ms": ms(percentile(latencies, 95)),
            "p99_ms": ms(percentile(latencies, 99)),
            "max_ms": ms(max(latencies, default=None)),
            "ack_p50_ms": ms(percentile(acks, 50)),
            "ack_p99_ms": ms(percentile(acks, 99)),
            "msgs_per_s": round(len(delivered) / elapsed, 2),
            "sent": len(sent),
            "delivered": len(delivered),
            "lost": len(sent) - len(delivered),
            "unacked": sum(1 for m in sent if m.acked_at is None),
            "duplicates": self.tally.duplicates,
            **self.tally.error_figures(),
            "ramp_s": round(ramp_s, 1),
            "take_retries": self.tally.take_retries,
            "queue_frames": self.tally.queue_frames,
            "queue_mb": round(self.tally.queue_bytes / 1e6, 2),
            "console_queue_frames_per_s": round(self.tally.queue_frames_timed / elapsed, 2),
            "position_frames": self.tally.position_frames,
            "server_rss_mb_start": mb(rss.get("start")),
            "server_rss_mb_end": mb(rss.get("end")),
            "server_rss_mb_peak": mb(rss.get("peak")),
        }


# --- Reporting --------------------------------------------------------------------------


def table(result: dict[str, Any]) -> str:
    show, several = cli.show, cli.several
    rows = [
        ("conversations", show(result["conversations"])),
        (
            "latency p50/p95/p99/max",
            several(result, ("p50_ms", "p95_ms", "p99_ms", "max_ms"), " ms"),
        ),
        ("own echo (ack) p50/p99", several(result, ("ack_p50_ms", "ack_p99_ms"), " ms")),
        ("delivered per second", show(result["msgs_per_s"])),
        ("sent / delivered", f"{result['sent']} / {result['delivered']}"),
        (
            "lost / unacked / duplicates",
            f"{result['lost']} / {result['unacked']} / {result['duplicates']}",
        ),
        ("errors", f"{result['errors']} {result['error_kinds'] or ''}".strip()),
        ("ramp-up", show(result["ramp_s"], " s")),
        (
            "queue frames (all consoles)",
            f"{result['queue_frames']} ({result['queue_mb']} MB), "
            f"{result['console_queue_frames_per_s']}/s while sending",
        ),
        ("position frames", show(result["position_frames"])),
        (
            "server RSS start/end/peak",
            several(
                result, ("server_rss_mb_start", "server_rss_mb_end", "server_rss_mb_peak"), " MB"
            ),
        ),
        (
            "CPU server / worker / client",
            several(result, ("server_cpu_pct", "worker_cpu_pct", "client_cpu_pct"), "%")
            + f" (machine: {show(result.get('machine_cpu_pct'), '%')}"
            + f" of {100 * (result.get('machine_cpus') or 1)}%)",
        ),
    ]
    lines = cli.rows_table(f"chat_latency N={result['n']}", rows)
    if result.get("server_log_problems"):
        lines.append(f"  server log problems: {result['server_log_problems']} lines")
    return "\n".join(lines)


# --- Main -------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = cli.parser(__doc__)
    parser.add_argument(
        "--sizes", default="10,100,500", help="conversation counts, comma-separated"
    )
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of sending per size")
    parser.add_argument("--rate", type=float, default=0.1, help="messages per second per side")
    parser.add_argument("--drain", type=float, default=5.0, help="seconds to wait for late frames")
    parser.add_argument("--per-counselor", type=int, default=10, help="conversations each")
    parser.add_argument(
        "--ramp-batch", type=int, default=50, help="help-seekers connecting at once"
    )
    cli.add_server_options(
        parser,
        port=8765,
        database_url="create the bench counselors in this database",
        server_env="extra environment for the server we start (repeatable)",
    )
    args = parser.parse_args(argv)
    args.size_list = cli.number_list(parser, args.sizes, int, "--sizes")
    if args.rate <= 0 or args.duration <= 0 or args.per_counselor < 1 or args.ramp_batch < 1:
        parser.error("--rate, --duration, --per-counselor and --ramp-batch must be positive")
    return args


async def run_sizes(
    args: argparse.Namespace, base_url: str, server: BenchServer | None, tree: ProcessTree | None
) -> list[dict[str, Any]]:
    counselors_needed = math.ceil(max(args.size_list) / args.per_counselor)
    usernames = [f"{COUNSELOR_PREFIX}{index:03d}" for index in range(1, counselors_needed + 1)]
    results = []
    with ThreadPoolExecutor(max_workers=max(8, args.ramp_batch)) as executor:
        started = time.perf_counter()
        cookies = await staff_log_in_all(
            [(base_url, name) for name in usernames], STAFF_PASSWORD, executor
        )
        log(f"{len(cookies)} counselors logged in ({time.perf_counter() - started:.1f} s)")
        options = Options(
            base_url=base_url,
            duration=args.duration,
            rate=args.rate,
            drain=args.drain,
            per_counselor=args.per_counselor,
            ramp_batch=args.ramp_batch,
            counselor_cookies=cookies,
            seed=args.seed,
        )
        for n in args.size_list:
            worker_tree = server.worker_tree() if server is not None else None
            result = await SizeRun(n, options, executor, tree, worker_tree).run()
            if server is not None:
                result["server_log_problems"] = len(server.log_problems_shown())
            print(table(result), flush=True)
            results.append(result)
    return results


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    open_files = raise_open_files_limit()
    if open_files < 2 * max(args.size_list) + 100:
        log(f"warning: only {open_files} open files allowed; large sizes may fail to connect")
    counselors = math.ceil(max(args.size_list) / args.per_counselor)
    server: BenchServer | None = None
    if not args.url:
        server = BenchServer(
            port=args.port,
            extra_env=cli.server_env(args.server_env),
            with_worker=not args.no_worker,
        )

    def run() -> int:
        base_url, _database_url = bench_target(
            server, args.url, args.database_url, counselors=counselors, capacity=args.per_counselor
        )
        if server is not None:
            tree = server.tree()
        else:
            tree = ProcessTree(args.server_pid) if args.server_pid else None
        with asyncio.Runner() as runner:
            results = runner.run(run_sizes(args, base_url, server, tree))
        config = {
            "duration_s": args.duration,
            "rate_per_side": args.rate,
            "drain_s": args.drain,
            "per_counselor": args.per_counselor,
            "worker": server is not None and server.worker is not None,
            "server_env": args.server_env,
        }
        cli.print_json("chat_latency", config, results)
        return 0

    return cli.run_main("chat_latency", run, server.stop if server is not None else None)


if __name__ == "__main__":
    sys.exit(main())
