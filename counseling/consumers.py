"""Websocket consumers: authenticate, join groups, parse frames, delegate to services.

Client frames are JSON objects with a "type" naming the action. Every refusal comes back
as {"type": "error", "code", "message", "ref"?} and the connection stays open.
"""

import asyncio
import contextlib
import json
import logging
import time
from typing import Any

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from accounts.models import AuditEvent, Presence, User
from accounts.roles import is_counselor, is_supervisor
from accounts.services import (
    audit_record,
    console_connected,
    console_disconnected,
    staff_capacity_set,
)
from accounts.sockets import StaffSessionGuard
from queues import events as queue_events
from queues import services as queues_services
from queues.alerts import alert_acknowledge
from queues.events import (
    QUEUE_BROADCAST_LIMIT,
    position_frame,
    previewed,
    queue_frame,
    stats_dict,
)
from queues.selectors import queue_position, queue_waiting, team_on_shift
from queues.services import conversation_transfer, queue_assign, queue_take_next
from triage import selectors as triage_selectors
from triage.tiers import Tier

from . import events, frames, selectors
from .console_heartbeat import console_heartbeat
from .errors import Refusal
from .groups import (
    CONSOLE,
    DASHBOARD,
    SUPERVISORS,
    WAITING_ROOM,
    conversation_group,
    staff_group,
)
from .intake import is_not_safe
from .models import Conversation, Note, SenderKind, Status
from .seeker_heartbeat import seeker_heartbeat
from .services import (
    checklist_answer,
    conversation_end,
    conversation_mark_abuse,
    conversation_wrap_up,
    conversations_mark_abuse,
    counselor_connection_changed,
    message_post,
    note_add,
    seeker_presence_set,
    seekers_seen,
    supervisor_join,
    transcript_previews_shown,
)
from .wire import frame_ids_canonical, json_parse, scope_language

logger = logging.getLogger(__name__)

# Room for a maximum-length message in any script, JSON-escaped, with its envelope.
MAX_FRAME_CHARS = 16 * 1024
# Close codes (4000-4999 are ours): the client shows a message instead of reconnecting.
CLOSE_NOT_FOUND = 4404
CLOSE_FORBIDDEN = 4403
TYPING_INTERVAL_SECONDS = 1.0
# A help-seeker's open sockets are counted for this long after the last one opened: a
# count that a dropped socket failed to give back (a phone losing signal mid-handshake)
# heals within two minutes instead of keeping the person out.
SOCKET_COUNT_SECONDS = 120
# Too many sockets is "try again later", not final: the page keeps reconnecting with its
# backoff and gets in as soon as a place frees or the count heals.
CLOSE_TRY_AGAIN_LATER = 1013
# A send still waiting for the client to read after this long is to a client that is gone
# (its connection died in a way the server did not notice: seen with uvicorn's flow
# control after an abrupt close) or cannot keep up. The socket ends as a disconnect, so
# presence, groups and heartbeats are cleaned up; a live client reconnects and resumes.
SEND_STALL_SECONDS = 30


