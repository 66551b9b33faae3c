"""Triage writes: score a message, keep the conversation's risk current, reorder the queue.

Conversation risk rule: the help-seeker's messages of the last RISK_WINDOW_MINUTES (at most
CONVERSATION_MESSAGES of them) are assessed together, so a means in one message and a time
in the next combine; the result is never below the strongest single message in the
window, so risk never falls while someone keeps writing at the same level. Each message is
read once (engine.read, stored on its Assessment) and every new message re-combines the
window. A counselor's own assessment at wrap-up is stored beside it, never overwritten.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from core.tiers import TIER_RANK, Tier
from counseling import events as counseling_events
from counseling.intake import SAFE_NOW, is_not_safe
from counseling.models import OPEN_STATUSES, Conversation, Message, SenderKind, Status
from queues import events as queue_events
from queues.alerts import alert_raise
from queues.models import Alert
from triage.engine import Reading, combine, explain, read

from . import events, tasks
from .models import Assessment

logger = logging.getLogger(__name__)


# The most recent help-seeker messages a conversation's risk is assessed over.
CONVERSATION_MESSAGES = 20

# How long a message whose scoring task went into the broker is left to it by the
# catch-up. The marks live in the cache, on the same Redis as the broker: a Redis that
# restarts empty forgets the tasks and the marks together, and the catch-up queues those
# messages again; a worker that is only behind is not handed the same messages twice.
SCORING_QUEUED_SECONDS = 300


def scoring_queued_key(message_id: int) -> str:
    return f"triage:scoring-queued:{message_id}"


def _scoring_queue(message_ids: list[int]) -> None:
    for message_id in message_ids:
        tasks.message_assess.delay(message_id)
    try:
        cache.set_many(
            {scoring_queued_key(message_id): 1 for message_id in message_ids},
            timeout=SCORING_QUEUED_SECONDS,
        )
    except Exception:
        logger.warning("could not mark scoring as queued; the catch-up may queue it again")


def _scoring_queued(message_ids: list[int]) -> set[int]:
    keys = {scoring_queued_key(message_id): message_id for message_id in message_ids}
    try:
        return {keys[key] for key in cache.get_many(list(keys))}
    except Exception:
        return set()  # no marks to go by: queue them again (scoring is idempotent)


def message_assess_later(message: Message) -> None:
    """Queue scoring once the message is committed. A broker outage loses nothing: the
    conversation is already queued (as not yet assessed) and the catch-up retries."""

    def dispatch() -> None:
        try:
            _scoring_queue([message.pk])
        except Exception:
            logger.exception("could not queue scoring of message %s; the catch-up will", message.pk)

    transaction.on_commit(dispatch)


def message_assess(*, message_id: int) -> Assessment | None:
    """Score a help-seeker's message once. Running it again changes nothing."""
    message = (
        Message.objects.select_related("conversation")
        .filter(pk=message_id, sender=SenderKind.SEEKER)
        .first()
    )
    if message is None:
        return None  # deleted (purged, or a test database reset) since it was queued
    existing = Assessment.objects.filter(message=message).first()
    if existing is not None:
        return existing
    # Scoring is CPU work: do it before taking any lock.
    reading = read(message.body, message.conversation.language)
    result = combine([reading])
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(pk=message.conversation_id)
        assessment, created = Assessment.objects.get_or_create(
            message=message,
            defaults={
                "conversation": conversation,
                "score": result.score,
                "tier": result.tier,
                "evidence": [e.as_dict() for e in result.evidence],
                "rules_score": result.rules_score,
                "model_score": result.model_score,
                "explanation": result.explanation,
                "reason": result.reason,
                "reading": reading.as_dict(),
            },
        )
        if created:
            conversation_risk_update(conversation=conversation, latest=assessment)
    return assessment


@dataclass(frozen=True)
class RiskSignal:
    tier: str
    score: float
    evidence: list[dict[str, Any]]
    explanation: str
    reason: dict[str, Any]

    @classmethod
    def of(cls, assessment: Any) -> "RiskSignal":
        return cls(
            assessment.tier,
            assessment.score,
            assessment.evidence,
            assessment.explanation,
            assessment.reason,
        )


NOT_SAFE_REASON: dict[str, Any] = {"tier": Tier.HIGH.value, "code": "not_safe", "parts": []}


