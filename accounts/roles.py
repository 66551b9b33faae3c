"""Role checks. A role is membership of the Django group of the same name."""

from collections.abc import Iterable
from typing import Any

from .models import Role


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


def assigned_role(user: Any) -> Role | None:
    """The highest role a user holds, active or not (user_roles is empty when inactive)."""
    if user.is_superuser:
        return Role.ADMIN
    names = {group.name for group in user.groups.all()}  # uses prefetch_related("groups")
    for role in (Role.ADMIN, Role.SUPERVISOR, Role.COUNSELOR):
        if role in names:
            return role
    return None


def roles_grantable(actor: Any) -> list[Role]:
    """Roles `actor` may give: admins any, supervisors never admin (no escalation)."""
    if is_admin(actor):
        return [Role.COUNSELOR, Role.SUPERVISOR, Role.ADMIN]
    if is_supervisor(actor):
        return [Role.COUNSELOR, Role.SUPERVISOR]
    return []


def can_manage(actor: Any, target: Any) -> bool:
    """Whether `actor` may change `target`'s account: supervisors manage counselors and
    supervisors; only admins touch an admin's (or Django-admin user's) account."""
    if not is_supervisor(actor):
        return False
    if is_admin(actor):
        return True
    return not (target.is_superuser or target.is_staff or assigned_role(target) == Role.ADMIN)
