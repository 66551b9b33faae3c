"""Reads of conversations and messages, always scoped to the caller."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from accounts.roles import is_counselor, is_supervisor

from . import frames
from .errors import Refusal
from .models import Conversation, Message, Status
from .tokens import seeker_token_hash

HISTORY_LIMIT = 1000


def conversation_for_seeker(token: str | None) -> Conversation | None:
    """The help-seeker's own conversation, while it can still be resumed."""
    if not token:
        return None
    conversation = (
        Conversation.objects.select_related("counselor")
        .filter(token_hash=seeker_token_hash(token))
        .first()
    )
    if conversation is None:
        return None
    resume_for = timedelta(hours=settings.KIZUNA["SEEKER_RESUME_HOURS"])
    if conversation.created_at < timezone.now() - resume_for and not conversation.is_open:
        return None
    return conversation


def conversations_for_staff(user: User) -> QuerySet[Conversation]:
    """Conversations this staff member may see: their own, or all for supervisors."""
    queryset = Conversation.objects.select_related("counselor")
    if is_supervisor(user):
        return queryset
    if is_counselor(user):
        return queryset.filter(counselor=user)
    return queryset.none()


def conversation_for_staff(user: User, conversation_id: object) -> Conversation:
    try:
        return conversations_for_staff(user).get(pk=str(conversation_id))
    except (Conversation.DoesNotExist, ValidationError, ValueError, TypeError) as error:
        # Malformed ids too: a caller cannot tell "not yours" from "no such conversation".
        raise Refusal("not_found") from error


def counselor_open_conversations(user: User) -> list[Conversation]:
    return list(
        Conversation.objects.select_related("counselor")
        .filter(counselor=user, status=Status.ACTIVE)
        .order_by("assigned_at")
    )


def messages_after(conversation: Conversation, after_seq: int) -> list[Message]:
    return list(
        Message.objects.filter(conversation=conversation, seq__gt=after_seq).order_by("seq")[
            :HISTORY_LIMIT
        ]
    )


def author_names(messages: list[Message]) -> dict[int, str]:
    ids = {m.author_id for m in messages if m.author_id}
    return {u.pk: u.public_name() for u in User.objects.filter(pk__in=ids)}


def notes_for(conversation: Conversation) -> list[dict[str, Any]]:
    """Private notes, oldest first, for staff history frames."""
    notes = list(conversation.notes.select_related("author"))
    return [frames.note_dict(n, author_name=n.author.public_name()) for n in notes]
