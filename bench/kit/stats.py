"""Figures as every benchmark reports them: percentiles, milliseconds and megabytes
rounded alike, and a tally of what went wrong by kind."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


def percentile(values: Iterable[float], q: float) -> float | None:
    """The q-th percentile (0..100), interpolated linearly between ranks; None if empty."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def ms(value: float | None, scale: float = 1.0) -> float | None:
    """A time in milliseconds to a tenth (`scale` 1000 for a time in seconds); None stays."""
    return round(value * scale, 1) if value is not None else None


def mb(value: float | None) -> float | None:
    """Megabytes to a tenth; None stays None."""
    return round(value, 1) if value is not None else None


def cpu_pct(before: float | None, after: float | None, elapsed: float) -> int | None:
    """CPU seconds used between two readings as a percentage of one core."""
    if before is None or after is None or elapsed <= 0:
        return None
    return round(100 * (after - before) / elapsed)


@dataclass
class Tally:
    """What went wrong during a run, by kind ("seeker_send_failed", ...). A benchmark
    subclasses it (as a dataclass) with the counts of its own."""

    errors: Counter[str] = field(default_factory=Counter)

    def error(self, kind: str) -> None:
        self.errors[kind] += 1

    def error_figures(self) -> dict[str, Any]:
        return {"errors": sum(self.errors.values()), "error_kinds": dict(self.errors)}
