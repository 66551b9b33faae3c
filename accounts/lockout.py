"""Lockout after repeated failed logins (django-axes), by username only and without
storing who tried: no client address, no browser string (DESIGN.md, Privacy)."""

import contextlib
import hashlib
from typing import Any, NamedTuple

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_otp.models import Device

from .models import User
from .sessions import pending_clear
from .two_factor import has_two_factor, two_factor_matches, two_factor_throttled, two_factor_verify


def no_client_address(request: HttpRequest) -> None:
    """AXES_CLIENT_IP_CALLABLE: lockouts are by username, so the address is never needed."""
    return None


def _forget_client(request: HttpRequest | None) -> None:
    if request is not None:
        request.axes_ip_address = None  # type: ignore[attr-defined]
        request.axes_user_agent = ""  # type: ignore[attr-defined]


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler, with the client's address and browser blanked before any
    record or log line is written."""

    def user_login_failed(self, sender: Any, credentials: dict, request: Any = None, **kwargs: Any):  # type: ignore[no-untyped-def]
        _forget_client(request)
        return super().user_login_failed(sender, credentials, request, **kwargs)

    def user_logged_in(self, sender: Any, request: Any, user: Any, **kwargs: Any):  # type: ignore[no-untyped-def]
        _forget_client(request)
        return super().user_logged_in(sender, request, user, **kwargs)

    def user_logged_out(self, sender: Any, request: Any, user: Any, **kwargs: Any):  # type: ignore[no-untyped-def]
        _forget_client(request)
        return super().user_logged_out(sender, request, user, **kwargs)


def lockout_minutes() -> int:
    cool_off = get_cool_off()
    return max(1, round(cool_off.total_seconds() / 60)) if cool_off else 0


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: a calm page saying what happened and what to do."""
    pending_clear(request)  # a second step that was waiting for a code is over too
    return render(
        request,
        "accounts/locked_out.html",
        {"minutes": lockout_minutes(), "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


def login_locked(request: HttpRequest, username: str) -> bool:
    return bool(AxesProxyHandler.is_locked(request, {"username": username}))


def login_failure_record(request: HttpRequest, username: str) -> bool:
    """Count a wrong second-factor code as a failed login; True if that locked the account."""
    user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)
    return bool(getattr(request, "axes_locked_out", False))


def login_unlock(username: str) -> int:
    half_right_clear(username)
    return int(AxesProxyHandler.reset_attempts(username=username))


# --- Past a lockout with the second factor ------------------------------------------
#
# A lockout by username alone lets anyone who knows a username keep its owner out by
# typing wrong passwords (issue 14, finding 13). So a paused account still opens to its
# password *and* a code from its authenticator app or a recovery code, given together
# (views.login_second_factor); the password alone stays paused. The answer never says
# which of the two was wrong. Guessing both at once is hopeless, so such tries count
# nowhere: a stranger cannot close this way in too. Tries with exactly one of the two
# right come from someone holding a password or a phone: those are counted, and after
# AXES_FAILURE_LIMIT of them this way pauses as well (an admin or supervisor unlocks).

HALF_RIGHT = "login-half-right:{}"


def _half_right_key(username: str) -> str:
    return HALF_RIGHT.format(hashlib.sha256(username.encode()).hexdigest())


def _half_right_count(username: str) -> int:
    try:
        return int(cache.get(_half_right_key(username)) or 0)
    except Exception:
        return 0


def _half_right_record(username: str) -> None:
    key, seconds = _half_right_key(username), lockout_minutes() * 60 or 900
    with contextlib.suppress(Exception):
        cache.add(key, 0, timeout=seconds)
        cache.incr(key)


def half_right_clear(username: str) -> None:
    with contextlib.suppress(Exception):
        cache.delete(_half_right_key(username))


class SecondFactorLogin(NamedTuple):
    """What a password-and-code try came to: the user and device when both were right,
    else why not ("wrong", "wait" while django-otp delays after wrong codes, "paused")."""

    user: User | None = None
    device: Device | None = None
    refusal: str = ""


def login_with_second_factor(
    request: HttpRequest, *, username: str, password: str, code: str
) -> SecondFactorLogin:
    if _half_right_count(username) >= settings.AXES_FAILURE_LIMIT:
        return SecondFactorLogin(refusal="paused")
    # The model backend itself: axes' backend would refuse the username as locked.
    user = ModelBackend().authenticate(request, username=username, password=password)
    if isinstance(user, User):
        if two_factor_throttled(user=user, code=code):
            return SecondFactorLogin(refusal="wait")
        device = two_factor_verify(user=user, code=code) if has_two_factor(user) else None
        if device is not None:
            half_right_clear(username)
            return SecondFactorLogin(user=user, device=device)
        _half_right_record(username)  # the password was right
        return SecondFactorLogin(refusal="wrong")
    owner = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
    if owner is not None and two_factor_matches(user=owner, code=code):
        _half_right_record(username)  # the code was right
    return SecondFactorLogin(refusal="wrong")
