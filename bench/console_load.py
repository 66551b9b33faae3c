"""Counselor console load: counselors at capacity 3 answering a Poisson stream of help-seekers.

--counselors counselors (default 50, capacity --capacity, default 3) each keep a console
open and behave as people would: when the queue frame shows someone waiting and they have
a free place, they look for a moment (up to --think seconds) and, if someone is still
waiting, press "take next" (a queue_empty refusal sends them back to watching the queue).
They hold each conversation --hold-min..--hold-max seconds, send a reply or two, then end
it with a wrap-up, as the console's "end and save" does; a console the server closes
reconnects as the page does. Help-seekers arrive as a Poisson stream (--rate a second for
--duration seconds): GET /chat/, POST /chat/start, connect to /ws/seeker/ (waiting for a
slow handshake as a browser would); some write again while they wait or answer a reply.

It reports: time from arrival (POST /chat/start answered) to the help-seeker's
"conversation" frame with status "active", and to the counselor's "assignment" frame;
take_next -> its answer, p50/p99 for assignments and for refusals, refusals by code;
double assignments (a conversation assigned twice: from the frames, and from the audit
log in the database; must be zero); capacity overruns (from the frames, and from the
assigned/ended times in the database; must be zero); console frames per second at the
busiest counselor and on average while people arrive; CPU and RSS of the server and the
Celery worker; other load on the machine.

Run (sets up its own database `kizuna_bench_console`, counselors, uvicorn on --port with
--web-workers processes as docker-compose.yml runs it, and a Celery worker on its own queue):

    .venv/bin/python -m bench.console_load                  # 50 counselors, 5 arrivals/s, 60 s
    .venv/bin/python -m bench.console_load --quick          # ~20 s of load, plus setup
    .venv/bin/python -m bench.console_load --rate 8 --duration 30
    .venv/bin/python -m bench.console_load --url http://127.0.0.1:8000 \\
        --database-url postgres://postgres@127.0.0.1:5432/kizuna --server-pid 1234

With --url the server needs counselors bench-counselor-001... with the benchmark password
and no second factor for counselors (KIZUNA_COUNSELOR_2FA=false, as the server we start
has); --database-url creates them if they do not exist, and enables the database checks.
Prints a table, then one JSON line. Never fails on a time: exit 0 unless the benchmark
could not run.
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
from collections import Counter, defaultdict
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
from bench.kit.http import chat_csrf_token, chat_start_post, seeker_cookie, staff_log_in_all
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
from bench.kit.sockets import (
    CONNECT_TIMEOUT,
    SEND_TIMEOUT,
    FrameReader,
    ReconnectingSocket,
    open_socket,
)
from bench.kit.stats import Tally, cpu_pct, mb, ms, percentile

DATABASE = "kizuna_bench_console"
CELERY_QUEUE = "kizuna-bench-console"
CHANNEL_PREFIX = "kizuna-bench-console"
FRAME_TIMEOUT = 15.0
# How long a counselor waits for the answer to take_next or wrap_up before giving up on
# it: long, so that a slow server shows in the percentiles rather than as missing answers.
ANSWER_TIMEOUT = 60.0
POST_TIMEOUT = 60.0
# After a refusal other than queue_empty (at_capacity, a timeout), look again this much later.
REFUSED_PAUSE = 1.0
# A help-seeker's message can cross the counselor's wrap-up: refused as "ended", as it
# would be for a person. Counted apart from errors.
SEEKER_REFUSALS = {"ended"}
# What a counselor records when they end a conversation (valid in settings.KIZUNA).
WRAP_UP = {"outcome": "de_escalated", "risk_tier": "low", "topics": [], "note": ""}

# First messages, by the tier triage gives them (as in bench/triage_latency.py), weighted
# so that most people are at low or medium risk and a few at imminent risk.
FIRST_MESSAGES: tuple[tuple[str, int], ...] = (
    ("I have the pills here and I'm going to end it tonight", 1),
    ("I want to kill myself", 2),
    ("I feel hopeless, nothing will ever change", 3),
    ("I don't want to be here anymore", 3),
    ("I had a long day at work and I feel a bit low", 4),
    ("I feel so lonely lately", 4),
)
FIRST_TEXTS = [text for text, _weight in FIRST_MESSAGES]
FIRST_WEIGHTS = [weight for _text, weight in FIRST_MESSAGES]
SEEKER_LINES = (
    "are you still there?",
    "sorry, it is hard to put into words",
    "things at school have been bad",
    "i have not been sleeping well",
    "thank you, that helps a little",
)
COUNSELOR_LINES = (
    "Hi, I'm here with you. What is going on for you tonight?",
    "That sounds exhausting. Can you tell me more about what happened?",
    "Thank you for telling me. We can take this one step at a time.",
    "Is there someone you trust nearby you could be with tonight?",
)


# --- What the run records ----------------------------------------------------------------


@dataclass
class Arrival:
    """One help-seeker, timed on this process's perf_counter."""

    index: int
    arrived_at: float | None = None  # POST /chat/start answered: they are in the queue
    post_ms: float | None = None  # GET /chat/ + POST /chat/start
    conversation: str | None = None
    connected_ms: float | None = None  # opening /ws/seeker/ -> its first frame
    answered_at: float | None = None  # their socket said "active"
    ended_at: float | None = None  # their socket said "ended"
    left_unanswered: bool = False  # still waiting when the run ended: they left


