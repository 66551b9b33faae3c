"""The websocket frames about the queue, the team and alerts, each built by one typed
builder here. README.md, "Websocket protocol", documents them and
tests/queues/test_frames.py checks every one.

Every alert has one shape, AlertDict, whichever frame carries it: "supervisor_alert" (an
alert a supervisor acknowledges, raised and resolved by its cause: queues/alerts.py) and
"alert" (a notice with no such life: a person became imminent, a conversation went back
to the queue), so a page reads both the same way.
"""

from collections import Counter
from datetime import datetime
from typing import Any, Literal, TypedDict

from accounts.models import User
from counseling import ui_strings
from counseling.frames import StaffConversation, staff_conversation_dict
from counseling.models import Conversation, Status

from .estimates import ServiceState, WaitKind, waiting_estimate
from .models import Alert
from .selectors import QueueEntry

# Counselors act on the top of the queue; the rest is summarised by count and tier.
QUEUE_BROADCAST_LIMIT = 50


# --- The queue -------------------------------------------------------------------------


class QueueEntryDict(TypedDict):
    id: str
    position: int
    risk_tier: str
    risk_score: float | None
    language: str
    queued_at: str
    intake: dict[str, Any]
    risk_evidence: list[dict[str, Any]]
    risk_explanation: str
    risk_reason: dict[str, Any]
    seeker_left_at: str | None
    returned_at: str | None
    preview: str


def queue_entry_dict(entry: QueueEntry, position: int) -> QueueEntryDict:
    return {
        "id": entry.conversation_id,
        "position": position,
        "risk_tier": entry.risk_tier,
        "risk_score": entry.risk_score,
        "language": entry.language,
        "queued_at": entry.queued_at.isoformat(),
        "intake": entry.intake,
        "risk_evidence": entry.risk_evidence,
        "risk_explanation": entry.risk_explanation,
        "risk_reason": entry.risk_reason,
        "seeker_left_at": entry.seeker_left_at.isoformat() if entry.seeker_left_at else None,
        "returned_at": entry.returned_at.isoformat() if entry.returned_at else None,
        "preview": entry.preview,
    }


class QueueFrame(TypedDict):
    type: Literal["queue"]
    entries: list[QueueEntryDict]
    waiting: int
    by_tier: dict[str, int]


def queue_frame(entries: list[QueueEntry]) -> QueueFrame:
    """The queue in order, whole, so a console never merges partial updates: the first
    QUEUE_BROADCAST_LIMIT entries in full, then only counts, so a long queue stays cheap."""
    return {
        "type": "queue",
        "entries": [
            queue_entry_dict(entry, position)
            for position, entry in enumerate(entries[:QUEUE_BROADCAST_LIMIT], 1)
        ],
        "waiting": len(entries),
        "by_tier": dict(Counter(entry.risk_tier for entry in entries)),
    }


class Estimate(TypedDict):
    low_minutes: int | None
    high_minutes: int | None


class PositionFrame(TypedDict):
    type: Literal["position"]
    position: int
    waiting: int
    wait: WaitKind
    estimate: Estimate | None
    opens_at: str | None
    counselors_available: int | None
    open: bool


def position_frame(
    position: int, waiting: int, *, stats: dict[str, Any] | None = None
) -> PositionFrame:
    """A help-seeker's place and what to say about the wait (queues/estimates.py): the
    estimate only for "range", "opens_at" when the service is closed."""
    stats = stats or {}
    opens_at = stats.get("opens_at")
    estimate = waiting_estimate(
        position=position,
        service=ServiceState(
            open=stats.get("open", True),
            opens_at=datetime.fromisoformat(opens_at) if opens_at else None,
            counselors_available=stats.get("counselors_available") or 0,
            places_total=stats.get("places_total") or 0,
            places_free=stats.get("places_free") or 0,
            handling_minutes=stats.get("handling_minutes"),
            answered_last_hour=stats.get("answered_last_hour", 0),
        ),
    )
    return {
        "type": "position",
        "position": position,
        "waiting": waiting,
        "wait": estimate.kind,
        "estimate": {"low_minutes": estimate.low_minutes, "high_minutes": estimate.high_minutes}
        if estimate.kind == "range"
        else None,
        "opens_at": estimate.opens_at.isoformat() if estimate.opens_at else None,
        "counselors_available": stats.get("counselors_available"),
        "open": stats.get("open", True),
    }


# --- The console and the team ------------------------------------------------------------


class ConsoleMe(TypedDict):
    id: int
    name: str
    capacity: int
    presence: str


class ConsoleHelloFrame(TypedDict):
    type: Literal["hello"]
    me: ConsoleMe
    conversations: list[StaffConversation]


