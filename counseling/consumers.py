"""The help-seeker's websocket, and the frame-handling base every Kizuna socket builds on
(the console's is in queues/consumers.py, the dashboard's in supervision/consumers.py).

Client frames are JSON objects with a "type" naming the action. Every refusal comes back
as {"type": "error", "code", "message", "ref"?} and the connection stays open.
"""

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Mapping
from typing import Any

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from core import facts
from core.bus import ask
from core.errors import Refusal
from core.frames import error_frame
from core.groups import WAITING_ROOM, conversation_group
from counseling.services.conversations import conversation_end, seeker_welcome
from counseling.services.messages import message_post

from . import events, frames, selectors
from .models import Conversation, SenderKind, Status
from .seeker_heartbeat import seeker_heartbeat
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

    async def send_frame(self, frame: Mapping[str, Any]) -> None:
        await self.send(text_data=json.dumps(frame, ensure_ascii=False))

    async def send_refusal(self, refusal: Refusal, *, ref: str | None) -> None:
        with translation.override(scope_language(self.scope)):
            frame = error_frame(refusal.code, refusal.message, ref=ref)
        await self.send_frame(frame)

    async def refuse_connection(self, refusal: Refusal, code: int) -> None:
        # Accept first so the client can read why, then close with a code it will not retry.
        self.refused = True
        await self.accept()
        await self.send_refusal(refusal, ref=None)
        await self.close(code=code)

    async def kizuna_event(self, message: dict[str, Any]) -> None:
        """A frame from the channel layer (core/bus.py), already serialised: pass it on."""
        await self.send(text_data=message["text"])


def after_seq(frame: dict[str, Any]) -> int:
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
        welcome = await database_sync_to_async(seeker_welcome)(conversation_id=conversation.pk)
        for frame in welcome:
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
        frame = ask(
            facts.QUEUE_POSITION,
            order=message["order"],
            stats=message["stats"],
            conversation_id=str(self.conversation.id),
        )
        if frame is not None:
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
        frame = await database_sync_to_async(ask)(
            facts.QUEUE_PLACE, conversation_id=self.conversation.pk, fresh=True
        )
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
        after = after_seq(frame)
        await self.send_frame(await database_sync_to_async(history)(self.conversation.pk, after))

    async def action_end(self, frame: dict[str, Any]) -> None:
        self._check_own(frame)
        await database_sync_to_async(seeker_end)(self.conversation.pk)

    async def action_typing(self, frame: dict[str, Any]) -> None:
        self._check_own(frame)
        if self.typing_allowed():
            await events.typing(self.conversation.id, sender=SenderKind.SEEKER)


def seeker_send(conversation_id: Any, frame: dict[str, Any]) -> frames.MessageFrame | None:
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


def history(conversation_id: Any, after: int) -> frames.HistoryFrame:
    conversation = Conversation.objects.get(pk=conversation_id)
    messages = selectors.messages_after(conversation, after)
    return frames.history_frame(conversation, messages, names=selectors.author_names(messages))