@dataclass
class Take:
    sent_at: float
    answered_at: float
    outcome: str  # "assigned", a refusal code, "timeout" or "send_failed"


@dataclass
class RunTally(Tally):
    takes: list[Take] = field(default_factory=list)
    # conversation id -> [(counselor index, assignment frame received at), ...]
    assignments: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    # Conversations a console first heard of in a hello (its assignment frame was lost
    # with a dropped socket): (counselor index, hello received at). Not assignment frames.
    learned: dict[str, tuple[int, float]] = field(default_factory=dict)
    wrap_up_ms: list[float] = field(default_factory=list)
    phase: str = "connect"
    max_waiting: int = 0
    seeker_messages: int = 0
    counselor_messages: int = 0
    replies_received: int = 0  # counselor messages that reached the help-seeker
    position_frames: int = 0
    console_reconnects: int = 0
    seeker_refusals: Counter[str] = field(default_factory=Counter)


def resolve(future: asyncio.Future[Any] | None, value: Any) -> None:
    if future is not None and not future.done():
        future.set_result(value)


def pick(rng: random.Random, lines: tuple[str, ...]) -> str:
    return lines[rng.randrange(len(lines))]


def wrap_up_frame(conversation_id: str) -> dict[str, Any]:
    return {"type": "wrap_up", "conversation": conversation_id, **WRAP_UP}


# --- A counselor -------------------------------------------------------------------------


@dataclass
class Behaviour:
    think: float
    hold_min: float
    hold_max: float
    seeker_writes: float  # chance that a help-seeker writes again / answers a reply


