"""One start at a time per browser.

Two "start conversation" requests from one browser at the same moment (a double tap, a
retry while the first is under way) both arrive without the conversation cookie, so the
cookie cannot tell them apart from two people. What each start does carry of its own is
the CSRF cookie: the first start claims it, hashed, in the shared cache for a few
seconds, and a second start meanwhile is refused as "already open". Once the first has
stored its conversation the claim names it, so a start after that conversation ended
(the person ends and begins again at once) goes ahead.

With the cache (Redis) down, starts go ahead unclaimed: a person must be able to reach
out, and the only risk is a second conversation that a counselor can close.
"""

import contextlib
import logging

from django.core.cache import cache

from .models import OPEN_STATUSES, Conversation
from .tokens import seeker_token_hash

logger = logging.getLogger(__name__)

CLAIM_SECONDS = 10
STARTING = "starting"


def start_claim_key(csrf_cookie: str | None) -> str | None:
    return f"seeker-start:{seeker_token_hash(csrf_cookie)}" if csrf_cookie else None


def start_claim(key: str) -> bool:
    """Claim this browser's start; False when another start from it is under way or has
    just opened a conversation that is still open."""
    try:
        if cache.add(key, STARTING, timeout=CLAIM_SECONDS):
            return True
        held = cache.get(key)
        if held == STARTING:
            return False
        if held is None:  # expired between the two calls: claim it as the first would
            return bool(cache.add(key, STARTING, timeout=CLAIM_SECONDS))
        if Conversation.objects.filter(pk=held, status__in=OPEN_STATUSES).exists():
            return False
        cache.set(key, STARTING, timeout=CLAIM_SECONDS)  # that one has ended: start anew
        return True
    except Exception:
        logger.warning("start claim cache unavailable; start accepted unclaimed")
        return True


def start_claim_settle(key: str | None, conversation_id: object) -> None:
    """The start stored its conversation: the claim now names it."""
    if key is not None:
        with contextlib.suppress(Exception):  # it expires by itself
            cache.set(key, str(conversation_id), timeout=CLAIM_SECONDS)


def start_claim_release(key: str | None) -> None:
    """The start was refused (bad request, busy): nothing holds the browser back."""
    if key is not None:
        with contextlib.suppress(Exception):  # it expires by itself
            cache.delete(key)
