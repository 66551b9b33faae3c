"""The counselor's console socket: the live queue, take-next, and their conversations.

Each action loads the counselor (their role checked again), calls one service and sends
the reply; rules and audit live in the services. Frames: README.md, "Websocket protocol".
"""

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from channels.db import database_sync_to_async

from accounts.models import User
from accounts.selectors import staff_acting
from accounts.sockets import StaffSessionGuard
from core.errors import Refusal
from core.groups import CONSOLE, SUPERVISORS, conversation_group, staff_group
from core.roles import is_counselor, is_supervisor
from counseling import events as conversation_events
from counseling import frames
from counseling.consumers import CLOSE_FORBIDDEN, FrameConsumer, after_seq
from counseling.models import SenderKind
from counseling.selectors import conversation_for_staff
from counseling.services.conversations import conversation_end
from counseling.services.counselor_tools import checklist_answer, conversation_wrap_up, note_add
from counseling.services.messages import message_post
from counseling.services.transcripts import (
    earlier_transcripts_read,
    transcript_previews_shown,
    transcript_read,
)

from . import frames as queue_frames
from .console_heartbeat import console_heartbeat
from .selectors import staff_on_shift
from .services import (
    console_close,
    console_open,
    conversation_transfer,
    counselor_capacity_set,
    counselor_presence_set,
    queue_assign,
    queue_take_next,
)

T = TypeVar("T")


class CounselorConsumer(StaffSessionGuard, FrameConsumer):
    """A counselor's console: the live queue, take-next, and their conversations.

    "end" and "wrap_up" may carry "seen_seq", the last sequence number the console showed
    when the counselor chose to end: if the help-seeker wrote after it, the frame is
    refused with code "unseen_messages" and the conversation stays open (README.md,
    "Websocket protocol").
    """

    actions = frozenset(
        {
            "take_next",
            "send",
            "resume",
            "end",
            "typing",
            "wrap_up",
            "presence",
            "note",
            "checklist",
            "team",
            "transfer",
            "assign",
            "earlier",
            "capacity",
        }
    )

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            # However the consumer ended (a crash skips disconnect): its row then goes
            # stale and beat closes it, as for a web process that died.
            console_heartbeat().discard(self)

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not await database_sync_to_async(is_counselor)(user):
            await self.refuse_connection(Refusal("forbidden"), CLOSE_FORBIDDEN)
            return
        self.user_id: int = user.pk
        self.groups_joined: set[str] = {CONSOLE, staff_group(user.pk)}
        if await database_sync_to_async(is_supervisor)(user):
            self.groups_joined.add(SUPERVISORS)
        hello, conversation_ids = await self.as_staff(
            lambda me: console_open(counselor=me, channel_name=self.channel_name)
        )
        self.groups_joined |= {conversation_group(pk) for pk in conversation_ids}
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()
        console_heartbeat().add(self)  # it counts while this web process lives
        self.previews_seen = previews_in(hello)  # audited by console_welcome
        for frame in hello:
            await self.send_frame(frame)

    async def disconnect(self, code: int) -> None:
        for group in getattr(self, "groups_joined", ()):
            await self.channel_layer.group_discard(group, self.channel_name)
        if hasattr(self, "user_id"):
            console_heartbeat().discard(self)
            await database_sync_to_async(console_leave)(self.user_id, self.channel_name)

    # Whose role every action of this socket needs (the dashboard's: supervisor).
    supervisor_socket = False

    async def as_staff(self, call: Callable[[User], T]) -> T:
        """Run `call(user)` in the database thread as this socket's user, whose role is
        checked again first: roles change while a console is open."""

        def run() -> T:
            return call(staff_acting(self.user_id, supervisor=self.supervisor_socket))

        return await database_sync_to_async(run)()

    async def send_refusal(self, refusal: Refusal, *, ref: str | None) -> None:
        await super().send_refusal(refusal, ref=ref)
        if refusal.code == "forbidden":
            # The role was removed or the account deactivated while the console was open.
            await self.close(code=CLOSE_FORBIDDEN)

    async def kizuna_event(self, message: dict[str, Any]) -> None:
        """A frame from the channel layer. A queue's previews are the help-seekers' own
        words: the ones this console has not been shown yet are audited first."""
        unseen = [c for c in message.get("previewed", ()) if c not in self.previews_seen]
        if unseen:
            try:
                await self.as_staff(
                    lambda me: transcript_previews_shown(viewer=me, conversation_ids=unseen)
                )
            except Refusal:
                return  # no longer staff: the guard closes this socket
            self.previews_seen.update(unseen)
        await self.send(text_data=message["text"])

    async def kizuna_assignment(self, message: dict[str, Any]) -> None:
        """A conversation became this counselor's: listen to it, then tell the console."""
        group = conversation_group(message["conversation"])
        if group not in self.groups_joined:
            self.groups_joined.add(group)
            await self.channel_layer.group_add(group, self.channel_name)
        await self.send(text_data=message["text"])

    async def kizuna_release(self, message: dict[str, Any]) -> None:
        """A conversation was handed to someone else: stop listening, tell the console."""
        group = conversation_group(message["conversation"])
        if group in self.groups_joined:
            self.groups_joined.discard(group)
            await self.channel_layer.group_discard(group, self.channel_name)
        await self.send(text_data=message["text"])

    async def action_take_next(self, frame: dict[str, Any]) -> None:
        # The "assignment" event joins the group and informs every console of this user.
        await self.as_staff(lambda me: queue_take_next(counselor=me))

    async def action_send(self, frame: dict[str, Any]) -> None:
        reply = await self.as_staff(lambda me: staff_send(me, frame))
        if reply is not None:
            await self.send_frame(reply)

    async def action_resume(self, frame: dict[str, Any]) -> None:
        after = after_seq(frame)
        reply = await self.as_staff(
            lambda me: transcript_read(
                viewer=me, conversation_id=frame.get("conversation"), after=after
            )
        )
        await self.send_frame(reply)

    async def action_end(self, frame: dict[str, Any]) -> None:
        await self.as_staff(lambda me: staff_end(me, frame))

    async def action_note(self, frame: dict[str, Any]) -> None:
        await self.as_staff(lambda me: staff_note(me, frame))

    async def action_presence(self, frame: dict[str, Any]) -> None:
        await self.as_staff(
            lambda me: counselor_presence_set(counselor=me, presence=frame.get("state"))
        )

    async def action_wrap_up(self, frame: dict[str, Any]) -> None:
        await self.as_staff(lambda me: staff_wrap_up(me, frame))

    async def action_checklist(self, frame: dict[str, Any]) -> None:
        await self.as_staff(lambda me: staff_checklist(me, frame))

    async def action_team(self, frame: dict[str, Any]) -> None:
        await self.send_frame(
            await self.as_staff(lambda me: queue_frames.team_frame(staff_on_shift()))
        )

    async def action_transfer(self, frame: dict[str, Any]) -> None:
        # "released" and "assignment" events update both counselors' consoles.
        await self.as_staff(
            lambda me: conversation_transfer(
                actor=me,
                conversation_id=frame.get("conversation"),
                to_id=frame.get("to"),
                note=frame.get("note") or "",
            )
        )

    async def action_assign(self, frame: dict[str, Any]) -> None:
        await self.as_staff(
            lambda me: queue_assign(
                supervisor=me,
                conversation_id=frame.get("conversation"),
                counselor_id=frame.get("to"),
            )
        )

    async def action_capacity(self, frame: dict[str, Any]) -> None:
        await self.as_staff(
            lambda me: counselor_capacity_set(
                supervisor=me, user_id=frame.get("user"), capacity=frame.get("capacity")
            )
        )
        await self.action_team(frame)  # the reply is the team as it is now

    async def action_earlier(self, frame: dict[str, Any]) -> None:
        reply = await self.as_staff(
            lambda me: earlier_transcripts_read(
                viewer=me, conversation_id=frame.get("conversation")
            )
        )
        await self.send_frame(reply)

    async def action_typing(self, frame: dict[str, Any]) -> None:
        # Only conversations this console listens to, i.e. this counselor's own.
        conversation_id = frame.get("conversation")
        if not isinstance(conversation_id, str) or (
            conversation_group(conversation_id) not in self.groups_joined
        ):
            raise Refusal("not_found")
        if self.typing_allowed():
            await conversation_events.typing(conversation_id, sender=SenderKind.COUNSELOR)


