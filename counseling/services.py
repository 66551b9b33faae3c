"""Writes for conversations and messages. Services own their transactions."""

import logging
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import AuditEvent, User
from accounts.services import audit_record
from core import facts
from core.bus import ask, publish
from core.errors import Refusal
from core.ratelimit import count_this_minute
from core.roles import is_supervisor
from core.tiers import Tier

from . import events, frames, selectors
from .admission import admission_admit
from .checklist import ANSWERS, ITEMS, checklist_tier
from .intake import TOPICS, intake_clean, is_not_safe
from .models import (
    OPEN_STATUSES,
    CannedResponse,
    Conversation,
    Message,
    Note,
    RiskChecklist,
    SenderKind,
    Status,
    Survey,
    WrapUp,
)
from .start_claims import start_claim, start_claim_key, start_claim_release, start_claim_settle
from .tokens import device_token_new, device_token_valid, seeker_token_hash, seeker_token_new
from .wire import LONE_SURROGATE, json_parse

logger = logging.getLogger(__name__)
CLIENT_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
SURVEY_COMMENT_MAX = 2000
WRAPUP_NOTE_MAX = 4000
NOTE_MAX = 4000
CANNED_TITLE_MAX = 80
# The counselor's own judgement is one of the four assessed tiers, never "unknown".
WRAPUP_TIERS = {Tier.IMMINENT, Tier.HIGH, Tier.MEDIUM, Tier.LOW}
LANGUAGES = {code for code, _name in settings.LANGUAGES}


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


def _seen_seq_clean(value: Any) -> int | None:
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
    seen = _seen_seq_clean(seen_seq)
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


def conversation_wrap_up(*, conversation: Conversation, counselor: User, answers: Any) -> WrapUp:
    """End the conversation if it is still going, and record the counselor's wrap-up.

    `answers["seen_seq"]`, when given, guards the end as in conversation_end: nothing is
    recorded if the help-seeker wrote after the console last showed the conversation.

    Only the counselor who held it may wrap it up, once. The conversation's own tier at
    this moment is stored beside the counselor's, for measuring triage.
    """
    if not isinstance(answers, dict):
        raise Refusal("bad_request")
    outcome = str(answers.get("outcome"))
    tier = str(answers.get("risk_tier"))
    topics = answers.get("topics") or []
    note = answers.get("note") or ""
    if outcome not in settings.KIZUNA["WRAPUP_OUTCOMES"] or tier not in WRAPUP_TIERS:
        raise Refusal("bad_request")
    if not isinstance(topics, list) or not all(t in TOPICS for t in topics):
        raise Refusal("bad_request")
    if not isinstance(note, str) or len(note) > WRAPUP_NOTE_MAX:
        raise Refusal("bad_request")
    _seen_seq_clean(answers.get("seen_seq"))  # refused as malformed even once ended
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if locked.counselor_id != counselor.pk:
            raise Refusal("not_yours")
        if WrapUp.objects.filter(conversation=locked).exists():
            raise Refusal("already_wrapped")
        if locked.is_open:
            conversation_end(
                conversation=locked,
                ended_by=SenderKind.COUNSELOR,
                actor=counselor,
                seen_seq=answers.get("seen_seq"),
            )
            locked.refresh_from_db()
        wrap_up = WrapUp.objects.create(
            conversation=locked,
            counselor=counselor,
            outcome=outcome,
            counselor_tier=tier,
            triage_tier=locked.risk_tier,
            topics=sorted(set(topics)),
            note=note.strip(),
        )
        events.conversation_changed(locked)
    return wrap_up


def note_body_clean(body: Any) -> str:
    if not isinstance(body, str) or not body.strip():
        raise Refusal("empty")
    if len(body) > NOTE_MAX:
        raise Refusal("too_long")
    return body.strip()


def note_add(
    *, conversation: Conversation, author: User, body: Any, kind: str = Note.Kind.NOTE
) -> Note:
    """A private note; only the conversation's counselor (or a supervisor) may add one."""
    body = note_body_clean(body)
    if conversation.counselor_id != author.pk and not is_supervisor(author):
        raise Refusal("not_yours")
    with transaction.atomic():
        note = Note.objects.create(conversation=conversation, author=author, body=body, kind=kind)
        events.note_added(note, author_name=author.public_name())
    return note