class FrameConsumer(AsyncWebsocketConsumer):
    """JSON frames in and out; dispatches {"type": "x"} to `action_x`."""

    actions: frozenset[str] = frozenset()
    last_typing = 0.0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        async def send_or_give_up(message: dict[str, Any]) -> None:
            try:
                await asyncio.wait_for(send(message), SEND_STALL_SECONDS)
            except TimeoutError:
                logger.warning("client stopped reading for %s s: socket closed", SEND_STALL_SECONDS)
                # Runs disconnect() and stops the consumer (StopConsumer).
                await self.websocket_disconnect({"type": "websocket.disconnect", "code": 1006})

        await super().__call__(scope, receive, send_or_give_up)

    # Set when the connection was refused: frames that raced the close are ignored.
    refused = False

    def typing_allowed(self) -> bool:
        """At most one typing notice a second per socket, whatever the client sends."""
        now = time.monotonic()
        if now - self.last_typing < TYPING_INTERVAL_SECONDS:
            return False
        self.last_typing = now
        return True

    async def dispatch(self, message: dict[str, Any]) -> None:
        """As Channels' dispatch, without its close_old_connections() before every message.

        That call hops to the one thread all consumers share for database work, so every
        event forwarded to every client queued behind every database call in the process
        (measured: console queue frames 5 s late at 10 arrivals a second). Our handlers
        that touch the database do so through database_sync_to_async, which closes old
        connections itself; forwarding an event touches no database.
        """
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def websocket_receive(self, message: dict[str, Any]) -> None:
        if self.refused:
            return  # a frame that raced the refusal's close: there is nobody to act for
        await super().websocket_receive(message)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        frame = self._parse(text_data)
        if isinstance(frame, Refusal):
            await self.send_refusal(frame, ref=None)
            return
        action = frame.get("type")
        ref = frame.get("client_id") if isinstance(frame.get("client_id"), str) else None
        if isinstance(action, (list, dict)):  # malformed (and unhashable: no set lookup)
            await self.send_refusal(Refusal("bad_request"), ref=ref)
            return
        if action not in self.actions:
            await self.send_refusal(Refusal("unknown_action"), ref=ref)
            return
        try:
            await getattr(self, f"action_{action}")(frame)
        except Refusal as refusal:
            await self.send_refusal(refusal, ref=ref)
        else:
            self.action_accepted(action)

    def action_accepted(self, action: str) -> None:
        """An action was carried out (staff sockets count it as activity)."""

    def _parse(self, text_data: str | None) -> dict[str, Any] | Refusal:
        if text_data is None:
            return Refusal("bad_request")
        if len(text_data) > MAX_FRAME_CHARS:
            return Refusal("too_large")
        try:
            frame = json_parse(text_data)
        except Refusal as refusal:
            return refusal
        return frame_ids_canonical(frame) if isinstance(frame, dict) else Refusal("bad_request")

    async def send_frame(self, frame: dict[str, Any]) -> None:
        await self.send(text_data=json.dumps(frame, ensure_ascii=False))

    async def send_refusal(self, refusal: Refusal, *, ref: str | None) -> None:
        with translation.override(scope_language(self.scope)):
            frame = frames.error_frame(refusal.code, refusal.message, ref=ref)
        await self.send_frame(frame)

    async def refuse_connection(self, refusal: Refusal, code: int) -> None:
        # Accept first so the client can read why, then close with a code it will not retry.
        self.refused = True
        await self.accept()
        await self.send_refusal(refusal, ref=None)
        await self.close(code=code)

    async def kizuna_event(self, message: dict[str, Any]) -> None:
        """A frame from the channel layer (config/bus.py), already serialised: pass it on."""
        await self.send(text_data=message["text"])


def _after_seq(frame: dict[str, Any]) -> int:
    after = frame.get("after", 0)
    if not isinstance(after, int) or isinstance(after, bool) or after < 0:
        raise Refusal("bad_request")
    return after


# --- Help-seeker -------------------------------------------------------------------