class Console(ReconnectingSocket):
    """A counselor's console and the person in front of it. When the server closes it,
    the page reconnects (static/js/socket.js, through the kit's twin of it)."""

    side = "console"

    def __init__(self, index: int, cookie: str, run: ConsoleRun) -> None:
        self.index = index
        self.run = run
        self.tally = run.tally
        self.rng = random.Random(f"{run.seed}-counselor-{index}")
        self.capacity = 0
        self.active: set[str] = set()
        self.max_active = 0
        self.taken = 0
        self.waiting = 0  # from the latest queue frame
        self.changed = asyncio.Event()  # a queue frame came, or a conversation ended
        loop = asyncio.get_running_loop()
        self.hello: asyncio.Future[dict[str, Any]] = loop.create_future()
        self.take_answer: asyncio.Future[tuple[str, float]] | None = None
        self.take_ref = ""
        self.ended: dict[str, asyncio.Future[float]] = {}
        self.refs = itertools.count(1)
        self.frames_timed = 0
        self.bytes_timed = 0
        self.frame_kinds: Counter[str] = Counter()
        self.conversations: list[asyncio.Task[None]] = []
        super().__init__(
            [run.options.base_url],
            "/ws/console/",
            cookie,
            rng=self.rng,
            open_timeout=ANSWER_TIMEOUT,
        )

    def on_error(self, kind: str) -> None:
        self.tally.error(kind)

    async def on_open(self) -> bool:
        """Wait for the hello and take it in; after a reconnect, send again the wrap-ups
        that may have been lost with the socket."""
        first = self.opens == 1
        self.hello = asyncio.get_running_loop().create_future()
        try:
            timeout = FRAME_TIMEOUT if first else ANSWER_TIMEOUT
            hello = await asyncio.wait_for(asyncio.shield(self.hello), timeout)
        except TimeoutError:
            self.tally.error("console_no_hello")
            return False
        self.greet(hello, time.perf_counter())
        if not first:
            for conversation_id in self.active & self.ended.keys():
                await self.send_frame(wrap_up_frame(conversation_id))
        return True

    def on_down(self, code: int | None, *, opened: bool) -> None:
        if opened:
            resolve(self.take_answer, ("disconnected", time.perf_counter()))
            self.tally.console_reconnects += 1

    def on_frame(self, frame: dict[str, Any], received_at: float, size: int) -> None:
        kind = str(frame.get("type"))
        self.frame_kinds[kind] += 1
        if self.tally.phase == "arrivals":
            self.frames_timed += 1
            self.bytes_timed += size
        if kind == "queue":
            self.waiting = int(frame.get("waiting") or 0)
            self.tally.max_waiting = max(self.tally.max_waiting, self.waiting)
            self.changed.set()
        elif kind == "assignment":
            self._on_assignment(frame.get("conversation") or {}, received_at)
        elif kind == "conversation_update":
            conversation = frame.get("conversation") or {}
            if conversation.get("status") != "active":
                conversation_id = str(conversation.get("id"))
                self.active.discard(conversation_id)
                resolve(self.ended.get(conversation_id), received_at)
                self.changed.set()
        elif kind == "error":
            code = str(frame.get("code"))
            if self.take_answer is not None and frame.get("ref") == self.take_ref:
                resolve(self.take_answer, (code, received_at))
            else:
                self.tally.error(f"console_error_frame:{code}")
        elif kind == "hello":
            resolve(self.hello, frame)

    def greet(self, hello: dict[str, Any], at: float) -> None:
        """Take in a hello frame: our capacity, and the conversations the server says are
        ours (after a reconnect: frames sent while the console was away are lost)."""
        self.capacity = int(hello["me"]["capacity"])
        mine = {
            str(conversation.get("id")): conversation
            for conversation in hello.get("conversations", [])
            if conversation.get("status") == "active"
        }
        for conversation_id in self.active - mine.keys():
            self.active.discard(conversation_id)
            resolve(self.ended.get(conversation_id), at)
        for conversation_id, conversation in mine.items():
            if conversation_id not in self.active:
                # Taken before the socket dropped, or left open by an earlier run.
                self._on_assignment(conversation, at, from_hello=True)
        self.changed.set()

    def _on_assignment(
        self, conversation: dict[str, Any], received_at: float, *, from_hello: bool = False
    ) -> None:
        conversation_id = str(conversation.get("id"))
        if conversation.get("status") != "active":
            self.tally.error("assignment_not_active")
            return
        if from_hello:
            self.tally.learned.setdefault(conversation_id, (self.index, received_at))
        else:
            assigned = self.tally.assignments.setdefault(conversation_id, [])
            assigned.append((self.index, received_at))
        if conversation_id in self.active:
            return  # a second frame is counted as a double assignment from tally.assignments
        self.active.add(conversation_id)
        self.max_active = max(self.max_active, len(self.active))
        self.taken += 1
        resolve(self.take_answer, ("assigned", received_at))
        self.conversations.append(asyncio.create_task(self.converse(conversation_id)))

    def ready_to_take(self) -> bool:
        return self.is_open and len(self.active) < self.capacity and self.waiting > 0

    async def work(self) -> None:
        """Watch the queue; take the next person whenever there is room and someone waits."""
        behaviour = self.run.behaviour
        while True:
            self.changed.clear()
            if not self.ready_to_take():
                await self.changed.wait()
                continue
            await asyncio.sleep(self.rng.uniform(0, behaviour.think))
            if not self.ready_to_take():
                continue  # someone else answered them while this counselor looked
            outcome = await self.take_next()
            if outcome == "queue_empty":
                # The queue frame showed someone a moment ago: look again shortly.
                await asyncio.sleep(self.rng.uniform(0.2, 0.5))
            elif outcome != "assigned":
                await asyncio.sleep(REFUSED_PAUSE)

    async def take_next(self) -> str:
        self.take_ref = f"take-{self.index}-{next(self.refs)}"
        self.take_answer = asyncio.get_running_loop().create_future()
        sent_at = time.perf_counter()
        try:
            if not await self.send_frame({"type": "take_next", "client_id": self.take_ref}):
                return "send_failed"
            try:
                outcome, answered_at = await asyncio.wait_for(
                    asyncio.shield(self.take_answer), ANSWER_TIMEOUT
                )
            except TimeoutError:
                self.tally.error("take_next_timeout")
                return "timeout"
            if outcome != "disconnected":  # the answer was lost with the socket
                self.tally.takes.append(Take(sent_at, answered_at, outcome))
            return outcome
        finally:
            self.take_answer = None

    async def converse(self, conversation_id: str) -> None:
        """Hold the conversation a while, reply once or twice, then end it with a wrap-up."""
        behaviour = self.run.behaviour
        started = time.perf_counter()
        hold = self.rng.uniform(behaviour.hold_min, behaviour.hold_max)
        replies = sorted(self.rng.uniform(0.3, hold * 0.8) for _ in range(self.rng.randint(1, 2)))
        for at in replies:
            await asyncio.sleep(max(0.0, started + at - time.perf_counter()))
            sent = await self.send_frame(
                {
                    "type": "send",
                    "conversation": conversation_id,
                    "client_id": f"r{self.index}-{next(self.refs)}",
                    "body": pick(self.rng, COUNSELOR_LINES),
                }
            )
            self.tally.counselor_messages += sent
        await asyncio.sleep(max(0.0, started + hold - time.perf_counter()))
        ended = asyncio.get_running_loop().create_future()
        self.ended[conversation_id] = ended
        sent_at = time.perf_counter()
        # If the console is down, on_open sends it again once it is back.
        await self.send_frame(wrap_up_frame(conversation_id))
        try:
            ended_at = await asyncio.wait_for(asyncio.shield(ended), ANSWER_TIMEOUT)
            self.tally.wrap_up_ms.append(1000 * (ended_at - sent_at))
        except TimeoutError:
            self.tally.error("wrap_up_not_confirmed")
            self.active.discard(conversation_id)  # so this counselor is not stuck full
            self.changed.set()
        finally:
            self.ended.pop(conversation_id, None)


# --- A help-seeker -----------------------------------------------------------------------