def checklist_answer(
    *, conversation: Conversation, counselor: User, item: Any, answer: Any
) -> RiskChecklist:
    """Record one answer of the risk checklist ("yes", "no", or None to clear it).

    Only the conversation's counselor (or a supervisor) may, and only while it is open
    or not yet wrapped up: the checklist belongs to the conversation's record.
    """
    if item not in ITEMS or (answer is not None and answer not in ANSWERS):
        raise Refusal("bad_request")
    if conversation.counselor_id != counselor.pk and not is_supervisor(counselor):
        raise Refusal("not_yours")
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if WrapUp.objects.filter(conversation=locked).exists():
            raise Refusal("already_wrapped")
        checklist, _created = RiskChecklist.objects.select_for_update().get_or_create(
            conversation=locked, defaults={"updated_by": counselor}
        )
        if answer is None:
            checklist.answers.pop(item, None)
        else:
            checklist.answers[item] = answer
        checklist.updated_by = counselor
        checklist.save(update_fields=["answers", "updated_by", "updated_at"])
        events.checklist_changed(locked, checklist.answers, checklist_tier(checklist.answers))
    return checklist


def canned_response_save(
    *,
    actor: User,
    title: Any,
    body: Any,
    language: Any,
    shared: bool,
    response: CannedResponse | None = None,
) -> CannedResponse:
    """Create or edit a saved reply. Shared ones are the supervisors' to manage; a
    counselor's own are theirs alone."""
    if shared and not is_supervisor(actor):
        raise Refusal("supervisors_only")
    if response is not None and not canned_response_editable(response, actor):
        raise Refusal("not_allowed")
    if not isinstance(title, str) or not title.strip() or len(title.strip()) > CANNED_TITLE_MAX:
        raise Refusal("bad_request")
    if language not in LANGUAGES:
        raise Refusal("bad_request")
    fields = {
        "owner": None if shared else actor,
        "title": title.strip(),
        "body": message_body_clean(body),
        "language": language,
    }
    if response is None:
        return CannedResponse.objects.create(**fields)
    for name, value in fields.items():
        setattr(response, name, value)
    # The edited fields and the time only: the rest of the row is never written back
    # as it was read.
    response.save(update_fields=[*fields, "updated_at"])
    return response


def canned_response_editable(response: CannedResponse, user: User) -> bool:
    return is_supervisor(user) if response.shared else response.owner_id == user.pk


def canned_response_delete(*, actor: User, response: CannedResponse) -> None:
    if not canned_response_editable(response, actor):
        raise Refusal("not_allowed")
    response.delete()


def supervisor_join(*, conversation: Conversation, supervisor: User) -> None:
    """A supervisor joins a live conversation beside its counselor: from now on they may
    write in it, and the help-seeker is told who has joined."""
    if not is_supervisor(supervisor):
        raise Refusal("supervisors_only")
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if locked.status != Status.ACTIVE:
            raise Refusal("ended" if not locked.is_open else "not_active")
        if (
            locked.counselor_id == supervisor.pk
            or locked.supporters.filter(pk=supervisor.pk).exists()
        ):
            return
        locked.supporters.add(supervisor)
        audit_record(actor=supervisor, action=AuditEvent.Action.CONVERSATION_JOIN, target=locked)
        events.supporter_joined(locked, name=supervisor.public_name())


def transcript_previews_shown(*, viewer: User, conversation_ids: list[str]) -> None:
    """The queue showed `viewer` the first lines of these waiting conversations: a read
    of transcript text like any other, audited as one (issue 14, finding 3). One row per
    conversation and console: the console remembers what it has recorded."""
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=viewer,
            action=AuditEvent.Action.TRANSCRIPT_VIEW,
            target_type="conversation",  # as audit_record names it
            target_id=str(conversation_id),
            detail={"via": "queue_preview"},
        )
        for conversation_id in conversation_ids
    )


def transcripts_purge(*, conversation_ids: list[Any]) -> int:
    """Remove every word of these ended conversations, and anything quoting them: messages
    (with their assessments), notes, the wrap-up note, the survey comment, triage's
    evidence, and the link to earlier conversations. What reports count stays: times,
    tiers, outcomes, topics, survey scores. Returns how many conversations were purged."""
    with transaction.atomic():
        ids = list(
            Conversation.objects.select_for_update()
            .filter(pk__in=conversation_ids, purged_at__isnull=True)
            .exclude(status__in=OPEN_STATUSES)
            .values_list("pk", flat=True)
        )
        if not ids:
            return 0
        Message.objects.filter(conversation_id__in=ids).delete()
        Note.objects.filter(conversation_id__in=ids).delete()
        WrapUp.objects.filter(conversation_id__in=ids).update(note="")
        Survey.objects.filter(conversation_id__in=ids).update(comment="")
        Conversation.objects.filter(pk__in=ids).update(
            risk_evidence=[],
            risk_explanation="",
            risk_reason={},
            device_hash="",
            purged_at=timezone.now(),
        )
    return len(ids)