def previews_in(frames_sent: list[Mapping[str, Any]]) -> set[str]:
    """The conversations whose first lines these frames showed (already audited)."""
    return {
        entry["id"]
        for frame in frames_sent
        if frame["type"] == "queue"
        for entry in frame["entries"]
        if entry["preview"]
    }


def console_leave(user_id: int, channel_name: str) -> None:
    # Not as_staff: a counselor whose role was just removed still closes their console.
    user = User.objects.filter(pk=user_id).first()
    if user is not None:
        console_close(counselor=user, channel_name=channel_name)


# Glue for actions on one of the counselor's conversations: fetched through the scoped
# selector (not_found alike for absent and not theirs), then one service.


def staff_send(user: User, frame: dict[str, Any]) -> frames.MessageFrame | None:
    """Post; the new message reaches the console through its group, a resend directly."""
    conversation = conversation_for_staff(user, frame.get("conversation"))
    message, created = message_post(
        conversation=conversation,
        sender=SenderKind.COUNSELOR,
        body=frame.get("body"),
        client_id=frame.get("client_id"),
        author=user,
    )
    return None if created else frames.message_frame(message, author_name=user.public_name())


def staff_end(user: User, frame: dict[str, Any]) -> None:
    conversation_end(
        conversation=conversation_for_staff(user, frame.get("conversation")),
        ended_by=SenderKind.COUNSELOR,
        actor=user,
        seen_seq=frame.get("seen_seq"),
    )


def staff_wrap_up(user: User, frame: dict[str, Any]) -> None:
    conversation = conversation_for_staff(user, frame.get("conversation"))
    conversation_wrap_up(conversation=conversation, counselor=user, answers=frame)


def staff_note(user: User, frame: dict[str, Any]) -> None:
    conversation = conversation_for_staff(user, frame.get("conversation"))
    note_add(conversation=conversation, author=user, body=frame.get("body"))


def staff_checklist(user: User, frame: dict[str, Any]) -> None:
    checklist_answer(
        conversation=conversation_for_staff(user, frame.get("conversation")),
        counselor=user,
        item=frame.get("item"),
        answer=frame.get("answer"),
    )
