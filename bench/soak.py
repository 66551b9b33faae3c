"""Soak: hundreds of live conversations on two web processes and one Celery worker.

Two uvicorn processes (web A and web B) share one PostgreSQL database and Redis; one Celery
worker (its own queue and channel prefix) scores every help-seeker message, and Celery
beat runs the periodic tasks (alerts, catch-ups) as in docker-compose.yml. Help-seekers
arrive one by one (Poisson, --conversations over about --ramp seconds), --ramp-batch of
them on A, then as many on B, and so on; each is taken at once (take_next) by a counselor
connected to the *other* process, so every message crosses processes through the Redis
channel layer. Counselors (capacity --capacity, default 3: 168 for 500 conversations)
log in with a password, as people do. Each side of a conversation starts writing once it
is taken, at random (Poisson) intervals whose mean is drawn per participant from
--mean-gap (default 5-20 s); the --duration seconds of full concurrency start when the
last one is taken.

Every message is tracked by (conversation, seq, client_id): delivered to the other side,
lost (not there after --grace seconds; then looked up in the database: stored but never
announced, or never stored), duplicated (the other side got the same seq twice live, or
one client_id under two seqs), refused (an error frame naming it, e.g. rate_limited).
Out of order counts frames a socket got live with a lower seq than one it already had:
with two processes announcing one conversation's messages this can happen, and a real
client then resumes from the gap (README, delivery rules). A socket that drops reconnects,
resumes from its last contiguous seq and resends what was not acknowledged; reconnects
are counted (a healthy run has none unless --drop-every makes them).

It prints, per minute: delivery latency p50/p95/p99/max, triage scoring lag (message
stored -> assessment stored, from the database), then memory (RSS including children) and
CPU of each web process, the worker and this client, the load average and the worker's
backlog; then a summary, and one JSON line. It never fails on a time: exit code 0 unless
the benchmark itself could not run.

    .venv/bin/python -m bench.soak                      # 500 conversations, 10 minutes
    .venv/bin/python -m bench.soak --quick              # 50 conversations, 1 minute
    .venv/bin/python -m bench.soak --conversations 200 --duration 120
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import math
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import psycopg2

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # also as python bench/x.py

from bench.kit import BenchError, cli
from bench.kit.cli import log, show
from bench.kit.http import seeker_cookie, seeker_start, staff_log_in_all
from bench.kit.load import message_body
from bench.kit.processes import (
    COUNSELOR_PREFIX,
    STAFF_PASSWORD,
    BenchServer,
    Meters,
    ProcessTree,
    own_rss_mb,
    raise_open_files_limit,
)
from bench.kit.services import celery_queue_length
from bench.kit.sockets import SEND_TIMEOUT, Inbox, ReconnectingSocket
from bench.kit.stats import Tally, cpu_pct, mb, ms, percentile

DATABASE = "kizuna_bench_soak"
CELERY_QUEUE = "kizuna-bench-soak"
CHANNEL_PREFIX = "kizuna-bench-soak"
FRAME_TIMEOUT = 15.0
# Long, so that a slow take shows as slow rather than as a missing answer.
TAKE_TIMEOUT = 60.0
# How long an arrival keeps asking counselors to take someone before it counts as not taken.
PAIR_TIMEOUT = 120.0
TAKE_ANSWERS = {"queue_empty", "at_capacity"}
MINUTE = 60.0
UNSCORED_SQL = (
    "SELECT count(*) FROM counseling_message m"
    " LEFT JOIN triage_assessment a ON a.message_id = m.id"
    " WHERE m.sender = 'seeker' AND a.id IS NULL"
)


# --- What the run records ----------------------------------------------------------------


@dataclass(slots=True)
class SentMessage:
    conversation: str
    side: str  # "seeker" or "counselor", as in the server's frames
    sent_at: float
    delivered_at: float | None = None  # the other side received it
    delivered_via: str = ""  # "live", or "resume" (history after a reconnect)
    acked_at: float | None = None  # the sender received its own copy
    seq: int | None = None
    refused: str | None = None  # the code of an error frame naming this client_id


@dataclass
class SoakTally(Tally):
    sent: dict[str, SentMessage] = field(default_factory=dict)
    refused: Counter[str] = field(default_factory=Counter)
    frames: Counter[str] = field(default_factory=Counter)
    reconnects: Counter[str] = field(default_factory=Counter)
    duplicated: int = 0  # the other side got one seq twice on the live path
    duplicated_stored: int = 0  # one client_id seen under two different seqs
    out_of_order: int = 0
    resume_overlap: int = 0  # history after a reconnect repeating seqs already seen
    resends: int = 0
    induced_drops: int = 0
    take_refused: Counter[str] = field(default_factory=Counter)  # queue_empty, at_capacity
    same_process_pairs: int = 0


@dataclass
class ConversationView:
    """One socket's view of one conversation: which sequence numbers it has seen."""

    contiguous: int  # every seq up to this one has been seen
    above: set[int] = field(default_factory=set)  # seen seqs beyond `contiguous`
    max_live: int = 0
    # Seqs first seen in a history frame: the live copy may still be on its way.
    from_history: set[int] = field(default_factory=set)

    def seen(self, seq: int) -> bool:
        return seq <= self.contiguous or seq in self.above

    def add(self, seq: int) -> None:
        self.above.add(seq)
        while self.contiguous + 1 in self.above:
            self.contiguous += 1
            self.above.discard(self.contiguous)


@dataclass
class Site:
    """One web process: its label, server and process tree."""

    label: str
    server: BenchServer
    tree: ProcessTree | None = None

    @property
    def base_url(self) -> str:
        return self.server.base_url


# --- Sockets that reconnect -------------------------------------------------------------


