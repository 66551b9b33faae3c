"""Staff sessions: when one may no longer be used (idle too long, or missing the second
factor its role needs), ending it, and closing its websockets. Pages check through
accounts/middleware.py, console and dashboard sockets through accounts/sockets.py."""

import time
from datetime import timedelta
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY, login, logout
from django.contrib.sessions.backends.base import SessionBase, UpdateError
from django.contrib.sessions.models import Session
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.models import Device

from core.bus import group_send_now, on_commit
from core.groups import staff_group

from .models import AuditEvent, User
from .services import audit_record
from .two_factor import two_factor_required

# Seconds since the epoch of the session's last page request or console action.
LAST_ACTIVITY = "kizuna_last_activity"
# Why the last session of this browser ended, shown once on the login page.
ENDED_REASON = "kizuna_session_ended"
# The consumer method that closes a staff socket (accounts/sockets.py).
FORCE_CLOSE = "kizuna.force_close"

# Between a right password and a right code: {"user", "backend", "at", "next"}.
PENDING_LOGIN = "kizuna_pending_login"
PENDING_SECONDS = 600

IDLE = "idle"
UNVERIFIED = "unverified"
ENDED = "ended"
# A FORCE_CLOSE reason on which each socket checks its own session before closing.
PASSWORD_CHANGED = "password_changed"  # noqa: S105 (a reason, not a password)


def idle_seconds() -> float:
    return float(settings.KIZUNA["STAFF_IDLE_SECONDS"])


def activity_write_seconds() -> float:
    """How stale the stored time may get before a request writes it again: idleness is
    measured in minutes, so most requests need not write the session at all."""
    return min(15.0, idle_seconds() / 4)


def session_idle(session: SessionBase, *, now: float | None = None) -> bool:
    last = session.get(LAST_ACTIVITY)
    if not isinstance(last, int | float):
        return False  # a session from before this check, or made by a test: active now
    return (now if now is not None else time.time()) - last > idle_seconds()


def session_verified(user: Any, session: SessionBase) -> bool:
    """As django_otp's OTPMiddleware decides it for pages: a confirmed device of this user."""
    persistent_id = session.get(DEVICE_ID_SESSION_KEY)
    if not persistent_id:
        return False
    device = Device.from_persistent_id(persistent_id)
    return device is not None and device.user_id == user.pk and device.confirmed


def staff_session_problem(user: Any, session: SessionBase) -> str | None:
    """IDLE or UNVERIFIED when this logged-in session must end, else None."""
    if session_idle(session):
        return IDLE
    if two_factor_required(user) and not session_verified(user, session):
        return UNVERIFIED
    return None


def activity_note(session: SessionBase, *, now: float | None = None) -> None:
    now = now if now is not None else time.time()
    last = session.get(LAST_ACTIVITY)
    if not isinstance(last, int | float) or now - last >= activity_write_seconds():
        session[LAST_ACTIVITY] = now


def session_store(session_key: str | None) -> SessionBase:
    engine = import_module(settings.SESSION_ENGINE)
    store: SessionBase = engine.SessionStore(session_key)
    return store


def staff_session_alive(*, session_key: str, user_id: int) -> bool:
    """Whether this session still logs in this user (not flushed, expired or deleted, and
    made with the password the user has now)."""
    store = session_store(session_key)
    if str(store.get(SESSION_KEY)) != str(user_id):
        return False
    user = User.objects.filter(pk=user_id, is_active=True).first()
    return user is not None and session_password_current(user, store)


def session_password_current(user: User, session: SessionBase) -> bool:
    """As Django checks it for pages: the session carries the hash of the password the
    user has now. A password changed elsewhere (the Django admin, `changepassword`, a
    reset) ends every session made with the old one, sockets included."""
    stored = session.get(HASH_SESSION_KEY)
    return isinstance(stored, str) and constant_time_compare(stored, user.get_session_auth_hash())


