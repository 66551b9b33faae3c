"""The queue order, as a pure function.

1. Imminent risk first, always: nobody else is ever placed ahead of an imminent person.
   Among imminent people, whoever has waited longest.
2. Everyone else by priority = tier rank x STEP + min(seconds waited, CAP), highest first
   (ranks: high 3, medium 2, low 1, not yet assessed 0). Waiting STEP seconds is worth one
   tier, up to CAP seconds: with the defaults (15 and 30 minutes) a long wait lifts a
   person at most two tiers, so a high-risk person is overtaken only by someone who has
   waited 30 minutes longer at two tiers lower (and then only ties) or 15 at one lower.
3. People whose counselor's connection dropped mid-conversation ("returned") were already
   being helped: they count as having waited the whole CAP, so they go ahead of everyone
   at their tier or below, but a person at higher risk is not put behind them (a new
   high-risk arrival comes before a returned low-risk one).
4. Ties go to whoever has waited longest.

README.md has a worked example; tests/queues/test_policy.py checks each rule.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

from core.tiers import TIER_RANK, Tier


@dataclass(frozen=True)
class AgingRule:
    step_seconds: int = 900
    cap_seconds: int = 1800

    @classmethod
    def from_settings(cls) -> "AgingRule":
        from django.conf import settings

        return cls(
            step_seconds=settings.KIZUNA["QUEUE_AGING_STEP_SECONDS"],
            cap_seconds=settings.KIZUNA["QUEUE_AGING_CAP_SECONDS"],
        )


class Queued(Protocol):
    """Anything with a risk tier and a time it joined the queue."""

    @property
    def risk_tier(self) -> str: ...

    @property
    def queued_at(self) -> datetime: ...

    @property
    def returned_at(self) -> datetime | None: ...


Q = TypeVar("Q", bound=Queued)


def priority(tier: str, waited_seconds: float, rule: AgingRule) -> float:
    waited = min(max(waited_seconds, 0.0), rule.cap_seconds)
    return TIER_RANK.get(tier, 0) * rule.step_seconds + waited


def queue_order(entries: Iterable[Q], *, now: datetime, rule: AgingRule) -> list[Q]:
    """Return `entries` in the order counselors should answer them."""

    def key(entry: Q) -> tuple[int, float, datetime]:
        waited = (now - entry.queued_at).total_seconds()
        if entry.risk_tier == Tier.IMMINENT:
            return (0, -waited, entry.queued_at)
        if entry.returned_at is not None:
            waited = max(waited, rule.cap_seconds)  # already being helped: full credit
        return (1, -priority(entry.risk_tier, waited, rule), entry.queued_at)

    return sorted(entries, key=key)
