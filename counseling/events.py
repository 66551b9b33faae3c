"""Websocket events about conversations, sent after commit and called only from services;
typing notices alone are sent at once, by consumers (nothing is stored).

Event frames (shapes in counseling/frames.py; tests/counseling/test_events.py keeps this
list of types and groups true):
- "message" to conversation-<id>: a new message, for the help-seeker and the counselor.
- "conversation" to conversation-<id>: its status changed (a counselor joined, it ended).
- "assignment" to staff-<user id>: a conversation is now this counselor's; their consoles
  join its group and open it.
- "seeker_presence" to staff-<user id>: {"conversation", "present", "how", "left_at"} —
  the help-seeker left suddenly (quick exit) or came back.
- "typing" to conversation-<id>: {"conversation", "sender"} — not stored, sent at once.
- "released" to staff-<user id>: {"conversation", "to_name", "by_name"} — a conversation
  was handed to someone else (by a supervisor: by_name); the consoles leave its group.
- "checklist" to staff-<user id>: the risk checklist's answers changed.
- "participant" to conversation-<id>: {"conversation", "name"} — a supervisor joined.
- "counselor_presence" to conversation-<id>: {"conversation", "present"} — the counselor's
  connection dropped or came back.
- "emergency" to conversation-<id>: put the emergency numbers first.
- "conversation_update" to staff-<user id>: one of the counselor's conversations changed.
- "note" to staff-<user id>: a private note (the conversation's counselor only).
"""

from channels.layers import get_channel_layer
from django.core.cache import cache

from accounts.models import User
from core.bus import forward, send_on_commit
from core.groups import conversation_group, staff_group

from . import frames
from .models import Conversation, Message, Note


def message_created(message: Message, *, author_name: str | None = None) -> None:
    send_on_commit(
        conversation_group(message.conversation_id),
        frames.message_frame(message, author_name=author_name),
    )


def conversation_changed(conversation: Conversation) -> None:
    send_on_commit(
        conversation_group(conversation.id), frames.seeker_conversation_frame(conversation)
    )
    if conversation.counselor_id is not None:
        send_on_commit(
            staff_group(conversation.counselor_id),
            frames.conversation_update_frame(conversation),
        )


def emergency_contacts_first(conversation: Conversation) -> None:
    """To the help-seeker's page: put the emergency numbers where they are seen at once."""
    send_on_commit(conversation_group(conversation.id), frames.seeker_emergency_frame(conversation))


def conversation_assigned(conversation: Conversation, *, by: User | None = None) -> None:
    """To the counselor it now belongs to (with who assigned or handed it over, when that
    was someone else: their console adds it without taking their focus) and its group."""
    assert conversation.counselor_id is not None
    assigned_by = (
        by.public_name() if by is not None and by.pk != conversation.counselor_id else None
    )
    frame = frames.assignment_frame(conversation, assigned_by=assigned_by)
    # The counselor's consumers must join the conversation group before they can hear it;
    # the "assignment" handler does that, then forwards the frame.
    send_on_commit(staff_group(conversation.counselor_id), frame, handler="kizuna.assignment")
    send_on_commit(
        conversation_group(conversation.id), frames.seeker_conversation_frame(conversation)
    )


def seeker_presence(conversation: Conversation, *, present: bool, how: str) -> None:
    if conversation.counselor_id is None:
        return  # waiting: the queue broadcast shows it
    send_on_commit(
        staff_group(conversation.counselor_id),
        frames.seeker_presence_frame(conversation, present=present, how=how),
    )


async def _typing_slot(conversation_id: object, sender: str) -> bool:
    """At most one typing notice a second per conversation and side, however many sockets
    send them (each socket also limits itself): more sockets must not mean more notices
    (issue 14, finding 11). With the cache down, the sockets' own limit remains."""
    try:
        return bool(await cache.aadd(f"typing:{conversation_id}:{sender}", 1, timeout=1))
    except Exception:
        return True


async def typing(conversation_id: object, *, sender: str) -> None:
    """Typing indicators are not stored, so there is no commit to wait for; consumers
    await this directly."""
    layer = get_channel_layer()
    if layer is None or not await _typing_slot(conversation_id, sender):
        return
    frame = frames.typing_frame(conversation_id, sender=sender)
    await layer.group_send(conversation_group(str(conversation_id)), forward(frame))


def counselor_presence(conversation: Conversation, *, present: bool) -> None:
    """The counselor's connection dropped (their conversations are held for the grace
    period) or came back. Seeker-safe: no names, no times."""
    send_on_commit(
        conversation_group(conversation.id),
        frames.counselor_presence_frame(conversation, present=present),
    )


def note_added(note: Note, *, author_name: str) -> None:
    """To the conversation's counselor only (staff group), never to its group."""
    counselor_id = note.conversation.counselor_id
    if counselor_id is None:
        return
    send_on_commit(staff_group(counselor_id), frames.note_frame(note, author_name=author_name))


def conversation_released(
    conversation: Conversation, *, previous_counselor_id: int, by: User | None = None
) -> None:
    """To the counselor who no longer holds a conversation: their consoles stop listening
    to it (the "release" handler leaves its group). "by_name" names the supervisor who
    reassigned it (null when the counselor handed it over themselves): that counselor may
    be mid-reply, so the console keeps the pane read-only, draft and all, until closed."""
    counselor = conversation.counselor
    send_on_commit(
        staff_group(previous_counselor_id),
        frames.released_frame(
            conversation,
            to_name=counselor.public_name() if counselor else None,
            by_name=by.public_name() if by is not None and by.pk != previous_counselor_id else None,
        ),
        handler="kizuna.release",
    )


def checklist_changed(conversation: Conversation, answers: dict[str, str], tier: str) -> None:
    if conversation.counselor_id is None:
        return
    send_on_commit(
        staff_group(conversation.counselor_id),
        frames.checklist_frame(conversation.id, answers, tier),
    )


def supporter_joined(conversation: Conversation, *, name: str) -> None:
    """To the conversation's group: a supervisor joined (the help-seeker sees the name,
    as they see their counselor's)."""
    send_on_commit(
        conversation_group(conversation.id),
        frames.participant_frame(conversation, name=name),
    )
