"""Admission to the queue: what a new conversation costs whoever starts it.

A flood of scripted starts must never close the line to real people, and no client
address may be used to tell them apart. So a start carries a small proof of work: the
chat page fetches a challenge the server signed (a random nonce, the number of leading
zero bits asked for, and when it was made), finds a number whose SHA-256 with the nonce
has that many zero bits (16 bits: about 65,000 hashes, a fraction of a second in a
phone's browser while the person is still writing), and sends both with the first
message. Each challenge is good for one start and for a few minutes.

The work asked grows with two pressures, one bit (twice the work) per doubling of each
beyond its allowance, up to a hard ceiling (`proof_bits`):

    bits = min(base + beyond(starts, start_limit) + beyond(waiting, queue_allowance), ceiling)
    beyond(n, allowance) = 0 if n <= allowance else 1 + floor(log2((n - 1) / allowance))

* `starts`: accepted starts this minute, this one included. `start_limit` is the
  configured floor, or more when more counselors are on shift (a staffed service takes
  more people).
* `waiting`: conversations already waiting. `queue_allowance` is the places the
  counselors on shift can hold (the sum of their limits), or the configured floor if
  that is more. A queue longer than one round of places, with nobody free to answer, is
  exactly when fake "imminent" starts push real people back; a slow flood that stays
  under the per-minute limit still pays more with every doubling of the queue it builds.

With the defaults (16 bits, ceiling 18) the work is at most four times the base: about
262,000 hashes, measured at 0.6 s in Chromium on a shared 2-core server and 1.7 s with
its CPU slowed four times as a mid-range phone's (README, "Admission"). A refused start
is answered with a fresh challenge at the new level, which the page solves and sends
again by itself: real people always get in, while a script pays for every start. With
proof bits set to 0 (tests, channels admitted elsewhere) there is no challenge and starts
beyond the limit are refused as "busy" instead.

With the cache (Redis) down, starts are admitted on the proof alone (a replay then goes
unnoticed): a person must be able to reach out.
"""

import contextlib
import logging
import math
import secrets
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db.models import Sum

from accounts.models import Presence, User
from core import ratelimit
from core.errors import Refusal
from core.roles import Role

from .models import Conversation, Status
from .proof import proof_holds

logger = logging.getLogger(__name__)

SALT = "kizuna.admission"
NONCE_PATTERN_LENGTH = 24  # hex characters
SOLUTION_MAX_CHARS = 20
STAFFED_CACHE_SECONDS = 15
# The queue's length is read on every challenge and start; a flood fast enough to grow it
# much within this is already paying for its rate.
WAITING_CACHE_SECONDS = 5
COUNT_KEY = "conversation-starts"


def proof_bits_base() -> int:
    return int(settings.KIZUNA["START_PROOF_BITS"])


def start_limit() -> int:
    """Accepted starts a minute before more work is asked (or, with no proof, before
    starts are refused): the configured floor, or more when more counselors are on shift."""
    per_place = int(settings.KIZUNA["STARTS_PER_STAFFED_PLACE"])
    return max(
        int(settings.KIZUNA["CONVERSATION_STARTS_PER_MINUTE"]), per_place * _staffed_places()
    )


def _staffed_places() -> int:
    """Conversations the counselors on shift can hold at once (cached briefly: it is read
    on every challenge and start)."""
    with contextlib.suppress(Exception):
        cached = cache.get("staffed-places")
        if cached is not None:
            return int(cached)
    places = (
        User.objects.filter(is_active=True, groups__name__in=(Role.COUNSELOR, Role.SUPERVISOR))
        .exclude(presence=Presence.OFFLINE)
        .distinct()
        .aggregate(total=Sum("capacity"))["total"]
        or 0
    )
    with contextlib.suppress(Exception):
        cache.set("staffed-places", places, timeout=STAFFED_CACHE_SECONDS)
    return int(places)


def proof_bits(
    *,
    base: int,
    ceiling: int,
    starts: int,
    start_limit: int,
    waiting: int,
    queue_allowance: int,
) -> int:
    """The leading zero bits asked of a start (the formula in the module docstring)."""
    if not base:
        return 0
    extra = _doublings_beyond(starts, start_limit) + _doublings_beyond(waiting, queue_allowance)
    return min(base + extra, max(base, ceiling))