def console_me(counselor: User) -> ConsoleMe:
    return {
        "id": counselor.pk,
        "name": counselor.public_name(),
        "capacity": counselor.capacity,
        "presence": counselor.presence,
    }


def console_hello_frame(counselor: User, conversations: list[Conversation]) -> ConsoleHelloFrame:
    """A console's first frame: who the counselor is and their open conversations."""
    return {
        "type": "hello",
        "me": console_me(counselor),
        "conversations": [staff_conversation_dict(c) for c in conversations],
    }


class MeFrame(TypedDict):
    type: Literal["me"]
    me: ConsoleMe


def me_frame(counselor: User) -> MeFrame:
    """To each of a counselor's consoles: their status or limit changed (a supervisor
    made them available, another tab set them away), as "hello" gave it."""
    return {"type": "me", "me": console_me(counselor)}


class TeamMember(TypedDict):
    id: int
    name: str
    presence: str
    load: int
    capacity: int
    supervisor: bool


def team_member_dict(user: User) -> TeamMember:
    """One of queues.selectors.staff_on_shift()'s rows (annotated with load and role).
    Names are the public ones counselors already see on each other's messages."""
    return {
        "id": user.pk,
        "name": user.public_name(),
        "presence": user.presence,
        "load": user.load,  # type: ignore[attr-defined]
        "capacity": user.capacity,
        "supervisor": user.supervising,  # type: ignore[attr-defined]
    }


class TeamFrame(TypedDict):
    type: Literal["team"]
    staff: list[TeamMember]


def team_frame(staff: list[User]) -> TeamFrame:
    """Who is on shift and how loaded: the choices for a transfer or an assignment."""
    return {"type": "team", "staff": [team_member_dict(user) for user in staff]}


# --- Alerts ------------------------------------------------------------------------------


class AlertDict(TypedDict):
    # The alert's row (queues/models.py); None for a notice, which keeps none.
    id: int | None
    # An Alert.Kind; notices: "imminent" or "counselor_disconnected".
    kind: str
    # In the language of whoever built it: pages name each kind themselves.
    label: str
    conversation: str
    # The conversation's status when the alert was built: "waiting" or "active".
    status: str
    risk_tier: str
    counselor_name: str | None
    created_at: str
    resolved_at: str | None
    acknowledged_at: str | None
    acknowledged_by: str | None


def alert_dict(alert: Alert) -> AlertDict:
    acknowledged_by = alert.acknowledged_by
    counselor = alert.counselor
    return {
        "id": alert.pk,
        "kind": alert.kind,
        "label": str(Alert.Kind(alert.kind).label),
        "conversation": str(alert.conversation_id),
        "status": alert.conversation.status,
        "risk_tier": alert.conversation.risk_tier,
        "counselor_name": counselor.public_name() if counselor else None,
        "created_at": alert.created_at.isoformat(),
        "resolved_at": alert.resolved_at.isoformat() if alert.resolved_at else None,
        "acknowledged_at": alert.acknowledged_at.isoformat() if alert.acknowledged_at else None,
        "acknowledged_by": acknowledged_by.public_name() if acknowledged_by else None,
    }


class SupervisorAlertFrame(TypedDict):
    type: Literal["supervisor_alert"]
    alert: AlertDict


def supervisor_alert_frame(alert: Alert) -> SupervisorAlertFrame:
    """An alert raised, acknowledged or resolved: to dashboards and supervisors' consoles."""
    return {"type": "supervisor_alert", "alert": alert_dict(alert)}


class AlertFrame(TypedDict):
    type: Literal["alert"]
    alert: AlertDict


NoticeKind = Literal["imminent", "counselor_disconnected"]


def _notice_label(kind: NoticeKind, status: str) -> str:
    if kind == "counselor_disconnected":
        return str(Alert.Kind.COUNSELOR_DISCONNECTED.label)
    if status == Status.WAITING:
        return str(ui_strings.CONSOLE["alert_imminent"])
    return str(ui_strings.CONSOLE["alert_imminent_active"])


def alert_frame(
    conversation: Conversation, *, kind: NoticeKind, at: datetime, counselor: User | None = None
) -> AlertFrame:
    """A notice: "imminent" (a person, waiting or in a conversation, is now at imminent
    risk: to every console and dashboard) or "counselor_disconnected" (a conversation went
    back to the queue because its counselor was gone past the grace period: to
    supervisors, with that counselor's name)."""
    return {
        "type": "alert",
        "alert": {
            "id": None,
            "kind": kind,
            "label": _notice_label(kind, conversation.status),
            "conversation": str(conversation.id),
            "status": conversation.status,
            "risk_tier": conversation.risk_tier,
            "counselor_name": counselor.public_name() if counselor else None,
            "created_at": at.isoformat(),
            "resolved_at": None,
            "acknowledged_at": None,
            "acknowledged_by": None,
        },
    }
