"""Who may manage whose account, and which roles they may give (core/roles.py checks roles)."""

from typing import Any

from core.roles import Role, is_admin, is_supervisor


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
    """Roles `actor` may give: admins any; supervisors the counselor role only. A
    supervisor who could make supervisors (new accounts, or counselors promoted) would
    make accounts that only admins can manage afterwards, with a password they chose and
    a second factor they could enrol themselves (found in an attack on a running
    instance); peers are made by admins, as they are managed by admins."""
    if is_admin(actor):
        return [Role.COUNSELOR, Role.SUPERVISOR, Role.ADMIN]
    if is_supervisor(actor):
        return [Role.COUNSELOR]
    return []


def can_manage(actor: Any, target: Any) -> bool:
    """Whether `actor` may change `target`'s account (password, two-factor, role, limit,
    active). Admins manage everyone. Supervisors manage counselors (and their own name and
    limit) only: a supervisor who could reset a peer's password and two-factor could log
    in as that peer and use what only the peer was given, such as the research export
    (issue 14, finding 5). An account an admin gave a permission of its own is the
    admins' too, whatever its role."""
    if not is_supervisor(actor):
        return False
    if is_admin(actor):
        return True
    if target.pk == actor.pk:
        return True  # own name and limit; own role and active are refused by the service
    if target.is_superuser or target.is_staff:
        return False
    if assigned_role(target) not in (Role.COUNSELOR, None):
        return False
    return not target.user_permissions.exists()
