"""Lockout after repeated failed logins (django-axes), by username only and without
storing who tried: no client address, no browser string (DESIGN.md, Privacy)."""

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .sessions import pending_clear


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
    return int(AxesProxyHandler.reset_attempts(username=username))