def intake_signal(conversation: Conversation) -> RiskSignal | None:
    """A help-seeker who says they are not safe right now is high risk at once, whatever
    their words; it holds for the whole conversation (the person said it)."""
    if not is_not_safe(conversation.intake):
        return None
    return RiskSignal(
        tier=Tier.HIGH,
        score=0.7,
        evidence=[
            {
                "phrase": str(SAFE_NOW["no"]),
                "start": None,
                "end": None,
                "construct": "intake_not_safe",
            }
        ],
        explanation=explain(NOT_SAFE_REASON),
        reason=NOT_SAFE_REASON,
    )


def conversation_signal(conversation: Conversation) -> RiskSignal | None:
    """The conversation's risk from its recent help-seeker messages read together (see
    the module docstring), or None before any of them is scored."""
    window = timedelta(minutes=settings.KIZUNA["RISK_WINDOW_MINUTES"])
    recent = list(
        Assessment.objects.filter(
            conversation=conversation, message__created_at__gte=timezone.now() - window
        )
        .select_related("message")
        .only(
            "tier",
            "score",
            "evidence",
            "explanation",
            "reason",
            "reading",
            "message__body",
            "message__seq",
        )
        .order_by("-message__seq")[:CONVERSATION_MESSAGES]
    )
    if not recent:
        return None
    recent.reverse()  # oldest first, as the person wrote them
    strongest = max(recent, key=lambda a: (TIER_RANK[a.tier], a.score))
    if len(recent) == 1 or not all(a.reading for a in recent):
        # A single message, or messages scored before readings were stored.
        return RiskSignal.of(strongest)
    together = combine([Reading.from_dict(a.reading, a.message.body) for a in recent])
    if (TIER_RANK[together.tier], together.score) < (TIER_RANK[strongest.tier], strongest.score):
        return RiskSignal.of(strongest)
    evidence = []
    for item in together.evidence:
        found = item.as_dict()
        index = found.pop("message", None)
        if index is not None:
            found["message_seq"] = recent[index].message.seq
        evidence.append(found)
    return RiskSignal(
        together.tier, together.score, evidence, together.explanation, together.reason
    )


def conversation_risk_update(
    *, conversation: Conversation, latest: Assessment | None = None
) -> None:
    """Recompute the conversation's risk from its recent messages and its intake (the
    caller holds the row lock)."""
    signals = [
        signal
        for signal in (conversation_signal(conversation), intake_signal(conversation))
        if signal is not None
    ]
    if not signals:
        return
    strongest = max(signals, key=lambda s: (TIER_RANK[s.tier], s.score))
    before = conversation.risk_tier
    conversation.risk_tier = strongest.tier
    conversation.risk_score = strongest.score
    conversation.risk_evidence = strongest.evidence
    conversation.risk_explanation = strongest.explanation
    conversation.risk_reason = strongest.reason
    conversation.risk_updated_at = timezone.now()
    conversation.save(
        update_fields=[
            "risk_tier",
            "risk_score",
            "risk_evidence",
            "risk_explanation",
            "risk_reason",
            "risk_updated_at",
        ]
    )
    if latest is not None:
        events.risk_changed(conversation, latest=latest)
    if conversation.status == Status.WAITING:
        queue_events.queue_changed()
    became_imminent = strongest.tier == Tier.IMMINENT and before != Tier.IMMINENT
    if became_imminent and conversation.status in OPEN_STATUSES:
        events.imminent_alert(conversation)
        counseling_events.emergency_contacts_first(conversation)
        if conversation.status == Status.WAITING:
            alert_raise(kind=Alert.Kind.IMMINENT_WAITING, conversation=conversation)


def unscored_messages_requeue(*, older_than_seconds: int = 15, limit: int = 500) -> int:
    """Queue scoring again for open conversations' messages that have no assessment yet
    and whose task is not known to be in the broker. Returns how many were queued."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    ids = list(
        Message.objects.filter(
            sender=SenderKind.SEEKER,
            assessment__isnull=True,
            created_at__lt=cutoff,
            conversation__status__in=OPEN_STATUSES,
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    queued = _scoring_queued(ids)
    lost = [message_id for message_id in ids if message_id not in queued]
    _scoring_queue(lost)
    return len(lost)
