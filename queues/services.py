"""Writes on the queue: handing the most urgent waiting person to a counselor."""

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import AuditEvent, Presence, User
from accounts.selectors import counselor_on_team
from accounts.services import (
    audit_record,
    console_connected,
    console_disconnected,
    consoles_stale_close,
    staff_capacity_set,
    staff_presence_set,
)
from core import facts
from core.bus import publish
from core.errors import Refusal
from core.roles import is_counselor, is_supervisor
from counseling import events as conversation_events
from counseling.models import Conversation, Note, Status
from counseling.selectors import conversation_for_staff, counselor_open_conversations
from counseling.services.counselor_tools import note_body_clean
from counseling.services.transcripts import transcript_previews_shown

from . import events, frames
from .alerts import WAITING_KINDS, alert_raise, alerts_resolve
from .models import Alert
from .selectors import queue_waiting


def queue_take_next(*, counselor: User) -> Conversation:
    """Assign the most urgent waiting conversation to `counselor`, in one transaction.

    Each candidate is locked with SKIP LOCKED (PostgreSQL): a conversation another
    counselor is taking right now is passed over, never handed out twice. SQLite has no
    row locks, but its transactions are IMMEDIATE here (settings), so they run one by one.
    """
    if not is_counselor(counselor):
        raise Refusal("forbidden")
    with transaction.atomic():
        # One take-next at a time per counselor, so two clicks cannot exceed capacity.
        # NO KEY: rows written meanwhile that point at this user (audit, alerts, notes)
        # take a key-share lock, which must not wait for this one (it would deadlock).
        me = User.objects.select_for_update(no_key=True).get(pk=counselor.pk)
        if _active_count(me) >= me.capacity:
            raise Refusal("at_capacity")
        order = [entry.conversation_id for entry in queue_waiting()]
        for skip_locked in (True, False):
            # First pass: pass over rows someone else holds. A row is also held for a
            # moment while its help-seeker posts or triage rescores it; so if the first
            # pass found nobody, wait for those locks rather than say nobody is waiting.
            for conversation_id in order:
                conversation = (
                    Conversation.objects.select_for_update(skip_locked=skip_locked)
                    .filter(pk=conversation_id, status=Status.WAITING)
                    .first()
                )
                if conversation is not None:
                    return _assign(conversation, me)
    raise Refusal("queue_empty")


def _assign(
    conversation: Conversation,
    counselor: User,
    *,
    by: User | None = None,
) -> Conversation:
    conversation.status = Status.ACTIVE
    conversation.counselor = counselor
    conversation.assigned_at = timezone.now()
    conversation.returned_at = None
    conversation.save(update_fields=["status", "counselor", "assigned_at", "returned_at"])
    if by is None:
        audit_record(
            actor=counselor, action=AuditEvent.Action.CONVERSATION_TAKE, target=conversation
        )
    else:
        audit_record(
            actor=by,
            action=AuditEvent.Action.CONVERSATION_ASSIGN,
            target=conversation,
            detail={"to": counselor.pk},
        )
    conversation_events.conversation_assigned(conversation, by=by)
    events.queue_changed()
    alerts_resolve(conversation=conversation, kinds=WAITING_KINDS)
    return conversation


def _active_count(counselor: User) -> int:
    return Conversation.objects.filter(counselor=counselor, status=Status.ACTIVE).count()


def _receiver_lock(user_id: object) -> User:
    """Lock the staff member who is to receive a conversation and check they can.

    Their row is locked before any conversation, as take-next does, so the capacity
    count cannot race another assignment and two handovers cannot deadlock. A
    supervisor who is online can always receive an escalation, even when full: there
    must always be somewhere to send a person in danger.
    """
    try:
        pk: int | None = int(str(user_id))
    except ValueError:
        pk = None
    receiver = counselor_on_team(pk, lock=True)
    if receiver is None:
        raise Refusal("target_unavailable")
    if is_supervisor(receiver):
        if receiver.presence == Presence.OFFLINE:
            raise Refusal("target_unavailable")
        return receiver
    if receiver.presence != Presence.AVAILABLE:
        raise Refusal("target_unavailable")
    if _active_count(receiver) >= receiver.capacity:
        raise Refusal("target_at_capacity")
    return receiver


