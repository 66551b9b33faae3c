"""Websocket events about conversations. Called only from services; sent after commit.

Event frames (shapes in counseling/frames.py):
- "message" to conversation-<id>: a new message, for the help-seeker and the counselor.
- "conversation" to conversation-<id>: its status changed (a counselor joined, it ended).
- "assignment" to staff-<user id>: a conversation is now this counselor's; their consoles
  join its group and open it.
"""

from config.bus import send_on_commit

from . import frames
from .groups import conversation_group, staff_group
from .models import Conversation, Message


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
            frames.staff_conversation_frame(conversation),
        )


def conversation_assigned(conversation: Conversation) -> None:
    assert conversation.counselor_id is not None
    # The counselor's consumers must join the conversation group before they can hear it;
    # the "assignment" handler does that, then forwards the frame.
    send_on_commit(
        staff_group(conversation.counselor_id),
        frames.staff_conversation_frame(conversation),
        handler="kizuna.assignment",
    )
    send_on_commit(
        conversation_group(conversation.id), frames.seeker_conversation_frame(conversation)
    )
