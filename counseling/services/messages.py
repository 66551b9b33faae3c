"""Messages: a help-seeker's or staff member's words, stored once, in order, then announced."""

import logging
import re
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from accounts.models import User
from core import facts
from core.bus import publish
from core.errors import Refusal
from core.ratelimit import count_this_minute

from .. import events
from ..models import (
    OPEN_STATUSES,
    Conversation,
    Message,
    SenderKind,
    Status,
)
from ..wire import LONE_SURROGATE

logger = logging.getLogger(__name__)


logger = logging.getLogger(__name__)
CLIENT_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def message_body_clean(body: Any) -> str:
    """The text as it will be stored, or a Refusal saying why it cannot be."""
    if not isinstance(body, str):
        raise Refusal("bad_request")
    # Drop NULs and other control characters except line breaks and tabs: they break
    # PostgreSQL text columns and carry nothing a reader needs.
    cleaned = "".join(ch for ch in body if ch in "\n\t" or (ch >= " " and ch != "\x7f")).strip()
    if LONE_SURROGATE.search(cleaned):
        raise Refusal("bad_request")  # PostgreSQL cannot store it (counseling/wire.py)
    if not cleaned:
        raise Refusal("empty")
    if len(cleaned) > settings.KIZUNA["MESSAGE_MAX_CHARS"]:
        raise Refusal("too_long")
    return cleaned


def client_id_clean(client_id: Any) -> str:
    if not isinstance(client_id, str) or not CLIENT_ID_PATTERN.match(client_id):
        raise Refusal("bad_client_id")
    return client_id


def message_post(
    *,
    conversation: Conversation,
    sender: SenderKind,
    body: Any,
    client_id: Any,
    author: User | None = None,
) -> tuple[Message, bool]:
    """Store a message and announce it after commit. Returns (message, created).

    A resend with a client id already stored returns the stored message unchanged.
    """
    body = message_body_clean(body)
    client_id = client_id_clean(client_id)
    try:
        with transaction.atomic():
            # The row lock serialises senders in one conversation, so seq has no gaps and
            # a concurrent resend sees the first copy once it gets the lock.
            locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
            existing = Message.objects.filter(conversation=locked, client_id=client_id).first()
            if existing is not None:
                if existing.sender != sender or existing.author_id != (
                    author.pk if author else None
                ):
                    raise Refusal("bad_client_id")
                return existing, False
            _check_may_post(locked, sender=sender, author=author)
            if sender == SenderKind.SEEKER:
                _check_seeker_rate(locked)
            seq = locked.last_seq + 1
            Conversation.objects.filter(pk=locked.pk).update(last_seq=seq)
            conversation.last_seq = seq
            message = Message.objects.create(
                conversation=locked,
                seq=seq,
                sender=sender,
                author=author,
                body=body,
                client_id=client_id,
            )
            events.message_created(message, author_name=author.public_name() if author else None)
            if sender == SenderKind.SEEKER:
                publish(facts.SEEKER_MESSAGE_POSTED, message=message)
            elif sender == SenderKind.COUNSELOR:
                publish(facts.COUNSELOR_REPLIED, conversation=locked)
    except IntegrityError:
        # Only reachable where there is no row lock (SQLite in a race): the other copy won.
        existing = Message.objects.filter(conversation=conversation, client_id=client_id).first()
        if existing is None:
            raise
        return existing, False
    return message, True


def _check_may_post(conversation: Conversation, *, sender: str, author: User | None) -> None:
    if conversation.status not in OPEN_STATUSES:
        raise Refusal("ended")
    if sender == SenderKind.COUNSELOR:
        if author is None:
            raise Refusal("not_yours")
        if conversation.counselor_id != author.pk and not (
            conversation.supporters.filter(pk=author.pk).exists()
        ):
            raise Refusal("not_yours")
        if conversation.status != Status.ACTIVE:
            raise Refusal("not_active")


def _check_seeker_rate(conversation: Conversation) -> None:
    """At most SEEKER_MESSAGES_PER_MINUTE per conversation: a flood (or a stuck client)
    is asked to slow down."""
    count = count_this_minute(f"seeker-rate:{conversation.pk}")
    if count is not None and count > settings.KIZUNA["SEEKER_MESSAGES_PER_MINUTE"]:
        raise Refusal("rate_limited")
