"""Admission to the queue: what a new conversation costs whoever starts it.

A flood of scripted starts must never close the line to real people, and no client
address may be used to tell them apart. So a start carries a small proof of work: the
chat page fetches a challenge the server signed (a random nonce, the number of leading
zero bits asked for, and when it was made), finds a number whose SHA-256 with the nonce
has that many zero bits (16 bits: about 65,000 hashes, a fraction of a second in a
phone's browser while the person is still writing), and sends both with the first
message. Each challenge is good for one start and for a few minutes.

Only accepted starts are counted. Up to the limit (which grows with the counselors on
shift: a staffed service takes more people), the base work is enough; each doubling of
starts beyond it asks for one more bit, i.e. twice the work, up to a ceiling. A refused
start is answered with a fresh challenge at the new level, which the page solves and
sends again by itself: real people always get in, while a script pays twice as much for
each further batch. With proof bits set to 0 (tests, channels admitted elsewhere) there is
no challenge and starts beyond the limit are refused as "busy" instead.

With the cache (Redis) down, starts are admitted on the proof alone (a replay then goes
unnoticed): a person must be able to reach out.
"""

import contextlib
import logging
import math
import secrets
import time
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db.models import Sum

from accounts.models import Presence, Role, User

from .errors import Refusal
from .proof import proof_holds

logger = logging.getLogger(__name__)

SALT = "kizuna.admission"
NONCE_PATTERN_LENGTH = 24  # hex characters
SOLUTION_MAX_CHARS = 20
STAFFED_CACHE_SECONDS = 15
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


def bits_for(count: int) -> int:
    """The work asked of the `count`-th accepted start of this minute."""
    base = proof_bits_base()
    limit = start_limit()
    if count <= limit:
        return base
    extra = 1 + int(math.log2((count - 1) / limit))
    return min(base + extra, int(settings.KIZUNA["START_PROOF_MAX_BITS"]))


def _minute_key() -> str:
    return f"{COUNT_KEY}:{int(time.time() // 60)}"


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


def _count_one() -> int | None:
    key = _minute_key()
    try:
        cache.add(key, 0, timeout=120)
        try:
            return int(cache.incr(key))
        except ValueError:  # evicted between add and incr
            cache.set(key, 1, timeout=120)
            return 1
    except Exception:
        logger.warning("admission cache unavailable; start admitted without a count")
        return None


def admission_admit(proof: Any) -> Admission:
    """Admit one start or refuse it: "admission" (no valid proof, or not enough work for
    now; a new challenge goes with the answer) or "busy" (no proof asked, limit reached).
    The caller releases the returned Admission if the start then fails."""
    base = proof_bits_base()
    checked = _proof_checked(proof) if base else None
    count = _count_one()
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