def _doublings_beyond(count: int, allowance: int) -> int:
    allowance = max(1, allowance)
    if count <= allowance:
        return 0
    return 1 + int(math.log2((count - 1) / allowance))


def queue_allowance() -> int:
    """Conversations that may wait before the queue asks more work: the places the
    counselors on shift can hold, or the configured floor if that is more."""
    return max(int(settings.KIZUNA["START_PROOF_QUEUE_ALLOWANCE"]), _staffed_places())


def _waiting_now() -> int:
    """Conversations waiting now (cached briefly: read on every challenge and start)."""
    with contextlib.suppress(Exception):
        cached = cache.get("waiting-count")
        if cached is not None:
            return int(cached)
    waiting = Conversation.objects.filter(status=Status.WAITING).count()
    with contextlib.suppress(Exception):
        cache.set("waiting-count", waiting, timeout=WAITING_CACHE_SECONDS)
    return waiting


def bits_for(count: int) -> int:
    """The work asked of the `count`-th accepted start of this minute, with the queue as
    it is now."""
    base = proof_bits_base()
    if not base:
        return 0
    return proof_bits(
        base=base,
        ceiling=int(settings.KIZUNA["START_PROOF_MAX_BITS"]),
        starts=count,
        start_limit=start_limit(),
        waiting=_waiting_now(),
        queue_allowance=queue_allowance(),
    )


def _minute_key() -> str:
    return ratelimit.minute_key(COUNT_KEY)


def _accepted_this_minute() -> int:
    try:
        return int(cache.get(_minute_key()) or 0)
    except Exception:
        return 0


def admission_challenge() -> dict[str, Any]:
    """A fresh challenge at the level the next start will need."""
    bits = bits_for(_accepted_this_minute() + 1) if proof_bits_base() else 0
    nonce = secrets.token_hex(NONCE_PATTERN_LENGTH // 2)
    return {
        "challenge": signing.dumps({"n": nonce, "b": bits}, salt=SALT),
        "nonce": nonce,
        "bits": bits,
    }


class Admission:
    """One start's place in this minute's count, held until the start is stored (then it
    counts) or refused (then it is given back, so refusals never close the line)."""

    def __init__(self, counted: bool) -> None:
        self.counted = counted

    def release(self) -> None:
        if self.counted:
            self.counted = False
            with contextlib.suppress(Exception):  # it expires with its minute
                cache.decr(_minute_key())


def admission_admit(proof: Any) -> Admission:
    """Admit one start or refuse it: "admission" (no valid proof, or not enough work for
    now; a new challenge goes with the answer) or "busy" (no proof asked, limit reached).
    The caller releases the returned Admission if the start then fails."""
    base = proof_bits_base()
    checked = _proof_checked(proof) if base else None
    count = ratelimit.count(_minute_key())
    admission = Admission(counted=count is not None)
    if count is None:
        return admission
    if not base:
        if count > start_limit():
            admission.release()
            raise Refusal("busy")
        return admission
    nonce, bits = checked  # type: ignore[misc]
    if bits < bits_for(count):
        admission.release()
        raise Refusal("admission")
    try:
        fresh = cache.add(
            f"admission-used:{nonce}", 1, timeout=settings.KIZUNA["START_PROOF_SECONDS"]
        )
    except Exception:
        fresh = True
    if not fresh:
        admission.release()
        raise Refusal("admission")
    return admission


def _proof_checked(proof: Any) -> tuple[str, int]:
    """The nonce and level of a well-formed, signed, recent and solved proof."""
    if not isinstance(proof, dict):
        raise Refusal("admission")
    challenge, solution = proof.get("challenge"), proof.get("solution")
    if not isinstance(challenge, str) or not isinstance(solution, str):
        raise Refusal("admission")
    if len(challenge) > 200 or not 0 < len(solution) <= SOLUTION_MAX_CHARS:
        raise Refusal("admission")
    try:
        signed = signing.loads(challenge, salt=SALT, max_age=settings.KIZUNA["START_PROOF_SECONDS"])
    except signing.BadSignature:
        raise Refusal("admission") from None
    nonce, bits = signed.get("n"), signed.get("b")
    if not isinstance(nonce, str) or not isinstance(bits, int):
        raise Refusal("admission")
    if not proof_holds(nonce, solution, bits):
        raise Refusal("admission")
    return nonce, bits