class SeekerSocket(FrameReader):
    """A help-seeker's socket: notes when they were answered and when it ended."""

    def __init__(
        self, ws: ClientConnection, arrival: Arrival, run: ConsoleRun, opened_at: float
    ) -> None:
        self.arrival = arrival
        self.opened_at = opened_at
        self.run = run
        self.tally = run.tally
        self.ended: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.writes: list[asyncio.Task[None]] = []
        super().__init__("seeker", ws, run.tally.error)

    def on_frame(self, frame: dict[str, Any], received_at: float, size: int) -> None:
        kind = frame.get("type")
        if kind == "conversation":
            if self.arrival.connected_ms is None:
                self.arrival.connected_ms = 1000 * (received_at - self.opened_at)
            status = frame.get("status")
            if status == "active" and self.arrival.answered_at is None:
                self.arrival.answered_at = received_at
            elif status in {"ended", "abandoned"}:
                self.arrival.ended_at = received_at
                resolve(self.ended, None)
        elif kind == "position":
            self.tally.position_frames += 1
        elif kind == "message" and frame.get("sender") == "counselor":
            self.tally.replies_received += 1
            if self.run.rng.random() < self.run.behaviour.seeker_writes:
                self.writes.append(asyncio.create_task(self.write(self.run.rng.uniform(1, 3))))
        elif kind == "error":
            code = str(frame.get("code"))
            if code in SEEKER_REFUSALS:
                self.tally.seeker_refusals[code] += 1
            else:
                self.tally.error(f"seeker_error_frame:{code}")

    async def write(self, after: float) -> None:
        await asyncio.sleep(after)
        if self.ended.done() or self.closing:
            return
        frame = {
            "type": "send",
            "client_id": f"s{self.arrival.index}-{next(self.run.message_ids)}",
            "body": pick(self.run.rng, SEEKER_LINES),
        }
        if await self.send(frame):
            self.tally.seeker_messages += 1

    async def leave(self) -> None:
        """Leave the queue ({"type": "end"}, counted as abandoned) and wait for the frame."""
        try:
            await asyncio.wait_for(self.ws.send(json.dumps({"type": "end"})), SEND_TIMEOUT)
            await asyncio.wait_for(asyncio.shield(self.ended), FRAME_TIMEOUT)
        except TimeoutError:
            self.tally.error("leave_not_confirmed")
        except (WebSocketException, OSError):
            self.tally.error("seeker_send_failed")

    async def close(self) -> None:
        for task in self.writes:
            task.cancel()
        await super().close()


# --- The run -----------------------------------------------------------------------------


@dataclass
class Options:
    base_url: str
    counselor_cookies: list[str]
    rate: float
    duration: float
    drain: float
    behaviour: Behaviour
    seed: int
    database_url: str | None


