"""A conversation's life: started by a help-seeker, attended, ended, marked as abuse,
deleted by its owner."""

import logging
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import AuditEvent, User
from accounts.services import audit_record
from core import facts
from core.bus import ask, publish
from core.errors import Refusal
from core.roles import is_supervisor
from core.tiers import Tier

from .. import events, frames, selectors
from ..admission import admission_admit
from ..intake import intake_clean, is_not_safe
from ..models import (
    OPEN_STATUSES,
    Conversation,
    Message,
    SenderKind,
    Status,
    Survey,
)
from ..start_claims import start_claim, start_claim_key, start_claim_release, start_claim_settle
from ..tokens import device_token_new, device_token_valid, seeker_token_hash, seeker_token_new
from ..wire import json_parse
from .messages import client_id_clean, message_body_clean, message_post
from .transcripts import transcripts_purge

logger = logging.getLogger(__name__)


CLIENT_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
SURVEY_COMMENT_MAX = 2000


WRAPUP_TIERS = {Tier.IMMINENT, Tier.HIGH, Tier.MEDIUM, Tier.LOW}
LANGUAGES = {code for code, _name in settings.LANGUAGES}


def conversation_start(
    *,
    language: str,
    intake: Any,
    body: Any,
    client_id: Any,
    device_token: str | None = None,
    previous_device_token: str | None = None,
) -> tuple[Conversation, str, Message]:
    """Open a conversation with the help-seeker's first message and put it in the queue.

    Returns the conversation, the help-seeker's token (to be set as their cookie, and
    kept nowhere else) and the first message. `device_token` is given only when the
    person chose to let counselors see their earlier conversations from this browser;
    `previous_device_token`, the browser's token until now, hands its conversations over
    to the new one (the old token then links nothing).
    """
    body = message_body_clean(body)
    client_id = client_id_clean(client_id)
    token, token_hash = seeker_token_new()
    with transaction.atomic():
        conversation = Conversation.objects.create(
            token_hash=token_hash,
            language=(
                language
                if isinstance(language, str) and language in LANGUAGES
                else settings.LANGUAGE_CODE
            ),
            intake=intake_clean(intake),
            queued_at=timezone.now(),
            # Not yet seen: the page opens its socket right after the start. A start that
            # never connects (a script posting starts) leaves the queue after
            # SEEKER_NEVER_CONNECTED_MINUTES, not the longer SEEKER_ABSENT_MINUTES.
            seeker_seen_at=None,
            device_hash=seeker_token_hash(device_token) if device_token else "",
        )
        if device_token and previous_device_token:
            Conversation.objects.filter(
                device_hash=seeker_token_hash(previous_device_token)
            ).update(device_hash=conversation.device_hash)
        message, _created = message_post(
            conversation=conversation, sender=SenderKind.SEEKER, body=body, client_id=client_id
        )
        if is_not_safe(conversation.intake):
            publish(facts.INTAKE_NOT_SAFE, conversation=conversation)
        publish(facts.QUEUE_CHANGED)
    return conversation, token, message


@dataclass(frozen=True)
class SeekerStart:
    """A start from the chat page that was stored: what the reply sets in the browser."""

    conversation: Conversation
    token: str  # the help-seeker's cookie, kept nowhere else
    message: Message
    # The new device cookie, when the person chose to share their history from here.
    device_token: str | None
    # "Leave no trace": the token's cookie ends when the browser closes.
    no_trace: bool


