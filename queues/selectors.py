"""Reads of the waiting queue."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Presence, User
from core.roles import Role, is_supervisor
from core.tiers import Tier
from counseling.models import Conversation, Message, SenderKind, Status

from .estimates import MIN_HANDLED_FOR_ESTIMATE
from .models import Alert
from .policy import AgingRule, queue_order

PREVIEW_CHARS = 160


@dataclass
class QueueEntry:
    conversation_id: str
    risk_tier: str
    risk_score: float | None
    language: str
    queued_at: datetime
    intake: dict[str, Any] = field(default_factory=dict)
    risk_evidence: list[dict[str, Any]] = field(default_factory=list)
    risk_explanation: str = ""
    risk_reason: dict[str, Any] = field(default_factory=dict)
    seeker_left_at: datetime | None = None
    returned_at: datetime | None = None
    preview: str = ""


def queue_waiting(*, now: datetime | None = None, preview_limit: int = 0) -> list[QueueEntry]:
    """Waiting conversations in the order counselors should answer them, the first
    `preview_limit` of them with the first lines the help-seeker wrote."""
    rows = Conversation.objects.filter(status=Status.WAITING).values(
        "id",
        "risk_tier",
        "risk_score",
        "language",
        "queued_at",
        "created_at",
        "intake",
        "risk_evidence",
        "risk_explanation",
        "risk_reason",
        "seeker_left_at",
        "returned_at",
    )
    entries = [
        QueueEntry(
            conversation_id=str(row["id"]),
            risk_tier=row["risk_tier"],
            risk_score=row["risk_score"],
            language=row["language"],
            queued_at=row["queued_at"] or row["created_at"],
            intake=row["intake"] or {},
            risk_evidence=row["risk_evidence"] or [],
            risk_explanation=row["risk_explanation"],
            risk_reason=row["risk_reason"] or {},
            seeker_left_at=row["seeker_left_at"],
            returned_at=row["returned_at"],
        )
        for row in rows
    ]
    ordered = queue_order(entries, now=now or timezone.now(), rule=AgingRule.from_settings())
    shown = ordered[:preview_limit]
    if shown:
        # The help-seeker's first message is what a counselor reads before taking them.
        first_lines = {
            str(conversation_id): body
            for conversation_id, body in Message.objects.filter(
                conversation_id__in=[e.conversation_id for e in shown], seq=1
            ).values_list("conversation_id", "body")
        }
        for entry in shown:
            entry.preview = first_lines.get(entry.conversation_id, "")[:PREVIEW_CHARS]
    return ordered


ORDER_CACHE_KEY = "kizuna:queue-order"


def remember_order(order: list[str], stats: dict[str, Any]) -> None:
    """Keep the last broadcast order, so a help-seeker (re)connecting reads their place
    from the cache instead of recomputing the queue on the consumers' shared thread."""
    cache.set(ORDER_CACHE_KEY, {"order": order, "stats": stats}, timeout=300)


def queue_position(conversation: Conversation) -> tuple[int, int, dict[str, Any]] | None:
    """(position, people waiting, service stats) for a waiting conversation, else None."""
    if conversation.status != Status.WAITING:
        return None
    key = str(conversation.pk)
    remembered = cache.get(ORDER_CACHE_KEY)
    if remembered and key in remembered["order"]:
        order, stats = remembered["order"], remembered["stats"]
    else:
        order, stats = [entry.conversation_id for entry in queue_waiting()], {}
    return (order.index(key) + 1, len(order), stats) if key in order else None


@dataclass(frozen=True)
class ServiceStats:
    answered_last_hour: int
    counselors_available: int
    places_total: int = 0
    places_free: int = 0
    handling_minutes: float | None = None


# Handling time: the mean over this many most recent conversations that ended within
# HANDLING_DAYS (older ones describe another team and another season).
HANDLING_SAMPLE = 50
HANDLING_DAYS = 7


def service_stats(*, now: datetime | None = None) -> ServiceStats:
    """What a waiting person's estimate and reassurance are based on (queues/estimates.py):
    who is available now, their places and load, and recent handling times."""
    now = now or timezone.now()
    available = User.objects.filter(presence=Presence.AVAILABLE, is_active=True).annotate(
        load=Count("conversations", filter=Q(conversations__status=Status.ACTIVE))
    )
    counselors = list(available.values_list("capacity", "load"))
    handled = list(
        Conversation.objects.filter(
            assigned_at__gte=now - timedelta(days=HANDLING_DAYS), ended_at__isnull=False
        )
        .order_by("-assigned_at")
        .values_list("assigned_at", "ended_at")[:HANDLING_SAMPLE]
    )
    durations = [
        (ended - assigned).total_seconds() / 60 for assigned, ended in handled if assigned and ended
    ]
    return ServiceStats(
        answered_last_hour=Conversation.objects.filter(
            assigned_at__gte=now - timedelta(hours=1)
        ).count(),
        counselors_available=len(counselors),
        places_total=sum(capacity for capacity, _load in counselors),
        places_free=sum(max(0, capacity - load) for capacity, load in counselors),
        handling_minutes=sum(durations) / len(durations)
        if len(durations) >= MIN_HANDLED_FOR_ESTIMATE
        else None,
    )


