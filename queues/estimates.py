"""Honest wait estimates for help-seekers: what the waiting room may say about the wait.

`waiting_estimate()` is the method; every input is a fact read now (ServiceState):

1. **Closed** (outside KIZUNA_SERVICE_HOURS): no minutes, only when the service opens.
2. **Nobody to answer**: no counselor is available, or those available take no
   conversations (capacity 0): "no estimate", because a wait has no basis until someone
   comes online, and the page says nobody is online.
3. **A place is free now**: counselors' free places (capacity minus the conversations
   they hold, summed over available counselors) cover this person's place in the
   risk-ordered queue: they should be answered as soon as a counselor takes them; no
   minutes are promised for that.
4. **Everyone is busy**: the person needs k = position - free places conversations to end
   first. With c places in all and a mean handling time h (minutes, from recently ended
   conversations), conversations end at a rate of c / h while every place is busy, so
   the wait is the time until the k-th ending: an Erlang(k, c / h) distribution (the
   M/M/c queue's waiting time behind k people, as in Erlang C staffing). The range is its
   10th to 90th percentile, so nine in ten waits end inside it if nothing changes.
5. Without handling times (a new deployment) but with at least MIN_ANSWERED_FOR_ESTIMATE
   answers in the last hour, the hour's answer rate is the rate (`wait_estimate`).
6. Otherwise "no estimate".

Positions come from the queue's own policy (risk first, then aging), so the person's
place is the one they really hold now; a person at higher risk arriving later can move
them back, which is why a range is given and refreshed with every change, never a time.
"""

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

MIN_ANSWERED_FOR_ESTIMATE = 3
MIN_HANDLED_FOR_ESTIMATE = 3
LOW_QUANTILE, HIGH_QUANTILE = 0.1, 0.9


@dataclass(frozen=True)
class ServiceState:
    """What the estimate may be based on, read at one moment (queues.selectors)."""

    open: bool = True
    opens_at: datetime | None = None
    counselors_available: int = 0
    places_total: int = 0  # capacity summed over available counselors
    places_free: int = 0  # of those, not taken by a conversation they hold
    handling_minutes: float | None = None  # mean over recently ended conversations
    answered_last_hour: int = 0


WaitKind = Literal["closed", "nobody", "soon", "range", "unknown"]


@dataclass(frozen=True)
class WaitEstimate:
    """Minutes only for "range"."""

    kind: WaitKind
    low_minutes: int | None = None
    high_minutes: int | None = None
    opens_at: datetime | None = None


def waiting_estimate(*, position: int, service: ServiceState) -> WaitEstimate:
    """What to tell the person at `position` (1 = next) in the risk-ordered queue."""
    if not service.open:
        return WaitEstimate("closed", opens_at=service.opens_at)
    if service.counselors_available < 1 or service.places_total < 1 or position < 1:
        return WaitEstimate("nobody" if position >= 1 else "unknown")
    ahead_of_a_place = position - max(0, service.places_free)
    if ahead_of_a_place <= 0:
        return WaitEstimate("soon")
    if service.handling_minutes and service.handling_minutes > 0:
        rate = service.places_total / service.handling_minutes  # endings per minute
        low = erlang_quantile(ahead_of_a_place, rate, LOW_QUANTILE)
        high = erlang_quantile(ahead_of_a_place, rate, HIGH_QUANTILE)
        return WaitEstimate("range", *_rounded(low, high))
    legacy = wait_estimate(position=ahead_of_a_place, answered_last_hour=service.answered_last_hour)
    if legacy is None:
        return WaitEstimate("unknown")
    return WaitEstimate("range", *legacy)


def erlang_cdf(k: int, rate: float, minutes: float) -> float:
    """P(the k-th of a Poisson stream of endings at `rate` per minute comes by `minutes`)."""
    x = rate * minutes
    term, below = math.exp(-x), 0.0
    for n in range(k):
        below += term
        term *= x / (n + 1)
    return max(0.0, 1.0 - below)


def erlang_quantile(k: int, rate: float, quantile: float) -> float:
    """Minutes by which the k-th ending has come with probability `quantile` (bisection)."""
    low, high = 0.0, max(1.0, 2 * k / rate)
    while erlang_cdf(k, rate, high) < quantile:
        high *= 2
    for _ in range(60):
        middle = (low + high) / 2
        if erlang_cdf(k, rate, middle) < quantile:
            low = middle
        else:
            high = middle
    return high


def _rounded(low: float, high: float) -> tuple[int, int]:
    low_minutes = max(1, math.floor(low))
    high_minutes = max(low_minutes + 1, math.ceil(high))
    if high_minutes > 15:  # beyond a quarter hour, 5-minute steps read more honestly
        low_minutes = max(1, low_minutes // 5 * 5)
        high_minutes = math.ceil(high_minutes / 5) * 5
    return low_minutes, high_minutes


def wait_estimate(*, position: int, answered_last_hour: int) -> tuple[int, int] | None:
    """(low, high) minutes from the last hour's answer rate alone, or None without a
    basis: the fallback before any conversation has ended (the range is wide on purpose,
    0.7x to 1.5x, because a promise broken hurts more than a range)."""
    if answered_last_hour < MIN_ANSWERED_FOR_ESTIMATE or position < 1:
        return None
    minutes = position * 60 / answered_last_hour
    return _rounded(minutes * 0.7, minutes * 1.5)
