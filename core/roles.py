"""Role checks. A role is membership of the Django group of the same name (accounts
creates the groups; every layer checks roles through here)."""

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Roles are Django groups of these names, created by a data migration."""

    COUNSELOR = "counselor", _("Counselor")
    SUPERVISOR = "supervisor", _("Supervisor")
    ADMIN = "admin", _("Admin")


def user_roles(user: Any) -> set[str]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    cached = getattr(user, "_kizuna_roles", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached.add(Role.ADMIN)
        user._kizuna_roles = cached
    return cached


def user_has_role(user: Any, roles: Iterable[str]) -> bool:
    return bool(user_roles(user) & set(roles))


def is_counselor(user: Any) -> bool:
    """Anyone who may answer help-seekers: counselors, and supervisors who step in."""
    return user_has_role(user, (Role.COUNSELOR, Role.SUPERVISOR))


def is_supervisor(user: Any) -> bool:
    return user_has_role(user, (Role.SUPERVISOR, Role.ADMIN))


def is_admin(user: Any) -> bool:
    return user_has_role(user, (Role.ADMIN,))