def queue_assign(
    *, supervisor: User, conversation_id: object, counselor_id: object
) -> Conversation:
    """A supervisor hands a specific waiting person to a specific counselor."""
    if not is_supervisor(supervisor):
        raise Refusal("supervisors_only")
    with transaction.atomic():
        receiver = _receiver_lock(counselor_id)
        conversation = conversation_for_staff(supervisor, conversation_id, lock=True)
        if conversation.status != Status.WAITING:
            raise Refusal("ended" if not conversation.is_open else "already_taken")
        return _assign(conversation, receiver, by=supervisor)


def conversation_transfer(
    *, actor: User, conversation_id: object, to_id: object, note: object = ""
) -> Conversation:
    """Hand an active conversation to another counselor or a supervisor, with a note.

    The counselor holding it may transfer it; a supervisor may reassign any. The note is
    kept as a private handover note for the receiver; the help-seeker is told only that
    someone new has joined, and the transcript stays as it is.

    Unlike other actions on a conversation, a transfer's refusal says whose it is not
    (README): someone else's is "not_yours", a waiting one "not_active"; only an id that
    names no conversation is "not_found".
    """
    handover = note_body_clean(note) if isinstance(note, str) and note.strip() else ""
    with transaction.atomic():
        receiver = _receiver_lock(to_id)
        try:
            conversation = Conversation.objects.select_for_update(of=("self",)).get(
                pk=str(conversation_id)
            )
        except (Conversation.DoesNotExist, ValueError, ValidationError) as error:
            raise Refusal("not_found") from error
        previous = conversation.counselor
        if previous is None or (previous.pk != actor.pk and not is_supervisor(actor)):
            # Waiting (nobody's yet) or someone else's: not the actor's to hand over.
            raise Refusal("not_yours" if previous is not None else "not_active")
        if not conversation.is_open:
            raise Refusal("ended")
        if receiver.pk == previous.pk:
            raise Refusal("bad_request")
        conversation.counselor = receiver
        conversation.assigned_at = timezone.now()
        conversation.save(update_fields=["counselor", "assigned_at"])
        if handover:
            Note.objects.create(
                conversation=conversation, author=actor, body=handover, kind=Note.Kind.HANDOVER
            )
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CONVERSATION_TRANSFER,
            target=conversation,
            detail={"from": previous.pk, "to": receiver.pk},
        )
        conversation_events.conversation_released(
            conversation, previous_counselor_id=previous.pk, by=actor
        )
        conversation_events.conversation_assigned(conversation, by=actor)
        publish(facts.DASHBOARD_CHANGED)
    return conversation


def dropped_conversations_requeue(*, grace_seconds: int | None = None) -> int:
    """Return to the queue the conversations of counselors offline for longer than the
    grace period, so nobody is left with a counselor who is gone. Returns how many."""
    grace = settings.KIZUNA["COUNSELOR_GRACE_SECONDS"] if grace_seconds is None else grace_seconds
    cutoff = timezone.now() - timedelta(seconds=grace)
    candidates = list(
        Conversation.objects.filter(
            status=Status.ACTIVE,
            counselor__presence=Presence.OFFLINE,
            counselor__presence_changed_at__lt=cutoff,
        ).values_list("pk", flat=True)
    )
    returned = 0
    for conversation_id in candidates:
        with transaction.atomic():
            conversation = (
                # of=self: the counselor is only read (and is a nullable, outer join).
                Conversation.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("counselor")
                .filter(pk=conversation_id, status=Status.ACTIVE)
                .first()
            )
            counselor = conversation.counselor if conversation else None
            if conversation is None or counselor is None or counselor.presence != Presence.OFFLINE:
                continue  # taken care of meanwhile (ended, or the counselor came back)
            conversation.status = Status.WAITING
            conversation.counselor = None
            conversation.assigned_at = None
            conversation.returned_at = timezone.now()
            conversation.save(update_fields=["status", "counselor", "assigned_at", "returned_at"])
            conversation_events.conversation_changed(conversation)
            events.counselor_dropped_alert(conversation, counselor=counselor)
            events.queue_changed()
            returned += 1
    return returned