class SeekerConsumer(FrameConsumer):
    """The help-seeker's socket. Their conversation comes from the token cookie alone."""

    actions = frozenset({"send", "resume", "end", "typing"})
    # The conversation this socket keeps marked as attended (seeker_heartbeat.py).
    attended: str | None = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.attended_end()  # however the consumer ended (a crash skips disconnect)

    def attended_end(self) -> None:
        attended, self.attended = self.attended, None
        if attended is not None:
            seeker_heartbeat().discard(attended)

    async def connect(self) -> None:
        token = self.scope.get("cookies", {}).get(settings.KIZUNA["SEEKER_COOKIE_NAME"])
        conversation = await database_sync_to_async(selectors.conversation_for_seeker)(token)
        if conversation is None:
            await self.refuse_connection(Refusal("not_found"), CLOSE_NOT_FOUND)
            return
        if not await self.socket_slot_take(conversation.pk):
            await self.refuse_connection(Refusal("too_many_sockets"), CLOSE_TRY_AGAIN_LATER)
            return
        self.conversation = conversation
        self.group = conversation_group(conversation.id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        self.in_waiting_room = conversation.status == Status.WAITING
        if self.in_waiting_room:
            await self.channel_layer.group_add(WAITING_ROOM, self.channel_name)
        await self.accept()
        self.attended = str(conversation.id)
        seeker_heartbeat().add(self.attended)
        for frame in await database_sync_to_async(seeker_welcome)(conversation.pk):
            await self.send_frame(frame)

    async def disconnect(self, code: int) -> None:
        self.attended_end()
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)
            await self.leave_waiting_room()
        await self.socket_slot_give_back()

    # Sockets open on one conversation, counted in the shared cache across web processes.
    # One person has a tab or two; a script opening hundreds multiplied every per-socket
    # limit (issue 14, finding 11). A count left by a process that died expires.
    socket_slot: str | None = None

    async def socket_slot_take(self, conversation_id: object) -> bool:
        key = f"seeker-sockets:{conversation_id}"
        try:
            await cache.aadd(key, 0, timeout=SOCKET_COUNT_SECONDS)
            count = await cache.aincr(key)
            await cache.atouch(key, SOCKET_COUNT_SECONDS)
        except Exception:
            return True  # the cache is down: a person must still be heard
        if count > settings.KIZUNA["SEEKER_SOCKETS_PER_CONVERSATION"]:
            with contextlib.suppress(Exception):
                await cache.adecr(key)
            return False
        self.socket_slot = key
        return True

    async def socket_slot_give_back(self) -> None:
        key, self.socket_slot = self.socket_slot, None
        if key is not None:
            with contextlib.suppress(Exception):  # expired meanwhile: nothing to give back
                await cache.adecr(key)

    async def leave_waiting_room(self) -> None:
        if getattr(self, "in_waiting_room", False):
            self.in_waiting_room = False
            await self.channel_layer.group_discard(WAITING_ROOM, self.channel_name)

    async def kizuna_positions(self, message: dict[str, Any]) -> None:
        """The queue order (ids only, never sent on): tell the client its own place."""
        order: list[str] = message["order"]
        mine = str(self.conversation.id)
        if mine in order:
            frame = position_frame(order.index(mine) + 1, len(order), stats=message["stats"])
            await self.send_frame(frame)
        else:
            await self.leave_waiting_room()

    async def kizuna_event(self, message: dict[str, Any]) -> None:
        if message["kind"] == "conversation" and message["status"] != Status.WAITING:
            await self.leave_waiting_room()
        await super().kizuna_event(message)
        if message["kind"] == "conversation" and message["status"] == Status.WAITING:
            await self.enter_waiting_room()

    async def enter_waiting_room(self) -> None:
        """Back in the queue (the counselor could not return): follow positions again, and
        say the place now rather than at the next change of the queue."""
        if getattr(self, "in_waiting_room", False):
            return
        self.in_waiting_room = True
        await self.channel_layer.group_add(WAITING_ROOM, self.channel_name)
        frame = await database_sync_to_async(seeker_position)(self.conversation.pk)
        if frame is not None:
            await self.send_frame(frame)

    def _check_own(self, frame: dict[str, Any]) -> None:
        named = frame.get("conversation")
        if named is not None and named != str(self.conversation.id):
            raise Refusal("not_yours")

    async def action_send(self, frame: dict[str, Any]) -> None:
        self._check_own(frame)
        reply = await database_sync_to_async(seeker_send)(self.conversation.pk, frame)
        if reply is not None:
            await self.send_frame(reply)

    async def action_resume(self, frame: dict[str, Any]) -> None:
        self._check_own(frame)
        after = _after_seq(frame)
        await self.send_frame(await database_sync_to_async(history)(self.conversation.pk, after))

    async def action_end(self, frame: dict[str, Any]) -> None:
        self._check_own(frame)
        await database_sync_to_async(seeker_end)(self.conversation.pk)

    async def action_typing(self, frame: dict[str, Any]) -> None:
        self._check_own(frame)
        if self.typing_allowed():
            await events.typing(self.conversation.id, sender=SenderKind.SEEKER)


def seeker_welcome(conversation_id: Any) -> list[dict[str, Any]]:
    seekers_seen(conversation_ids=[conversation_id])  # someone is behind it now
    conversation = Conversation.objects.select_related("counselor").get(pk=conversation_id)
    if conversation.seeker_left_at is not None:
        seeker_presence_set(conversation=conversation, present=True)
    welcome = [frames.seeker_conversation_frame(conversation)]
    if conversation.is_open and (
        conversation.risk_tier == Tier.IMMINENT or is_not_safe(conversation.intake)
    ):
        welcome.append(frames.seeker_emergency_frame(conversation))
    position = queue_position(conversation)
    if position is not None:
        place, waiting, stats = position
        welcome.append(position_frame(place, waiting, stats=stats or stats_dict()))
    return welcome