class Endpoint(ReconnectingSocket):
    """A help-seeker's socket or a counselor's console, kept connected as the page keeps
    it (the kit's twin of static/js/socket.js).

    After a reconnect it asks for everything after the last contiguous seq of each
    conversation (`resume`) and resends its own messages that were never acknowledged
    (same client_id: the server answers a resend with the stored copy).
    """

    def __init__(self, soak: Soak, side: str, site: Site, path: str, cookie: str) -> None:
        self.soak = soak
        self.side = side
        self.site = site
        self.views: dict[str, ConversationView] = {}
        self.unacked: dict[str, dict[str, Any]] = {}
        self.control = Inbox()
        self.ready = asyncio.Event()
        self.closing = False
        self.welcome: dict[str, Any] | None = None
        self.take: asyncio.Future[dict[str, Any]] | None = None
        self.spare = 0  # consoles: conversations they may still take
        super().__init__([site.base_url], path, cookie, rng=soak.rng)

    @property
    def welcome_type(self) -> str:
        return "conversation" if self.side == "seeker" else "hello"

    async def open(self) -> dict[str, Any] | None:
        """Connect the first time; the welcome frame, or None (counted as an error)."""
        if not await self.connect_once():
            if self.last_failure != "refused":  # no welcome: counted already
                self.soak.tally.error(f"{self.side}_connect_failed")
            return None
        self.ready.set()
        self.keep_connecting()
        return self.welcome

    async def on_open(self) -> bool:
        what = "connect" if self.opens == 1 else "reconnect"
        self.control.clear()
        welcome = await self.expect(lambda frame: frame["type"] == self.welcome_type)
        if welcome is None:
            self.soak.tally.error(f"{self.side}_{what}_no_welcome")
            return False
        self.welcome = welcome
        return what == "connect" or await self._resume(welcome)

    def on_down(self, code: int | None, *, opened: bool) -> None:
        if opened:
            self.ready.clear()
            self.soak.tally.reconnects[self.side] += 1
        elif self.last_failure != "refused":
            self.soak.tally.error(f"{self.side}_reconnect_failed")

    def on_error(self, kind: str) -> None:
        if not self.closing:
            self.soak.tally.error(kind)

    async def _resume(self, welcome: dict[str, Any]) -> bool:
        if self.side == "counselor":
            held = {str(c.get("id")) for c in welcome.get("conversations", [])}
            for conversation_id in self.views.keys() - held:
                self.soak.tally.error("console_lost_conversation_on_reconnect")
                self.views.pop(conversation_id)
        for conversation_id, view in self.views.items():
            frame: dict[str, Any] = {"type": "resume", "after": view.contiguous}
            if self.side == "counselor":
                frame["conversation"] = conversation_id
            if not await self.send_frame(frame):
                return False
        for _ in self.views:
            if await self.expect(lambda frame: frame["type"] == "history") is None:
                self.soak.tally.error(f"{self.side}_resume_unanswered")
                break
        self.ready.set()
        for frame in list(self.unacked.values()):
            self.soak.tally.resends += 1
            await self.send_frame(frame)
        return True

    async def expect(
        self, wanted: Callable[[dict[str, Any]], bool], timeout: float = FRAME_TIMEOUT
    ) -> dict[str, Any] | None:
        """The next control frame `wanted` accepts, or None after `timeout` seconds."""
        return await self.control.expect(wanted, timeout)

    def drop(self) -> None:
        """Cut the connection without a close frame, as a phone losing its network does."""
        if self.is_open and self.ready.is_set():
            self.soak.tally.induced_drops += 1
            self.drop_now()

    async def close(self) -> None:
        self.closing = True
        await super().close()

    # Frames --------------------------------------------------------------------------

    def on_frame(self, frame: dict[str, Any], received_at: float, size: int) -> None:
        kind = str(frame.get("type"))
        tally = self.soak.tally
        tally.frames[f"{self.side}:{kind}"] += 1
        if kind == "message":
            self.on_message(frame, received_at, via="live")
        elif kind == "history":
            # Its messages name the conversation once, on the frame.
            for message in frame.get("messages", []):
                message = {**message, "conversation": frame.get("conversation")}
                self.on_message(message, received_at, via="resume")
            self.control.put(frame)
        elif kind == "error":
            self.on_error_frame(frame)
        elif kind == "assignment":
            self.soak.assigned(self, frame["conversation"])
        elif kind in {"hello", "conversation", "conversation_update"}:
            self.control.put(frame)
            about = frame.get("conversation")
            status = about.get("status") if isinstance(about, dict) else frame.get("status")
            if status in {"ended", "abandoned"} and self.soak.phase != "teardown":
                tally.error(f"{self.side}_saw_conversation_end_early")

    def on_error_frame(self, frame: dict[str, Any]) -> None:
        tally = self.soak.tally
        code = str(frame.get("code"))
        ref = frame.get("ref")
        record = tally.sent.get(ref) if isinstance(ref, str) else None
        if record is not None:
            record.refused = code
            tally.refused[code] += 1
            self.unacked.pop(str(ref), None)
        elif code in TAKE_ANSWERS and self.take is not None and not self.take.done():
            self.take.set_result(frame)
        else:
            tally.error(f"{self.side}_error_frame:{code}")

    def on_message(self, frame: dict[str, Any], received_at: float, *, via: str) -> None:
        tally = self.soak.tally
        conversation_id = str(frame.get("conversation"))
        seq = int(frame.get("seq", -1))
        client_id = str(frame.get("client_id"))
        own = frame.get("sender") == self.side
        view = self.views.get(conversation_id)
        if view is None:
            tally.error(f"{self.side}_message_for_unknown_conversation")
            return
        record = tally.sent.get(client_id)
        if record is not None and record.seq is not None and record.seq != seq:
            tally.duplicated_stored += 1  # one message stored twice, under two seqs
        if view.seen(seq):
            if via == "resume" or seq in view.from_history:
                tally.resume_overlap += 1  # a reconnect's catch-up and the live path overlap
            elif not own:
                tally.duplicated += 1
            return  # a repeated own copy answers a resend: not a duplicate
        view.add(seq)
        if via == "resume":
            view.from_history.add(seq)
        if via == "live":
            if seq < view.max_live:
                tally.out_of_order += 1
            view.max_live = max(view.max_live, seq)
        if record is None:
            return  # a first message, posted over HTTP before the socket opened
        if record.conversation != conversation_id:
            tally.error("misrouted_message")
            return
        record.seq = seq
        if own:
            if record.acked_at is None:
                record.acked_at = received_at
            self.unacked.pop(client_id, None)
        elif record.delivered_at is None:
            record.delivered_at = received_at
            record.delivered_via = via


