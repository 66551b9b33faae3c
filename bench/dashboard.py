"""Supervisors' dashboard and reports at scale: 100,000 finished conversations, 1,000,000 messages.

Seeds a fresh PostgreSQL database (`kizuna_bench_dashboard`, migrated by manage.py) with
--days (90) of a busy helpline, written with COPY: arrivals with a daily and an hourly
pattern (evenings and nights busiest), risk tiers about 60% low, 25% medium, 10% high, 3%
imminent and 2% not assessed, about 10% who leave before being answered, log-normal waits
(shorter for higher tiers, longer at busy hours) and handling times, intake answers
(loneliness among the topics), about 10 messages per conversation (alternating sender,
seq 1..n, unique client ids), a wrap-up for about 90% of answered conversations (outcome
from KIZUNA_WRAPUP_OUTCOMES, the counselor's tier near triage's, topics), a survey for
about 30%, counselors' shifts as PresenceChange rows, alerts for people at risk, and a
few live waiting and active conversations. Then VACUUM (ANALYZE), as autovacuum would
have done on a live database (and so that it does not start in the middle of a timing).

Then it times, in this process (Django set up against that database, so these are query
plus Python times, no HTTP), each item once to warm up and then --repeats times:
  * supervision.dashboard.dashboard_figures() and each of its parts (and service_stats(), the
    waiting room's estimate, which reads the same columns);
  * every report in supervision.reports.REPORTS over the last 7, 30 and 90 days (staffing_by_hour
    is one of them), and report_table + report_chart (the table and the SVG) on the 90-day
    data, and what the reports page computes for each period (all reports, tables, charts);
and over HTTP, against uvicorn on the same database, logged in as a supervisor: /supervisor/,
/api/dashboard/, /supervisor/reports/, /supervisor/staffing/ and /api/staffing/ for each
period, and /api/reports/<name>/ for each report and period (one request at a time). Where
supervisors must give a second factor at login, the session is made in this process as
that step leaves it (see supervisor_session).

Per item it prints p50/p99/max in ms, the queries per run and their SQL time (timed around
each execute), and flags those over --budget-ms (500). The --explain (4) slowest distinct
report queries and dashboard queries are then run under EXPLAIN (ANALYZE, BUFFERS) and
their plans printed. With 20 repeats, p99 is close to the maximum. A fixed reference query
is timed before and after, so runs on a machine with other work can be compared.

Run (sets up its own database and uvicorn on --port; drops the database afterwards):

    .venv/bin/python -m bench.dashboard --quick        # 5 repeats, same data
    .venv/bin/python -m bench.dashboard                # 20 repeats
    .venv/bin/python -m bench.dashboard --keep         # keep the database to explore

Prints tables, then one JSON line. It never fails on a time: exit code 0 unless the
benchmark itself could not run. Other work on the machine skews the figures: the load
average before and after, and the busiest other processes, are printed with them.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import hashlib
import io
import json
import math
import os
import random
import re
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from datetime import time as clock
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # also as python bench/x.py

from bench.kit import BenchError, cli
from bench.kit.app import SESSION_COOKIE, verified_login
from bench.kit.cli import log
from bench.kit.http import HttpSession, staff_login
from bench.kit.processes import (
    COUNSELOR_PREFIX,
    STAFF_PASSWORD,
    BenchServer,
    MachineLoad,
    port_is_free,
)
from bench.kit.services import database_drop
from bench.kit.stats import ms, percentile

DATABASE = "kizuna_bench_dashboard"
SUPERVISOR_PREFIX = "bench-supervisor-"
PERIOD_DAYS = (7, 30, 90)
COPY_CHUNK_ROWS = 100_000
NULL = "\\N"  # NULL in COPY's text format

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

# --- What a helpline's history looks like ----------------------------------------------

# Arrivals by local hour of day: busiest in the evening and at night, quietest at dawn.
HOUR_WEIGHTS = (
    6.0, 5.0, 4.0, 3.0, 2.2, 1.6, 1.4, 1.6, 2.2, 2.8, 3.2, 3.5,
    3.8, 3.9, 4.0, 4.3, 4.8, 5.3, 6.0, 6.8, 7.6, 8.2, 8.0, 7.0,
)  # fmt: skip
WEEKDAY_WEIGHTS = (1.08, 1.04, 1.0, 0.98, 0.94, 0.93, 1.03)  # Monday first
TIERS = ("low", "medium", "high", "imminent", "unknown")
TIER_SHARE = (0.60, 0.25, 0.10, 0.03, 0.02)
ABANDON_SHARE = (0.11, 0.09, 0.06, 0.03, 0.25)  # per tier; about 10% overall
WAIT_MEDIAN_S = (300.0, 150.0, 45.0, 15.0, 240.0)  # per tier, at an average hour
SCORE_RANGE = ((0.05, 0.3), (0.3, 0.55), (0.55, 0.8), (0.8, 1.0), (0.0, 0.0))
RANK = {"unknown": 0, "low": 1, "medium": 2, "high": 3, "imminent": 4}
BY_RANK = {rank: tier for tier, rank in RANK.items()}
# (local start hour, hours, counselors on an average day): about 26 shifts a day.
SHIFT_TEMPLATES = ((0, 7, 3), (7, 6, 3), (12, 6, 5), (16, 7, 7), (20, 7, 8))

TOPIC_WEIGHTS = {
    "feelings": 24, "suicide": 10, "self_harm": 7, "relationships": 18,
    "school_work": 12, "loneliness": 16, "abuse": 5, "other": 8,
}  # fmt: skip
TOPIC_WEIGHTS_AT_RISK = {
    "feelings": 15, "suicide": 45, "self_harm": 15, "relationships": 7,
    "school_work": 2, "loneliness": 10, "abuse": 4, "other": 2,
}  # fmt: skip
AGE_BANDS = {"under_13": 3, "13_17": 22, "18_24": 30, "25_39": 25, "40_64": 15, "65_plus": 5}
SAFE_NOW = {"yes": 75, "no": 8, "unsure": 17}
SAFE_NOW_AT_RISK = {"yes": 35, "no": 40, "unsure": 25}
OUTCOME_WEIGHTS: dict[str, dict[str, float]] = {
    "low": {"de_escalated": 45, "safety_plan": 8, "referred": 15, "emergency_services": 0.5,
            "disconnected": 16, "other": 15},
    "medium": {"de_escalated": 40, "safety_plan": 18, "referred": 17, "emergency_services": 1,
               "disconnected": 14, "other": 10},
    "high": {"de_escalated": 28, "safety_plan": 35, "referred": 17, "emergency_services": 6,
             "disconnected": 9, "other": 5},
    "imminent": {"de_escalated": 14, "safety_plan": 34, "referred": 10, "emergency_services": 30,
                 "disconnected": 8, "other": 4},
    "unknown": {"de_escalated": 35, "safety_plan": 5, "referred": 10, "emergency_services": 0.5,
                "disconnected": 35, "other": 15},
}  # fmt: skip
EVIDENCE = {
    "medium": ("I don't want to be here anymore", "passive_ideation"),
    "high": ("I keep thinking about killing myself", "active_ideation"),
    "imminent": ("I have the pills here", "means"),
}
NAMES = (
    "Aiko", "Ben", "Chika", "Dan", "Emi", "Finn", "Gen", "Hana", "Ines", "Jun", "Kai", "Lena",
    "Mio", "Noah", "Owen", "Pia", "Quinn", "Rin", "Sam", "Taro", "Uma", "Vic", "Wren", "Yui",
)  # fmt: skip
# Message bodies (no tab, newline or backslash: they go into COPY text as they are).
BODIES = {
    ("en", "seeker"): (
        "Hi, I don't really know how to start this.",
        "I feel so lonely lately, nobody at home talks to me.",
        "Things have been really hard since I lost my job and I can't sleep.",
        "I keep thinking everyone would be better off without me.",
        "My parents were shouting again tonight and I just left the house.",
        "I don't want to be here anymore, I'm so tired of everything.",
        "Sorry, I'm not good at explaining how I feel.",
        "School is too much and I'm failing everything.",
        "Thank you for listening, it helps a bit to write it down.",
        "I think I can try to talk to my sister tomorrow.",
    ),
    ("en", "counselor"): (
        "Hi, I'm here with you. Take your time, there's no rush.",
        "That sounds really painful. Can you tell me a bit more about what happened?",
        "Thank you for trusting me with that. Are you safe right now?",
        "It makes sense that you feel exhausted after all of this.",
        "Have you had thoughts of ending your life?",
        "Is there someone you trust who you could be with tonight?",
        "What has helped you get through hard nights before?",
        "Let's think together about a plan for the next few hours.",
        "You reached out tonight, and that took courage.",
        "You can always come back and write to us again.",
    ),
    ("ja", "seeker"): (
        "こんばんは。どう話せばいいのかわかりません。",
        "最近ずっと孤独で、誰とも話していません。",
        "仕事を失ってから眠れない日が続いています。",
        "もう消えてしまいたいと思うことがあります。",
        "家で親とけんかして、外に出てきました。",
        "うまく説明できなくてごめんなさい。",
        "聞いてくれてありがとう。少し楽になりました。",
        "明日、姉に話してみようと思います。",
    ),
    ("ja", "counselor"): (
        "こんばんは。ここにいますので、ゆっくりで大丈夫です。",
        "それはとてもつらかったですね。もう少し聞かせてもらえますか。",
        "話してくれてありがとうございます。今、安全な場所にいますか。",
        "死にたいという気持ちはありますか。",
        "今夜そばにいてくれる人はいますか。",
        "これまでつらい夜をどうやって乗り越えてきましたか。",
        "これからの数時間をどう過ごすか、一緒に考えましょう。",
        "またいつでも連絡してくださいね。",
    ),
}
NOTES = ("", "", "", "Follow-up suggested.", "Safety plan agreed.", "Referred to local service.")
COMMENTS = ("Thank you.", "It helped to talk.", "The wait was long.", "ありがとうございました。")


@dataclass(frozen=True)
class SeedPlan:
    conversations: int
    messages: int
    days: int
    counselors: int
    supervisors: int
    waiting: int
    active: int
    seed: int


# --- Seeding with COPY -----------------------------------------------------------------


def copy_text(value: str) -> str:
    """A value escaped for COPY's text format."""
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


