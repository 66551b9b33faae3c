"""How many counselors a target wait needs: the Erlang C (M/M/N) model, adapted to chat.

Pure arithmetic, no database: reports/staffing.py feeds it observed arrivals and handling
times. Erlang C assumes Poisson arrivals, exponential handling times, nobody leaving the
queue and one shared queue, which is how staffing tools have planned contact centres
since A. K. Erlang (1917). It overstates the need a little where people do give up.

Chat: a counselor holds up to `concurrency` conversations at once. Handling time is
measured per conversation, from assignment to end, so it already includes the slower
pace of a counselor writing in several conversations; each counselor is then counted as
`concurrency` servers and `counselors = ceil(servers / concurrency)`. This is the usual
simplification for chat and messaging queues (workforce-management tools call it
"concurrency"); it is optimistic when conversations interfere more than that.
"""

import math

__all__ = [
    "counselors_needed",
    "erlang_c",
    "servers_needed",
    "service_level",
    "traffic",
]


def traffic(arrivals_per_hour: float, handle_seconds: float) -> float:
    """Offered load in Erlangs: how many servers would be busy on average."""
    return arrivals_per_hour * handle_seconds / 3600


def erlang_c(traffic: float, servers: int) -> float:
    """Probability that an arrival has to wait (Erlang C), for `traffic` Erlangs.

    Uses the Erlang B recursion B(n) = A·B(n-1) / (n + A·B(n-1)) and then
    C = N·B / (N - A·(1 - B)): no factorials or powers, so it stays exact enough for
    hundreds of servers where A^N / N! overflows. With N ≤ A the queue grows without
    bound and everyone waits (1.0).
    """
    if traffic < 0 or servers < 0:
        raise ValueError("traffic and servers must not be negative")
    if traffic == 0:
        return 0.0
    if servers <= traffic:
        return 1.0
    blocking = 1.0
    for n in range(1, servers + 1):
        blocking = traffic * blocking / (n + traffic * blocking)
    return servers * blocking / (servers - traffic * (1 - blocking))


def service_level(
    arrivals_per_hour: float, handle_seconds: float, servers: int, target_seconds: float
) -> float:
    """Share of arrivals answered within `target_seconds`:
    P(wait ≤ t) = 1 - C · e^(-(N - A) · t / AHT)."""
    if arrivals_per_hour <= 0 or handle_seconds <= 0:
        return 1.0
    load = traffic(arrivals_per_hour, handle_seconds)
    if servers <= load:
        return 0.0
    waits = erlang_c(load, servers)
    return 1 - waits * math.exp(-(servers - load) * target_seconds / handle_seconds)


def servers_needed(
    arrivals_per_hour: float,
    handle_seconds: float,
    target_seconds: float,
    target_level: float,
    max_occupancy: float | None = None,
) -> int:
    """The fewest servers that answer `target_level` (0..1, exclusive) of arrivals within
    `target_seconds`, and keep each server busy at most `max_occupancy` of the time."""
    if not 0 < target_level < 1:
        raise ValueError("target_level is a share strictly between 0 and 1")
    if max_occupancy is not None and not 0 < max_occupancy <= 1:
        raise ValueError("max_occupancy is a share in (0, 1]")
    if arrivals_per_hour <= 0 or handle_seconds <= 0:
        return 0
    load = traffic(arrivals_per_hour, handle_seconds)
    servers = math.floor(load) + 1
    if max_occupancy is not None:
        servers = max(servers, math.ceil(load / max_occupancy))
    # Erlang B carried along n, so the search costs one pass however many servers.
    blocking = 1.0
    for n in range(1, servers + 1):
        blocking = load * blocking / (n + load * blocking)
    while True:
        waits = servers * blocking / (servers - load * (1 - blocking))
        level = 1 - waits * math.exp(-(servers - load) * target_seconds / handle_seconds)
        if level >= target_level:
            return servers
        servers += 1
        blocking = load * blocking / (servers + load * blocking)


def counselors_needed(
    arrivals_per_hour: float,
    handle_seconds: float,
    target_seconds: float,
    target_level: float,
    concurrency: float = 1,
    max_occupancy: float | None = None,
) -> int:
    """Counselors for the target when each holds up to `concurrency` conversations:
    ceil(servers_needed / concurrency) (see the module's note on this simplification)."""
    if concurrency <= 0:
        raise ValueError("concurrency must be positive")
    servers = servers_needed(
        arrivals_per_hour, handle_seconds, target_seconds, target_level, max_occupancy
    )
    # Round before ceil: 6 / 1.2 is 5.000000000000001 in floating point, and needs 5.
    return math.ceil(round(servers / concurrency, 9))