@dataclass
class Conversation:
    id: str
    seeker: Endpoint
    console: Endpoint | None = None


# --- The run ----------------------------------------------------------------------------


@dataclass
class Options:
    conversations: int
    duration: float
    ramp: float
    ramp_batch: int
    capacity: int
    mean_gap: tuple[float, float]
    grace: float
    drop_every: float
    seed: int
    database_url: str
    celery_queue: str
    redis_url: str


def ramp_batches(options: Options) -> list[tuple[int, int]]:
    """(site index of the help-seekers, size) per ramp batch, alternating A and B."""
    n, size = options.conversations, options.ramp_batch
    return [(k % 2, min(size, n - start)) for k, start in enumerate(range(0, n, size))]


def counselors_per_site(options: Options) -> list[int]:
    """Counselors on each site: enough to take every help-seeker of the other site."""
    seekers = [0, 0]
    for index, size in ramp_batches(options):
        seekers[index] += size
    return [math.ceil(seekers[1 - index] / options.capacity) for index in (0, 1)]


@dataclass
class Snapshot:
    """Every process's memory and CPU at one moment."""

    at: float
    wall: float
    rss_mb: dict[str, float | None]
    cpu_s: dict[str, float | None]
    load1: float
    celery_backlog: int | None


class Soak:
    """Connect counselors, ramp help-seekers up, converse, drain, audit, tear down."""

    def __init__(
        self,
        options: Options,
        sites: list[Site],
        worker: ProcessTree | None,
        executor: ThreadPoolExecutor,
    ) -> None:
        self.options = options
        self.sites = sites
        self.worker = worker
        self.executor = executor
        self.tally = SoakTally()
        self.rng = random.Random(options.seed)
        self.run_tag = f"k{int(time.time()) % 1_000_000}"
        self.ids = itertools.count(1)
        self.consoles: dict[str, list[Endpoint]] = {site.label: [] for site in sites}
        self.conversations: dict[str, Conversation] = {}
        self.early: dict[str, Endpoint] = {}  # assigned before the help-seeker's welcome
        self.senders: list[asyncio.Task[None]] = []
        self.stop_sending = asyncio.Event()
        self.phase = "setup"
        # (phase, snapshot): the start of the ramp, each minute of it, the start of the
        # steady phase, each minute of it, the end of sending. Rows lie between marks.
        self.marks: list[tuple[str, Snapshot]] = []
        self.phase_started = 0.0
        self.idle: Snapshot | None = None
        self.peak_rss: dict[str, float] = {}
        self.meters = Meters(self.processes())

    def client_id(self, prefix: str) -> str:
        return f"{prefix}{self.run_tag}-{next(self.ids)}"

    # Measuring --------------------------------------------------------------------------

    def processes(self) -> dict[str, ProcessTree | None]:
        trees: dict[str, ProcessTree | None] = {f"web {s.label}": s.tree for s in self.sites}
        trees["worker"] = self.worker
        return trees

    def snapshot(self) -> Snapshot:
        # Only this process for the client: the web processes and the worker are its children.
        rss = {**self.meters.rss_now(), "client": own_rss_mb()}
        cpu = self.meters.cpu()
        self.peaks_note(rss)
        backlog = celery_queue_length(self.options.redis_url, self.options.celery_queue)
        return Snapshot(time.perf_counter(), time.time(), rss, cpu, os.getloadavg()[0], backlog)

    def peaks_note(self, rss: dict[str, float | None]) -> None:
        for name, value in rss.items():
            if value is not None:
                self.peak_rss[name] = max(self.peak_rss.get(name, 0.0), value)

    def rss_peaks(self) -> None:
        self.peaks_note(self.meters.rss_now())

    async def sample(self) -> None:
        """Peak memory every second; a snapshot at each minute of the ramp and steady phase."""
        while True:
            await asyncio.sleep(1.0)
            phase = self.phase
            if phase in {"ramp", "steady"}:
                done = sum(1 for mark_phase, _snapshot in self.marks if mark_phase == phase)
                if time.perf_counter() >= self.phase_started + MINUTE * done:
                    snapshot = await asyncio.to_thread(self.snapshot)
                    if self.phase == phase:
                        self.marks.append((phase, snapshot))
                    continue
            await asyncio.to_thread(self.rss_peaks)

    async def mark(self, phase: str) -> Snapshot:
        """Start a phase ("ramp", "steady") or end sending ("end") with a snapshot."""
        self.phase = "between"
        snapshot = await asyncio.to_thread(self.snapshot)
        steady_marks = sum(1 for mark_phase, _snapshot in self.marks if mark_phase == "steady")
        if phase == "end" and steady_marks > 1 and snapshot.at - self.marks[-1][1].at < 2.0:
            self.marks.pop()  # the sampler's last minute, a moment ago: end there instead
        self.marks.append((phase, snapshot))
        self.phase_started = snapshot.at
        self.phase = phase
        return snapshot

    # Ramp -------------------------------------------------------------------------------

    async def open_consoles(self, cookies: list[list[str]]) -> None:
        limit = asyncio.Semaphore(20)

        async def one(site: Site, cookie: str) -> None:
            async with limit:
                console = Endpoint(self, "counselor", site, "/ws/console/", cookie)
                hello = await console.open()
                if hello is None:
                    return
                active = [c for c in hello.get("conversations", []) if c.get("status") == "active"]
                console.spare = max(0, self.options.capacity - len(active))
                self.consoles[site.label].append(console)

        await asyncio.gather(
            *(
                one(site, cookie)
                for site, group in zip(self.sites, cookies, strict=True)
                for cookie in group
            )
        )

    async def ramp(self) -> None:
        """Help-seekers arrive one by one (Poisson, --conversations over --ramp seconds),
        --ramp-batch of them on one web process, then as many on the other, and so on.
        Each arrival is taken at once by a counselor on the other process; the next batch
        starts when this one is paired, so only one process's help-seekers are ever
        waiting and every take_next pairs across processes."""
        rate = self.options.conversations / max(self.options.ramp, 1e-3)
        for number, (index, size) in enumerate(ramp_batches(self.options)):
            site, takers = self.sites[index], self.sites[1 - index]
            arrivals = []
            for _ in range(size):
                arrivals.append(asyncio.create_task(self.arrive(site, takers)))
                await asyncio.sleep(self.rng.expovariate(rate))
            await asyncio.gather(*arrivals)
            if number % 5 == 4:
                paired = sum(1 for c in self.conversations.values() if c.console)
                log(f"ramp: {paired} conversations paired")
        for conversation in self.conversations.values():
            if conversation.console is None:
                self.tally.error("unpaired_conversation")
        for _ in self.early:
            self.tally.error("assigned_but_seeker_never_connected")

    async def arrive(self, site: Site, takers: Site) -> None:
        conversation_id = await self.seeker_arrive(site)
        if conversation_id is not None:
            await self.pair(conversation_id, takers)

    async def seeker_arrive(self, site: Site) -> str | None:
        loop = asyncio.get_running_loop()
        start = partial(
            seeker_start,
            site.base_url,
            body=message_body(self.rng),
            client_id=self.client_id("first"),
        )
        try:
            token = await asyncio.wait_for(loop.run_in_executor(self.executor, start), 60)
        except (TimeoutError, BenchError, OSError):
            self.tally.error("seeker_start_failed")
            return None
        seeker = Endpoint(self, "seeker", site, "/ws/seeker/", seeker_cookie(token))
        welcome = await seeker.open()
        if welcome is None:
            return None
        conversation_id = str(welcome["conversation"])
        seeker.views[conversation_id] = ConversationView(int(welcome.get("last_seq") or 0))
        pair = self.conversations[conversation_id] = Conversation(conversation_id, seeker)
        if conversation_id in self.early:
            self.converse_start(pair, self.early.pop(conversation_id))
        return conversation_id

    async def pair(self, conversation_id: str, takers: Site) -> None:
        """take_next on a free console of the other process until this conversation is
        someone's. A take gives the most urgent person, who may be another arrival (whose
        own take then gets this one), and can answer queue_empty while people wait (SKIP
        LOCKED passes over rows another transaction holds): so look again."""
        deadline = time.perf_counter() + PAIR_TIMEOUT
        while time.perf_counter() < deadline:
            if self.conversations[conversation_id].console is not None:
                return
            consoles = self.consoles[takers.label]
            free = [c for c in consoles if c.spare > 0 and c.take is None and c.ready.is_set()]
            if free:
                await self.take_one(max(free, key=lambda console: console.spare))
            elif not any(console.spare > 0 for console in consoles):
                break  # nobody left with room: the plan gives each process enough
            if self.conversations[conversation_id].console is None:
                await asyncio.sleep(0.2)
        if self.conversations[conversation_id].console is None:
            self.tally.error("not_taken")

    async def take_one(self, console: Endpoint) -> None:
        # Claimed before the first await, so no other arrival picks this console meanwhile.
        console.take = asyncio.get_running_loop().create_future()
        try:
            if not await console.send_frame({"type": "take_next"}):
                return
            try:
                answer = await asyncio.wait_for(console.take, TAKE_TIMEOUT)
            except TimeoutError:
                self.tally.error("take_next_timeout")
                return
        finally:
            console.take = None
        if answer.get("type") == "error":
            self.tally.take_refused[str(answer.get("code"))] += 1
            if answer.get("code") == "at_capacity":
                console.spare = 0

    def assigned(self, console: Endpoint, conversation: dict[str, Any]) -> None:
        """An "assignment" frame: the conversation is this console's; both sides write."""
        if console.take is not None and not console.take.done():
            console.take.set_result({"type": "assignment", "conversation": conversation})
        conversation_id = str(conversation.get("id"))
        if conversation.get("status") != "active" or conversation_id in console.views:
            return
        console.spare -= 1
        console.views[conversation_id] = ConversationView(int(conversation.get("last_seq") or 0))
        pair = self.conversations.get(conversation_id)
        if pair is None:
            # Taken before its help-seeker's socket said hello: paired when it does.
            self.early[conversation_id] = console
            return
        self.converse_start(pair, console)

    def converse_start(self, pair: Conversation, console: Endpoint) -> None:
        if pair.console is not None:
            self.tally.error("assigned_twice")  # two counselors got one person
            return
        pair.console = console
        if console.site is pair.seeker.site:
            self.tally.same_process_pairs += 1
        for endpoint in (pair.seeker, console):
            task = asyncio.create_task(self.converse(endpoint, pair.id))
            self.senders.append(task)

    # Conversing -------------------------------------------------------------------------

    async def pause(self, seconds: float) -> bool:
        """Sleep; True if sending stopped meanwhile."""
        try:
            await asyncio.wait_for(self.stop_sending.wait(), max(0.0, seconds))
        except TimeoutError:
            return False
        return True

    async def converse(self, endpoint: Endpoint, conversation_id: str) -> None:
        """One participant: Poisson arrivals at a mean gap of their own."""
        rng = random.Random(self.rng.random())
        rate = 1 / rng.uniform(*self.options.mean_gap)
        due = time.perf_counter() + rng.expovariate(rate)
        while not await self.pause(due - time.perf_counter()):
            if not endpoint.ready.is_set():
                # Writing into a dropped chat: wait for the reconnect, then carry on.
                ready = asyncio.create_task(endpoint.ready.wait())
                stop = asyncio.create_task(self.stop_sending.wait())
                await asyncio.wait({ready, stop}, return_when=asyncio.FIRST_COMPLETED)
                ready.cancel()
                stop.cancel()
                due = time.perf_counter() + rng.expovariate(rate)
                continue
            client_id = self.client_id("s" if endpoint.side == "seeker" else "c")
            frame: dict[str, Any] = {"type": "send", "client_id": client_id}
            if endpoint.side == "counselor":
                frame["conversation"] = conversation_id
            frame["body"] = message_body(rng)
            self.tally.sent[client_id] = SentMessage(
                conversation_id, endpoint.side, time.perf_counter()
            )
            endpoint.unacked[client_id] = frame
            await endpoint.send_frame(frame)
            due += rng.expovariate(rate)  # the schedule, not the send, sets the pace

    async def drops(self) -> None:
        """--drop-every: cut a random socket now and then, to exercise reconnect and resume."""
        endpoints = [c.seeker for c in self.conversations.values()]
        endpoints += [c for consoles in self.consoles.values() for c in consoles]
        while endpoints and not await self.pause(self.options.drop_every):
            self.rng.choice(endpoints).drop()

    def outstanding(self) -> int:
        return sum(
            1
            for m in self.tally.sent.values()
            if m.refused is None and (m.delivered_at is None or m.acked_at is None)
        )

    async def drain(self) -> float:
        """Wait up to --grace for deliveries, acknowledgements and the worker's scoring."""
        started = time.perf_counter()
        while time.perf_counter() - started < self.options.grace:
            if not self.outstanding() and not await asyncio.to_thread(self.unscored):
                break
            await asyncio.sleep(0.5)
        return time.perf_counter() - started

    def unscored(self) -> int:
        """Help-seeker messages the worker has not assessed yet."""
        connection = psycopg2.connect(self.options.database_url)
        try:
            with connection.cursor() as cursor:
                cursor.execute(UNSCORED_SQL)
                row = cursor.fetchone()
        finally:
            connection.close()
        return int(row[0]) if row else 0

    async def teardown(self) -> None:
        self.phase = "teardown"
        limit = asyncio.Semaphore(50)

        async def end(conversation: Conversation) -> None:
            async with limit:
                seeker = conversation.seeker
                if not await seeker.send_frame({"type": "end"}):
                    return
                ended = await seeker.expect(
                    lambda frame: (
                        frame["type"] == "conversation"
                        and frame.get("status") in {"ended", "abandoned"}
                    )
                )
                if ended is None:
                    self.tally.error("end_not_confirmed")

        await asyncio.gather(*(end(c) for c in self.conversations.values()))

    def endpoints(self) -> list[Endpoint]:
        seekers = [c.seeker for c in self.conversations.values()]
        return seekers + [c for consoles in self.consoles.values() for c in consoles]

    async def close_all(self) -> None:
        for endpoint in self.endpoints():
            endpoint.closing = True
        await asyncio.gather(*(e.close() for e in self.endpoints()), return_exceptions=True)

    async def run(self, cookies: list[list[str]]) -> dict[str, Any]:
        sampler = asyncio.create_task(self.sample())
        try:
            await self.open_consoles(cookies)
            log(f"{sum(len(c) for c in self.consoles.values())} consoles connected")
            self.idle = await self.mark("ramp")
            ramp_started = time.perf_counter()
            try:
                await asyncio.wait_for(
                    self.ramp(), self.options.ramp + 120 + 0.5 * self.options.conversations
                )
            except TimeoutError:
                self.tally.error("ramp_timed_out")
            ramp_s = time.perf_counter() - ramp_started
            paired = sum(1 for c in self.conversations.values() if c.console)
            log(
                f"{paired} conversations paired in {ramp_s:.1f} s; sending for "
                f"{self.options.duration:.0f} s"
            )
            await self.mark("steady")
            dropper = asyncio.create_task(self.drops()) if self.options.drop_every else None
            await asyncio.sleep(self.options.duration)
            self.stop_sending.set()
            await self.mark("end")
            self.phase = "drain"
            if dropper is not None:
                await dropper
            if self.senders:
                _done, stuck = await asyncio.wait(self.senders, timeout=SEND_TIMEOUT + 5)
                for task in stuck:
                    task.cancel()
                    self.tally.error("sender_stuck")
            drain_s = await self.drain()
            log(f"drained in {drain_s:.1f} s; auditing the database")
            audit = await asyncio.to_thread(self.audit)
            result = self.figures(ramp_s, drain_s, audit)
            log("ending conversations")
            try:
                await asyncio.wait_for(self.teardown(), 120 + 0.2 * len(self.conversations))
            except TimeoutError:
                self.tally.error("teardown_timed_out")
            result["errors"] = sum(self.tally.errors.values())
            result["error_kinds"] = dict(self.tally.errors)
            return result
        finally:
            sampler.cancel()
            self.stop_sending.set()
            await asyncio.shield(self.close_all())

    # The database's side of the story ---------------------------------------------------

    def audit(self) -> dict[str, Any]:
        """Which lost messages were stored, and how far behind scoring ran, per minute."""
        lost = [
            client_id
            for client_id, m in self.tally.sent.items()
            if m.refused is None and m.delivered_at is None
        ]
        connection = psycopg2.connect(self.options.database_url)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT sender, count(*) FROM counseling_message GROUP BY sender")
                stored = {sender: count for sender, count in cursor.fetchall()}
                cursor.execute(
                    "SELECT client_id FROM counseling_message WHERE client_id = ANY(%s)", [lost]
                )
                lost_stored = {row[0] for row in cursor.fetchall()}
                cursor.execute(
                    "SELECT extract(epoch FROM m.created_at),"
                    " extract(epoch FROM a.created_at - m.created_at)"
                    " FROM counseling_message m"
                    " LEFT JOIN triage_assessment a ON a.message_id = m.id"
                    " WHERE m.sender = 'seeker'"
                )
                scoring = [
                    (float(at), None if lag is None else float(lag))
                    for at, lag in cursor.fetchall()
                ]
        finally:
            connection.close()
        return {"stored": stored, "lost_stored": lost_stored, "scoring": scoring}

    # Figures ----------------------------------------------------------------------------

    def figures(self, ramp_s: float, drain_s: float, audit: dict[str, Any]) -> dict[str, Any]:
        tally = self.tally
        messages = [m for m in tally.sent.values() if m.refused is None]
        delivered = [m for m in messages if m.delivered_at is not None]
        lost = [m for m in messages if m.delivered_at is None]
        steady = next(snapshot for phase, snapshot in self.marks if phase == "steady")
        end = self.marks[-1][1]
        elapsed = max(end.at - steady.at, 1e-6)
        wall_offset = steady.wall - steady.at  # perf_counter -> wall clock

        minutes: list[dict[str, Any]] = []
        counts: Counter[str] = Counter()
        phase_start = 0.0
        for (phase, before), (_next, after) in itertools.pairwise(self.marks):
            counts[phase] += 1
            if counts[phase] == 1:
                phase_start = before.at
            since, until = before.at, after.at
            label = f"r{counts[phase]}" if phase == "ramp" else str(counts[phase])
            row: dict[str, Any] = {"minute": label, "until_s": round(until - phase_start)}
            row.update(latency_figures([m for m in messages if since <= m.sent_at < until]))
            stored = [
                lag
                for at, lag in audit["scoring"]
                if since + wall_offset <= at < until + wall_offset
            ]
            lags = [lag for lag in stored if lag is not None]
            row["scored"] = len(lags)
            # Not scored by the end of the drain: the percentiles leave these out.
            row["unscored"] = len(stored) - len(lags)
            row["scoring_p50_ms"] = ms(percentile(lags, 50), 1000)
            row["scoring_p99_ms"] = ms(percentile(lags, 99), 1000)
            row.update(process_figures(before, after))
            minutes.append(row)

        steady_messages = [m for m in messages if m.sent_at >= steady.at]
        unscored = sum(1 for _at, lag in audit["scoring"] if lag is None)
        lost_stored = sum(
            1
            for cid, m in tally.sent.items()
            if cid in audit["lost_stored"] and m.refused is None and m.delivered_at is None
        )
        paired = [c for c in self.conversations.values() if c.console]
        processes: dict[str, dict[str, Any]] = {}
        for name in [*self.processes(), "client"]:
            cpu_start, cpu_end = steady.cpu_s.get(name), end.cpu_s.get(name)
            processes[name] = {
                "rss_mb_idle": mb(self.idle.rss_mb.get(name) if self.idle else None),
                "rss_mb_start": mb(steady.rss_mb.get(name)),
                "rss_mb_end": mb(end.rss_mb.get(name)),
                "rss_mb_peak": mb(self.peak_rss.get(name)),
                "cpu_pct": cpu_pct(cpu_start, cpu_end, elapsed),
            }
        result: dict[str, Any] = {
            "conversations": len(paired),
            "counselors": sum(len(c) for c in self.consoles.values()),
            "capacity": self.options.capacity,
            "same_process_pairs": tally.same_process_pairs,
            "ramp_s": round(ramp_s, 1),
            "steady_s": round(elapsed, 1),
            "drain_s": round(drain_s, 1),
            "sent": len(messages),
            "sent_steady_per_s": round(len(steady_messages) / elapsed, 1),
            "delivered": len(delivered),
            "delivered_via_resume": sum(1 for m in delivered if m.delivered_via == "resume"),
            "lost": len(lost),
            "lost_but_stored": lost_stored,
            "duplicated": tally.duplicated,
            "duplicated_stored": tally.duplicated_stored,
            "out_of_order": tally.out_of_order,
            "unacked": sum(1 for m in messages if m.acked_at is None),
            "refused": dict(tally.refused),
            "reconnects": dict(tally.reconnects),
            "induced_drops": tally.induced_drops,
            "resends": tally.resends,
            "resume_overlap": tally.resume_overlap,
            "take_next_refused": dict(tally.take_refused),
            "stored_messages": audit["stored"],
            "seeker_messages_unscored": unscored,
            **{
                f"overall_{k}": v for k, v in latency_figures(messages).items() if k.endswith("_ms")
            },
            "steady": latency_figures(steady_messages),
            "ack_p50_ms": ms(
                percentile(
                    [m.acked_at - m.sent_at for m in messages if m.acked_at is not None], 50
                ),
                1000,
            ),
            "ack_p99_ms": ms(
                percentile(
                    [m.acked_at - m.sent_at for m in messages if m.acked_at is not None], 99
                ),
                1000,
            ),
            "processes": processes,
            "load_avg_start": round(steady.load1, 2),
            "load_avg_end": round(end.load1, 2),
            "load_avg_idle": round(self.idle.load1, 2) if self.idle else None,
            "machine_cpus": os.cpu_count(),
            "frames": dict(sorted(tally.frames.items())),
            "minutes": minutes,
        }
        return result