def seeker_start(
    *,
    request_body: bytes,
    language: str,
    seeker_token: str | None,
    browser_key: str | None,
    device_cookie: str | None,
) -> SeekerStart:
    """A help-seeker's start from the chat page (counseling/views.py), whole. Refused as
    "already_open" while this browser has an open conversation or another start under
    way (start_claims.py: `browser_key` is its CSRF cookie), then if malformed, then by
    admission (admission.py: "admission" or "busy"); only then stored. A refused start
    holds nothing back: its claim and its admission are released. `language` is the
    page's, unless the start names one."""
    existing = selectors.conversation_for_seeker(seeker_token)
    if existing is not None and existing.is_open:
        raise Refusal("already_open")
    # Two starts at once from one browser (a double tap) both arrive without that cookie.
    claim = start_claim_key(browser_key)
    if claim is not None and not start_claim(claim):
        raise Refusal("already_open")
    try:
        started = _seeker_start_claimed(
            request_body=request_body, language=language, device_cookie=device_cookie
        )
    except Exception:
        start_claim_release(claim)
        raise
    start_claim_settle(claim, started.conversation.pk)
    return started


def _seeker_start_claimed(
    *, request_body: bytes, language: str, device_cookie: str | None
) -> SeekerStart:
    payload = json_parse(request_body)
    if not isinstance(payload, dict):
        raise Refusal("bad_request")
    # "Leave no trace": a session cookie, gone when the browser closes (and deleted at the
    # end or on quick exit); otherwise the person can come back for SEEKER_RESUME_HOURS.
    no_trace = payload.get("no_trace") is True
    # Linking conversations from this browser needs the person's yes, and a cookie that
    # outlives this one, so it is never combined with "leave no trace".
    device_token = previous_device_token = None
    if payload.get("share_history") is True and not no_trace:
        # A new token every time (issue 14, finding 8): the browser's earlier
        # conversations move to it, so a token planted in this browser, or copied from
        # it, links nothing once this browser has started again.
        previous_device_token = device_token_valid(device_cookie)
        device_token = device_token_new()
    # A malformed start is refused before it is counted: junk never closes the line.
    message_body_clean(payload.get("body"))
    client_id_clean(payload.get("client_id"))
    admission = admission_admit(payload.get("admission"))
    try:
        conversation, token, message = conversation_start(
            language=payload.get("language") or language,
            intake=payload.get("intake"),
            body=payload.get("body"),
            client_id=payload.get("client_id"),
            device_token=device_token,
            previous_device_token=previous_device_token,
        )
    except Exception:
        admission.release()  # nothing was stored: it must not count
        raise
    return SeekerStart(conversation, token, message, device_token, no_trace)


def seeker_presence_set(*, conversation: Conversation, present: bool, how: str = "") -> None:
    """The help-seeker left suddenly (quick exit, page closed) or came back. The
    conversation stays open and resumable; the counselor is told either way."""
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if not locked.is_open or (locked.seeker_left_at is None) == present:
            return
        locked.seeker_left_at = None if present else timezone.now()
        locked.save(update_fields=["seeker_left_at"])
        events.seeker_presence(locked, present=present, how=how)
        if locked.status == Status.WAITING:
            publish(facts.QUEUE_CHANGED)


def seekers_seen(*, conversation_ids: list[Any]) -> int:
    """These open conversations have a help-seeker's socket open now (one UPDATE for all
    the sockets of a web process, from its heartbeat or a connect). Returns rows updated."""
    if not conversation_ids:
        return 0
    return Conversation.objects.filter(pk__in=conversation_ids, status__in=OPEN_STATUSES).update(
        seeker_seen_at=timezone.now()
    )