def seeker_position(conversation_id: Any) -> dict[str, Any] | None:
    """The waiting person's place now, read from the queue itself (the remembered order
    may be from before they returned to it)."""
    conversation = Conversation.objects.get(pk=conversation_id)
    if conversation.status != Status.WAITING:
        return None
    order = [entry.conversation_id for entry in queue_waiting()]
    mine = str(conversation.pk)
    if mine not in order:
        return None
    return position_frame(order.index(mine) + 1, len(order), stats=stats_dict())


def seeker_send(conversation_id: Any, frame: dict[str, Any]) -> dict[str, Any] | None:
    """Post; the new message reaches the sender through its group, a resend directly."""

    conversation = Conversation.objects.get(pk=conversation_id)
    message, created = message_post(
        conversation=conversation,
        sender=SenderKind.SEEKER,
        body=frame.get("body"),
        client_id=frame.get("client_id"),
    )
    return None if created else frames.message_frame(message)


def seeker_end(conversation_id: Any) -> None:
    conversation_end(
        conversation=Conversation.objects.get(pk=conversation_id), ended_by=SenderKind.SEEKER
    )


def history(conversation_id: Any, after: int) -> dict[str, Any]:
    conversation = Conversation.objects.get(pk=conversation_id)
    messages = selectors.messages_after(conversation, after)
    return frames.history_frame(conversation, messages, names=selectors.author_names(messages))