def latency_figures(messages: list[SentMessage]) -> dict[str, Any]:
    latencies = [m.delivered_at - m.sent_at for m in messages if m.delivered_at is not None]
    return {
        "sent": len(messages),
        "delivered": len(latencies),
        "lost": len(messages) - len(latencies),
        "p50_ms": ms(percentile(latencies, 50), 1000),
        "p95_ms": ms(percentile(latencies, 95), 1000),
        "p99_ms": ms(percentile(latencies, 99), 1000),
        "max_ms": ms(max(latencies, default=None), 1000),
    }


def process_figures(before: Snapshot | None, after: Snapshot) -> dict[str, Any]:
    """Memory at the end of an interval and CPU% over it, per process."""
    processes: dict[str, dict[str, Any]] = {}
    for name, rss in after.rss_mb.items():
        start = before.cpu_s.get(name) if before else None
        end = after.cpu_s.get(name)
        seconds = after.at - before.at if before else 0.0
        processes[name] = {"rss_mb": mb(rss), "cpu_pct": cpu_pct(start, end, seconds)}
    return {
        "load1": round(after.load1, 2),
        "backlog": after.celery_backlog,
        "processes": processes,
    }


# --- Reporting --------------------------------------------------------------------------


def report(result: dict[str, Any], config: dict[str, Any]) -> str:
    names = list(result["processes"])
    lines = [
        f"== soak: {result['conversations']} conversations, {result['counselors']} counselors"
        f" x capacity {result['capacity']}, web A + web B + 1 worker"
        f" ({config['worker_concurrency']} children), {config['duration_s']:.0f} s ==",
        "",
        "Delivery (send -> the other side receives) and scoring (message stored -> assessment"
        " stored; unscored: not yet at the end, left out of its percentiles), by minute of"
        " sending (r1, r2...: the ramp-up; until: seconds into the phase):",
    ]
    header = (
        f"  {'minute':>6} {'until':>6} {'sent':>6} {'deliv':>6} {'lost':>5} {'p50 ms':>8}"
        f" {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} {'scored':>6} {'unscored':>8}"
        f" {'score p50':>9} {'score p99':>9}"
    )
    lines.append(header)
    for row in result["minutes"]:
        lines.append(
            f"  {row['minute']:>6} {row['until_s']:>5}s {row['sent']:>6}"
            f" {row['delivered']:>6} {row['lost']:>5}"
            f" {show(row['p50_ms']):>8} {show(row['p95_ms']):>8} {show(row['p99_ms']):>8}"
            f" {show(row['max_ms']):>8} {row['scored']:>6} {row['unscored']:>8}"
            f" {show(row['scoring_p50_ms']):>9} {show(row['scoring_p99_ms']):>9}"
        )
    lines += [
        "",
        "Memory (RSS incl. children, MB, at the end of the minute) / CPU over it"
        " (100% = one core); load = 1-min load average; backlog = worker's queue:",
        "  "
        + f"{'minute':>6} {'until':>6}"
        + "".join(f" {name:>16}" for name in names)
        + f" {'load':>6} {'backlog':>7}",
    ]
    for row in result["minutes"]:
        cells = "".join(
            f" {show(row['processes'][name]['rss_mb']):>8}"
            f" {show(row['processes'][name]['cpu_pct'], '%'):>7}"
            for name in names
        )
        lines.append(
            f"  {row['minute']:>6} {row['until_s']:>5}s{cells} {row['load1']:>6}"
            f" {show(row['backlog']):>7}"
        )
    steady = result["steady"]
    rows = [
        (
            "conversations (crossing processes)",
            f"{result['conversations']} ({result['conversations'] - result['same_process_pairs']})",
        ),
        (
            "ramp-up / steady / drain",
            f"{result['ramp_s']} s / {result['steady_s']} s / {result['drain_s']} s",
        ),
        (
            "sent / delivered",
            f"{result['sent']} / {result['delivered']} ({result['sent_steady_per_s']}/s steady)",
        ),
        (
            "LOST / duplicated / out of order",
            f"{result['lost']} (stored: {result['lost_but_stored']}) / {result['duplicated']}"
            f" (stored twice: {result['duplicated_stored']}) / {result['out_of_order']}",
        ),
        ("unacked / refused", f"{result['unacked']} / {result['refused'] or 0}"),
        (
            "reconnects / resends",
            f"{result['reconnects'] or 0} (induced drops {result['induced_drops']})"
            f" / {result['resends']}",
        ),
        (
            "latency overall p50/p95/p99/max",
            cli.several(
                result,
                ("overall_p50_ms", "overall_p95_ms", "overall_p99_ms", "overall_max_ms"),
                " ms",
            ),
        ),
        (
            "latency steady p50/p95/p99/max",
            cli.several(steady, ("p50_ms", "p95_ms", "p99_ms", "max_ms"), " ms"),
        ),
        ("own echo p50/p99", cli.several(result, ("ack_p50_ms", "ack_p99_ms"), " ms")),
        ("stored messages", str(result["stored_messages"])),
        ("seeker messages unscored at end", str(result["seeker_messages_unscored"])),
        ("take_next refused (retried)", str(result["take_next_refused"] or 0)),
        (
            "load average idle / start / end",
            f"{result['load_avg_idle']} / {result['load_avg_start']} / {result['load_avg_end']}"
            f" ({result['machine_cpus']} CPUs)",
        ),
        ("errors", f"{result['errors']} {result['error_kinds'] or ''}".strip()),
        ("server log problems", str(result.get("log_problems", {}))),
    ]
    lines += ["", "Summary:", *cli.rows_table(None, rows)]
    lines += [
        "",
        "Processes (RSS MB idle = before the ramp, start = all connected, end = sending"
        " stopped; CPU over the steady phase):",
        f"  {'process':<8} {'pid':>8} {'idle':>8} {'start':>8} {'end':>8} {'peak':>8}"
        f" {'growth':>8} {'CPU':>6}",
    ]
    for name, figures in result["processes"].items():
        start, end = figures["rss_mb_start"], figures["rss_mb_end"]
        growth = round(end - start, 1) if start is not None and end is not None else None
        lines.append(
            f"  {name:<8} {show(figures.get('pid')):>8} {show(figures['rss_mb_idle']):>8}"
            f" {show(start):>8} {show(end):>8} {show(figures['rss_mb_peak']):>8}"
            f" {show(growth):>8} {show(figures['cpu_pct'], '%'):>6}"
        )
    return "\n".join(lines)