def unattended_conversations_abandon(*, now: Any = None, batch: int = 500) -> int:
    """Waiting conversations whose help-seeker has had no socket open for
    SEEKER_ABSENT_MINUTES leave the queue as abandoned (ended by the system), as if they
    had left themselves: nobody is behind them to answer, and they push real people
    back. The queue and dashboards are pushed once. Returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.KIZUNA["SEEKER_ABSENT_MINUTES"])
    # A page that never opened its socket: no person can be answered there (replies come
    # only over it), and a flood of scripted starts looks exactly like this. Sooner.
    never = now - timedelta(minutes=settings.KIZUNA["SEEKER_NEVER_CONNECTED_MINUTES"])
    absent = Q(seeker_seen_at__lt=cutoff) | Q(seeker_seen_at__isnull=True, queued_at__lt=never)
    with transaction.atomic():
        # Rows being taken by a counselor right now are skipped: their person is answered.
        conversations = list(
            Conversation.objects.select_for_update(skip_locked=True)
            .filter(absent, status=Status.WAITING)
            .order_by("queued_at")[:batch]
        )
        if not conversations:
            return 0
        Conversation.objects.filter(pk__in=[c.pk for c in conversations]).update(
            status=Status.ABANDONED, ended_at=now, ended_by=SenderKind.SYSTEM
        )
        for conversation in conversations:
            conversation.status = Status.ABANDONED
            conversation.ended_at = now
            conversation.ended_by = SenderKind.SYSTEM
            events.conversation_changed(conversation)  # a page still open is told
        publish(facts.CONVERSATIONS_CLOSED, conversations=conversations)
        publish(facts.QUEUE_CHANGED)
    logger.info("%s waiting conversations abandoned: nobody behind them", len(conversations))
    return len(conversations)


def survey_submit(*, conversation: Conversation, answers: Any) -> Survey:
    """Store the optional end-of-conversation survey, once per conversation."""
    if conversation.is_open:
        raise Refusal("not_ended")
    if not isinstance(answers, dict):
        raise Refusal("bad_request")

    def scale(value: Any) -> int | None:
        return value if isinstance(value, int) and 1 <= value <= 5 else None

    helped = answers.get("helped")
    comment = answers.get("comment")
    survey, _created = Survey.objects.get_or_create(
        conversation=conversation,
        defaults={
            "feeling_before": scale(answers.get("feeling_before")),
            "feeling_after": scale(answers.get("feeling_after")),
            "helped": helped if helped in Survey.Helped.values else "",
            "comment": comment[:SURVEY_COMMENT_MAX].strip() if isinstance(comment, str) else "",
        },
    )
    return survey


def seen_seq_clean(value: Any) -> int | None:
    """The last sequence number the counselor's console showed before they chose to end
    (None: the client did not say, and nothing is checked)."""
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise Refusal("bad_request")
    return value


def conversation_end(
    *,
    conversation: Conversation,
    ended_by: SenderKind,
    actor: User | None = None,
    seen_seq: Any = None,
) -> Conversation:
    """End a conversation (idempotent). A help-seeker leaving the queue counts as abandoned.

    A counselor's end names the last sequence number their console showed (`seen_seq`):
    if the help-seeker wrote after it ("actually I just took them all"), the end is
    refused with "unseen_messages" so the counselor reads it first. The row lock orders
    this check against message_post, so no message slips in between.
    """
    seen = seen_seq_clean(seen_seq)
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if locked.status not in OPEN_STATUSES:
            return locked
        if ended_by == SenderKind.COUNSELOR and (actor is None or locked.counselor_id != actor.pk):
            raise Refusal("not_yours")
        if seen is not None and _seeker_wrote_after(locked, seen):
            raise Refusal("unseen_messages")
        was_waiting = locked.status == Status.WAITING
        locked.status = Status.ABANDONED if was_waiting else Status.ENDED
        locked.ended_at = timezone.now()
        locked.ended_by = ended_by
        locked.save(update_fields=["status", "ended_at", "ended_by"])
        events.conversation_changed(locked)
        publish(facts.CONVERSATIONS_CLOSED, conversations=[locked])
        # Either way waiting people's estimates change: one fewer ahead, or a place freed.
        publish(facts.QUEUE_CHANGED)
        if actor is not None:
            audit_record(actor=actor, action=AuditEvent.Action.CONVERSATION_END, target=locked)
    return locked


def _seeker_wrote_after(conversation: Conversation, seq: int) -> bool:
    return Message.objects.filter(
        conversation=conversation, sender=SenderKind.SEEKER, seq__gt=seq
    ).exists()


def conversation_mark_abuse(*, conversation: Conversation, supervisor: User) -> Conversation:
    """A supervisor judges a conversation to be abuse (a flood's, a prank's): it leaves
    the queue (or its counselor's console) at once, and the judgement is audited."""
    if not is_supervisor(supervisor):
        raise Refusal("supervisors_only")
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if not locked.is_open:
            raise Refusal("ended")
        if _abuse_mark(locked, supervisor=supervisor):
            publish(facts.QUEUE_CHANGED)
        else:
            publish(facts.DASHBOARD_CHANGED)
    return locked


# Most conversations one "mark selected" may carry: more than a dashboard shows of the
# queue (QUEUE_BROADCAST_LIMIT), few enough for one short transaction.
ABUSE_MARK_MAX = 200


def conversations_mark_abuse(*, conversation_ids: Any, supervisor: User) -> list[Conversation]:
    """A supervisor marks several waiting conversations as abuse at once (a flood's):
    each is judged and audited exactly as one marked alone, and the queue is pushed
    once. Those no longer waiting (taken or ended meanwhile) are left as they are, and
    ids that name no conversation are skipped alike. Returns those marked."""
    if not is_supervisor(supervisor):
        raise Refusal("supervisors_only")
    if (
        not isinstance(conversation_ids, list)
        or not 0 < len(conversation_ids) <= ABUSE_MARK_MAX
        or not all(isinstance(value, str) for value in conversation_ids)
    ):
        raise Refusal("bad_request")
    ids = {canonical for value in conversation_ids if (canonical := _uuid_or_none(value))}
    with transaction.atomic():
        conversations = list(
            Conversation.objects.select_for_update()
            .filter(pk__in=ids, status=Status.WAITING)
            .order_by("queued_at")
        )
        for conversation in conversations:
            _abuse_mark(conversation, supervisor=supervisor)
        if conversations:
            publish(facts.QUEUE_CHANGED)
    return conversations


def _uuid_or_none(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _abuse_mark(locked: Conversation, *, supervisor: User) -> bool:
    """Mark one open conversation, locked by the caller, as abuse; audited. Whether it
    was waiting (the caller pushes the queue, or only the dashboards, once)."""
    was_waiting = locked.status == Status.WAITING
    locked.status = Status.ABUSE
    locked.ended_at = timezone.now()
    locked.ended_by = SenderKind.SYSTEM
    locked.save(update_fields=["status", "ended_at", "ended_by"])
    events.conversation_changed(locked)
    audit_record(
        actor=supervisor,
        action=AuditEvent.Action.CONVERSATION_ABUSE,
        target=locked,
        detail={"was": "waiting" if was_waiting else "active"},
    )
    return was_waiting


def conversation_delete_by_seeker(*, conversation: Conversation) -> None:
    """The help-seeker deletes their ended conversation from the end screen: its words go
    at once, as the retention purge would remove them later."""
    if conversation.is_open:
        raise Refusal("not_ended")
    transcripts_purge(conversation_ids=[conversation.pk])


def seeker_welcome(*, conversation_id: Any) -> list[Mapping[str, Any]]:
    """What a help-seeker's page is told as its socket opens: their conversation, the
    emergency contacts when at risk, their place in the queue. Someone is behind the
    conversation now: it is marked seen, and back if they had left."""
    seekers_seen(conversation_ids=[conversation_id])
    conversation = Conversation.objects.select_related("counselor").get(pk=conversation_id)
    if conversation.seeker_left_at is not None:
        seeker_presence_set(conversation=conversation, present=True)
    welcome: list[Mapping[str, Any]] = [frames.seeker_conversation_frame(conversation)]
    if conversation.is_open and (
        conversation.risk_tier == Tier.IMMINENT or is_not_safe(conversation.intake)
    ):
        welcome.append(frames.seeker_emergency_frame(conversation))
    place = ask(facts.QUEUE_PLACE, conversation_id=conversation.pk)
    if place is not None:
        welcome.append(place)
    return welcome
