"""PostgreSQL and Redis on 127.0.0.1 as the kit reaches them directly: benchmark
databases created and dropped (only those named kizuna_bench*), and Celery queues and
Redis counters read."""

from __future__ import annotations

import contextlib

import psycopg2
import redis

from bench.kit import BenchError

PG_ADMIN_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
PG_URL_TEMPLATE = "postgres://postgres@127.0.0.1:5432/{name}"
REDIS_URL = "redis://127.0.0.1:6379/0"
BENCH_DATABASE_PREFIX = "kizuna_bench"


def database_url_for(name: str) -> str:
    return PG_URL_TEMPLATE.format(name=name)


def _admin(statements: list[str], name: str) -> None:
    if not name.startswith(BENCH_DATABASE_PREFIX):
        raise BenchError(f"refusing to drop a database not named {BENCH_DATABASE_PREFIX}*: {name}")
    connection = psycopg2.connect(PG_ADMIN_DSN)
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    finally:
        connection.close()


def database_recreate(name: str) -> None:
    """Drop and create a benchmark database (never any other)."""
    _admin([f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'], name)


def database_drop(name: str) -> None:
    _admin([f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'], name)


def celery_queue_length(redis_url: str, queue: str) -> int | None:
    """Tasks waiting in a Celery queue on the Redis broker (None if Redis cannot tell)."""
    try:
        return int(redis.Redis.from_url(redis_url, socket_timeout=2).llen(queue))
    except Exception:
        return None


def celery_queue_purge(redis_url: str, queue: str) -> None:
    """Drop the tasks left in one Celery queue (never another queue)."""
    with contextlib.suppress(Exception):
        redis.Redis.from_url(redis_url).delete(queue)


def redis_connections(redis_url: str) -> int | None:
    """Redis's total_connections_received counter (every client of this Redis)."""
    try:
        stats = redis.Redis.from_url(redis_url, socket_timeout=2).info("stats")
        return int(stats["total_connections_received"])
    except Exception:
        return None