class ConsoleRun:
    """Connect every console, send help-seekers for `duration`, let the last ones finish."""

    def __init__(
        self,
        options: Options,
        executor: ThreadPoolExecutor,
        server_tree: ProcessTree | None,
        worker_tree: ProcessTree | None,
    ) -> None:
        self.options = options
        self.behaviour = options.behaviour
        self.executor = executor
        self.meters = Meters({"server": server_tree, "worker": worker_tree})
        self.seed = options.seed
        self.rng = random.Random(f"{options.seed}-seekers")
        self.tally = RunTally()
        self.consoles: list[Console] = []
        self.arrivals: list[Arrival] = []
        self.seekers: list[asyncio.Task[None]] = []
        self.run_tag = f"c{int(time.time()) % 100000}"
        self.message_ids = itertools.count(1)
        self.drain_ends = float("inf")  # set when arrivals stop

    async def run(self) -> dict[str, Any]:
        await self._consoles_open()
        workers = [asyncio.create_task(console.work()) for console in self.consoles]
        workers += [console.keep_connecting() for console in self.consoles]
        sampler = asyncio.create_task(self.meters.sample_rss(0.5))
        load = MachineLoad()
        try:
            self.meters.note_rss("start")
            cpu_start = self.meters.cpu()
            load.start()
            self.tally.phase = "arrivals"
            started = time.perf_counter()
            log(f"arrivals at {self.options.rate}/s for {self.options.duration:.0f} s")
            await self._arrive(started + self.options.duration)
            elapsed = time.perf_counter() - started
            self.tally.phase = "drain"
            cpu_end = self.meters.cpu()
            machine_pct, busiest = load.stop(exclude=self.meters.pids())
            self.drain_ends = time.perf_counter() + self.behaviour.hold_max + self.options.drain
            log(f"arrivals stopped; waiting up to {self.drain_ends - time.perf_counter():.0f} s")
            waiting_for = self.drain_ends - time.perf_counter() + 2 * FRAME_TIMEOUT
            try:
                await asyncio.wait_for(asyncio.gather(*self.seekers), waiting_for)
            except TimeoutError:
                self.tally.error("seekers_overran")
            drained = time.perf_counter() - started - elapsed
            self.meters.note_rss("end")
            result = self.figures(elapsed)
            result["drain_s"] = round(drained, 1)
            for name in cpu_start:
                result[f"{name}_cpu_pct"] = cpu_pct(cpu_start[name], cpu_end[name], elapsed)
            result["machine_cpu_pct"] = round(machine_pct)
            result["machine_cpus"] = psutil.cpu_count()
            result["busiest_other_processes"] = busiest
        finally:
            self.tally.phase = "teardown"
            sampler.cancel()
            for task in workers + self.seekers:
                task.cancel()
            await asyncio.gather(*workers, *self.seekers, return_exceptions=True)
            await self._consoles_close()
        result.update(await self._database_checks())
        result.update(self.tally.error_figures())
        return result

    async def _consoles_open(self) -> None:
        limit = asyncio.Semaphore(10)

        async def one(index: int, cookie: str) -> None:
            async with limit:
                console = Console(index, cookie, self)
                if await console.connect_once(open_timeout=CONNECT_TIMEOUT):
                    self.consoles.append(console)
                    return
                if console.last_failure != "refused":  # no hello: counted already
                    self.tally.error(f"console_connect_failed:{console.last_failure}")
                await console.close()

        started = time.perf_counter()
        cookies = self.options.counselor_cookies
        await asyncio.gather(*(one(i, cookie) for i, cookie in enumerate(cookies, 1)))
        if not self.consoles:
            raise BenchError(f"no counselor console could connect: {dict(self.tally.errors)}")
        self.consoles.sort(key=lambda console: console.index)
        capacities = sorted({console.capacity for console in self.consoles})
        log(
            f"{len(self.consoles)} consoles open (capacity {capacities}) "
            f"in {time.perf_counter() - started:.1f} s"
        )

    async def _consoles_close(self) -> None:
        for console in self.consoles:
            for task in console.conversations:
                task.cancel()
        await asyncio.gather(
            *(task for console in self.consoles for task in console.conversations),
            return_exceptions=True,
        )
        await asyncio.gather(*(console.close() for console in self.consoles))

    async def _arrive(self, ends: float) -> None:
        async for _due in poisson(self.rng, self.options.rate, ends):
            arrival = Arrival(len(self.arrivals))
            self.arrivals.append(arrival)
            self.seekers.append(asyncio.create_task(self._seeker(arrival)))

    def _start(self, arrival: Arrival, body: str) -> str:
        """In a thread: load the chat page and start a conversation, as a browser does."""
        started = time.perf_counter()
        csrf_token = chat_csrf_token(self.options.base_url)
        token, answer = chat_start_post(
            self.options.base_url,
            csrf_token=csrf_token,
            body=body,
            client_id=f"{self.run_tag}-{arrival.index}",
        )
        arrival.arrived_at = time.perf_counter()
        arrival.post_ms = 1000 * (arrival.arrived_at - started)
        arrival.conversation = str(answer["message"]["conversation"])
        return token

    async def _seeker(self, arrival: Arrival) -> None:
        """One help-seeker: arrive, wait to be answered, talk until the counselor ends."""
        loop = asyncio.get_running_loop()
        body = self.rng.choices(FIRST_TEXTS, weights=FIRST_WEIGHTS)[0]
        try:
            token = await asyncio.wait_for(
                loop.run_in_executor(self.executor, self._start, arrival, body), POST_TIMEOUT
            )
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
        opened_at = time.perf_counter()
        try:
            # A browser waits for a slow handshake: so do we, up to ANSWER_TIMEOUT.
            ws = await open_socket(
                self.options.base_url,
                "/ws/seeker/",
                seeker_cookie(token),
                open_timeout=ANSWER_TIMEOUT,
            )
        except (TimeoutError, WebSocketException, OSError) as exc:
            self.tally.error(f"seeker_connect_failed:{type(exc).__name__}")
            return
        seeker = SeekerSocket(ws, arrival, self, opened_at)
        try:
            if self.rng.random() < self.behaviour.seeker_writes:
                seeker.writes.append(asyncio.create_task(seeker.write(self.rng.uniform(1, 4))))
            while not seeker.ended.done() and time.perf_counter() < self.drain_ends:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(asyncio.shield(seeker.ended), 1.0)
                if seeker.reader.done():
                    break  # closed under us: already counted by the reader
            if not seeker.ended.done():
                if arrival.answered_at is None:
                    arrival.left_unanswered = True
                    await seeker.leave()
                else:
                    self.tally.error("conversation_not_ended")
        finally:
            await seeker.close()

    # --- Figures ----------------------------------------------------------------------------

    def figures(self, elapsed: float) -> dict[str, Any]:
        tally = self.tally
        started = [a for a in self.arrivals if a.conversation is not None]
        to_answer = [
            1000 * (a.answered_at - a.arrived_at)
            for a in started
            if a.answered_at is not None and a.arrived_at is not None
        ]
        arrived = {a.conversation: a.arrived_at for a in started if a.arrived_at is not None}
        to_assignment = [
            1000 * (at - arrived[conversation])
            for conversation, (_index, at) in self.first_assignments().items()
            if conversation in arrived
        ]
        posts = [a.post_ms for a in started if a.post_ms is not None]
        connects = [a.connected_ms for a in started if a.connected_ms is not None]
        assigned = [
            1000 * (t.answered_at - t.sent_at) for t in tally.takes if t.outcome == "assigned"
        ]
        refused = [
            1000 * (t.answered_at - t.sent_at) for t in tally.takes if t.outcome != "assigned"
        ]
        double = {
            conversation: [index for index, _at in frames]
            for conversation, frames in tally.assignments.items()
            if len(frames) > 1
        }
        fps = [console.frames_timed / elapsed for console in self.consoles]
        busiest = max(self.consoles, key=lambda console: console.frames_timed)
        kinds: Counter[str] = Counter()
        for console in self.consoles:
            kinds.update(console.frame_kinds)
        taken = [console.taken for console in self.consoles]
        rss = self.meters.rss
        return {
            "counselors": len(self.consoles),
            "capacity": max(console.capacity for console in self.consoles),
            "arrivals": len(self.arrivals),
            "offered_per_s": round(len(self.arrivals) / elapsed, 2),
            "started": len(started),
            "assigned": len(to_assignment),
            "answered": len(to_answer),
            "left_unanswered": sum(1 for a in started if a.left_unanswered),
            "ended": sum(1 for a in started if a.ended_at is not None),
            "answer_p50_ms": ms(percentile(to_answer, 50)),
            "answer_p95_ms": ms(percentile(to_answer, 95)),
            "answer_p99_ms": ms(percentile(to_answer, 99)),
            "answer_max_ms": ms(max(to_answer, default=None)),
            "assignment_p50_ms": ms(percentile(to_assignment, 50)),
            "assignment_p99_ms": ms(percentile(to_assignment, 99)),
            "post_p50_ms": ms(percentile(posts, 50)),
            "post_p99_ms": ms(percentile(posts, 99)),
            "seeker_connect_p50_ms": ms(percentile(connects, 50)),
            "seeker_connect_p99_ms": ms(percentile(connects, 99)),
            "take_next_sent": len(tally.takes),
            "take_next_assigned": len(assigned),
            "take_next_refused": dict(
                Counter(t.outcome for t in tally.takes if t.outcome != "assigned")
            ),
            "take_p50_ms": ms(percentile(assigned, 50)),
            "take_p99_ms": ms(percentile(assigned, 99)),
            "take_max_ms": ms(max(assigned, default=None)),
            "refusal_p50_ms": ms(percentile(refused, 50)),
            "refusal_p99_ms": ms(percentile(refused, 99)),
            "double_assignments": len(double),
            "double_assigned": dict(list(double.items())[:10]),
            "capacity_overruns": sum(1 for c in self.consoles if c.max_active > c.capacity),
            "max_held": max(console.max_active for console in self.consoles),
            "taken_per_counselor_min": min(taken),
            "taken_per_counselor_max": max(taken),
            "wrap_up_p50_ms": ms(percentile(tally.wrap_up_ms, 50)),
            "wrap_up_p99_ms": ms(percentile(tally.wrap_up_ms, 99)),
            "console_fps_max": round(max(fps), 2),
            "console_fps_mean": round(sum(fps) / len(fps), 2),
            "console_kb_per_s_max": round(busiest.bytes_timed / elapsed / 1000, 1),
            "busiest_console": f"{COUNSELOR_PREFIX}{busiest.index:03d}",
            "console_frames": dict(kinds.most_common()),
            "max_waiting": tally.max_waiting,
            "seeker_messages": tally.seeker_messages,
            "counselor_messages": tally.counselor_messages,
            "replies_received": tally.replies_received,
            "position_frames": tally.position_frames,
            "console_reconnects": tally.console_reconnects,
            "seeker_refusals": dict(tally.seeker_refusals),
            "server_rss_mb_start": mb(rss["server"].get("start")),
            "server_rss_mb_peak": mb(rss["server"].get("peak")),
            "server_rss_mb_end": mb(rss["server"].get("end")),
            "worker_rss_mb_start": mb(rss["worker"].get("start")),
            "worker_rss_mb_peak": mb(rss["worker"].get("peak")),
            "worker_rss_mb_end": mb(rss["worker"].get("end")),
        }

    def first_assignments(self) -> dict[str, tuple[int, float]]:
        """Conversation id -> (counselor index, when its console first knew it was theirs)."""
        first = dict(self.tally.learned)
        for conversation, frames in self.tally.assignments.items():
            if conversation not in first or frames[0][1] < first[conversation][1]:
                first[conversation] = frames[0]
        return first

    async def _database_checks(self) -> dict[str, Any]:
        """What the database says about the same conversations (if we can read it)."""
        if not self.options.database_url:
            return {}
        frames_counselor = {
            conversation: f"{COUNSELOR_PREFIX}{index:03d}"
            for conversation, (index, _at) in self.first_assignments().items()
        }
        ids = [a.conversation for a in self.arrivals if a.conversation is not None]
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(
                self.executor,
                partial(database_checks, self.options.database_url, ids, frames_counselor),
            )
        except Exception as exc:  # extra figures; the rest stands without them
            log(f"database checks unavailable: {exc}")
            return {"db_error": str(exc)[:200]}