def counselor_presence_set(*, counselor: User, presence: object) -> None:
    """Available or away, set by the counselor or by a supervisor. Offline is never set
    by hand: it follows from the counselor's consoles all closing."""
    if presence not in (Presence.AVAILABLE, Presence.AWAY):
        raise Refusal("bad_request")
    with transaction.atomic():
        staff_presence_set(user=counselor, presence=str(presence))
        events.counselor_changed(counselor)
        publish(facts.DASHBOARD_CHANGED)
        events.queue_changed()  # waiting people see who is available at once


def stale_consoles_close() -> int:
    """Consoles left behind by a web process that died: their counselors go offline and
    their help-seekers are told, as when a console closes. Returns how many counselors."""
    gone = consoles_stale_close()
    for counselor in gone:
        counselor_connection_changed(counselor=counselor, present=False)
    return len(gone)


def counselor_connection_changed(*, counselor: User, present: bool) -> None:
    """Tell the help-seekers of a counselor whose last console closed (or who came back),
    and alert supervisors to each conversation left without its counselor."""
    with transaction.atomic():
        for conversation in Conversation.objects.filter(counselor=counselor, status=Status.ACTIVE):
            conversation_events.counselor_presence(conversation, present=present)
            if not present:
                alert_raise(
                    kind=Alert.Kind.COUNSELOR_DISCONNECTED,
                    conversation=conversation,
                    counselor=counselor,
                )
        # Someone came online or dropped: waiting people's "nobody is online" and their
        # estimates are recomputed and pushed now (queue_changed also updates dashboards).
        events.queue_changed()


# --- Consoles ------------------------------------------------------------------------


def console_open(
    *, counselor: User, channel_name: str
) -> tuple[list[Mapping[str, Any]], list[str]]:
    """A console connected: the counselor is online (their help-seekers are told if they
    had been away). Returns its first frames ("hello" with their conversations, then the
    queue, whose previews are audited as shown) and the conversations it listens to."""
    if console_connected(user=counselor, channel_name=channel_name):
        counselor_connection_changed(counselor=counselor, present=True)
    counselor.refresh_from_db(fields=["presence"])
    mine = counselor_open_conversations(counselor)
    hello = frames.console_hello_frame(counselor, mine)
    return [hello, queue_shown(viewer=counselor)], [str(c.id) for c in mine]


def console_close(*, counselor: User, channel_name: str) -> None:
    """A console closed; with the counselor's last one they go offline."""
    if console_disconnected(user=counselor, channel_name=channel_name):
        counselor_connection_changed(counselor=counselor, present=False)


def queue_shown(*, viewer: User) -> frames.QueueFrame:
    """The queue as a console or dashboard opens: its previews are audited as shown."""
    entries = queue_waiting(preview_limit=frames.QUEUE_BROADCAST_LIMIT)
    transcript_previews_shown(viewer=viewer, conversation_ids=events.previewed(entries))
    return frames.queue_frame(entries)


def counselor_capacity_set(*, supervisor: User, user_id: object, capacity: object) -> User:
    """A supervisor changes a counselor's limit of conversations at once; audited. The
    waiting people's estimates change with the places."""
    if not is_supervisor(supervisor):
        raise Refusal("supervisors_only")
    with transaction.atomic():
        changed = staff_capacity_set(actor=supervisor, user_id=user_id, capacity=capacity)
        if changed is None:
            raise Refusal("bad_request")
        audit_record(
            actor=supervisor,
            action=AuditEvent.Action.CAPACITY_CHANGE,
            target=changed,
            detail={"capacity": changed.capacity},
        )
        events.counselor_changed(changed)
        events.queue_changed()
    return changed


def supervisor_presence_set(*, supervisor: User, counselor_id: object, presence: object) -> None:
    """A supervisor sets a counselor available or away (e.g. to stop new people reaching
    someone who needs a break); audited."""
    if not is_supervisor(supervisor):
        raise Refusal("supervisors_only")
    counselor = counselor_on_team(counselor_id)
    if counselor is None:
        raise Refusal("not_found")
    if counselor.presence == Presence.OFFLINE:
        # Offline follows from their consoles; marking them available would send people
        # to someone who is not there, and keep their conversations from the queue.
        raise Refusal("target_unavailable")
    with transaction.atomic():
        counselor_presence_set(counselor=counselor, presence=presence)
        audit_record(
            actor=supervisor,
            action=AuditEvent.Action.PRESENCE_CHANGE,
            target=counselor,
            detail={"presence": presence},
        )