def stamps(epochs: Floats) -> list[str]:
    """Epoch seconds as ISO timestamps in UTC for COPY; NaN becomes NULL (\\N)."""
    out = np.full(len(epochs), NULL, dtype=object)
    known = ~np.isnan(epochs)
    micro = np.round(epochs[known] * 1e6).astype("int64").astype("datetime64[us]")
    out[known] = np.datetime_as_string(micro, unit="us", timezone="UTC")
    return list(out)


def stamp(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, tz=ZoneInfo("UTC")).isoformat()


def copy_rows(cursor: Any, table: str, columns: Sequence[str], lines: Iterable[str]) -> int:
    """COPY tab-separated `lines` (each ending in a newline) into `table`, in chunks."""
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    buffer, count = io.StringIO(), 0
    for line in lines:
        buffer.write(line)
        count += 1
        if count % COPY_CHUNK_ROWS == 0:
            buffer.seek(0)
            cursor.copy_expert(statement, buffer)
            buffer = io.StringIO()
    if buffer.tell():
        buffer.seek(0)
        cursor.copy_expert(statement, buffer)
    return count


def weighted(rng: random.Random, weights: Mapping[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@dataclass
class Shifts:
    """Counselors' and supervisors' presence: the changes, and who was available when."""

    changes: list[tuple[int, str, float]] = field(default_factory=list)
    spans: list[tuple[int, float, float]] = field(default_factory=list)  # available, roughly
    now_state: dict[int, tuple[str, float]] = field(default_factory=dict)


def shifts_plan(
    rng: random.Random,
    counselors: list[int],
    supervisors: list[int],
    first_day: date,
    last_day: date,
    zone: tzinfo,
    now: float,
    on_shift_now_min: int,
) -> Shifts:
    """A rota: shifts of 6-7 hours (more staff in the evening), breaks (away), consoles
    that dropped and came back, and supervisors in office hours. Nothing after `now`."""
    shifts = Shifts()
    changes: list[tuple[int, str, float]] = []

    def shift(user: int, start: float, end: float) -> None:
        shifts.spans.append((user, start, end))
        changes.append((user, "available", start))
        if rng.random() < 0.35:
            away = start + rng.uniform(0.35, 0.65) * (end - start)
            changes.extend(
                [(user, "away", away), (user, "available", away + rng.uniform(600, 1800))]
            )
        elif rng.random() < 0.2:
            dropped = start + rng.uniform(0.1, 0.9) * (end - start)
            changes.extend(
                [(user, "offline", dropped), (user, "available", dropped + rng.uniform(30, 180))]
            )
        changes.append((user, "offline", end))

    day = first_day - timedelta(days=1)  # the period's first hours need the shift before
    while day <= last_day:
        midnight = datetime.combine(day, clock(), tzinfo=zone).timestamp()
        factor = WEEKDAY_WEIGHTS[day.weekday()]
        free = counselors[:]
        rng.shuffle(free)
        for start_hour, hours, staff in SHIFT_TEMPLATES:
            for _ in range(min(len(free), max(1, round(staff * factor * rng.uniform(0.8, 1.2))))):
                start = midnight + start_hour * 3600 + rng.gauss(0, 600)
                shift(free.pop(), start, start + hours * 3600 + rng.gauss(0, 1200))
        if day.weekday() < 5:
            for user in supervisors[:2]:
                start = midnight + 9 * 3600 + rng.gauss(0, 900)
                changes += [(user, "available", start), (user, "offline", start + 8 * 3600)]
        day += timedelta(days=1)
    on_now = {user for user, start, end in shifts.spans if start <= now < end}
    for user in [c for c in counselors if c not in on_now][
        : max(0, on_shift_now_min - len(on_now))
    ]:
        start = now - rng.uniform(3600, 3 * 3600)  # called in: enough people for the live load
        shifts.spans.append((user, start, now + 4 * 3600))
        changes.append((user, "available", start))
    shifts.changes = sorted((c for c in changes if c[2] <= now), key=lambda c: c[2])
    for user, presence, at in shifts.changes:
        shifts.now_state[user] = (presence, at)
    return shifts


def arrivals_plan(
    nprng: np.random.Generator, plan: SeedPlan, first_day: date, zone: tzinfo, now: float
) -> dict[str, Any]:
    """Per finished conversation, sorted by arrival: times, tier, abandoned or answered.
    Arrivals whose conversation would not have ended by now are drawn again."""
    midnights = np.array(
        [
            datetime.combine(first_day + timedelta(days=i), clock(), tzinfo=zone).timestamp()
            for i in range(plan.days)
        ]
    )
    weekday = np.array(
        [WEEKDAY_WEIGHTS[(first_day + timedelta(days=i)).weekday()] for i in range(plan.days)]
    )
    trend = 0.9 + 0.2 * np.arange(plan.days) / max(1, plan.days - 1)  # a service that grows
    hour_weights = np.array(HOUR_WEIGHTS)
    slot_start = (midnights[:, None] + 3600.0 * np.arange(24)[None, :]).ravel()
    weights = ((weekday * trend)[:, None] * hour_weights[None, :]).ravel()
    weights[slot_start >= now] = 0.0
    weights /= weights.sum()
    n = plan.conversations
    created, queued, assigned, ended = (np.zeros(n) for _ in range(4))
    tier = np.zeros(n, dtype=np.int64)
    abandoned = np.zeros(n, dtype=np.bool_)
    todo = np.arange(n)
    share = np.array(TIER_SHARE)
    for _attempt in range(200):
        k = len(todo)
        slot = nprng.choice(len(slot_start), size=k, p=weights)
        at = slot_start[slot] + nprng.uniform(0, 3600, k)
        busy = hour_weights[slot % 24] / hour_weights.mean()
        drawn_tier = nprng.choice(len(TIERS), size=k, p=share / share.sum())
        left = nprng.random(k) < np.array(ABANDON_SHARE)[drawn_tier]
        queue_at = at + nprng.uniform(0, 1.5, k)
        wait = np.clip(
            np.array(WAIT_MEDIAN_S)[drawn_tier] * busy * nprng.lognormal(0, 1.0, k), 2, 7200
        )
        leave = np.clip(180 * nprng.lognormal(0, 1.0, k), 5, 7200)
        handle = np.clip(1800 * nprng.lognormal(0, 0.55, k), 120, 4 * 3600)
        answer_at = np.where(left, np.nan, queue_at + wait)
        end_at = np.where(left, queue_at + leave, answer_at + handle)
        created[todo], queued[todo], assigned[todo], ended[todo] = at, queue_at, answer_at, end_at
        tier[todo], abandoned[todo] = drawn_tier, left
        todo = todo[(end_at >= now - 60) | (at >= now)]
        if not len(todo):
            break
    else:
        raise BenchError("could not place every finished conversation before now")
    order = np.argsort(created, kind="stable")
    return {
        "created": created[order],
        "queued": queued[order],
        "assigned": assigned[order],
        "ended": ended[order],
        "tier": tier[order],
        "abandoned": abandoned[order],
    }


def message_counts(nprng: np.random.Generator, arrivals: dict[str, Any], total: int) -> Ints:
    """Messages per conversation summing to `total` exactly: 1-4 from people who left
    before being answered, otherwise more the longer the conversation (at least 2)."""
    abandoned: Bools = arrivals["abandoned"]
    counts = np.where(abandoned, 1 + np.minimum(nprng.poisson(0.8, len(abandoned)), 3), 0)
    answered = ~abandoned
    handle = (arrivals["ended"] - arrivals["assigned"])[answered]
    remaining = total - int(counts.sum())
    if remaining < 2 * int(answered.sum()):
        raise BenchError(f"--messages {total} is too few for the conversations asked for")
    mean = remaining / max(1, int(answered.sum()))
    raw = handle / handle.mean() * mean * nprng.lognormal(0, 0.3, len(handle))
    answered_counts = np.maximum(2, np.round(raw)).astype(np.int64)
    diff = remaining - int(answered_counts.sum())
    while diff:
        if diff > 0:
            np.add.at(answered_counts, nprng.integers(0, len(answered_counts), diff), 1)
        else:
            room = np.flatnonzero(answered_counts > 2)
            picked = nprng.choice(room, size=min(-diff, len(room)), replace=False)
            answered_counts[picked] -= 1
        diff = remaining - int(answered_counts.sum())
    counts[answered] = answered_counts
    return counts.astype(np.int64)


class Seeder:
    """Writes the whole history with COPY in one transaction, through psycopg2."""

    def __init__(
        self,
        database_url: str,
        plan: SeedPlan,
        *,
        zone: tzinfo,
        now: float,
        password_hash: str,
        outcomes: list[str],
    ) -> None:
        self.database_url = database_url
        self.plan = plan
        self.zone = zone
        self.now = now
        self.password_hash = password_hash
        self.outcomes = outcomes
        self.rng = random.Random(plan.seed)
        self.nprng = np.random.default_rng(plan.seed)
        self.sizes: dict[str, int] = {}
        self.seconds: dict[str, float] = {}
        self.first_day = datetime.fromtimestamp(now, tz=zone).date() - timedelta(days=plan.days - 1)
        self.capacity: dict[int, int] = {}
        self.bodies = {key: [copy_text(b) for b in pool] for key, pool in BODIES.items()}
        self.languages: list[str] = []  # per conversation, in the order written

    def run(self) -> dict[str, Any]:
        import psycopg2

        started = time.perf_counter()
        connection = psycopg2.connect(self.database_url)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit = off")
                cursor.execute("SET TIME ZONE 'UTC'")
                replica = self._skip_foreign_key_triggers(cursor)
                self._seed(cursor)
                if replica:
                    cursor.execute("SET session_replication_role = origin")
                    self._check_references(cursor)
            connection.commit()
            connection.autocommit = True
            with connection.cursor() as cursor:
                mark = time.perf_counter()
                cursor.execute("VACUUM (ANALYZE)")
                self.seconds["vacuum_analyze"] = round(time.perf_counter() - mark, 1)
                with contextlib.suppress(psycopg2.Error):  # needs superuser; only less noise
                    mark = time.perf_counter()
                    cursor.execute("CHECKPOINT")
                    self.seconds["checkpoint"] = round(time.perf_counter() - mark, 1)
                cursor.execute(
                    "SELECT pg_size_pretty(pg_database_size(current_database())),"
                    " pg_size_pretty(pg_total_relation_size('counseling_conversation')),"
                    " pg_size_pretty(pg_total_relation_size('counseling_message'))"
                )
                database_size, conversation_size, message_size = cursor.fetchone()
        finally:
            connection.close()
        self.seconds["total"] = round(time.perf_counter() - started, 1)
        return {
            "rows": self.sizes,
            "seconds": self.seconds,
            "foreign_key_triggers_skipped": replica,
            "database_size": database_size,
            "conversation_table_size": conversation_size,
            "message_table_size": message_size,
        }

    @staticmethod
    def _skip_foreign_key_triggers(cursor: Any) -> bool:
        """Bulk load without a foreign-key check per row (superuser only); the references
        are checked once afterwards instead (_check_references)."""
        import psycopg2

        try:
            cursor.execute("SAVEPOINT replica")
            cursor.execute("SET session_replication_role = replica")
        except psycopg2.Error:
            cursor.execute("ROLLBACK TO SAVEPOINT replica")
            return False
        return True

    @staticmethod
    def _check_references(cursor: Any) -> None:
        """Every reference written while foreign-key triggers were off points at a row."""
        references = (
            ("counseling_message", "conversation_id", "counseling_conversation"),
            ("counseling_message", "author_id", "accounts_user"),
            ("counseling_conversation", "counselor_id", "accounts_user"),
            ("counseling_wrapup", "conversation_id", "counseling_conversation"),
            ("counseling_wrapup", "counselor_id", "accounts_user"),
            ("counseling_survey", "conversation_id", "counseling_conversation"),
            ("queues_alert", "conversation_id", "counseling_conversation"),
            ("accounts_presencechange", "user_id", "accounts_user"),
        )
        for table, column, target in references:
            cursor.execute(
                f"SELECT count(*) FROM {table} t WHERE t.{column} IS NOT NULL AND NOT EXISTS "  # noqa: S608 (constants)
                f"(SELECT 1 FROM {target} r WHERE r.id = t.{column})"
            )
            (dangling,) = cursor.fetchone()
            if dangling:
                raise BenchError(f"seeding wrote {dangling} {table}.{column} without a {target}")

    def _timed(self, name: str, started: float) -> None:
        self.seconds[name] = round(time.perf_counter() - started, 1)

    def _seed(self, cursor: Any) -> None:
        mark = time.perf_counter()
        counselors, supervisors = self._staff(cursor)
        last_day = datetime.fromtimestamp(self.now, tz=self.zone).date()
        shifts = shifts_plan(
            self.rng,
            counselors,
            supervisors,
            self.first_day,
            last_day,
            self.zone,
            self.now,
            on_shift_now_min=max(6, math.ceil(self.plan.active / 2)),
        )
        self.sizes["presence_changes"] = copy_rows(
            cursor,
            "accounts_presencechange",
            ("user_id", "presence", "at"),
            (f"{user}\t{presence}\t{stamp(at)}\n" for user, presence, at in shifts.changes),
        )
        self._presence_now(cursor, shifts, supervisors)
        self._timed("staff_and_shifts", mark)

        mark = time.perf_counter()
        arrivals = arrivals_plan(self.nprng, self.plan, self.first_day, self.zone, self.now)
        counselor_of = self._assign(arrivals, shifts, counselors)
        counts = message_counts(self.nprng, arrivals, self.plan.messages)
        ids = [uuid.UUID(int=self.rng.getrandbits(128), version=4) for _ in counts]
        self._timed("plan", mark)

        mark = time.perf_counter()
        self.sizes["conversations_finished"] = copy_rows(
            cursor,
            "counseling_conversation",
            CONVERSATION_COLUMNS,
            self._conversation_lines(arrivals, ids, counselor_of, counts),
        )
        self._timed("conversations", mark)
        mark = time.perf_counter()
        self.sizes["messages_finished"] = copy_rows(
            cursor,
            "counseling_message",
            MESSAGE_COLUMNS,
            self._message_lines(arrivals, ids, counselor_of, counts),
        )
        self._timed("messages", mark)
        mark = time.perf_counter()
        self._wrap_ups_and_surveys(cursor, arrivals, ids, counselor_of)
        self._alerts(cursor, arrivals, ids, counselor_of, supervisors)
        self._live(cursor, shifts, counselors, supervisors)
        self._timed("wrap_ups_surveys_alerts_live", mark)

    # --- Staff ------------------------------------------------------------------------

    def _staff(self, cursor: Any) -> tuple[list[int], list[int]]:
        cursor.execute("SELECT name, id FROM auth_group")
        groups = dict(cursor.fetchall())
        joined = stamp(self.now - 200 * 86400)
        counselors: list[int] = []
        supervisors: list[int] = []
        people = [
            (f"{COUNSELOR_PREFIX}{i:03d}", "counselor") for i in range(1, self.plan.counselors + 1)
        ] + [(f"{SUPERVISOR_PREFIX}{i}", "supervisor") for i in range(1, self.plan.supervisors + 1)]
        for index, (username, role) in enumerate(people):
            capacity = self.rng.choice((2, 3, 3, 3, 4))
            cursor.execute(
                """
                INSERT INTO accounts_user (password, is_superuser, username, first_name,
                    last_name, email, is_staff, is_active, date_joined, display_name, capacity,
                    presence)
                VALUES (%s, false, %s, '', '', '', false, true, %s, %s, %s, 'offline')
                RETURNING id
                """,
                (self.password_hash, username, joined, NAMES[index % len(NAMES)], capacity),
            )
            (user_id,) = cursor.fetchone()
            cursor.execute(
                "INSERT INTO accounts_user_groups (user_id, group_id) VALUES (%s, %s)",
                (user_id, groups[role]),
            )
            (counselors if role == "counselor" else supervisors).append(user_id)
            self.capacity[user_id] = capacity
        self.sizes["counselors"], self.sizes["supervisors"] = len(counselors), len(supervisors)
        return counselors, supervisors

    def _presence_now(self, cursor: Any, shifts: Shifts, supervisors: list[int]) -> None:
        """Users' presence as their last change left it; one supervisor on duty now."""
        duty = supervisors[0] if supervisors else None
        if duty is not None and shifts.now_state.get(duty, ("offline", 0.0))[0] == "offline":
            at = self.now - 2 * 3600
            cursor.execute(
                "INSERT INTO accounts_presencechange (user_id, presence, at) VALUES (%s, %s, %s)",
                (duty, "available", stamp(at)),
            )
            shifts.now_state[duty] = ("available", at)
            self.sizes["presence_changes"] += 1
        for user, (presence, at) in shifts.now_state.items():
            cursor.execute(
                "UPDATE accounts_user SET presence = %s, presence_changed_at = %s WHERE id = %s",
                (presence, stamp(at), user),
            )

    def _assign(
        self, arrivals: dict[str, Any], shifts: Shifts, counselors: list[int]
    ) -> list[int | None]:
        """A counselor on shift at the moment each answered person was answered."""
        origin = float(np.floor(arrivals["created"].min() / 3600) * 3600) - 86400
        slots: dict[int, list[int]] = {}
        for user, start, end in shifts.spans:
            for slot in range(int((start - origin) // 3600), math.ceil((end - origin) / 3600)):
                slots.setdefault(slot, []).append(user)
        counselor_of: list[int | None] = []
        for assigned in arrivals["assigned"].tolist():
            if math.isnan(assigned):
                counselor_of.append(None)
            else:
                on_shift = slots.get(int((assigned - origin) // 3600)) or counselors
                counselor_of.append(self.rng.choice(on_shift))
        return counselor_of

    # --- Conversations and messages ---------------------------------------------------

    def _intake(self, tier: str) -> str:
        if self.rng.random() < 0.25:
            return "{}"
        at_risk = tier in ("high", "imminent")
        answers = {
            "topic": weighted(self.rng, TOPIC_WEIGHTS_AT_RISK if at_risk else TOPIC_WEIGHTS),
            "age_band": weighted(self.rng, AGE_BANDS),
            "safe_now": weighted(self.rng, SAFE_NOW_AT_RISK if at_risk else SAFE_NOW),
        }
        kept = {q: a for q, a in answers.items() if self.rng.random() >= 0.1}
        return copy_text(json.dumps(kept))

    def _risk(self, tier: str, assessed_at: float) -> tuple[str, str, str, str, str]:
        """(score, assessed at, evidence JSON, explanation, reason JSON) columns for a tier."""
        if tier == "unknown":
            return NULL, NULL, "[]", "", "{}"
        index = TIERS.index(tier)
        low, high = SCORE_RANGE[index]
        evidence = []
        if tier in EVIDENCE:
            phrase, construct = EVIDENCE[tier]
            evidence = [{"phrase": phrase, "start": 0, "end": len(phrase), "construct": construct}]
        explanation = f"{tier}: {evidence[0]['construct']}" if evidence else ""
        reason = {
            "tier": tier,
            "code": "mentions",
            "parts": [[e["construct"], e["phrase"]] for e in evidence],
        }
        return (
            f"{self.rng.uniform(low, high):.4f}",
            stamp(assessed_at),
            copy_text(json.dumps(evidence)),
            explanation,
            copy_text(json.dumps(reason if evidence else {})),
        )

    def _conversation_lines(
        self,
        arrivals: dict[str, Any],
        ids: list[uuid.UUID],
        counselor_of: list[int | None],
        counts: Ints,
    ) -> Iterator[str]:
        created, queued = stamps(arrivals["created"]), stamps(arrivals["queued"])
        assigned, ended = stamps(arrivals["assigned"]), stamps(arrivals["ended"])
        rows = zip(
            ids,
            arrivals["tier"].tolist(),
            arrivals["abandoned"].tolist(),
            created,
            queued,
            assigned,
            ended,
            counselor_of,
            counts.tolist(),
            arrivals["created"].tolist(),
            arrivals["assigned"].tolist(),
            arrivals["ended"].tolist(),
            strict=True,
        )
        for index, row in enumerate(rows):
            cid, tier_index, left, c_at, q_at, a_at, e_at, counselor, n = row[:9]
            c_epoch, a_epoch, e_epoch = row[9:]
            tier = TIERS[tier_index]
            yield self._conversation_line(
                cid,
                index,
                "abandoned" if left else "ended",
                tier,
                self._intake(tier),
                (c_at, q_at, a_at, e_at),
                "seeker" if left or self.rng.random() < 0.35 else "counselor",
                n,
                counselor,
                self._risk(tier, c_epoch + self.rng.uniform(1, 5)),
                stamp(self.rng.uniform(a_epoch, e_epoch))
                if not left and self.rng.random() < 0.03
                else NULL,
            )

    def _conversation_line(
        self,
        cid: uuid.UUID,
        index: int,
        status: str,
        tier: str,
        intake: str,
        times: tuple[str, str, str, str],
        ended_by: str,
        last_seq: int,
        counselor: int | None,
        risk: tuple[str, str, str, str, str],
        seeker_left_at: str,
    ) -> str:
        token_hash = hashlib.sha256(f"kizuna-bench-{self.plan.seed}-{index}".encode()).hexdigest()
        device_hash = (
            hashlib.sha256(f"device-{self.plan.seed}-{index}".encode()).hexdigest()
            if self.rng.random() < 0.08
            else ""
        )
        language = "ja" if self.rng.random() < 0.3 else "en"
        score, assessed, evidence, explanation, reason = risk
        fields = (
            str(cid),
            token_hash,
            status,
            language,
            intake,
            *times,
            ended_by,
            str(last_seq),
            tier,
            score,
            assessed,
            NULL if counselor is None else str(counselor),
            evidence,
            explanation,
            reason,
            seeker_left_at,
            NULL,
            device_hash,
        )
        self.languages.append(language)
        return "\t".join(fields) + "\n"

    def _message_lines(
        self,
        arrivals: dict[str, Any],
        ids: list[uuid.UUID],
        counselor_of: list[int | None],
        counts: Ints,
    ) -> Iterator[str]:
        """Seq 1 when the person arrived; the rest spread over the conversation, the
        help-seeker and the counselor taking turns (all the help-seeker's if they left)."""
        total = int(counts.sum())
        conversation = np.repeat(np.arange(len(counts)), counts)
        starts = np.repeat(np.cumsum(counts) - counts, counts)
        seq = np.arange(total) - starts + 1
        n = counts[conversation].astype(np.float64)
        abandoned = arrivals["abandoned"][conversation]
        created = arrivals["created"][conversation]
        assigned = arrivals["assigned"][conversation]
        ended = arrivals["ended"][conversation]
        during = assigned + (seq - 1.5) / np.maximum(n - 1, 1) * (ended - assigned)
        before_leaving = created + (seq - 1) / n * (ended - created)
        at = np.where(seq == 1, created, np.where(abandoned, before_leaving, during))
        counselor_turn = (~abandoned) & (seq % 2 == 0)
        picks = self.nprng.integers(0, 1 << 30, total)
        sent_at = stamps(at)
        conversation_ids = [str(cid) for cid in ids]
        authors = [NULL if c is None else str(c) for c in counselor_of]
        pools = {
            (language, turn): self.bodies[(language, "counselor" if turn else "seeker")]
            for language in ("en", "ja")
            for turn in (False, True)
        }
        languages = self.languages
        for index, number, turn, pick, sent in zip(
            conversation.tolist(),
            seq.tolist(),
            counselor_turn.tolist(),
            picks.tolist(),
            sent_at,
            strict=True,
        ):
            pool = pools[(languages[index], turn)]
            sender, author = ("counselor", authors[index]) if turn else ("seeker", NULL)
            yield (
                f"{number}\t{sender}\t{pool[pick % len(pool)]}\tm{index:x}-{number}\t{sent}\t"
                f"{author}\t{conversation_ids[index]}\n"
            )

    # --- Wrap-ups, surveys, alerts ----------------------------------------------------

    def _counselor_tier(self, triage: str) -> str:
        if triage == "unknown":
            return weighted(self.rng, {"low": 60, "medium": 30, "high": 10})
        if self.rng.random() < 0.7:
            return triage
        rank = RANK[triage] + self.rng.choice((-1, 1))
        return BY_RANK[min(4, max(1, rank))]

    def _wrap_up_topics(self, intake_topic: str | None) -> str:
        chosen = set(
            self.rng.choices(
                list(TOPIC_WEIGHTS),
                weights=list(TOPIC_WEIGHTS.values()),
                k=self.rng.choices((1, 2, 3), weights=(55, 35, 10))[0],
            )
        )
        if intake_topic and self.rng.random() < 0.7:
            chosen.add(intake_topic)
        return json.dumps(sorted(chosen))

    def _wrap_ups_and_surveys(
        self,
        cursor: Any,
        arrivals: dict[str, Any],
        ids: list[uuid.UUID],
        counselor_of: list[int | None],
    ) -> None:
        cursor.execute("SELECT id::text, intake->>'topic' FROM counseling_conversation")
        intake_topic = dict(cursor.fetchall())
        wrap_ups, surveys = [], []
        for cid, tier_index, left, end, counselor in zip(
            ids,
            arrivals["tier"].tolist(),
            arrivals["abandoned"].tolist(),
            arrivals["ended"].tolist(),
            counselor_of,
            strict=True,
        ):
            tier = TIERS[tier_index]
            if counselor is not None and self.rng.random() < 0.9:
                weights = {code: OUTCOME_WEIGHTS[tier].get(code, 5) for code in self.outcomes}
                wrap_ups.append(
                    "\t".join(
                        (
                            weighted(self.rng, weights),
                            self._counselor_tier(tier),
                            tier,
                            self._wrap_up_topics(intake_topic.get(str(cid))),
                            self.rng.choice(NOTES),
                            stamp(min(self.now, end + self.rng.uniform(30, 300))),
                            str(cid),
                            str(counselor),
                        )
                    )
                    + "\n"
                )
            if self.rng.random() < (0.1 if left else 0.32):
                surveys.append(self._survey_line(cid, end))
        self.sizes["wrap_ups"] = copy_rows(
            cursor,
            "counseling_wrapup",
            (
                "outcome",
                "counselor_tier",
                "triage_tier",
                "topics",
                "note",
                "created_at",
                "conversation_id",
                "counselor_id",
            ),
            wrap_ups,
        )
        self.sizes["surveys"] = copy_rows(
            cursor,
            "counseling_survey",
            (
                "feeling_before",
                "feeling_after",
                "helped",
                "comment",
                "created_at",
                "conversation_id",
            ),
            surveys,
        )

    def _survey_line(self, cid: uuid.UUID, ended: float) -> str:
        before = self.rng.choices((1, 2, 3, 4, 5), weights=(25, 30, 25, 15, 5))[0]
        after = min(5, max(1, before + self.rng.choices((-1, 0, 1, 2), weights=(8, 30, 42, 20))[0]))
        helped = weighted(self.rng, {"yes": 50, "somewhat": 30, "no": 12, "": 8})
        comment = self.rng.choice(COMMENTS) if self.rng.random() < 0.1 else ""
        return (
            "\t".join(
                (
                    str(before) if self.rng.random() >= 0.1 else NULL,
                    str(after) if self.rng.random() >= 0.1 else NULL,
                    helped,
                    comment,
                    stamp(min(self.now, ended + self.rng.uniform(10, 120))),
                    str(cid),
                )
            )
            + "\n"
        )

    def _alerts(
        self,
        cursor: Any,
        arrivals: dict[str, Any],
        ids: list[uuid.UUID],
        counselor_of: list[int | None],
        supervisors: list[int],
    ) -> None:
        """Resolved alerts of the past: every imminent arrival, high risk waiting over ten
        minutes, and a few dropped or silent counselors; most acknowledged."""
        lines = []

        def alert(
            kind: str, cid: uuid.UUID, at: float, resolved: float, counselor: int | None
        ) -> None:
            acknowledged = self.rng.random() < 0.75 and supervisors
            lines.append(
                "\t".join(
                    (
                        kind,
                        stamp(at),
                        stamp(max(at + 1, resolved)),
                        stamp(at + self.rng.uniform(20, 120)) if acknowledged else NULL,
                        str(self.rng.choice(supervisors)) if acknowledged else NULL,
                        str(cid),
                        NULL if counselor is None else str(counselor),
                    )
                )
                + "\n"
            )

        for cid, tier_index, queued, assigned, ended, counselor in zip(
            ids,
            arrivals["tier"].tolist(),
            arrivals["queued"].tolist(),
            arrivals["assigned"].tolist(),
            arrivals["ended"].tolist(),
            counselor_of,
            strict=True,
        ):
            tier = TIERS[tier_index]
            answered_or_left = ended if math.isnan(assigned) else assigned
            if tier == "imminent":
                alert("imminent_waiting", cid, queued + 4, answered_or_left, None)
            elif tier == "high" and answered_or_left - queued > 600:
                alert("risk_waiting_long", cid, queued + 600, answered_or_left, None)
            if counselor is not None and self.rng.random() < 0.01:
                kind = self.rng.choice(("counselor_disconnected", "counselor_silent"))
                at = self.rng.uniform(assigned, ended)
                alert(kind, cid, at, min(ended, at + self.rng.uniform(60, 300)), counselor)
        self.sizes["alerts_resolved"] = copy_rows(cursor, "queues_alert", ALERT_COLUMNS, lines)

    # --- Live: people waiting and talking now -----------------------------------------

    def _live(
        self, cursor: Any, shifts: Shifts, counselors: list[int], supervisors: list[int]
    ) -> None:
        """Waiting people (the queue) and active conversations with counselors on shift,
        within their capacity, and open alerts for imminent people waiting."""
        available = [c for c in counselors if shifts.now_state.get(c, ("",))[0] == "available"]
        seats = [c for c in available for _ in range(self.capacity[c])]
        self.rng.shuffle(seats)
        live_tiers = ("imminent", "high", "medium", "medium", "low", "low", "low", "unknown")
        conversations, messages, alerts = [], [], []
        plan: list[tuple[str, int | None]] = [("waiting", None)] * self.plan.waiting
        plan += [("active", seat) for seat in seats[: self.plan.active]]
        for index, (status, counselor) in enumerate(plan):
            cid = uuid.UUID(int=self.rng.getrandbits(128), version=4)
            tier = live_tiers[index % len(live_tiers)]
            if status == "waiting":
                queued = self.now - self.rng.uniform(10, 25 * 60)
                assigned = math.nan
                count = self.rng.randint(1, 3)
            else:
                assigned = self.now - self.rng.uniform(60, 50 * 60)
                queued = assigned - self.rng.uniform(5, 600)
                count = self.rng.randint(2, 20)
            times = (stamp(queued), stamp(queued), NULL, NULL)
            if status == "active":
                times = (stamp(queued), stamp(queued), stamp(assigned), NULL)
            line = self._conversation_line(
                cid,
                self.plan.conversations + index,
                status,
                tier,
                self._intake(tier),
                times,
                "",
                count,
                counselor,
                self._risk(tier, queued + 3),
                NULL,
            )
            conversations.append(line)
            language = self.languages[-1]
            last = assigned if status == "active" else queued
            for seq in range(1, count + 1):
                turn = status == "active" and seq % 2 == 0
                sender = "counselor" if turn else "seeker"
                author = str(counselor) if turn else NULL
                pool = self.bodies[(language, sender)]
                at = queued if seq == 1 else last + (self.now - last) * (seq - 1) / count
                messages.append(
                    f"{seq}\t{sender}\t{self.rng.choice(pool)}\tlive-{index}-{seq}\t{stamp(at)}\t"
                    f"{author}\t{cid}\n"
                )
            if status == "waiting" and tier in ("imminent", "high"):
                kind = "imminent_waiting" if tier == "imminent" else "risk_waiting_long"
                alerts.append(
                    f"{kind}\t{stamp(queued + 4)}\t{NULL}\t{NULL}\t{NULL}\t{cid}\t{NULL}\n"
                )
        self.sizes["conversations_waiting"] = self.plan.waiting
        self.sizes["conversations_active"] = len(plan) - self.plan.waiting
        copy_rows(cursor, "counseling_conversation", CONVERSATION_COLUMNS, conversations)
        self.sizes["messages_live"] = copy_rows(
            cursor, "counseling_message", MESSAGE_COLUMNS, messages
        )
        self.sizes["alerts_open"] = copy_rows(cursor, "queues_alert", ALERT_COLUMNS, alerts)


CONVERSATION_COLUMNS = (
    "id",
    "token_hash",
    "status",
    "language",
    "intake",
    "created_at",
    "queued_at",
    "assigned_at",
    "ended_at",
    "ended_by",
    "last_seq",
    "risk_tier",
    "risk_score",
    "risk_updated_at",
    "counselor_id",
    "risk_evidence",
    "risk_explanation",
    "risk_reason",
    "seeker_left_at",
    "returned_at",
    "device_hash",
)
MESSAGE_COLUMNS = (
    "seq",
    "sender",
    "body",
    "client_id",
    "created_at",
    "author_id",
    "conversation_id",
)
ALERT_COLUMNS = (
    "kind",
    "created_at",
    "resolved_at",
    "acknowledged_at",
    "acknowledged_by_id",
    "conversation_id",
    "counselor_id",
)


# --- Timing in this process -------------------------------------------------------------


@dataclass
class Item:
    group: str
    name: str
    period: str
    run: Callable[[], object]


class QueryRecorder:
    """An execute_wrapper: each statement's SQL, with its parameters filled in, and its
    time in ms (psycopg2 fetches the whole result inside execute, so the transfer too)."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.queries: list[tuple[str, float]] = []

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = 1000 * (time.perf_counter() - started)
            try:
                raw = context["cursor"].cursor
                text = str(self.connection.ops.last_executed_query(raw, sql, params))
            except Exception:
                text = sql
            self.queries.append((text, elapsed))


def measure(item: Item, repeats: int, budget_ms: float) -> dict[str, Any]:
    """Run once to warm up (imports, translations, plans), then `repeats` times."""
    from django.db import connection

    item.run()
    totals: list[float] = []
    sql_totals: list[float] = []
    counts: list[int] = []
    per_query: dict[int, list[float]] = {}
    statements: dict[int, str] = {}
    for _ in range(repeats):
        recorder = QueryRecorder(connection)
        with connection.execute_wrapper(recorder):
            started = time.perf_counter()
            item.run()
            totals.append(1000 * (time.perf_counter() - started))
        counts.append(len(recorder.queries))
        sql_totals.append(sum(elapsed for _sql, elapsed in recorder.queries))
        for position, (sql, elapsed) in enumerate(recorder.queries):
            per_query.setdefault(position, []).append(elapsed)
            statements[position] = sql
    queries = [
        (position, percentile(times, 50) or 0.0, statements[position])
        for position, times in per_query.items()
    ]
    slowest = max(queries, key=lambda q: q[1], default=None)
    p50, p99 = percentile(totals, 50), percentile(totals, 99)
    return {
        "group": item.group,
        "item": item.name,
        "period": item.period,
        "runs": repeats,
        "queries": max(counts, default=0),
        "p50_ms": ms(p50),
        "p99_ms": ms(p99),
        "max_ms": ms(max(totals, default=None)),
        "sql_p50_ms": ms(percentile(sql_totals, 50)),
        "slowest_query_p50_ms": ms(slowest[1]) if slowest else None,
        "flag": flag(p50, p99, budget_ms),
        "_queries": queries,
    }


def flag(p50: float | None, p99: float | None, budget_ms: float) -> str:
    if p50 is not None and p50 > budget_ms:
        return f"OVER {budget_ms:.0f}"
    if p99 is not None and p99 > budget_ms:
        return f"p99 over {budget_ms:.0f}"
    return ""


def periods_by_days() -> dict[int, Any]:
    from core.clock import service_zone
    from supervision.reports import Period

    today = datetime.now(service_zone()).date()
    return {
        days: Period.from_dates(today - timedelta(days=days - 1), today) for days in PERIOD_DAYS
    }


def render(name: str, data: Any) -> tuple[Any, Any]:
    """A report's table and SVG chart, from its data (no queries)."""
    from supervision.reports import report_chart, report_table

    return report_table(name, data), report_chart(name, data)


def reports_page(period: Any) -> list[Any]:
    """What queues.views.reports computes, without the template."""
    from supervision.reports import REPORTS

    return [
        render(name, report.compute(period))
        for name, report in REPORTS.items()
        if name != "staffing_by_hour"  # it has its own page, with the target
    ]


def in_process_items() -> list[Item]:
    from django.utils import timezone

    from queues.frames import alert_dict
    from queues.selectors import alerts_recent, service_stats
    from supervision import dashboard
    from supervision.reports import REPORTS

    items = [
        Item("dashboard", "dashboard_figures", "now", dashboard.dashboard_figures),
        Item(
            "dashboard",
            "  waiting_by_tier",
            "now",
            lambda: dashboard.waiting_by_tier(timezone.now()),
        ),
        Item(
            "dashboard",
            "  hourly_last_day",
            "now",
            lambda: dashboard.hourly_last_day(timezone.now()),
        ),
        Item("dashboard", "  today_totals", "now", lambda: dashboard.today_totals(timezone.now())),
        Item("dashboard", "  team_figures", "now", lambda: dashboard.team_figures(timezone.now())),
        Item("dashboard", "  active_conversations", "now", dashboard.active_conversations),
        Item("dashboard", "  alerts", "now", lambda: [alert_dict(a) for a in alerts_recent()]),
        # Not on the dashboard: the waiting room's estimate, sent with every queue change.
        Item("dashboard", "service_stats (waiting room)", "now", service_stats),
    ]
    periods = periods_by_days()
    for name, report in REPORTS.items():
        for days, period in periods.items():
            items.append(
                Item("report", name, f"{days}d", functools.partial(report.compute, period))
            )
    longest = periods[max(PERIOD_DAYS)]
    for name, report in REPORTS.items():
        data = report.compute(longest)
        items.append(
            Item(
                "render",
                f"{name}: table + chart",
                f"{max(PERIOD_DAYS)}d",
                functools.partial(render, name, data),
            )
        )

    for days, period in periods.items():
        items.append(
            Item(
                "page",
                "reports page: reports + tables + charts",
                f"{days}d",
                functools.partial(reports_page, period),
            )
        )
    return items


def run_in_process(repeats: int, budget_ms: float) -> list[dict[str, Any]]:
    results = []
    for item in in_process_items():
        result = measure(item, repeats, budget_ms)
        log(
            f"  {item.group} {item.name.strip()} {item.period}: p50 {result['p50_ms']} ms, "
            f"p99 {result['p99_ms']} ms, {result['queries']} queries"
        )
        results.append(result)
    return results


# --- Timing over HTTP --------------------------------------------------------------------


def http_targets() -> list[tuple[str, str, str]]:
    """(name, period, path) of every page and API read a supervisor makes."""
    from supervision.reports import REPORTS

    targets = [("/supervisor/", "", "/supervisor/"), ("/api/dashboard/", "now", "/api/dashboard/")]
    for days, period in periods_by_days().items():
        first = period.start.astimezone(period.tz).date()
        last = (period.end.astimezone(period.tz) - timedelta(days=1)).date()
        query = f"start={first.isoformat()}&end={last.isoformat()}"
        targets += [
            ("/supervisor/reports/", f"{days}d", f"/supervisor/reports/?{query}"),
            ("/supervisor/staffing/", f"{days}d", f"/supervisor/staffing/?{query}"),
            ("/api/staffing/", f"{days}d", f"/api/staffing/?{query}"),
        ]
        targets += [
            (f"/api/reports/{name}/", f"{days}d", f"/api/reports/{name}/?{query}")
            for name in REPORTS
        ]
    return sorted(
        targets, key=lambda t: (not t[0].startswith("/supervisor"), t[0], len(t[1]), t[1])
    )


def supervisor_session(base_url: str, username: str) -> tuple[HttpSession, str]:
    """A logged-in supervisor's cookies, and how they were obtained.

    The login form first. Where supervisors must also give a second factor (django-otp),
    which a benchmark has no app for, the session is made here instead, as that second
    step leaves it: logged in through Django and verified with a confirmed device of the
    user's. Either way the pages measured are the same."""
    session = HttpSession(base_url)
    session.cookies_load(staff_login(base_url, username=username, password=STAFF_PASSWORD))
    status, _headers, _body = session.request("GET", "/api/dashboard/", timeout=300)
    if status == 200:
        return session, "login form"
    log(f"GET /api/dashboard/ answered {status} after the login form: making a verified session")
    session.cookies[SESSION_COOKIE] = verified_session_key(username)
    status, _headers, _body = session.request("GET", "/api/dashboard/", timeout=300)
    if status != 200:
        raise BenchError(f"GET /api/dashboard/ answered {status} to a verified supervisor session")
    return session, "login + second factor (session made in-process)"


def verified_session_key(username: str) -> str:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    user = get_user_model().objects.get(username=username)
    client = verified_login(Client(), user)
    return str(client.cookies[settings.SESSION_COOKIE_NAME].value)


def measure_http(
    session: HttpSession, name: str, period: str, path: str, repeats: int, budget_ms: float
) -> dict[str, Any]:
    """One request at a time (a new connection each, as HttpSession does)."""
    statuses: list[int] = []
    times: list[float] = []
    size = 0
    session.request("GET", path, timeout=300)  # warm-up
    for _ in range(repeats):
        started = time.perf_counter()
        status, _headers, body = session.request("GET", path, timeout=300)
        elapsed = 1000 * (time.perf_counter() - started)
        statuses.append(status)
        if status == 200:
            times.append(elapsed)
            size = len(body)
    p50, p99 = percentile(times, 50), percentile(times, 99)
    errors = sum(1 for status in statuses if status != 200)
    return {
        "item": name,
        "period": period,
        "runs": repeats,
        "errors": errors,
        "statuses": sorted(set(statuses)),
        "kb": round(size / 1024, 1),
        "p50_ms": ms(p50),
        "p99_ms": ms(p99),
        "max_ms": ms(max(times, default=None)),
        "flag": flag(p50, p99, budget_ms) if not errors else f"{errors} errors",
    }


def run_http(
    server: BenchServer, repeats: int, budget_ms: float, in_process: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], str]:
    """Every page and API read, and how the supervisor was logged in."""
    session, how = supervisor_session(server.base_url, f"{SUPERVISOR_PREFIX}1")
    log(f"logged in as {SUPERVISOR_PREFIX}1 ({how})")
    same_work = {(r["item"].strip(), r["period"]): r["p50_ms"] for r in in_process}
    results = []
    for name, period, path in http_targets():
        result = measure_http(session, name, period, path, repeats, budget_ms)
        result["in_process_p50_ms"] = same_work.get(in_process_equivalent(name, period))
        log(f"  GET {name} {period}: p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms")
        results.append(result)
    server.log_problems_shown()
    return results, how


def in_process_equivalent(name: str, period: str) -> tuple[str, str]:
    """The in-process item that does the same database work as a page or API read."""
    if name == "/api/dashboard/":
        return ("dashboard_figures", period)
    if name == "/supervisor/reports/":
        return ("reports page: reports + tables + charts", period)
    if name in ("/supervisor/staffing/", "/api/staffing/"):
        return ("staffing_by_hour", period)
    match = re.fullmatch(r"/api/reports/(\w+)/", name)
    return (match.group(1), period) if match else ("", "")


# --- The slowest queries, explained ---------------------------------------------------------


def normalized(sql: str) -> str:
    """The query's shape: literals (dates, times, numbers) left out."""
    return re.sub(r"\b\d+(\.\d+)?\b", "?", re.sub(r"'[^']*'", "?", sql))


def explain_slowest(results: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """EXPLAIN (ANALYZE, BUFFERS) the `count` slowest distinct SELECTs (by their p50) of
    the reports, then of the dashboard (whose queries run far more often)."""
    from django.db import connection

    seen: set[str] = set()
    explained = []
    for group in ("report", "dashboard"):
        candidates = sorted(
            (
                (p50, result, position, sql)
                for result in results
                if result["group"] == group
                for position, p50, sql in result["_queries"]
                if sql.lstrip().upper().startswith("SELECT")
            ),
            key=lambda c: -c[0],
        )
        chosen = 0
        for p50, result, position, sql in candidates:
            shape = normalized(sql)
            if chosen >= count:
                break
            if shape in seen:
                continue
            seen.add(shape)
            chosen += 1
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = [row[0] for row in cursor.fetchall()]
            text = "\n".join(plan)
            execution = re.search(r"Execution Time: ([\d.]+) ms", text)
            explained.append(
                {
                    "group": group,
                    "item": result["item"].strip(),
                    "period": result["period"],
                    "query": f"{position + 1} of {result['queries']}",
                    "p50_ms": ms(p50),
                    "explain_execution_ms": float(execution.group(1)) if execution else None,
                    "seq_scans": sorted(set(re.findall(r"Seq Scan on (\w+)", text))),
                    "sorts_on_disk": len(re.findall(r"external (?:merge|sort)", text)),
                    "sql": sql,
                    "plan": plan,
                }
            )
    return explained


def reference_ms() -> float:
    """A fixed CPU-bound query, best of three: how fast PostgreSQL on this machine is at
    the moment, to compare runs on a machine that other work keeps busy."""
    from django.db import connection

    times = []
    with connection.cursor() as cursor:
        for _ in range(3):
            started = time.perf_counter()
            cursor.execute("SELECT count(*) FROM generate_series(1, 2000000)")
            cursor.fetchone()
            times.append(1000 * (time.perf_counter() - started))
    return round(min(times), 1)


# --- Reporting ------------------------------------------------------------------------------


show = cli.show


def table(title: str, rows: list[dict[str, Any]], columns: Sequence[tuple[str, str]]) -> str:
    return "\n".join(cli.columns_table(title, rows, columns))


IN_PROCESS_COLUMNS = (
    ("item", "item"),
    ("period", "period"),
    ("queries", "queries"),
    ("p50 ms", "p50_ms"),
    ("p99 ms", "p99_ms"),
    ("max ms", "max_ms"),
    ("SQL p50 ms", "sql_p50_ms"),
    ("slowest query p50", "slowest_query_p50_ms"),
    ("flag", "flag"),
)
HTTP_COLUMNS = (
    ("GET", "item"),
    ("period", "period"),
    ("KB", "kb"),
    ("p50 ms", "p50_ms"),
    ("p99 ms", "p99_ms"),
    ("max ms", "max_ms"),
    ("in-process p50", "in_process_p50_ms"),
    ("errors", "errors"),
    ("flag", "flag"),
)


def report(summary: dict[str, Any]) -> str:
    seed = summary["seed"]
    machine = summary["machine"]
    rows = seed["rows"]
    lines = [
        f"== dashboard: seeded {rows['conversations_finished']:,} finished conversations, "
        f"{rows['messages_finished'] + rows['messages_live']:,} messages, {rows['wrap_ups']:,} "
        f"wrap-ups, {rows['surveys']:,} surveys, {rows['presence_changes']:,} presence changes, "
        f"{rows['alerts_resolved'] + rows['alerts_open']:,} alerts, {rows['counselors']} "
        f"counselors + {rows['supervisors']} supervisors, live {rows['conversations_waiting']} "
        f"waiting / {rows['conversations_active']} active, in {seed['seconds']['total']} s "
        f"({', '.join(f'{k} {v} s' for k, v in seed['seconds'].items() if k != 'total')}); "
        f"database {seed['database_size']} ==",
        f"   machine: {machine['cpus']} CPUs, load average {machine['load_start']} at start, "
        f"{machine['load_before_timing']} before timing, {machine['load_end']} at the end; "
        f"machine CPU while timing in-process {show(machine.get('in_process_machine_cpu_pct'))}% "
        f"(100% = one core), over HTTP {show(machine.get('http_machine_cpu_pct'))}%; reference "
        f"query (count of generate_series(1, 2000000)) {machine['reference_query_ms_before']} ms "
        f"before, {machine['reference_query_ms_after']} ms after; busiest "
        f"other processes (postgres includes ours): "
        f"{', '.join(machine.get('busiest_other_processes') or []) or 'none'}",
        f"   PostgreSQL {summary['postgres'].get('server_version')}: "
        + ", ".join(f"{k} {v}" for k, v in summary["postgres"].items() if k != "server_version"),
        "",
    ]
    in_process = summary["in_process"]
    runs = in_process[0]["runs"] if in_process else 0
    for group, title in (
        ("dashboard", "dashboard (in-process: query + Python time)"),
        ("report", "reports over 7, 30 and 90 days (in-process)"),
        ("render", "report_table + report_chart on the 90-day data (no queries)"),
        ("page", "what the reports page computes (in-process, no template)"),
    ):
        rows_in_group = [r for r in in_process if r["group"] == group]
        if rows_in_group:
            lines.append(
                table(f"{title}; {runs} runs after a warm-up", rows_in_group, IN_PROCESS_COLUMNS)
            )
            lines.append("")
    if summary["http"]:
        lines.append(
            table(
                f"HTTP, one request at a time, as a logged-in supervisor; "
                f"{summary['http'][0]['runs']} runs after a warm-up",
                summary["http"],
                HTTP_COLUMNS,
            )
        )
        lines.append("")
    over = summary["over_budget"]
    lines.append(
        f"== over {summary['config']['budget_ms']:.0f} ms (p50 or p99): "
        + (", ".join(over) if over else "nothing")
        + " =="
    )
    for number, query in enumerate(summary["slowest_queries"], 1):
        lines.append("")
        lines.append(
            f"== slow {query['group']} query #{number}: {query['item']} {query['period']}, "
            f"query {query['query']}, "
            f"p50 {query['p50_ms']} ms; EXPLAIN ANALYZE {query['explain_execution_ms']} ms; "
            f"seq scans: {', '.join(query['seq_scans']) or 'none'}; sorts on disk: "
            f"{query['sorts_on_disk']} =="
        )
        sql = query["sql"]
        lines.append("   " + (sql if len(sql) <= 1200 else sql[:1200] + " ..."))
        lines.extend("   | " + line for line in query["plan"])
    return "\n".join(lines)


# --- Main ------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = cli.parser(__doc__)
    parser.add_argument("--quick", action="store_true", help="5 repeats instead of 20")
    parser.add_argument("--repeats", type=int, help="timed runs per item (default 20, --quick 5)")
    parser.add_argument("--conversations", type=int, default=100_000, help="finished ones")
    parser.add_argument("--messages", type=int, default=1_000_000, help="in finished ones")
    parser.add_argument("--days", type=int, default=90, help="days of history, today included")
    parser.add_argument("--counselors", type=int, default=40)
    parser.add_argument("--supervisors", type=int, default=4)
    parser.add_argument("--waiting", type=int, default=10, help="people waiting now")
    parser.add_argument("--active", type=int, default=24, help="conversations going on now")
    parser.add_argument("--budget-ms", type=float, default=500.0, help="flag items slower")
    parser.add_argument(
        "--explain", type=int, default=4, help="slowest report and dashboard queries to EXPLAIN"
    )
    parser.add_argument("--time-zone", help="KIZUNA_TIME_ZONE for the reports (default UTC)")
    parser.add_argument("--no-http", action="store_true", help="only the in-process timings")
    parser.add_argument("--port", type=int, default=8781, help="port for the server we start")
    parser.add_argument("--keep", action="store_true", help=f"keep the database {DATABASE}")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    args.repeats = args.repeats or (5 if args.quick else 20)
    if args.repeats < 1 or args.days < 7 or args.counselors < 2 or args.supervisors < 1:
        parser.error("--repeats >= 1, --days >= 7, --counselors >= 2, --supervisors >= 1")
    if args.conversations < 100 or args.messages < 2 * args.conversations:
        parser.error("--conversations >= 100 and --messages >= twice that")
    return args


def postgres_settings() -> dict[str, str]:
    from django.db import connection

    names = ("server_version", "shared_buffers", "work_mem", "effective_cache_size", "jit")
    with connection.cursor() as cursor:
        settings = {}
        for name in names:
            cursor.execute(f"SHOW {name}")
            settings[name] = str(cursor.fetchone()[0])
    return settings


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def run(args: argparse.Namespace, server: BenchServer) -> dict[str, Any]:
    machine: dict[str, Any] = {
        "cpus": psutil.cpu_count(),
        "physical_cpus": psutil.cpu_count(logical=False),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "load_start": load_average(),
    }
    server.setup()
    os.environ.update(server.env())
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.hashers import make_password

    from core.clock import service_zone

    plan = SeedPlan(
        conversations=args.conversations,
        messages=args.messages,
        days=args.days,
        counselors=args.counselors,
        supervisors=args.supervisors,
        waiting=args.waiting,
        active=args.active,
        seed=args.seed,
    )
    log(f"seeding {plan.conversations:,} conversations and {plan.messages:,} messages with COPY")
    seed = Seeder(
        server.database_url,
        plan,
        zone=service_zone(),
        now=time.time(),
        password_hash=make_password(STAFF_PASSWORD),
        outcomes=list(settings.KIZUNA["WRAPUP_OUTCOMES"]),
    ).run()
    log(f"seeded in {seed['seconds']['total']} s: {seed['seconds']}")
    machine["load_before_timing"] = load_average()
    machine["reference_query_ms_before"] = reference_ms()
    load = MachineLoad()
    load.start()
    log(f"timing in-process, {args.repeats} runs per item")
    in_process = run_in_process(args.repeats, args.budget_ms)
    machine["in_process_machine_cpu_pct"], busiest = load.stop(exclude=[os.getpid()])
    machine["in_process_machine_cpu_pct"] = round(machine["in_process_machine_cpu_pct"])
    http: list[dict[str, Any]] = []
    login = None
    if not args.no_http:
        server.start()
        tree = server.tree()
        load.start()
        http, login = run_http(server, args.repeats, args.budget_ms, in_process)
        exclude = [os.getpid(), *(tree.pids() if tree else [])]
        pct, busiest = load.stop(exclude=exclude)
        machine["http_machine_cpu_pct"] = round(pct)
        server.stop()
    machine["busiest_other_processes"] = busiest
    log(f"explaining the {args.explain} slowest queries")
    explained = explain_slowest(in_process, args.explain)
    machine["load_end"] = load_average()
    machine["reference_query_ms_after"] = reference_ms()
    over = [
        f"{r['item'].strip()} {r['period']} ({r['p50_ms']}/{r['p99_ms']} ms)"
        for r in [*in_process, *http]
        if r["flag"].startswith(("OVER", "p99"))
    ]
    return {
        "benchmark": "dashboard",
        "config": {
            "repeats": args.repeats,
            "budget_ms": args.budget_ms,
            "periods_days": list(PERIOD_DAYS),
            "time_zone": str(service_zone()),
            "plan": vars(plan),
            "http": not args.no_http,
            "login": login,
        },
        "seed": seed,
        "machine": machine,
        "postgres": postgres_settings(),
        "in_process": [{k: v for k, v in r.items() if not k.startswith("_")} for r in in_process],
        "http": http,
        "over_budget": over,
        "slowest_queries": explained,
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    extra_env = {"KIZUNA_CHANNEL_PREFIX": "kizuna-bench-dashboard"}
    if args.time_zone:
        extra_env["KIZUNA_TIME_ZONE"] = args.time_zone
    server = BenchServer(
        port=args.port,
        database=DATABASE,
        extra_env=extra_env,
        with_worker=False,
        celery_queue="kizuna-bench-dashboard",
    )
    if not args.no_http and not port_is_free(args.port):
        log(f"dashboard could not run: port {args.port} is in use; choose another with --port")
        return 1

    def run_and_report() -> int:
        summary = run(args, server)
        print(report(summary), flush=True)
        print(json.dumps(summary, default=str))
        return 0

    def cleanup() -> None:
        server.stop()
        if "django" in sys.modules and getattr(sys.modules["django"], "apps", None):
            from django.db import connections

            connections.close_all()
        if not args.keep:
            with contextlib.suppress(Exception):
                database_drop(DATABASE)

    return cli.run_main("dashboard", run_and_report, cleanup)


if __name__ == "__main__":
    sys.exit(main())
