"""Every frame in counseling/frames.py, built from real rows (most as the services
announce them) and checked against its documented shape: keys and value types."""

from typing import Any

import pytest

from accounts.models import Presence
from counseling import events, frames
from counseling.consumers import history
from counseling.models import Conversation, Message, SenderKind
from counseling.services.conversations import conversation_end, seeker_presence_set, seeker_welcome
from counseling.services.counselor_tools import (
    checklist_answer,
    conversation_wrap_up,
    note_add,
    supervisor_join,
)
from counseling.services.messages import message_post
from counseling.services.transcripts import earlier_transcripts_read, transcript_read
from queues import events as queue_events
from queues.services import conversation_transfer, queue_assign, queue_take_next
from tests.accounts.factories import counselor, supervisor
from tests.counseling.factories import waiting_conversation
from tests.support.frames import Sent, check_frame, untested_frame_types
from triage import events as triage_events
from triage.services import message_assess

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_passwords")]


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> Sent:
    return Sent(monkeypatch, events, queue_events, triage_events)


def taken(body: str = "I need someone to talk to.", **fields: Any) -> tuple[Conversation, Any]:
    """A help-seeker who wrote `body`, now with a new counselor: (conversation, counselor)."""
    conversation, _token = waiting_conversation(body, **fields)
    staff = counselor()
    queue_take_next(counselor=staff)
    conversation.refresh_from_db()
    return conversation, staff


def test_every_frame_type_built_here_has_a_shape_test():
    assert untested_frame_types(frames, globals()) == set()


def test_message_frame(sent: Sent):
    conversation, staff = taken()
    message_post(
        conversation=conversation,
        sender=SenderKind.COUNSELOR,
        body="Hi, I'm here.",
        client_id="c-1",
        author=staff,
    )
    frame = check_frame(sent.last("message"), frames.MessageFrame)
    assert (frame["seq"], frame["author_name"]) == (2, staff.public_name())


def test_history_frame_for_the_help_seeker_and_for_staff():
    conversation, staff = taken("I can't sleep and I feel hopeless")
    message_assess(message_id=Message.objects.get(conversation=conversation, seq=1).pk)
    note_add(conversation=conversation, author=staff, body="Talked about sleep.")
    checklist_answer(conversation=conversation, counselor=staff, item="thoughts", answer="no")

    seeker_copy = check_frame(history(conversation.pk, 0), frames.HistoryFrame)
    assert not {"assessments", "notes", "checklist"} & set(seeker_copy)
    staff_copy = check_frame(
        transcript_read(viewer=staff, conversation_id=conversation.id, after=0),
        frames.HistoryFrame,
    )
    assert [a["message_seq"] for a in staff_copy["assessments"]] == [1]
    assert [n["body"] for n in staff_copy["notes"]] == ["Talked about sleep."]
    assert staff_copy["checklist"]["answers"] == {"thoughts": "no"}


def test_conversation_frame_tells_the_help_seeker_nothing_of_risk(sent: Sent):
    conversation, staff = taken()
    conversation_end(conversation=conversation, ended_by=SenderKind.SEEKER)
    frame = check_frame(sent.last("conversation"), frames.SeekerConversationFrame)
    assert (frame["status"], frame["ended_by"]) == ("ended", "seeker")


def test_emergency_frame():
    conversation, _token = waiting_conversation("hello", intake={"safe_now": "no"})
    welcome = seeker_welcome(conversation_id=conversation.pk)
    [emergency] = [frame for frame in welcome if frame["type"] == "emergency"]
    check_frame(emergency, frames.EmergencyFrame)


def test_typing_frame():
    conversation, _token = waiting_conversation()
    frame = frames.typing_frame(conversation.id, sender=SenderKind.SEEKER)
    assert check_frame(frame, frames.TypingFrame)["sender"] == "seeker"


def test_counselor_presence_frame(sent: Sent):
    conversation, staff = taken()
    events.counselor_presence(conversation, present=False)
    frame = check_frame(sent.last("counselor_presence"), frames.CounselorPresenceFrame)
    assert frame["present"] is False


def test_participant_frame(sent: Sent):
    conversation, _staff = taken()
    boss = supervisor(display_name="Mika")
    supervisor_join(conversation=conversation, supervisor=boss)
    assert check_frame(sent.last("participant"), frames.ParticipantFrame)["name"] == "Mika"


def test_assignment_frame_taken_and_assigned(sent: Sent):
    taken()
    mine = check_frame(sent.last("assignment"), frames.AssignmentFrame)
    assert "assigned_by" not in mine

    waiting, _token = waiting_conversation()
    boss = supervisor(display_name="Mika")
    staff = counselor(presence=Presence.AVAILABLE)
    queue_assign(supervisor=boss, conversation_id=str(waiting.id), counselor_id=staff.pk)
    given = check_frame(sent.last("assignment"), frames.AssignmentFrame)
    assert (given["conversation"]["id"], given["assigned_by"]) == (str(waiting.id), "Mika")


def test_conversation_update_frame(sent: Sent):
    conversation, staff = taken()
    conversation_end(conversation=conversation, ended_by=SenderKind.COUNSELOR, actor=staff)
    frame = check_frame(sent.last("conversation_update"), frames.ConversationUpdateFrame)
    assert frame["conversation"]["status"] == "ended"


def test_seeker_presence_frame(sent: Sent):
    conversation, _staff = taken()
    seeker_presence_set(conversation=conversation, present=False, how="quick_exit")
    frame = check_frame(sent.last("seeker_presence"), frames.SeekerPresenceFrame)
    assert (frame["present"], frame["how"]) == (False, "quick_exit")
    assert frame["left_at"] is not None


def test_note_frame(sent: Sent):
    conversation, staff = taken()
    note_add(conversation=conversation, author=staff, body="Check in about sleep.")
    frame = check_frame(sent.last("note"), frames.NoteFrame)
    assert (frame["body"], frame["author_name"]) == ("Check in about sleep.", staff.public_name())


def test_released_frame(sent: Sent):
    conversation, _staff = taken()
    boss = supervisor(display_name="Mika")
    other = counselor(display_name="Ren", presence=Presence.AVAILABLE)
    conversation_transfer(actor=boss, conversation_id=str(conversation.id), to_id=other.pk)
    frame = check_frame(sent.last("released"), frames.ReleasedFrame)
    assert (frame["to_name"], frame["by_name"]) == ("Ren", "Mika")


def test_checklist_frame(sent: Sent):
    conversation, staff = taken()
    checklist_answer(conversation=conversation, counselor=staff, item="plan", answer="yes")
    frame = check_frame(sent.last("checklist"), frames.ChecklistFrame)
    assert (frame["answers"], frame["suggested_tier"]) == ({"plan": "yes"}, "high")


def test_earlier_frame():
    before, staff = taken("It's me again.")
    conversation_wrap_up(
        conversation=before,
        counselor=staff,
        answers={"outcome": "de_escalated", "risk_tier": "low", "topics": [], "note": "ok"},
    )
    now, staff_now = taken("Hello again")
    # The help-seeker let counselors see their earlier conversations from this browser.
    Conversation.objects.filter(pk__in=[before.pk, now.pk]).update(device_hash="a" * 64)
    frame = check_frame(
        earlier_transcripts_read(viewer=staff_now, conversation_id=now.id), frames.EarlierFrame
    )
    [earlier] = frame["conversations"]
    assert (earlier["id"], earlier["outcome"]) == (str(before.id), "de_escalated")