# --- Main -------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = cli.parser(__doc__)
    parser.add_argument("--conversations", type=int, help="live conversations (default 500)")
    parser.add_argument(
        "--duration",
        type=float,
        help="seconds of sending at full concurrency after the ramp (default 600)",
    )
    parser.add_argument("--ramp", type=float, help="seconds to bring conversations up (default 60)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: 50 conversations, 15 s ramp, 60 s (flags override)",
    )
    parser.add_argument("--capacity", type=int, default=3, help="conversations per counselor")
    parser.add_argument(
        "--no-beat", action="store_true", help="without Celery beat (to see what it costs)"
    )
    parser.add_argument(
        "--ramp-batch",
        type=int,
        default=25,
        help="help-seekers arriving on one process before arrivals switch to the other",
    )
    parser.add_argument(
        "--mean-gap",
        default="5,20",
        metavar="LOW,HIGH",
        help="each participant's mean seconds between messages is drawn"
        " uniformly from this range (gaps are exponential)",
    )
    parser.add_argument(
        "--grace",
        type=float,
        default=15.0,
        help="seconds to wait for late deliveries and the worker's backlog",
    )
    parser.add_argument(
        "--drop-every",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="cut a random client socket this often (exercises reconnect)",
    )
    parser.add_argument("--ports", default="8773,8774", help="web A and web B ports")
    cli.add_server_options(
        parser,
        port=None,
        url=False,
        worker="Celery worker children (docker-compose.yml runs 2)",
        server_env="extra environment for both web processes and the worker",
    )
    args = parser.parse_args(argv)
    quick = args.quick
    args.conversations = args.conversations or (50 if quick else 500)
    args.duration = args.duration or (60.0 if quick else 600.0)
    args.ramp = args.ramp if args.ramp is not None else (15.0 if quick else 60.0)
    try:
        low, high = (float(part) for part in args.mean_gap.split(","))
        args.port_list = [int(port) for port in args.ports.split(",")]
    except ValueError:
        parser.error("--mean-gap takes LOW,HIGH and --ports A,B")
    args.mean_gap_range = (low, high)
    if len(args.port_list) != 2 or len(set(args.port_list)) != 2:
        parser.error("--ports takes two different ports")
    if min(args.conversations, args.capacity, args.ramp_batch) < 1 or args.duration <= 0:
        parser.error("--conversations, --capacity, --ramp-batch, --duration must be positive")
    if not 0 < low <= high:
        parser.error("--mean-gap needs 0 < LOW <= HIGH")
    return args