# --- Counselor ---------------------------------------------------------------------


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
        hello, conversation_ids = await database_sync_to_async(console_welcome)(
            user.pk, self.channel_name
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
                await database_sync_to_async(previews_shown)(self.user_id, unseen)
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
        await database_sync_to_async(counselor_take_next)(self.user_id)

    async def action_send(self, frame: dict[str, Any]) -> None:
        reply = await database_sync_to_async(counselor_send)(self.user_id, frame)
        if reply is not None:
            await self.send_frame(reply)

    async def action_resume(self, frame: dict[str, Any]) -> None:
        after = _after_seq(frame)
        reply = await database_sync_to_async(counselor_history)(
            self.user_id, frame.get("conversation"), after
        )
        await self.send_frame(reply)

    async def action_end(self, frame: dict[str, Any]) -> None:
        await database_sync_to_async(counselor_end)(self.user_id, frame)

    async def action_note(self, frame: dict[str, Any]) -> None:
        await database_sync_to_async(counselor_note)(self.user_id, frame)

    async def action_presence(self, frame: dict[str, Any]) -> None:
        await database_sync_to_async(counselor_presence_set)(self.user_id, frame)

    async def action_wrap_up(self, frame: dict[str, Any]) -> None:
        await database_sync_to_async(counselor_wrap_up)(self.user_id, frame)

    async def action_checklist(self, frame: dict[str, Any]) -> None:
        await database_sync_to_async(counselor_checklist)(self.user_id, frame)

    async def action_team(self, frame: dict[str, Any]) -> None:
        await self.send_frame(await database_sync_to_async(counselor_team)(self.user_id))

    async def action_transfer(self, frame: dict[str, Any]) -> None:
        # "released" and "assignment" events update both counselors' consoles.
        await database_sync_to_async(counselor_transfer)(self.user_id, frame)

    async def action_assign(self, frame: dict[str, Any]) -> None:
        await database_sync_to_async(supervisor_assign)(self.user_id, frame)

    async def action_capacity(self, frame: dict[str, Any]) -> None:
        await self.send_frame(
            await database_sync_to_async(supervisor_capacity_set)(self.user_id, frame)
        )

    async def action_earlier(self, frame: dict[str, Any]) -> None:
        reply = await database_sync_to_async(counselor_earlier)(
            self.user_id, frame.get("conversation")
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
            await events.typing(conversation_id, sender=SenderKind.COUNSELOR)


def _staff(user_id: int) -> User:
    """The console's user, checked on every action: roles can change while it is open."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not is_counselor(user):
        raise Refusal("forbidden")
    return user


def console_welcome(user_id: int, channel_name: str) -> tuple[list[dict[str, Any]], list[str]]:
    user = _staff(user_id)
    if console_connected(user=user, channel_name=channel_name):
        counselor_connection_changed(counselor=user, present=True)
    user.refresh_from_db(fields=["presence"])
    mine = selectors.counselor_open_conversations(user)
    hello = {
        "type": "hello",
        "me": {
            "id": user.pk,
            "name": user.public_name(),
            "capacity": user.capacity,
            "presence": user.presence,
        },
        "conversations": [frames.staff_conversation_dict(c) for c in mine],
    }
    return [hello, queue_shown(user)], [str(c.id) for c in mine]


def queue_shown(user: User) -> dict[str, Any]:
    """The queue as a console or dashboard opens: its previews are audited as shown."""
    entries = queue_waiting(preview_limit=QUEUE_BROADCAST_LIMIT)
    transcript_previews_shown(viewer=user, conversation_ids=previewed(entries))
    return queue_frame(entries)


def previews_shown(user_id: int, conversation_ids: list[str]) -> None:
    transcript_previews_shown(viewer=_staff(user_id), conversation_ids=conversation_ids)


def previews_in(frames_sent: list[dict[str, Any]]) -> set[str]:
    return {
        entry["id"]
        for frame in frames_sent
        if frame["type"] == "queue"
        for entry in frame["entries"]
        if entry["preview"]
    }


def console_leave(user_id: int, channel_name: str) -> None:
    user = User.objects.filter(pk=user_id).first()
    if user is not None and console_disconnected(user=user, channel_name=channel_name):
        counselor_connection_changed(counselor=user, present=False)


def counselor_presence_set(user_id: int, frame: dict[str, Any]) -> None:
    queues_services.counselor_presence_set(counselor=_staff(user_id), presence=frame.get("state"))


def counselor_take_next(user_id: int) -> None:
    queue_take_next(counselor=_staff(user_id))


def counselor_send(user_id: int, frame: dict[str, Any]) -> dict[str, Any] | None:
    user = _staff(user_id)
    conversation = selectors.conversation_for_staff(user, frame.get("conversation"))
    message, created = message_post(
        conversation=conversation,
        sender=SenderKind.COUNSELOR,
        body=frame.get("body"),
        client_id=frame.get("client_id"),
        author=user,
    )
    return None if created else frames.message_frame(message, author_name=user.public_name())


def counselor_history(user_id: int, conversation_id: Any, after: int) -> dict[str, Any]:
    user = _staff(user_id)
    conversation = selectors.conversation_for_staff(user, conversation_id)
    messages = selectors.messages_after(conversation, after)
    frame = frames.history_frame(
        conversation,
        messages,
        names=selectors.author_names(messages),
        assessments=triage_selectors.assessments_for(messages),
    )
    if after == 0 or messages:
        # Every read of transcript text by staff is recorded, a catch-up after a
        # reconnect too: "after" was the way around the audit (issue 14, finding 3).
        audit_record(
            actor=user,
            action=AuditEvent.Action.TRANSCRIPT_VIEW,
            target=conversation,
            detail={"after": after, "messages": len(messages)},
        )
    if after == 0:
        frame["notes"] = selectors.notes_for(conversation)
        frame["checklist"] = selectors.checklist_for(conversation)
    return frame


def counselor_end(user_id: int, frame: dict[str, Any]) -> None:
    user = _staff(user_id)
    conversation = selectors.conversation_for_staff(user, frame.get("conversation"))
    conversation_end(
        conversation=conversation,
        ended_by=SenderKind.COUNSELOR,
        actor=user,
        seen_seq=frame.get("seen_seq"),
    )


def counselor_wrap_up(user_id: int, frame: dict[str, Any]) -> None:
    user = _staff(user_id)
    conversation = selectors.conversation_for_staff(user, frame.get("conversation"))
    conversation_wrap_up(conversation=conversation, counselor=user, answers=frame)


def counselor_note(user_id: int, frame: dict[str, Any]) -> None:
    user = _staff(user_id)
    conversation = selectors.conversation_for_staff(user, frame.get("conversation"))
    note_add(conversation=conversation, author=user, body=frame.get("body"))


def counselor_checklist(user_id: int, frame: dict[str, Any]) -> None:
    user = _staff(user_id)
    conversation = selectors.conversation_for_staff(user, frame.get("conversation"))
    checklist_answer(
        conversation=conversation,
        counselor=user,
        item=frame.get("item"),
        answer=frame.get("answer"),
    )


def counselor_team(user_id: int) -> dict[str, Any]:
    """Who is on shift and how loaded: the choices for a transfer or an assignment."""
    _staff(user_id)
    return {"type": "team", "staff": team_on_shift()}


def counselor_transfer(user_id: int, frame: dict[str, Any]) -> None:
    conversation_transfer(
        actor=_staff(user_id),
        conversation_id=frame.get("conversation"),
        to_id=frame.get("to"),
        note=frame.get("note") or "",
    )


def supervisor_assign(user_id: int, frame: dict[str, Any]) -> None:
    queue_assign(
        supervisor=_staff(user_id),
        conversation_id=frame.get("conversation"),
        counselor_id=frame.get("to"),
    )


def supervisor_capacity_set(user_id: int, frame: dict[str, Any]) -> dict[str, Any]:
    """A supervisor changes a counselor's limit; the reply is the team as it is now."""
    supervisor = _staff(user_id)
    if not is_supervisor(supervisor):
        raise Refusal("supervisors_only")
    changed = staff_capacity_set(
        actor=supervisor, user_id=frame.get("user"), capacity=frame.get("capacity")
    )
    if changed is None:
        raise Refusal("bad_request")
    audit_record(
        actor=supervisor,
        action=AuditEvent.Action.CAPACITY_CHANGE,
        target=changed,
        detail={"capacity": changed.capacity},
    )
    queue_events.queue_changed()  # places changed: so do waiting people's estimates
    return counselor_team(user_id)


def counselor_earlier(user_id: int, conversation_id: Any) -> dict[str, Any]:
    """The help-seeker's earlier conversations from the same browser (only if they chose
    to share them). Each transcript shown is audited as a view, noting through which
    conversation it was reached."""
    user = _staff(user_id)
    conversation = selectors.conversation_for_staff(user, conversation_id)
    items = []
    for earlier in selectors.earlier_conversations(conversation):
        messages = selectors.earlier_messages(earlier)
        audit_record(
            actor=user,
            action=AuditEvent.Action.TRANSCRIPT_VIEW,
            target=earlier,
            detail={"via": str(conversation.id)},
        )
        items.append(frames.earlier_dict(earlier, messages, names=selectors.author_names(messages)))
    return {"type": "earlier", "conversation": str(conversation.id), "conversations": items}


# --- Supervisor --------------------------------------------------------------------


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
        welcome = await database_sync_to_async(dashboard_welcome)(user.pk)
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
            await database_sync_to_async(_supervisor)(self.user_id)
        except Refusal as refusal:
            await self.send_refusal(refusal, ref=None)
            return
        await super().receive(text_data=text_data, bytes_data=bytes_data)

    async def action_ack(self, frame: dict[str, Any]) -> None:
        await database_sync_to_async(supervisor_acknowledge)(self.user_id, frame.get("alert"))

    async def action_observe(self, frame: dict[str, Any]) -> None:
        reply = await database_sync_to_async(supervisor_observe)(
            self.user_id, frame.get("conversation")
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
        await database_sync_to_async(supervisor_whisper)(self.user_id, frame)

    async def action_join(self, frame: dict[str, Any]) -> None:
        await database_sync_to_async(supervisor_join_conversation)(
            self.user_id, frame.get("conversation")
        )

    async def action_set_presence(self, frame: dict[str, Any]) -> None:
        await database_sync_to_async(supervisor_presence_set)(self.user_id, frame)

    async def action_mark_abuse(self, frame: dict[str, Any]) -> None:
        await database_sync_to_async(supervisor_mark_abuse)(self.user_id, frame.get("conversation"))

    async def action_mark_abuse_many(self, frame: dict[str, Any]) -> None:
        reply = await database_sync_to_async(supervisor_mark_abuse_many)(
            self.user_id, frame.get("conversations")
        )
        await self.send_frame(reply)

    async def action_typing(self, frame: dict[str, Any]) -> None:
        # Observing joins the conversation's group read-only: only a supervisor who has
        # joined (or holds) it may show the help-seeker someone typing.
        conversation_id = frame.get("conversation")
        if not await database_sync_to_async(supervisor_may_write)(self.user_id, conversation_id):
            raise Refusal("not_yours")
        await super().action_typing(frame)


def _supervisor(user_id: int) -> User:
    user = _staff(user_id)
    if not is_supervisor(user):
        raise Refusal("forbidden")  # the role was taken away: close the dashboard
    return user


def dashboard_welcome(user_id: int) -> list[dict[str, Any]]:
    from queues.dashboard import dashboard_figures

    user = _supervisor(user_id)
    hello = {"type": "hello", "me": {"id": user.pk, "name": user.public_name()}}
    return [hello, {"type": "dashboard", **dashboard_figures()}, queue_shown(user)]


def supervisor_acknowledge(user_id: int, alert_id: Any) -> None:
    alert_acknowledge(alert_id=alert_id, supervisor=_supervisor(user_id))


def supervisor_observe(user_id: int, conversation_id: Any) -> dict[str, Any]:
    """The conversation as its counselor sees it, read-only; audited as a view."""
    user = _supervisor(user_id)
    conversation = selectors.conversation_for_staff(user, conversation_id)
    history_frame = counselor_history(user_id, conversation.id, 0)
    return {
        "type": "observing",
        "conversation": frames.staff_conversation_dict(conversation),
        "history": history_frame,
    }


def supervisor_whisper(user_id: int, frame: dict[str, Any]) -> None:
    """A private message to the conversation's counselor; the help-seeker never sees it."""
    user = _supervisor(user_id)
    conversation = selectors.conversation_for_staff(user, frame.get("conversation"))
    if conversation.counselor_id is None or not conversation.is_open:
        raise Refusal("not_active" if conversation.is_open else "ended")
    note_add(
        conversation=conversation, author=user, body=frame.get("body"), kind=Note.Kind.SUPERVISOR
    )


def supervisor_may_write(user_id: int, conversation_id: Any) -> bool:
    """Whether the supervisor holds this conversation or has joined it (not just watches)."""
    user = _supervisor(user_id)
    conversation = selectors.conversation_for_staff(user, conversation_id)
    return (
        conversation.counselor_id == user.pk or conversation.supporters.filter(pk=user.pk).exists()
    )


def supervisor_join_conversation(user_id: int, conversation_id: Any) -> None:
    user = _supervisor(user_id)
    supervisor_join(
        conversation=selectors.conversation_for_staff(user, conversation_id), supervisor=user
    )


def supervisor_mark_abuse(user_id: int, conversation_id: Any) -> None:
    user = _supervisor(user_id)
    conversation_mark_abuse(
        conversation=selectors.conversation_for_staff(user, conversation_id), supervisor=user
    )


def supervisor_mark_abuse_many(user_id: int, conversation_ids: Any) -> dict[str, Any]:
    marked = conversations_mark_abuse(
        conversation_ids=conversation_ids, supervisor=_supervisor(user_id)
    )
    return frames.abuse_marked_frame(marked, asked=len(set(conversation_ids)))


def supervisor_presence_set(user_id: int, frame: dict[str, Any]) -> None:
    """Set a counselor's status (available or away), e.g. to stop new people reaching
    someone who needs a break."""
    supervisor = _supervisor(user_id)
    target_id = frame.get("user")
    counselor = User.objects.filter(
        pk=target_id if isinstance(target_id, int) else -1, is_active=True
    ).first()
    if counselor is None or not is_counselor(counselor):
        raise Refusal("not_found")
    if counselor.presence == Presence.OFFLINE:
        # Offline follows from their consoles; marking them available would send people
        # to someone who is not there, and keep their conversations from the queue.
        raise Refusal("target_unavailable")
    queues_services.counselor_presence_set(counselor=counselor, presence=frame.get("state"))
    audit_record(
        actor=supervisor,
        action=AuditEvent.Action.PRESENCE_CHANGE,
        target=counselor,
        detail={"presence": frame.get("state")},
    )
