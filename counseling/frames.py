"""The websocket frames about conversations, each built by one typed builder here.

Events (counseling/events.py) and direct replies (the help-seeker's socket, services)
build these frames only here, so each shape is defined once; README.md, "Websocket
protocol", documents them and tests/counseling/test_frames.py checks every one.
"""

from collections.abc import Iterable
from typing import Any, Literal, NotRequired, TypedDict

from .models import Conversation, Message, Note


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


# --- Parts of frames ------------------------------------------------------------------


class MessageDict(TypedDict):
    seq: int
    sender: str
    author_name: str | None
    body: str
    client_id: str
    sent_at: str | None


class StaffConversation(TypedDict):
    """A conversation as staff see it (the console, the dashboard's "observing")."""

    id: str
    status: str
    language: str
    intake: dict[str, Any]
    counselor_id: int | None
    counselor_name: str | None
    queued_at: str | None
    assigned_at: str | None
    ended_at: str | None
    risk_tier: str
    risk_score: float | None
    risk_evidence: list[dict[str, Any]]
    risk_explanation: str
    risk_reason: dict[str, Any]
    seeker_left_at: str | None
    wrapped_up: bool
    shares_history: bool
    last_seq: int


class NoteDict(TypedDict):
    body: str
    kind: str
    author_name: str
    at: str | None


class ChecklistDict(TypedDict):
    answers: dict[str, str]
    suggested_tier: str


class EarlierConversation(TypedDict):
    id: str
    created_at: str | None
    ended_at: str | None
    status: str
    language: str
    risk_tier: str
    outcome: str | None
    counselor_tier: str | None
    topics: list[str]
    wrap_up_note: str
    messages: list[MessageDict]


def message_dict(message: Message, *, author_name: str | None = None) -> MessageDict:
    return {
        "seq": message.seq,
        "sender": message.sender,
        "author_name": author_name,
        "body": message.body,
        "client_id": message.client_id,
        "sent_at": _iso(message.created_at),
    }


def staff_conversation_dict(conversation: Conversation) -> StaffConversation:
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


def note_dict(note: Note, *, author_name: str) -> NoteDict:
    return {
        "body": note.body,
        "kind": note.kind,
        "author_name": author_name,
        "at": _iso(note.created_at),
    }


def earlier_dict(
    conversation: Conversation, messages: Iterable[Message], *, names: dict[int, str]
) -> EarlierConversation:
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


# --- To the help-seeker and the counselor (a conversation's group) --------------------


class MessageFrame(MessageDict):
    type: Literal["message"]
    conversation: str


def message_frame(message: Message, *, author_name: str | None = None) -> MessageFrame:
    """A stored message; also the sender's acknowledgement."""
    return {
        "type": "message",
        "conversation": str(message.conversation_id),
        **message_dict(message, author_name=author_name),
    }


class HistoryFrame(TypedDict):
    type: Literal["history"]
    conversation: str
    messages: list[MessageDict]
    last_seq: int
    # Staff copies only: what triage found in each message; from the start (after=0)
    # the notes and the checklist too.
    assessments: NotRequired[list[dict[str, Any]]]
    notes: NotRequired[list[NoteDict]]
    checklist: NotRequired[ChecklistDict]


