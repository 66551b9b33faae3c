"""Reads for the Staff page, scoped to what the person asking may manage."""

from typing import Any

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.errors import Refusal
from core.roles import Role, is_counselor, is_supervisor

from .models import User
from .roles import assigned_role, can_manage, roles_grantable


def staff_for_manager(actor: User) -> QuerySet[User]:
    """Accounts `actor` may see on the Staff page (and so fetch by id): all of them for
    admins; for supervisors, everyone but admins."""
    users = User.objects.order_by("username").prefetch_related("groups")
    grantable = roles_grantable(actor)
    if not grantable:
        return users.none()
    if Role.ADMIN in grantable:
        return users
    return users.filter(is_superuser=False, is_staff=False).exclude(groups__name=Role.ADMIN)


def locked_usernames() -> set[str]:
    """Usernames whose login is paused after failed attempts (django-axes)."""
    cool_off = get_cool_off()
    if cool_off is None:
        return set()
    attempts = AccessAttempt.objects.filter(
        attempt_time__gte=timezone.now() - cool_off,
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
    )
    return {name for name in attempts.values_list("username", flat=True) if name}


def staff_rows(actor: User) -> list[dict[str, Any]]:
    users = list(staff_for_manager(actor))
    with_app = set(
        TOTPDevice.objects.filter(user__in=users, confirmed=True).values_list("user_id", flat=True)
    )
    locked = locked_usernames()
    return [
        {
            "user": user,
            "role": assigned_role(user),
            "two_factor": user.pk in with_app,
            "locked": user.get_username() in locked,
        }
        for user in users
    ]


def staff_acting(user_id: int, *, supervisor: bool = False) -> User:
    """A staff socket's user, checked on every action: roles can change and accounts be
    deactivated while a console or dashboard is open. Refused as "forbidden" (the socket
    then closes) when they may no longer act as a counselor, or (the dashboard's) as a
    supervisor who is also a counselor."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not is_counselor(user) or (supervisor and not is_supervisor(user)):
        raise Refusal("forbidden")
    return user


def _user_pk(user_id: object) -> int | None:
    return user_id if isinstance(user_id, int) and not isinstance(user_id, bool) else None


def staff_managed(actor: User, user_id: object) -> User | None:
    """An active account `actor` may manage (roles.can_manage), by id. None alike when
    there is no such account and when it is not theirs to manage."""
    pk = _user_pk(user_id)
    user = User.objects.filter(pk=pk, is_active=True).first() if pk is not None else None
    return user if user is not None and can_manage(actor, user) else None


def counselor_on_team(user_id: object, *, lock: bool = False) -> User | None:
    """An active staff member who may answer help-seekers (is_counselor), by id: whom a
    conversation can go to or a status be set for. None alike when there is no such
    account and when it is not a counselor's. With `lock`, their row is locked (NO KEY:
    rows that merely point at them, such as audit rows, must not wait for it)."""
    pk = _user_pk(user_id)
    users = User.objects.select_for_update(no_key=True) if lock else User.objects.all()
    user = users.filter(pk=pk, is_active=True).first() if pk is not None else None
    return user if user is not None and is_counselor(user) else None
