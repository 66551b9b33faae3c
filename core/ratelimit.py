"""Counts per clock minute in the shared cache, so every web process enforces one limit."""

import logging
import time

from django.core.cache import cache

logger = logging.getLogger(__name__)


def minute_key(name: str) -> str:
    """The cache key of this clock minute's count of `name`."""
    return f"{name}:{int(time.time() // 60)}"


def count_this_minute(name: str) -> int | None:
    """Add one to this clock minute's count of `name` (see count)."""
    return count(minute_key(name))


def count(key: str) -> int | None:
    """Add one to the count under `key` (kept two minutes); the new count, or None when
    the cache (Redis) is down: a person in distress must still be heard, so limits wait
    until it is back (tests/faults: Redis restart)."""
    try:
        cache.add(key, 0, timeout=120)
        try:
            return int(cache.incr(key))
        except ValueError:  # evicted between add and incr
            cache.set(key, 1, timeout=120)
            return 1
    except Exception:
        logger.warning("rate limit cache unavailable; %s accepted without a limit", key)
        return None
