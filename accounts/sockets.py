"""Staff websockets follow their session: refused when the session may not be used (idle,
or no second factor where the role needs one), and closed within seconds when it ends.

StaffSessionGuard is mixed into the console and dashboard consumers. How a socket learns
that its session ended:

- logout, deactivation, a role change, a password change: accounts/signals.py sends
  FORCE_CLOSE to the user's `staff-<id>` group, which every console and dashboard joins (a
  logout names its session, so the user's other browsers stay open; after a password
  change each socket checks that its session was made with the new password);
- idleness: each socket wakes every min(30 s, idle limit / 4), writes the time of its
  last accepted action into the session (a counselor chatting in the console is active
  though they load no page) and ends the session once it has been idle longer than
  KIZUNA_STAFF_IDLE_SECONDS. So an idle socket closes at most 30 s after the limit; the
  same check notices a session that was deleted or expired.

The close is an error frame `{"type": "error", "code": "session_ended", "message"}`, then
close code 4403, which clients take as final (no reconnect).
"""

import asyncio
import contextlib
import json
import logging
import time
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from core.frames import error_frame

from .sessions import (
    ENDED,
    IDLE,
    PASSWORD_CHANGED,
    idle_seconds,
    staff_session_alive,
    staff_session_problem,
    staff_socket_check,
)

logger = logging.getLogger(__name__)

CLOSE_SESSION_ENDED = 4403
# Client frames sent on their own by the page (a reconnect resumes) are not activity.
PASSIVE_FRAMES = frozenset({"resume"})
# Client frames acted on without first checking that the session still exists: giving up
# access, and typing notices (up to one a second while typing; a second's "typing" after
# a logout harms nobody, and the session check costs a database read).
UNCHECKED_FRAMES = frozenset({"unobserve", "typing"})


def _ended_message(reason: str | None) -> str:
    if reason == IDLE:
        return _("You were logged out after a while without activity. Please log in again.")
    if reason == "role_changed":
        return _("Your account was changed. Please reload the page.")
    return _("Your session has ended. Please log in again.")


class StaffSessionGuard(AsyncWebsocketConsumer):
    """Mixin for staff consumers; put it before the consumer's base class."""

    staff_session_key: str | None = None
    staff_active_at: float | None = None
    staff_closed = False
    _staff_watch: asyncio.Task | None = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            if self._staff_watch is not None:
                self._staff_watch.cancel()

    async def websocket_connect(self, message: dict[str, Any]) -> None:
        user = self.scope.get("user")
        session = self.scope.get("session")
        user_id = None
        if user is not None and user.is_authenticated and session is not None:
            problem = await database_sync_to_async(staff_session_problem)(user, session)
            if problem is None:
                user_id, self.staff_session_key = user.pk, session.session_key
                self.staff_active_at = time.time()  # opening the console is activity
            else:
                # The consumer's own role check then refuses, as for a logged-out visitor.
                self.scope["user"] = AnonymousUser()
        await super().websocket_connect(message)
        if user_id is not None and not self.staff_closed:
            self._staff_watch = asyncio.create_task(self._staff_session_watch(user_id))

    async def websocket_receive(self, message: dict[str, Any]) -> None:
        if self.staff_closed:
            return
        if self.staff_session_key is not None:
            frame_type = self._frame_type(message.get("text"))
            if frame_type not in UNCHECKED_FRAMES:
                # An action is taken on the strength of the session: check that it still
                # exists (not logged out, expired or removed) before acting, rather than
                # wait for the close signal or the periodic check to catch up.
                alive = await database_sync_to_async(staff_session_alive)(
                    session_key=self.staff_session_key, user_id=self.scope["user"].pk
                )
                if not alive:
                    await self.staff_session_end(ENDED)
                    return
        await super().websocket_receive(message)

    def action_accepted(self, action: str) -> None:
        """Called by the consumer once an action was carried out. Only these count as
        activity: a script sending refused frames must not keep an unattended session
        alive (issue 14, finding 12)."""
        if self.staff_session_key is not None and action not in PASSIVE_FRAMES:
            self.staff_active_at = time.time()

    @staticmethod
    def _frame_type(text: str | None) -> str | None:
        """The frame's type when it is small enough to be a control frame; None for
        messages (large) and anything unreadable (the consumer refuses those itself)."""
        if text is None or len(text) > 200:
            return None
        with contextlib.suppress(ValueError):
            frame = json.loads(text)
            if isinstance(frame, dict) and isinstance(frame.get("type"), str):
                return frame["type"]
        return None

    async def _staff_session_watch(self, user_id: int) -> None:
        assert self.staff_session_key is not None
        written = None
        while not self.staff_closed:
            await asyncio.sleep(max(0.2, min(30.0, idle_seconds() / 4)))
            active_at = self.staff_active_at if self.staff_active_at != written else None
            try:
                problem = await database_sync_to_async(staff_socket_check)(
                    session_key=self.staff_session_key, user_id=user_id, active_at=active_at
                )
            except Exception:
                # A database hiccup must not end a counselor's console; try again later.
                logger.exception("staff session check failed")
                continue
            written = active_at if active_at is not None else written
            if problem is not None:
                await self.staff_session_end(ENDED if problem != IDLE else IDLE)
                return

    async def kizuna_force_close(self, message: dict[str, Any]) -> None:
        """FORCE_CLOSE from the channel layer (accounts/sessions.py)."""
        session = message.get("session")
        if session and session != self.staff_session_key:
            return  # another browser of the same user logged out
        if message.get("reason") == PASSWORD_CHANGED and self.staff_session_key is not None:
            alive = await database_sync_to_async(staff_session_alive)(
                session_key=self.staff_session_key, user_id=self.scope["user"].pk
            )
            if alive:
                return  # this session was moved to the new password (its own change)
        await self.staff_session_end(message.get("reason"))

    async def staff_session_end(self, reason: str | None) -> None:
        if self.staff_closed:
            return
        frame = error_frame("session_ended", _ended_message(reason))
        await self.send(text_data=json.dumps(frame, ensure_ascii=False))
        await self.close(code=CLOSE_SESSION_ENDED)

    async def send(
        self, text_data: str | None = None, bytes_data: bytes | None = None, close: bool = False
    ) -> None:
        # Events can still arrive between our close and the client's goodbye: drop them.
        if not self.staff_closed:
            await super().send(text_data=text_data, bytes_data=bytes_data, close=close)

    async def close(self, code: int | bool | None = None, reason: str | None = None) -> None:
        if self.staff_closed:
            return
        self.staff_closed = True
        if self._staff_watch is not None and self._staff_watch is not asyncio.current_task():
            self._staff_watch.cancel()
        await super().close(code=code, reason=reason)
