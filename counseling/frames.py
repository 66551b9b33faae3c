"""The shapes of the conversation frames sent to websocket clients (documented in
README.md).

Every frame has a "type". counseling/events.py, the consumers' replies (counseling/
consumers.py's FrameConsumer and the apps' consumers built on it) and the services that
answer them build conversation frames only here, so each shape is defined once. The
queue's own frames are built in queues/events.py, risk's in triage/events.py.
"""

from collections.abc import Iterable
from typing import Any

from .models import Conversation, Message, Note


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def message_dict(message: Message, *, author_name: str | None = None) -> dict[str, Any]:
    return {
        "seq": message.seq,
        "sender": message.sender,
        "author_name": author_name,
        "body": message.body,
        "client_id": message.client_id,
        "sent_at": _iso(message.created_at),
    }


def message_frame(message: Message, *, author_name: str | None = None) -> dict[str, Any]:
    """{"type": "message", "conversation", "seq", "sender", "author_name", "body", ...}"""
    return {
        "type": "message",
        "conversation": str(message.conversation_id),
        **message_dict(message, author_name=author_name),
    }


def history_frame(
    conversation: Conversation,
    messages: Iterable[Message],
    *,
    names: dict[int, str],
    assessments: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Everything after the client's last sequence number, oldest first. Staff copies
    also carry the triage assessments of those messages."""
    frame = {
        "type": "history",
        "conversation": str(conversation.id),
        "messages": [
            message_dict(m, author_name=names.get(m.author_id) if m.author_id else None)
            for m in messages
        ],
        "last_seq": conversation.last_seq,
    }
    if assessments is not None:
        frame["assessments"] = assessments
    return frame


def seeker_conversation_frame(conversation: Conversation) -> dict[str, Any]:
    """What the help-seeker may know about their conversation: no risk, no staff ids.
    "ended_by" ("seeker", "counselor", "system" or null while open) lets the page say why
    it ended: "system" and "abandoned" mean nobody had the page open for a long time."""
    counselor = conversation.counselor
    return {
        "type": "conversation",
        "conversation": str(conversation.id),
        "status": conversation.status,
        "ended_by": conversation.ended_by or None,
        "language": conversation.language,
        "counselor_name": counselor.public_name() if counselor else None,
        "last_seq": conversation.last_seq,
    }


def seeker_emergency_frame(conversation: Conversation) -> dict[str, Any]:
    """Show the emergency numbers first: the person said they are not safe, or wrote
    something triage rates imminent. It names no tier: the page only moves the numbers up."""
    return {"type": "emergency", "conversation": str(conversation.id)}


def staff_conversation_dict(conversation: Conversation) -> dict[str, Any]:
    counselor = conversation.counselor
    return {
        "id": str(conversation.id),
        "status": conversation.status,
        "language": conversation.language,
        "intake": conversation.intake,
        "counselor_id": conversation.counselor_id,
        "counselor_name": counselor.public_name() if counselor else None,
        "queued_at": _iso(conversation.queued_at),
        "assigned_at": _iso(conversation.assigned_at),
        "ended_at": _iso(conversation.ended_at),
        "risk_tier": conversation.risk_tier,
        "risk_score": conversation.risk_score,
        "risk_evidence": conversation.risk_evidence,
        "risk_explanation": conversation.risk_explanation,
        "risk_reason": conversation.risk_reason,
        "seeker_left_at": _iso(conversation.seeker_left_at),
        "wrapped_up": hasattr(conversation, "wrap_up"),
        # The help-seeker let counselors see their earlier conversations from this browser.
        "shares_history": bool(conversation.device_hash),
        "last_seq": conversation.last_seq,
    }


def staff_conversation_frame(
    conversation: Conversation, *, kind: str = "assignment"
) -> dict[str, Any]:
    """{"type": "assignment" | "conversation_update", "conversation": {...staff view...}}:
    to its counselor when it becomes theirs, and when it changes later."""
    return {"type": kind, "conversation": staff_conversation_dict(conversation)}


def abuse_marked_frame(marked: Iterable[Conversation], *, asked: int) -> dict[str, Any]:
    """{"type": "abuse_marked", "conversations": [id ...], "not_marked": n}: the reply to
    a supervisor's "mark_abuse_many"; not_marked counts those no longer waiting."""
    ids = [str(conversation.id) for conversation in marked]
    return {"type": "abuse_marked", "conversations": ids, "not_marked": max(0, asked - len(ids))}


def error_frame(code: str, message: str, *, ref: str | None = None) -> dict[str, Any]:
    frame = {"type": "error", "code": code, "message": message}
    if ref is not None:
        frame["ref"] = ref
    return frame


def note_dict(note: Note, *, author_name: str) -> dict[str, Any]:
    return {
        "body": note.body,
        "kind": note.kind,
        "author_name": author_name,
        "at": _iso(note.created_at),
    }


def checklist_frame(
    conversation_id: Any, answers: dict[str, str], suggested_tier: str
) -> dict[str, Any]:
    """{"type": "checklist", "conversation", "answers": {item: "yes"|"no"}, "suggested_tier"}"""
    return {
        "type": "checklist",
        "conversation": str(conversation_id),
        "answers": answers,
        "suggested_tier": suggested_tier,
    }


def earlier_dict(
    conversation: Conversation, messages: Iterable[Message], *, names: dict[int, str]
) -> dict[str, Any]:
    """One of a help-seeker's earlier conversations, for the counselor now with them."""
    wrap_up = getattr(conversation, "wrap_up", None)
    return {
        "id": str(conversation.id),
        "created_at": _iso(conversation.created_at),
        "ended_at": _iso(conversation.ended_at),
        "status": conversation.status,
        "language": conversation.language,
        "risk_tier": conversation.risk_tier,
        "outcome": wrap_up.outcome if wrap_up else None,
        "counselor_tier": wrap_up.counselor_tier if wrap_up else None,
        "topics": wrap_up.topics if wrap_up else [],
        "wrap_up_note": wrap_up.note if wrap_up else "",
        "messages": [
            message_dict(m, author_name=names.get(m.author_id) if m.author_id else None)
            for m in messages
        ],
    }


def earlier_frame(conversation: Conversation, items: list[dict[str, Any]]) -> dict[str, Any]:
    """{"type": "earlier", "conversation": id, "conversations": [earlier_dict ...]}: the
    reply to a console's "earlier"."""
    return {"type": "earlier", "conversation": str(conversation.id), "conversations": items}


def seeker_presence_frame(conversation: Conversation, *, present: bool, how: str) -> dict[str, Any]:
    """{"type": "seeker_presence", "conversation", "present", "how", "left_at"}: to the
    counselor, the help-seeker left suddenly (`how`: "quick_exit", ...) or came back."""
    return {
        "type": "seeker_presence",
        "conversation": str(conversation.id),
        "present": present,
        "how": how,
        "left_at": _iso(conversation.seeker_left_at),
    }


def typing_frame(conversation_id: Any, *, sender: str) -> dict[str, Any]:
    """{"type": "typing", "conversation", "sender"}: the other side is typing."""
    return {"type": "typing", "conversation": str(conversation_id), "sender": sender}


def counselor_presence_frame(conversation: Conversation, *, present: bool) -> dict[str, Any]:
    """{"type": "counselor_presence", "conversation", "present"}: seeker-safe (no names,
    no times)."""
    return {"type": "counselor_presence", "conversation": str(conversation.id), "present": present}


def counselor_dropped_alert_frame(
    conversation: Conversation, *, counselor_id: int | None
) -> dict[str, Any]:
    """{"type": "alert", "kind": "counselor_disconnected", "conversation", "counselor_id",
    "status"}: to supervisors, a conversation went back to the queue."""
    return {
        "type": "alert",
        "kind": "counselor_disconnected",
        "conversation": str(conversation.id),
        "counselor_id": counselor_id,
        "status": conversation.status,
    }


def note_frame(note: Note, *, author_name: str) -> dict[str, Any]:
    """{"type": "note", "conversation", "body", "kind", "author_name", "at"}: staff only."""
    return {
        "type": "note",
        "conversation": str(note.conversation_id),
        **note_dict(note, author_name=author_name),
    }


def released_frame(
    conversation: Conversation, *, to_name: str | None, by_name: str | None
) -> dict[str, Any]:
    """{"type": "released", "conversation", "to_name", "by_name"}: a conversation was
    handed to someone else (by a supervisor: by_name, else null)."""
    return {
        "type": "released",
        "conversation": str(conversation.id),
        "to_name": to_name,
        "by_name": by_name,
    }


def participant_frame(conversation: Conversation, *, name: str) -> dict[str, Any]:
    """{"type": "participant", "conversation", "name"}: a supervisor joined."""
    return {"type": "participant", "conversation": str(conversation.id), "name": name}
