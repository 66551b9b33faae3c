"""Reads of conversations and messages, always scoped to the caller."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from core.errors import Refusal
from core.roles import is_counselor, is_supervisor

from . import frames
from .checklist import checklist_tier
from .models import CannedResponse, Conversation, Message, RiskChecklist, Status
from .tokens import seeker_token_hash

HISTORY_LIMIT = 1000
# Earlier conversations shown beside a new one, and messages shown of each.
EARLIER_LIMIT = 5
EARLIER_MESSAGES_LIMIT = 300


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


def conversation_for_staff(
    user: User, conversation_id: object, *, lock: bool = False
) -> Conversation:
    """One conversation this staff member may see, by id. With `lock`, its row (only) is
    locked for the caller's transaction."""
    conversations = conversations_for_staff(user)
    if lock:
        conversations = conversations.select_for_update(of=("self",))
    try:
        return conversations.get(pk=str(conversation_id))
    except (Conversation.DoesNotExist, ValidationError, ValueError, TypeError) as error:
        # Malformed ids too: a caller cannot tell "not yours" from "no such conversation".
        raise Refusal("not_found") from error


def counselor_open_conversations(user: User) -> list[Conversation]:
    return list(
        # With what a console's frame of each reads (frames.staff_conversation_dict).
        Conversation.objects.select_related("counselor", "wrap_up")
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


def notes_for(conversation: Conversation) -> list[frames.NoteDict]:
    """Private notes, oldest first, for staff history frames."""
    notes = list(conversation.notes.select_related("author"))
    return [frames.note_dict(n, author_name=n.author.public_name()) for n in notes]


def checklist_for(conversation: Conversation) -> frames.ChecklistDict:
    checklist = RiskChecklist.objects.filter(conversation=conversation).first()
    answers = checklist.answers if checklist else {}
    return {"answers": answers, "suggested_tier": checklist_tier(answers)}


def earlier_conversations(conversation: Conversation) -> list[Conversation]:
    """The same browser's earlier conversations, newest first, only when the help-seeker
    chose to share them (the link exists only then). The caller must already hold
    `conversation` through conversation_for_staff."""
    if not conversation.device_hash:
        return []
    return list(
        Conversation.objects.select_related("counselor", "wrap_up")
        .filter(device_hash=conversation.device_hash, created_at__lt=conversation.created_at)
        .exclude(pk=conversation.pk)
        .order_by("-created_at")[:EARLIER_LIMIT]
    )


def earlier_messages_of(conversations: list[Conversation]) -> dict[Any, list[Message]]:
    """The first EARLIER_MESSAGES_LIMIT messages of each conversation, in one query
    (seq counts from 1 without gaps, so the first N are those up to N)."""
    messages: dict[Any, list[Message]] = {conversation.pk: [] for conversation in conversations}
    for message in Message.objects.filter(
        conversation__in=conversations, seq__lte=EARLIER_MESSAGES_LIMIT
    ).order_by("conversation_id", "seq"):
        messages[message.conversation_id].append(message)
    return messages


def canned_responses_for(
    user: User, *, language: str | None = None, query: str = ""
) -> QuerySet[CannedResponse]:
    """Shared replies and the user's own, shared first; optionally one language and a
    search over titles and text."""
    queryset = CannedResponse.objects.filter(Q(owner__isnull=True) | Q(owner=user))
    if language:
        queryset = queryset.filter(language=language)
    query = query.strip()
    if query:
        queryset = queryset.filter(Q(title__icontains=query) | Q(body__icontains=query))
    return queryset.order_by(F("owner").asc(nulls_first=True), "language", "title")