def staff_on_shift() -> list[User]:
    """Staff who are online, with their load (`load`) and whether they supervise
    (`supervising`): whom a conversation can be handed to (queues/frames.py's team)."""
    supervising = Group.objects.filter(user=OuterRef("pk"), name__in=(Role.SUPERVISOR, Role.ADMIN))
    staff = (
        User.objects.filter(
            is_active=True,
            groups__name__in=(Role.COUNSELOR, Role.SUPERVISOR, Role.ADMIN),
        )
        .exclude(presence=Presence.OFFLINE)
        .annotate(
            # A subquery per person uses the (counselor, status) index; a filtered join
            # count read every past conversation of everyone on shift.
            load=Coalesce(
                Subquery(
                    Conversation.objects.filter(counselor=OuterRef("pk"), status=Status.ACTIVE)
                    .values("counselor")
                    .annotate(n=Count("pk"))
                    .values("n")[:1]
                ),
                0,
            ),
            supervising=Exists(supervising),
        )
        .distinct()
        .order_by("display_name", "username")
    )
    return list(staff)


def conversations_awaiting_reply(
    *, since: datetime, risk_since: datetime | None = None
) -> QuerySet[Conversation]:
    """Active conversations where a help-seeker message has waited for a reply since
    before `since` (`risk_since` at high or imminent risk), counted from the oldest
    message after the counselor's last reply: each new "hello?" does not restart the
    clock. The counselor must have held the conversation since then too (one who has just
    taken someone is not silent)."""
    risk_since = risk_since or since
    last_reply = Message.objects.filter(
        conversation=OuterRef("pk"), sender=SenderKind.COUNSELOR
    ).order_by("-seq")
    last = Message.objects.filter(conversation=OuterRef("pk")).order_by("-seq")
    oldest_unanswered = Message.objects.filter(
        conversation=OuterRef("pk"), sender=SenderKind.SEEKER, seq__gt=OuterRef("replied_seq")
    ).order_by("seq")
    urgent = Q(risk_tier__in=(Tier.HIGH, Tier.IMMINENT))
    return (
        Conversation.objects.filter(status=Status.ACTIVE)
        .annotate(
            replied_seq=Coalesce(Subquery(last_reply.values("seq")[:1]), 0),
            last_sender=Subquery(last.values("sender")[:1]),
            unanswered_since=Subquery(oldest_unanswered.values("created_at")[:1]),
        )
        .filter(last_sender=SenderKind.SEEKER)
        .filter(
            (urgent & Q(unanswered_since__lt=risk_since, assigned_at__lt=risk_since))
            | (~urgent & Q(unanswered_since__lt=since, assigned_at__lt=since))
        )
        .select_related("counselor")
    )


def without_unresolved_alert(
    conversations: QuerySet[Conversation], *, kind: str
) -> QuerySet[Conversation]:
    """Those of `conversations` with no unresolved alert of `kind`: the ones it may be
    raised for (once per cause while the cause lasts)."""
    unresolved = Alert.objects.filter(
        conversation=OuterRef("pk"), kind=kind, resolved_at__isnull=True
    )
    return conversations.filter(~Exists(unresolved))


def alerts_with_cause_gone(*, now: datetime) -> list[Alert]:
    """Unresolved alerts whose cause has ended: the person was answered, the counselor
    came back or replied, the conversation ended or moved to someone else."""
    last = Message.objects.filter(conversation=OuterRef("conversation_id")).order_by("-seq")
    alerts = (
        Alert.objects.filter(resolved_at__isnull=True)
        # All that alert_dict reads, for the frame announcing each one resolved.
        .select_related("conversation", "conversation__counselor", "counselor", "acknowledged_by")
        .annotate(last_sender=Subquery(last.values("sender")[:1]))
    )
    gone: list[Alert] = []
    for alert in alerts:
        conversation = alert.conversation
        if alert.kind in (Alert.Kind.IMMINENT_WAITING, Alert.Kind.RISK_WAITING_LONG):
            ended = conversation.status != Status.WAITING
        else:
            counselor = conversation.counselor
            ended = (
                conversation.status != Status.ACTIVE
                or counselor is None
                or counselor.pk != alert.counselor_id
            )
            if not ended and alert.kind == Alert.Kind.COUNSELOR_DISCONNECTED:
                ended = counselor is not None and counselor.presence != Presence.OFFLINE
            if not ended and alert.kind == Alert.Kind.COUNSELOR_SILENT:
                ended = alert.last_sender != SenderKind.SEEKER  # type: ignore[attr-defined]
        if ended:
            gone.append(alert)
    return gone


def alerts_for(user: User) -> QuerySet[Alert]:
    """The alerts this staff member may see and act on: all of them for supervisors,
    none for anyone else."""
    return Alert.objects.all() if is_supervisor(user) else Alert.objects.none()


def alerts_recent(*, limit: int = 50, now: datetime | None = None) -> list[Alert]:
    """The dashboard's list, newest first: every unresolved alert, and those resolved in
    the last day that nobody acknowledged (someone may want to look back at them)."""
    since = (now or timezone.now()) - timedelta(days=1)
    return list(
        Alert.objects.filter(
            Q(resolved_at__isnull=True) | Q(acknowledged_at__isnull=True, created_at__gte=since)
        )
        .select_related("acknowledged_by", "counselor", "conversation")
        .order_by("-created_at")[:limit]
    )