def history_frame(
    conversation: Conversation,
    messages: Iterable[Message],
    *,
    names: dict[int, str],
    assessments: list[dict[str, Any]] | None = None,
    notes: list[NoteDict] | None = None,
    checklist: ChecklistDict | None = None,
) -> HistoryFrame:
    """Everything after the client's last sequence number, oldest first."""
    frame: HistoryFrame = {
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
    if notes is not None:
        frame["notes"] = notes
    if checklist is not None:
        frame["checklist"] = checklist
    return frame


class SeekerConversationFrame(TypedDict):
    type: Literal["conversation"]
    conversation: str
    status: str
    ended_by: str | None
    language: str
    counselor_name: str | None
    last_seq: int


def seeker_conversation_frame(conversation: Conversation) -> SeekerConversationFrame:
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


class EmergencyFrame(TypedDict):
    type: Literal["emergency"]
    conversation: str


def seeker_emergency_frame(conversation: Conversation) -> EmergencyFrame:
    """Show the emergency numbers first: the person said they are not safe, or wrote
    something triage rates imminent. It names no tier: the page only moves the numbers up."""
    return {"type": "emergency", "conversation": str(conversation.id)}


class TypingFrame(TypedDict):
    type: Literal["typing"]
    conversation: str
    sender: str


def typing_frame(conversation_id: object, *, sender: str) -> TypingFrame:
    return {"type": "typing", "conversation": str(conversation_id), "sender": sender}


class CounselorPresenceFrame(TypedDict):
    type: Literal["counselor_presence"]
    conversation: str
    present: bool


def counselor_presence_frame(
    conversation: Conversation, *, present: bool
) -> CounselorPresenceFrame:
    """Seeker-safe: no names, no times."""
    return {"type": "counselor_presence", "conversation": str(conversation.id), "present": present}


class ParticipantFrame(TypedDict):
    type: Literal["participant"]
    conversation: str
    name: str


def participant_frame(conversation: Conversation, *, name: str) -> ParticipantFrame:
    """A supervisor joined (the help-seeker sees the name, as they see their counselor's)."""
    return {"type": "participant", "conversation": str(conversation.id), "name": name}


# --- To one staff member's consoles (staff-<user id>) ---------------------------------


class AssignmentFrame(TypedDict):
    type: Literal["assignment"]
    conversation: StaffConversation
    # Who assigned or handed it over, when that was someone else: the console adds it
    # without taking the counselor's focus.
    assigned_by: NotRequired[str]


def assignment_frame(
    conversation: Conversation, *, assigned_by: str | None = None
) -> AssignmentFrame:
    """A conversation became this counselor's."""
    frame: AssignmentFrame = {
        "type": "assignment",
        "conversation": staff_conversation_dict(conversation),
    }
    if assigned_by is not None:
        frame["assigned_by"] = assigned_by
    return frame


class ConversationUpdateFrame(TypedDict):
    type: Literal["conversation_update"]
    conversation: StaffConversation


def conversation_update_frame(conversation: Conversation) -> ConversationUpdateFrame:
    """One of the counselor's conversations changed (ended, wrapped up)."""
    return {"type": "conversation_update", "conversation": staff_conversation_dict(conversation)}


class SeekerPresenceFrame(TypedDict):
    type: Literal["seeker_presence"]
    conversation: str
    present: bool
    how: str
    left_at: str | None


def seeker_presence_frame(
    conversation: Conversation, *, present: bool, how: str
) -> SeekerPresenceFrame:
    """The help-seeker left suddenly (quick exit) or came back."""
    return {
        "type": "seeker_presence",
        "conversation": str(conversation.id),
        "present": present,
        "how": how,
        "left_at": _iso(conversation.seeker_left_at),
    }


class NoteFrame(NoteDict):
    type: Literal["note"]
    conversation: str


def note_frame(note: Note, *, author_name: str) -> NoteFrame:
    return {
        "type": "note",
        "conversation": str(note.conversation_id),
        **note_dict(note, author_name=author_name),
    }


class ReleasedFrame(TypedDict):
    type: Literal["released"]
    conversation: str
    to_name: str | None
    by_name: str | None


def released_frame(
    conversation: Conversation, *, to_name: str | None, by_name: str | None
) -> ReleasedFrame:
    """A conversation was handed to someone else: "by_name" names the supervisor who
    reassigned it, null when the counselor handed it over themselves."""
    return {
        "type": "released",
        "conversation": str(conversation.id),
        "to_name": to_name,
        "by_name": by_name,
    }


class ChecklistFrame(ChecklistDict):
    type: Literal["checklist"]
    conversation: str


def checklist_frame(
    conversation_id: Any, answers: dict[str, str], suggested_tier: str
) -> ChecklistFrame:
    """The risk checklist's answers ({item: "yes" | "no"}) changed."""
    return {
        "type": "checklist",
        "conversation": str(conversation_id),
        "answers": answers,
        "suggested_tier": suggested_tier,
    }


class EarlierFrame(TypedDict):
    type: Literal["earlier"]
    conversation: str
    conversations: list[EarlierConversation]


def earlier_frame(conversation: Conversation, items: list[EarlierConversation]) -> EarlierFrame:
    """The reply to a console's "earlier"."""
    return {"type": "earlier", "conversation": str(conversation.id), "conversations": items}
