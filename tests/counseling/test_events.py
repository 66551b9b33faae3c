"""counseling/events.py's list of frames is true: every event function sends exactly the
frame types, to exactly the groups, that its module docstring lists."""

import inspect
import re
from typing import Any

import pytest
from asgiref.sync import async_to_sync

from counseling import events
from counseling.models import Note, SenderKind
from counseling.services.messages import message_post
from queues.services import queue_take_next
from tests.accounts.factories import counselor, supervisor
from tests.counseling.factories import waiting_conversation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_passwords")]


def listed() -> set[tuple[str, str]]:
    """(frame type, group) pairs as the docstring lists them."""
    return set(re.findall(r'^- "(\w+)" to ([\w<> -]+):', events.__doc__ or "", re.MULTILINE))


def group_as_listed(group: str) -> str:
    group = re.sub(r"^conversation-.+$", "conversation-<id>", group)
    return re.sub(r"^staff-\d+$", "staff-<user id>", group)


def test_every_event_sends_what_the_docstring_lists(monkeypatch: Any) -> None:
    sent: set[tuple[str, str]] = set()

    def record(group: str, frame: dict[str, Any], **_kwargs: Any) -> None:
        sent.add((frame["type"], group_as_listed(group)))

    class Layer:
        async def group_send(self, group: str, message: dict[str, Any]) -> None:
            sent.add((message["kind"], group_as_listed(group)))

    async def always(*_args: Any) -> bool:
        return True

    monkeypatch.setattr(events, "send_on_commit", record)
    monkeypatch.setattr(events, "get_channel_layer", Layer)
    monkeypatch.setattr(events, "_typing_slot", always)

    staff, boss = counselor(), supervisor()
    waiting_conversation("hello")
    conversation = queue_take_next(counselor=staff)
    message, _created = message_post(
        conversation=conversation, sender=SenderKind.SEEKER, body="still here", client_id="c2"
    )
    note = Note.objects.create(conversation=conversation, author=boss, body="Ask about sleep.")
    calls = {
        "message_created": lambda: events.message_created(message),
        "conversation_changed": lambda: events.conversation_changed(conversation),
        "emergency_contacts_first": lambda: events.emergency_contacts_first(conversation),
        "conversation_assigned": lambda: events.conversation_assigned(conversation, by=boss),
        "seeker_presence": lambda: events.seeker_presence(
            conversation, present=False, how="quick_exit"
        ),
        "typing": lambda: async_to_sync(events.typing)(conversation.id, sender="seeker"),
        "counselor_presence": lambda: events.counselor_presence(conversation, present=False),
        "note_added": lambda: events.note_added(note, author_name="Mika"),
        "conversation_released": lambda: events.conversation_released(
            conversation, previous_counselor_id=boss.pk, by=boss
        ),
        "checklist_changed": lambda: events.checklist_changed(conversation, {}, "unknown"),
        "supporter_joined": lambda: events.supporter_joined(conversation, name="Mika"),
    }
    public = {
        name
        for name, function in inspect.getmembers(events, inspect.isfunction)
        if function.__module__ == events.__name__ and not name.startswith("_")
    }
    assert set(calls) == public  # a new event is added here, and to the docstring
    sent.clear()
    for call in calls.values():
        call()
    assert sent == listed()
