"""Writes for supervisors' alerts (queues/models.py): raise, acknowledge, scan, resolve.

Raised by the scan (beat), by triage (a person at imminent risk waiting) and by
queues/services.py (a counselor's console gone); resolved as their causes end.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from core import facts
from core.bus import publish
from core.errors import Refusal
from core.roles import is_supervisor
from core.tiers import Tier
from counseling.models import Conversation, Status

from . import events, selectors
from .models import Alert


def alert_raise(
    *, kind: str, conversation: Conversation, counselor: User | None = None
) -> Alert | None:
    """Raise an alert unless one for the same cause is still unresolved. Returns the new
    alert, or None when it was already raised."""
    with transaction.atomic():
        if Alert.objects.filter(
            kind=kind, conversation=conversation, resolved_at__isnull=True
        ).exists():
            return None
        try:
            with transaction.atomic():
                alert = Alert.objects.create(
                    kind=kind, conversation=conversation, counselor=counselor
                )
        except IntegrityError:
            return None  # raised at the same moment by another process
        events.alert_changed(alert)
        publish(facts.DASHBOARD_CHANGED)
    return alert


def alert_acknowledge(*, alert_id: object, supervisor: User) -> Alert:
    """A supervisor has seen to it. Recorded once: the first to acknowledge is kept."""
    if not is_supervisor(supervisor):
        raise Refusal("supervisors_only")
    with transaction.atomic():
        try:
            alert = (
                selectors.alerts_for(supervisor)
                .select_for_update(of=("self",))
                .select_related("conversation", "counselor")  # what alert_dict reads
                .get(pk=int(str(alert_id)))
            )
        except (Alert.DoesNotExist, ValueError) as error:
            raise Refusal("not_found") from error
        if alert.acknowledged_at is None:
            alert.acknowledged_at = timezone.now()
            alert.acknowledged_by = supervisor
            alert.save(update_fields=["acknowledged_at", "acknowledged_by"])
            events.alert_changed(alert)
            publish(facts.DASHBOARD_CHANGED)
    return alert


def alerts_scan(*, now: datetime | None = None) -> int:
    """Raise the alerts that time passing causes, and resolve every alert whose cause is
    gone. Returns how many were raised. A few queries whatever the number of alerts."""
    now = now or timezone.now()
    risk_since = now - timedelta(seconds=settings.KIZUNA["ALERT_RISK_WAIT_SECONDS"])
    waiting_long = Conversation.objects.filter(
        status=Status.WAITING,
        risk_tier__in=(Tier.IMMINENT, Tier.HIGH),
        queued_at__lt=risk_since,
    )
    silent = selectors.conversations_awaiting_reply(
        since=now - timedelta(seconds=settings.KIZUNA["ALERT_SILENT_SECONDS"]),
        risk_since=now - timedelta(seconds=settings.KIZUNA["ALERT_SILENT_RISK_SECONDS"]),
    )
    with transaction.atomic():
        raised = _alerts_raise(
            [
                Alert(kind=Alert.Kind.RISK_WAITING_LONG, conversation=conversation)
                for conversation in selectors.without_unresolved_alert(
                    waiting_long, kind=Alert.Kind.RISK_WAITING_LONG
                )
            ]
            + [
                Alert(
                    kind=Alert.Kind.COUNSELOR_SILENT,
                    conversation=conversation,
                    counselor=conversation.counselor,
                )
                for conversation in selectors.without_unresolved_alert(
                    silent, kind=Alert.Kind.COUNSELOR_SILENT
                )
            ]
        )
        resolved = selectors.alerts_with_cause_gone(now=now)
        if resolved:
            Alert.objects.filter(pk__in=[alert.pk for alert in resolved]).update(resolved_at=now)
            for alert in resolved:
                alert.resolved_at = now
                events.alert_changed(alert)
        if raised or resolved:
            publish(facts.DASHBOARD_CHANGED)
    return raised


def _alerts_raise(alerts: list[Alert]) -> int:
    """Store these new alerts in one insert and announce each. Should another process
    raise one of them meanwhile, the unique constraint refuses the insert, and they are
    raised one by one, each only if still unraised. Returns how many were raised."""
    if not alerts:
        return 0
    try:
        with transaction.atomic():
            Alert.objects.bulk_create(alerts)
    except IntegrityError:
        return sum(
            alert_raise(kind=alert.kind, conversation=alert.conversation, counselor=alert.counselor)
            is not None
            for alert in alerts
        )
    for alert in alerts:
        events.alert_changed(alert)
    return len(alerts)


def alerts_resolve(*, conversation: Conversation, kinds: list[str] | None = None) -> None:
    """The cause of these alerts (all, without `kinds`) has just ended: the person was
    taken or answered, the conversation ended. Resolve them now rather than at the next
    scan, so they leave supervisors' screens at once."""
    now = timezone.now()
    unresolved = Alert.objects.filter(
        conversation=conversation, resolved_at__isnull=True
    ).select_related("conversation", "counselor", "acknowledged_by")  # what alert_dict reads
    alerts = list(unresolved.filter(kind__in=kinds) if kinds is not None else unresolved)
    if not alerts:
        return
    Alert.objects.filter(pk__in=[alert.pk for alert in alerts]).update(resolved_at=now)
    for alert in alerts:
        alert.resolved_at = now
        events.alert_changed(alert)
    publish(facts.DASHBOARD_CHANGED)


WAITING_KINDS: list[str] = [Alert.Kind.IMMINENT_WAITING, Alert.Kind.RISK_WAITING_LONG]
ANSWERED_KINDS: list[str] = [Alert.Kind.COUNSELOR_SILENT]
