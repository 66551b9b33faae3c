"""What counselors and supervisors do in a conversation: wrap-up, notes, the risk checklist,
saved replies, a supervisor joining or whispering."""

import logging
from typing import Any

from django.conf import settings
from django.db import transaction

from accounts.models import AuditEvent, User
from accounts.services import audit_record
from core.errors import Refusal
from core.roles import is_supervisor
from core.tiers import Tier

from .. import events, selectors
from ..checklist import ANSWERS, ITEMS, checklist_tier
from ..intake import TOPICS
from ..models import (
    CannedResponse,
    Conversation,
    Note,
    RiskChecklist,
    SenderKind,
    Status,
    WrapUp,
)
from .conversations import LANGUAGES, conversation_end, seen_seq_clean
from .messages import message_body_clean

logger = logging.getLogger(__name__)


SURVEY_COMMENT_MAX = 2000
WRAPUP_NOTE_MAX = 4000


WRAPUP_NOTE_MAX = 4000
NOTE_MAX = 4000


NOTE_MAX = 4000
CANNED_TITLE_MAX = 80


# The counselor's own judgement is one of the four assessed tiers, never "unknown".
WRAPUP_TIERS = {Tier.IMMINENT, Tier.HIGH, Tier.MEDIUM, Tier.LOW}


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
    seen_seq_clean(answers.get("seen_seq"))  # refused as malformed even once ended
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