async def soak(
    args: argparse.Namespace, sites: list[Site], worker: ProcessTree | None, options: Options
) -> dict[str, Any]:
    with ThreadPoolExecutor(max_workers=max(16, 2 * args.ramp_batch)) as executor:
        run = Soak(options, sites, worker, executor)
        per_site = counselors_per_site(options)
        usernames = iter(f"{COUNSELOR_PREFIX}{i:03d}" for i in range(1, sum(per_site) + 1))
        logins = [
            [(site.base_url, next(usernames)) for _ in range(count)]
            for site, count in zip(sites, per_site, strict=True)
        ]
        started = time.perf_counter()
        # Both processes at once, two logins each: a process checks one password at a time.
        cookies = list(
            await asyncio.gather(
                *(
                    staff_log_in_all(group, STAFF_PASSWORD, executor, concurrency=2)
                    for group in logins
                )
            )
        )
        login_s = time.perf_counter() - started
        log(f"{sum(per_site)} counselors logged in ({login_s:.1f} s)")
        result = await run.run(cookies)
        result["login_s"] = round(login_s, 1)
        return result


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    open_files = raise_open_files_limit()
    if open_files < 3 * args.conversations + 100:
        log(f"warning: only {open_files} open files allowed; sockets may fail to connect")
    extra_env = cli.server_env(
        args.server_env, KIZUNA_CHANNEL_PREFIX=CHANNEL_PREFIX, KIZUNA_COUNSELOR_2FA="false"
    )
    servers = [
        BenchServer(
            port=port,
            database=DATABASE,
            extra_env=extra_env,
            celery_queue=CELERY_QUEUE,
            worker_concurrency=args.worker_concurrency,
            with_worker=index == 0,  # one worker for both, started beside web A
            with_beat=index == 0 and not args.no_beat,
        )
        for index, port in enumerate(args.port_list)
    ]
    sites = [Site(label, server) for label, server in zip("AB", servers, strict=True)]
    options = Options(
        conversations=args.conversations,
        duration=args.duration,
        ramp=args.ramp,
        ramp_batch=args.ramp_batch,
        capacity=args.capacity,
        mean_gap=args.mean_gap_range,
        grace=args.grace,
        drop_every=args.drop_every,
        seed=args.seed,
        database_url=servers[0].database_url,
        celery_queue=CELERY_QUEUE,
        redis_url=servers[0].redis_url,
    )

    def run() -> int:
        servers[0].setup(counselors=sum(counselors_per_site(options)), capacity=args.capacity)
        for site in sites:
            site.server.start()
            site.tree = site.server.tree()
        worker = servers[0].worker_tree()
        with asyncio.Runner() as runner:
            result = runner.run(soak(args, sites, worker, options))
        for name, tree in [*((f"web {s.label}", s.tree) for s in sites), ("worker", worker)]:
            result["processes"][name]["pid"] = tree.root.pid if tree else None
        result["processes"]["client"]["pid"] = os.getpid()
        for server in reversed(servers):
            server.stop()
        problems: dict[str, list[str]] = {
            f"web {site.label}": site.server.log_problems_since_last_call() for site in sites
        }
        problems["worker"] = servers[0].worker_log_problems()
        result["log_problems"] = {name: len(lines) for name, lines in problems.items()}
        for name, lines in problems.items():
            for line in lines[:5]:
                log(f"  {name} log: {line[:300]}")
        config = {
            "conversations": args.conversations,
            "duration_s": args.duration,
            "ramp_s": args.ramp,
            "ramp_batch": args.ramp_batch,
            "capacity": args.capacity,
            "mean_gap_s": list(args.mean_gap_range),
            "arrivals": "poisson",
            "grace_s": args.grace,
            "drop_every_s": args.drop_every,
            "web_processes": 2,
            "worker_concurrency": args.worker_concurrency,
            "channel_layer": "RedisPubSubChannelLayer",
            "quick": args.quick,
            "beat": not args.no_beat,
            "server_env": args.server_env,
        }
        print(report(result, config), flush=True)
        cli.print_json("soak", config, [result])
        return 0

    def stop() -> None:
        for server in reversed(servers):
            server.stop()

    return cli.run_main("soak", run, stop)


if __name__ == "__main__":
    sys.exit(main())