def staff_socket_check(*, session_key: str, user_id: int, active_at: float | None) -> str | None:
    """For an open staff socket: record its latest action in the session, then say whether
    the session must end (IDLE, UNVERIFIED) or already has (ENDED: logged out, expired,
    account deactivated). An idle session is ended here, with all its sockets."""
    store = session_store(session_key)
    if str(store.get(SESSION_KEY)) != str(user_id):
        return ENDED
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not session_password_current(user, store):
        return ENDED
    last = store.get(LAST_ACTIVITY)
    if active_at is not None and (not isinstance(last, int | float) or active_at > last):
        store[LAST_ACTIVITY] = active_at
        try:
            store.save()  # an update only: a session deleted meanwhile stays deleted
        except UpdateError:
            return ENDED
    problem = staff_session_problem(user, store)
    if problem == IDLE:
        audit_record(actor=user, action=AuditEvent.Action.LOGOUT, detail={"reason": IDLE})
        store.delete()
        staff_sockets_close(user_id=user_id, session_key=session_key, reason=IDLE)
    return problem


def staff_sockets_close(*, user_id: int, session_key: str | None = None, reason: str) -> None:
    """Close the user's console and dashboard sockets once the current transaction commits:
    all of them, or only those of one session (a logout ends that browser's session)."""
    message = {"type": FORCE_CLOSE, "session": session_key, "reason": reason}
    on_commit(lambda: group_send_now(staff_group(user_id), message))


def pending_start(request: HttpRequest, user: Any, *, next_url: str) -> None:
    """The password was right; the session now waits for the second step (code or setup).
    Nobody is logged in until then."""
    request.session.cycle_key()
    request.session[PENDING_LOGIN] = {
        "user": user.pk,
        "backend": user.backend,
        "at": time.time(),
        "next": next_url,
    }


def pending_login(request: HttpRequest) -> tuple[User, str, str] | None:
    """(user, authentication backend, next URL) of a login waiting for its second step."""
    pending = request.session.get(PENDING_LOGIN)
    if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    user_id = pending.get("user")
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        return None
    return user, str(pending.get("backend")), str(pending.get("next") or "")


def pending_clear(request: HttpRequest) -> None:
    request.session.pop(PENDING_LOGIN, None)


def staff_login(
    request: HttpRequest,
    user: User,
    *,
    backend: str,
    device: Device | None = None,
    past_pause: bool = False,
) -> None:
    """Log in, audited; with `device`, the session is verified by a second factor
    (django_otp). `past_pause`: with password and code while logins were paused."""
    login(request, user, backend=backend)
    if device is not None:
        otp_login(request, device)
    request.session[LAST_ACTIVITY] = time.time()
    # The session lasts KIZUNA_STAFF_SESSION_SECONDS from login, however active it is.
    request.session.set_expiry(timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE))
    detail = {"two_factor": device is not None}
    if past_pause:
        detail["past_pause"] = True
    audit_record(actor=user, action=AuditEvent.Action.LOGIN, detail=detail)


def staff_logging_out(request: HttpRequest) -> None:
    """A staff member chose to log out (Django's logout follows): audited, and a login
    waiting for its second step in this browser is dropped."""
    if request.user.is_authenticated:
        audit_record(actor=request.user, action=AuditEvent.Action.LOGOUT)  # type: ignore[arg-type]
    pending_clear(request)


def staff_session_end(request: HttpRequest, *, reason: str) -> None:
    """A page's session that must end (IDLE, UNVERIFIED): log out (which closes its
    sockets, accounts/signals.py) and remember why for the login page. An idle end is
    audited as a logout."""
    if reason == IDLE:
        audit_record(actor=request.user, action=AuditEvent.Action.LOGOUT, detail={"reason": reason})  # type: ignore[arg-type]
    logout(request)
    request.session[ENDED_REASON] = reason


def staff_sessions_end(*, user_id: int) -> int:
    """End every session that logs this user in (their account was deactivated): a
    session kept by someone, or stolen, must not come back if the account is switched on
    again. Sessions carry no user column, so the live ones are read; only staff log in,
    so they are few. Returns how many."""
    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get(SESSION_KEY)) == str(user_id)
    ]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)
