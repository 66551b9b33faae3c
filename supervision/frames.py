"""The websocket frames only the supervisors' dashboard gets, each built by one typed
builder here (the queue, alerts and conversations come as on the console: queues/ and
counseling/frames.py). README.md documents them; tests/supervision/test_frames.py checks
every one.
"""

from collections.abc import Iterable
from typing import Literal, TypedDict

from accounts.models import User
from counseling.frames import HistoryFrame, StaffConversation, staff_conversation_dict
from counseling.models import Conversation
from queues.frames import AlertDict, TeamMember

# --- The dashboard's figures (supervision/dashboard.py; also its REST endpoint) -----------


class WaitingRow(TypedDict):
    tier: str
    label: str
    waiting: int
    longest_since: str | None
    longest_seconds: int | None
    median_seconds: int | None


class HourRow(TypedDict):
    hour: str
    label: str
    arrivals: int
    answered: int
    abandoned: int


class TodayTotals(TypedDict):
    arrivals: int
    answered: int
    abandoned: int
    abandonment_rate: float | None


class DashboardMember(TeamMember):
    answered_today: int


class TeamFigures(TypedDict):
    by_state: dict[str, int]
    members: list[DashboardMember]


class ActiveRow(TypedDict):
    id: str
    counselor_id: int | None
    counselor_name: str | None
    risk_tier: str
    language: str
    assigned_at: str | None
    seeker_left: bool


class DashboardFigures(TypedDict):
    generated_at: str
    waiting: list[WaitingRow]
    hourly: list[HourRow]
    today: TodayTotals
    team: TeamFigures
    active: list[ActiveRow]
    alerts: list[AlertDict]


# --- Frames ------------------------------------------------------------------------------


class DashboardMe(TypedDict):
    id: int
    name: str


class DashboardHelloFrame(TypedDict):
    type: Literal["hello"]
    me: DashboardMe


def dashboard_hello_frame(supervisor: User) -> DashboardHelloFrame:
    """A dashboard's first frame: who the supervisor is."""
    return {"type": "hello", "me": {"id": supervisor.pk, "name": supervisor.public_name()}}


class DashboardFrame(DashboardFigures):
    type: Literal["dashboard"]


def dashboard_frame(figures: DashboardFigures) -> DashboardFrame:
    """On connect, and at most once a second after any change (supervision/events.py)."""
    return {"type": "dashboard", **figures}


class ObservingFrame(TypedDict):
    type: Literal["observing"]
    conversation: StaffConversation
    history: HistoryFrame


def observing_frame(conversation: Conversation, history: HistoryFrame) -> ObservingFrame:
    """The reply to "observe": the conversation as its counselor sees it, read-only."""
    return {
        "type": "observing",
        "conversation": staff_conversation_dict(conversation),
        "history": history,
    }


class AbuseMarkedFrame(TypedDict):
    type: Literal["abuse_marked"]
    conversations: list[str]
    not_marked: int


def abuse_marked_frame(marked: Iterable[Conversation], *, asked: int) -> AbuseMarkedFrame:
    """The reply to "mark_abuse_many": the conversations marked; "not_marked" counts those
    no longer waiting."""
    ids = [str(conversation.id) for conversation in marked]
    return {"type": "abuse_marked", "conversations": ids, "not_marked": max(0, asked - len(ids))}
