"""The supervisor's dashboard socket: live figures and alerts, the queue, and stepping in.

Built on the console's socket (queues/consumers.py), whose actions it shares; every
action here needs the supervisor role, checked again as each frame arrives.
"""

from collections.abc import Mapping
from typing import Any

from channels.db import database_sync_to_async

from accounts.models import User
from core.errors import Refusal
from core.groups import CONSOLE, DASHBOARD, conversation_group, staff_group
from core.roles import is_supervisor
from counseling.consumers import CLOSE_FORBIDDEN
from counseling.selectors import conversation_for_staff
from counseling.services.conversations import conversation_mark_abuse, conversations_mark_abuse
from counseling.services.counselor_tools import supervisor_join, supervisor_whisper
from counseling.services.transcripts import transcript_read
from queues.alerts import alert_acknowledge
from queues.consumers import CounselorConsumer, previews_in
from queues.services import queue_shown, supervisor_presence_set

from . import frames
from .dashboard import dashboard_figures


class SupervisorConsumer(CounselorConsumer):
    """A supervisor's dashboard: live figures and alerts, the queue, and stepping in.

    It watches; it does not count as a console, so a supervisor on the dashboard is not
    made available for take-next. Observing a conversation joins its group read-only
    (audited as a transcript view); joining it lets the supervisor write in it.
    """

    actions = frozenset(
        {
            "ack",
            "observe",
            "unobserve",
            "resume",
            "whisper",
            "join",
            "send",
            "typing",
            "transfer",
            "assign",
            "team",
            "capacity",
            "set_presence",
            "mark_abuse",
            "mark_abuse_many",
        }
    )

    supervisor_socket = True

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not await database_sync_to_async(is_supervisor)(user):
            await self.refuse_connection(Refusal("forbidden"), CLOSE_FORBIDDEN)
            return
        self.user_id = user.pk
        self.groups_joined = {DASHBOARD, CONSOLE, staff_group(user.pk)}
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()
        welcome = await self.as_staff(lambda me: dashboard_welcome(supervisor=me))
        self.previews_seen = previews_in(welcome)  # audited by dashboard_welcome
        for frame in welcome:
            await self.send_frame(frame)

    async def disconnect(self, code: int) -> None:
        for group in getattr(self, "groups_joined", ()):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        # Every action of the dashboard is a supervisor's, whatever it shares with the
        # console: the role is checked again first (roles can change while it is open).
        try:
            await self.as_staff(lambda me: me)
        except Refusal as refusal:
            await self.send_refusal(refusal, ref=None)
            return
        await super().receive(text_data=text_data, bytes_data=bytes_data)

    async def action_ack(self, frame: dict[str, Any]) -> None:
        await self.as_staff(
            lambda me: alert_acknowledge(alert_id=frame.get("alert"), supervisor=me)
        )

    async def action_observe(self, frame: dict[str, Any]) -> None:
        reply = await self.as_staff(
            lambda me: conversation_observe(
                supervisor=me, conversation_id=frame.get("conversation")
            )
        )
        # Listen only once the supervisor may (the selector above raised otherwise).
        group = conversation_group(reply["conversation"]["id"])
        if group not in self.groups_joined:
            self.groups_joined.add(group)
            await self.channel_layer.group_add(group, self.channel_name)
        await self.send_frame(reply)

    async def action_unobserve(self, frame: dict[str, Any]) -> None:
        conversation_id = frame.get("conversation")
        group = conversation_group(str(conversation_id))
        if isinstance(conversation_id, str) and group in self.groups_joined:
            self.groups_joined.discard(group)
            await self.channel_layer.group_discard(group, self.channel_name)

    async def action_whisper(self, frame: dict[str, Any]) -> None:
        await self.as_staff(
            lambda me: supervisor_whisper(
                supervisor=me, conversation_id=frame.get("conversation"), body=frame.get("body")
            )
        )

    async def action_join(self, frame: dict[str, Any]) -> None:
        await self.as_staff(
            lambda me: supervisor_join(
                conversation=conversation_for_staff(me, frame.get("conversation")), supervisor=me
            )
        )

    async def action_set_presence(self, frame: dict[str, Any]) -> None:
        await self.as_staff(
            lambda me: supervisor_presence_set(
                supervisor=me, counselor_id=frame.get("user"), presence=frame.get("state")
            )
        )

    async def action_mark_abuse(self, frame: dict[str, Any]) -> None:
        await self.as_staff(
            lambda me: conversation_mark_abuse(
                conversation=conversation_for_staff(me, frame.get("conversation")), supervisor=me
            )
        )

    async def action_mark_abuse_many(self, frame: dict[str, Any]) -> None:
        asked = frame.get("conversations")
        marked = await self.as_staff(
            lambda me: conversations_mark_abuse(conversation_ids=asked, supervisor=me)
        )
        # The service refused anything but a list of ids, so `asked` is one here.
        reply = frames.abuse_marked_frame(marked, asked=len(set(asked or ())))
        await self.send_frame(reply)

    async def action_typing(self, frame: dict[str, Any]) -> None:
        # Observing joins the conversation's group read-only: only a supervisor who has
        # joined (or holds) it may show the help-seeker someone typing.
        conversation_id = frame.get("conversation")
        if not await self.as_staff(lambda me: supervisor_may_write(me, conversation_id)):
            raise Refusal("not_yours")
        await super().action_typing(frame)


def dashboard_welcome(*, supervisor: User) -> list[Mapping[str, Any]]:
    """A dashboard's first frames: who, the figures, then the queue (its previews are
    audited as shown)."""
    return [
        frames.dashboard_hello_frame(supervisor),
        frames.dashboard_frame(dashboard_figures()),
        queue_shown(viewer=supervisor),
    ]


def conversation_observe(*, supervisor: User, conversation_id: Any) -> frames.ObservingFrame:
    """The conversation as its counselor sees it, read-only; audited as a view."""
    conversation = conversation_for_staff(supervisor, conversation_id)
    history = transcript_read(viewer=supervisor, conversation_id=conversation.id, after=0)
    return frames.observing_frame(conversation, history)


def supervisor_may_write(user: User, conversation_id: Any) -> bool:
    """Whether the supervisor holds this conversation or has joined it (not just watches)."""
    conversation = conversation_for_staff(user, conversation_id)
    return (
        conversation.counselor_id == user.pk or conversation.supporters.filter(pk=user.pk).exists()
    )