def database_checks(
    database_url: str, conversations: list[str], frames_counselor: dict[str, str]
) -> dict[str, Any]:
    """Double takes in the audit log, the most conversations any counselor held at once
    (from assigned_at/ended_at), conversations whose counselor differs from the one whose
    console got the assignment, and what is left open."""
    import psycopg2

    connection = psycopg2.connect(database_url, connect_timeout=10)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT target_id, count(*) FROM accounts_auditevent
                WHERE action = 'conversation.take' AND target_id = ANY(%s)
                GROUP BY target_id HAVING count(*) > 1
                """,
                (conversations,),
            )
            double_takes = cursor.fetchall()
            cursor.execute(
                """
                SELECT c.id::text, c.status, u.username, u.capacity,
                       extract(epoch FROM c.assigned_at), extract(epoch FROM c.ended_at),
                       EXISTS (SELECT 1 FROM counseling_wrapup w WHERE w.conversation_id = c.id)
                FROM counseling_conversation c LEFT JOIN accounts_user u ON u.id = c.counselor_id
                WHERE c.id::text = ANY(%s)
                """,
                (conversations,),
            )
            rows = cursor.fetchall()
    finally:
        connection.close()
    capacity: dict[str, int] = {}
    # (time, +1 when assigned / -1 when ended) per counselor; ends sort first at a tie.
    changes: dict[str, list[tuple[float, int]]] = defaultdict(list)
    statuses: Counter[str] = Counter()
    mismatched = 0
    for conversation, status, username, user_capacity, assigned, ended, _wrapped in rows:
        statuses[status] += 1
        if username is None:
            continue
        capacity[username] = int(user_capacity)
        if conversation in frames_counselor and frames_counselor[conversation] != username:
            mismatched += 1
        if assigned is not None:
            changes[username].append((float(assigned), 1))
            changes[username].append((float(ended) if ended is not None else float("inf"), -1))
    most_held = {}
    for username, events in changes.items():
        held = most = 0
        for _at, change in sorted(events):
            held += change
            most = max(most, held)
        most_held[username] = most
    overruns = [name for name, most in most_held.items() if most > capacity[name]]
    return {
        "db_double_takes": len(double_takes),
        "db_capacity_overruns": len(overruns),
        "db_max_held": max(most_held.values(), default=0),
        "db_counselor_mismatches": mismatched,
        "db_statuses": dict(statuses),
        "db_wrapped_up": sum(1 for row in rows if row[6]),
    }


# --- Reporting --------------------------------------------------------------------------


def table(result: dict[str, Any]) -> str:
    show = cli.show

    def several(keys: tuple[str, ...], unit: str) -> str:
        return cli.several(result, keys, unit)

    rows = [
        ("counselors x capacity", f"{result['counselors']} x {result['capacity']}"),
        (
            "arrivals (offered/s)",
            f"{result['arrivals']} ({result['offered_per_s']}/s); started {result['started']}, "
            f"assigned {result['assigned']}, answered {result['answered']}, "
            f"left unanswered {result['left_unanswered']}",
        ),
        (
            "arrival -> answered p50/p95/p99/max",
            several(("answer_p50_ms", "answer_p95_ms", "answer_p99_ms", "answer_max_ms"), " ms"),
        ),
        (
            "arrival -> assignment p50/p99",
            several(("assignment_p50_ms", "assignment_p99_ms"), " ms"),
        ),
        ("GET+POST /chat/start p50/p99", several(("post_p50_ms", "post_p99_ms"), " ms")),
        (
            "/ws/seeker/ open -> first frame p50/p99",
            several(("seeker_connect_p50_ms", "seeker_connect_p99_ms"), " ms"),
        ),
        (
            "take_next sent / assigned",
            f"{result['take_next_sent']} / {result['take_next_assigned']}; "
            f"refused {result['take_next_refused'] or 0}",
        ),
        (
            "take_next p50/p99/max (assigned)",
            several(("take_p50_ms", "take_p99_ms", "take_max_ms"), " ms"),
        ),
        ("take_next p50/p99 (refused)", several(("refusal_p50_ms", "refusal_p99_ms"), " ms")),
        (
            "double assignments (frames / db)",
            f"{result['double_assignments']} / {show(result.get('db_double_takes'))}",
        ),
        (
            "capacity overruns (frames / db)",
            f"{result['capacity_overruns']} / {show(result.get('db_capacity_overruns'))}"
            f"; most held at once {result['max_held']} / {show(result.get('db_max_held'))}",
        ),
        ("db counselor mismatches", show(result.get("db_counselor_mismatches"))),
        (
            "taken per counselor min/max",
            f"{result['taken_per_counselor_min']} / {result['taken_per_counselor_max']}",
        ),
        ("wrap_up -> ended p50/p99", several(("wrap_up_p50_ms", "wrap_up_p99_ms"), " ms")),
        (
            "console frames/s busiest / mean",
            f"{result['console_fps_max']} / {result['console_fps_mean']} "
            f"({result['busiest_console']}, {result['console_kb_per_s_max']} kB/s)",
        ),
        ("console frames by type", show(result["console_frames"])),
        ("most waiting at once", show(result["max_waiting"])),
        (
            "messages seeker / counselor",
            f"{result['seeker_messages']} / {result['counselor_messages']} "
            f"({result['replies_received']} replies reached the help-seeker; "
            f"help-seeker messages refused {result['seeker_refusals'] or 0})",
        ),
        (
            "server RSS start/peak/end",
            several(("server_rss_mb_start", "server_rss_mb_peak", "server_rss_mb_end"), " MB"),
        ),
        (
            "worker RSS start/peak/end",
            several(("worker_rss_mb_start", "worker_rss_mb_peak", "worker_rss_mb_end"), " MB"),
        ),
        (
            "CPU server / worker / client",
            several(("server_cpu_pct", "worker_cpu_pct", "client_cpu_pct"), "%")
            + f" (machine: {show(result.get('machine_cpu_pct'), '%')}"
            + f" of {100 * (result.get('machine_cpus') or 1)}%)",
        ),
        ("console reconnects", show(result["console_reconnects"])),
        ("errors", f"{result['errors']} {result['error_kinds'] or ''}".strip()),
    ]
    if result.get("db_statuses"):
        rows.append(("db statuses afterwards", show(result["db_statuses"])))
    if result.get("busiest_other_processes"):
        rows.append(("busiest other processes", ", ".join(result["busiest_other_processes"])))
    if result.get("server_log_problems") is not None:
        rows.append(
            (
                "log problems server / worker",
                f"{result['server_log_problems']} / {show(result.get('worker_log_problems'))}",
            )
        )
    title = "console_load: counselors taking help-seekers from a Poisson stream"
    return "\n".join(cli.rows_table(title, rows))


# --- Main -------------------------------------------------------------------------------

QUICK = {
    "counselors": 10,
    "rate": 2.0,
    "duration": 10.0,
    "hold_min": 2.0,
    "hold_max": 5.0,
    "drain": 5.0,
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = cli.parser(__doc__)
    parser.add_argument("--counselors", type=int, default=50, help="consoles connected")
    parser.add_argument("--capacity", type=int, default=3, help="conversations per counselor")
    parser.add_argument("--rate", type=float, default=5.0, help="help-seekers arriving a second")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of arrivals")
    parser.add_argument(
        "--hold-min", type=float, default=5.0, help="shortest conversation, seconds"
    )
    parser.add_argument(
        "--hold-max", type=float, default=15.0, help="longest conversation, seconds"
    )
    parser.add_argument(
        "--think", type=float, default=1.0, help="most seconds a counselor looks before taking"
    )
    parser.add_argument(
        "--seeker-writes",
        type=float,
        default=0.5,
        help="chance a help-seeker writes again while waiting, and answers each reply",
    )
    parser.add_argument(
        "--drain",
        type=float,
        default=10.0,
        help="seconds beyond --hold-max to let the last conversations finish",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a ~20 s smoke run: "
        + ", ".join(f"--{k.replace('_', '-')} {v:g}" for k, v in QUICK.items()),
    )
    cli.add_server_options(
        parser,
        port=8768,
        worker_pid=True,
        database_url="create the counselors, check the database",
        worker="as docker-compose.yml (2)",
    )
    parser.add_argument(
        "--web-workers",
        type=int,
        default=2,
        help="uvicorn processes, as WEB_CONCURRENCY in docker-compose.yml (2): take_next "
        "then runs concurrently in two processes, as deployed",
    )
    args = parser.parse_args(argv)
    cli.apply_quick(parser, args, QUICK)
    if min(args.counselors, args.capacity, args.web_workers, args.worker_concurrency) < 1:
        parser.error("--counselors, --capacity, --web-workers, --worker-concurrency must be >= 1")
    if args.counselors > 999:
        parser.error("--counselors is at most 999 (the counselor names have three digits)")
    if args.rate <= 0 or args.duration <= 0:
        parser.error("--rate and --duration must be positive")
    if not 0 <= args.hold_min <= args.hold_max or args.think < 0 or args.drain < 0:
        parser.error("need 0 <= --hold-min <= --hold-max, --think >= 0 and --drain >= 0")
    if not 0 <= args.seeker_writes <= 1:
        parser.error("--seeker-writes is a probability (0..1)")
    return args


async def run_load(
    args: argparse.Namespace,
    base_url: str,
    server: BenchServer | None,
    database_url: str | None,
) -> dict[str, Any]:
    usernames = [f"{COUNSELOR_PREFIX}{index:03d}" for index in range(1, args.counselors + 1)]
    # Threads for the help-seekers' HTTP requests in flight, with room to spare.
    with ThreadPoolExecutor(max_workers=64) as executor:
        started = time.perf_counter()
        cookies = await staff_log_in_all(
            [(base_url, name) for name in usernames], STAFF_PASSWORD, executor
        )
        log(f"{len(cookies)} counselors logged in ({time.perf_counter() - started:.1f} s)")
        options = Options(
            base_url=base_url,
            counselor_cookies=cookies,
            rate=args.rate,
            duration=args.duration,
            drain=args.drain,
            behaviour=Behaviour(
                think=args.think,
                hold_min=args.hold_min,
                hold_max=args.hold_max,
                seeker_writes=args.seeker_writes,
            ),
            seed=args.seed,
            database_url=database_url,
        )
        if server is not None:
            server_tree, worker_tree = server.tree(), server.worker_tree()
        else:
            server_tree = ProcessTree(args.server_pid) if args.server_pid else None
            worker_tree = ProcessTree(args.worker_pid) if args.worker_pid else None
        result = await ConsoleRun(options, executor, server_tree, worker_tree).run()
    if server is not None and server.log_path is not None:
        problems = server.log_problems_since_last_call()
        result["server_log_problems"] = len(problems)
        worker_problems = server.worker_log_problems()
        result["worker_log_problems"] = len(worker_problems)
        for line in problems[:5] + worker_problems[:5]:
            log(f"  log: {line[:300]}")
    return result


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    open_files = raise_open_files_limit()
    # Each person in the system holds a socket here and one in the server.
    if open_files < 4 * args.rate * (args.hold_max + 30) + 2 * args.counselors + 100:
        log(f"warning: only {open_files} open files allowed; sockets may fail to connect")
    server: BenchServer | None = None
    if not args.url:
        # The bench logs counselors in with a password only: a second factor is part of
        # logging in, not of the console load measured here (--server-env overrides).
        extra_env = cli.server_env(
            args.server_env, KIZUNA_CHANNEL_PREFIX=CHANNEL_PREFIX, KIZUNA_COUNSELOR_2FA="false"
        )
        server = BenchServer(
            port=args.port,
            database=DATABASE,
            extra_env=extra_env,
            celery_queue=CELERY_QUEUE,
            worker_concurrency=args.worker_concurrency,
            web_workers=args.web_workers,
        )

    def run() -> int:
        base_url, database_url = bench_target(
            server, args.url, args.database_url, counselors=args.counselors, capacity=args.capacity
        )
        with asyncio.Runner() as runner:
            result = runner.run(run_load(args, base_url, server, database_url))
        print(table(result), flush=True)
        config = {
            "counselors": args.counselors,
            "capacity": args.capacity,
            "rate_per_s": args.rate,
            "duration_s": args.duration,
            "hold_s": [args.hold_min, args.hold_max],
            "think_s": args.think,
            "seeker_writes": args.seeker_writes,
            "drain_s": args.drain,
            "arrivals": "poisson",
            "quick": args.quick,
            "web_workers": args.web_workers if server is not None else None,
            "worker_concurrency": args.worker_concurrency if server is not None else None,
            "server_env": args.server_env,
        }
        cli.print_json("console_load", config, [result])
        return 0

    return cli.run_main("console_load", run, server.stop if server is not None else None)


if __name__ == "__main__":
    sys.exit(main())