def transcripts_purge_expired(*, now: Any = None, batch: int = 500) -> int:
    """The periodic purge: conversations ended more than RETENTION_DAYS ago, a batch at a
    time so no transaction holds locks for long. Returns how many were purged."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.KIZUNA["RETENTION_DAYS"])
    purged = 0
    while True:
        ids = list(
            Conversation.objects.filter(
                purged_at__isnull=True,
                ended_at__lt=cutoff,
                status__in=(Status.ENDED, Status.ABANDONED, Status.ABUSE),
            ).values_list("pk", flat=True)[:batch]
        )
        if not ids:
            return purged
        purged += transcripts_purge(conversation_ids=ids)


# The tables whose rows hold (or held) a help-seeker's words. Retention must not stop at
# "deleted": PostgreSQL keeps a deleted or updated row's old version on its page until
# VACUUM removes it, and in WAL and backups beyond that (see README, "Retention").
TEXT_TABLES = (
    Message._meta.db_table,
    Note._meta.db_table,
    WrapUp._meta.db_table,
    Survey._meta.db_table,
    Conversation._meta.db_table,
)


def purged_space_reclaim() -> bool:
    """After a purge: VACUUM the tables that held the words, so the dead row versions are
    removed from their pages now rather than whenever autovacuum gets to them. PostgreSQL
    only, outside any transaction (VACUUM cannot run in one). Whether it ran."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return False
    with connection.cursor() as cursor:
        for table in TEXT_TABLES:
            cursor.execute(f'VACUUM (ANALYZE) "{table}"')
    return True


def conversation_delete_by_seeker(*, conversation: Conversation) -> None:
    """The help-seeker deletes their ended conversation from the end screen: its words go
    at once, as the retention purge would remove them later."""
    if conversation.is_open:
        raise Refusal("not_ended")
    transcripts_purge(conversation_ids=[conversation.pk])


# --- Staff reading transcripts: every read is audited here, in one place -------------


def transcript_read(*, viewer: User, conversation_id: Any, after: int) -> frames.HistoryFrame:
    """A conversation's messages after `after` for a staff member who may see it, with
    what triage found in each; audited as a transcript view. From the start (after=0) it
    carries the counselors' notes and the checklist too."""
    conversation = selectors.conversation_for_staff(viewer, conversation_id)
    messages = selectors.messages_after(conversation, after)
    from_start = after == 0
    frame = frames.history_frame(
        conversation,
        messages,
        names=selectors.author_names(messages),
        assessments=ask(facts.MESSAGE_ASSESSMENTS, messages=messages),
        notes=selectors.notes_for(conversation) if from_start else None,
        checklist=selectors.checklist_for(conversation) if from_start else None,
    )
    if after == 0 or messages:
        # Every read of transcript text by staff is recorded, a catch-up after a
        # reconnect too: "after" was the way around the audit (issue 14, finding 3).
        audit_record(
            actor=viewer,
            action=AuditEvent.Action.TRANSCRIPT_VIEW,
            target=conversation,
            detail={"after": after, "messages": len(messages)},
        )
    return frame


def earlier_transcripts_read(*, viewer: User, conversation_id: Any) -> frames.EarlierFrame:
    """The help-seeker's earlier conversations from the same browser (only if they chose
    to share them). Each transcript shown is audited as a view, noting through which
    conversation it was reached."""
    conversation = selectors.conversation_for_staff(viewer, conversation_id)
    earlier = selectors.earlier_conversations(conversation)
    messages = selectors.earlier_messages_of(earlier)
    names = selectors.author_names([m for ms in messages.values() for m in ms])
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=viewer,
            action=AuditEvent.Action.TRANSCRIPT_VIEW,
            target_type="conversation",  # as audit_record names it
            target_id=str(item.pk),
            detail={"via": str(conversation.id)},
        )
        for item in earlier
    )
    return frames.earlier_frame(
        conversation,
        [frames.earlier_dict(item, messages.get(item.pk, []), names=names) for item in earlier],
    )


def supervisor_whisper(*, supervisor: User, conversation_id: Any, body: Any) -> Note:
    """A private message to the conversation's counselor; the help-seeker never sees it."""
    if not is_supervisor(supervisor):
        raise Refusal("supervisors_only")
    conversation = selectors.conversation_for_staff(supervisor, conversation_id)
    if conversation.counselor_id is None or not conversation.is_open:
        raise Refusal("not_active" if conversation.is_open else "ended")
    return note_add(
        conversation=conversation, author=supervisor, body=body, kind=Note.Kind.SUPERVISOR
    )


# --- The help-seeker's socket ------------------------------------------------------


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
