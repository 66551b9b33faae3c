"""What simulated people write, and when: chat lines of realistic length, and Poisson
arrivals (load generators that send in lockstep measure their own bursts; people come
and write at random moments)."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator

CHAT_PHRASES = (
    "i have been feeling really low lately",
    "it is hard to talk to anyone about it",
    "thank you for listening",
    "that sounds exhausting",
    "can you tell me more about what happened today",
    "things at school have been bad",
    "work has been too much this week",
    "my friends do not understand",
    "i have not been sleeping well",
    "it helps to hear that",
    "what would make tonight a little easier for you",
    "i am here with you",
    "we can take this one step at a time",
    "is there someone you trust nearby",
)


def message_body(rng: random.Random) -> str:
    """A realistic chat line of 20-200 characters."""
    target = rng.randint(20, 200)
    body = rng.choice(CHAT_PHRASES)
    while len(body) < target:
        body = f"{body}, {rng.choice(CHAT_PHRASES)}"
    return str(body[:target].rstrip(" ,"))


async def poisson(rng: random.Random, rate: float, ends: float) -> AsyncIterator[float]:
    """Yield at exponentially distributed gaps (`rate` a second) until perf_counter time
    `ends`; each value is the moment it was due. The schedule, not the work done at each
    moment, sets the pace."""
    due = time.perf_counter() + rng.expovariate(rate)
    while due < ends:
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        yield due
        due += rng.expovariate(rate)
