"""Managing staff accounts (the Staff page): add, change role, capacity, name and active,
set a password, reset two-factor, unlock. Supervisors manage counselors (and may make a
counselor a supervisor); peers and admins are managed by admins (accounts/roles.py's
can_manage), and only admins give the admin role. Nobody changes their own role or
deactivates themselves. Every change is audited."""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from core.roles import Role

from .lockout import login_unlock
from .models import AuditEvent, User
from .roles import assigned_role, can_manage, roles_grantable
from .services import CAPACITY_MAX, audit_record
from .sessions import staff_sockets_close
from .two_factor import two_factor_reset, two_factor_throttle_reset

ROLE_NAMES = [role.value for role in Role]


def _check_manage(actor: User, user: User) -> None:
    if not can_manage(actor, user):
        raise PermissionDenied(_("You can't change this account."))


def _role_set(user: User, role: Role | str) -> None:
    others = user.groups.exclude(name__in=ROLE_NAMES)
    group, _created = Group.objects.get_or_create(name=role)
    user.groups.set([*others, group])


@transaction.atomic
def staff_account_create(
    *,
    actor: User,
    username: str,
    password: str,
    role: Role | str,
    display_name: str = "",
    capacity: int = 3,
) -> User:
    if role not in roles_grantable(actor):
        raise PermissionDenied(_("You can't give that role."))
    if not 0 <= capacity <= CAPACITY_MAX:
        raise PermissionDenied(_("That limit is out of range."))
    user = User(
        username=username,
        display_name=display_name,
        capacity=capacity,
        is_staff=role == Role.ADMIN,
    )
    user.set_password(password)
    user.save(force_insert=True)  # a new row only: never an existing account's
    _role_set(user, role)
    audit_record(
        actor=actor, action=AuditEvent.Action.STAFF_CREATE, target=user, detail={"role": role}
    )
    return user


@transaction.atomic
def staff_account_update(
    *,
    actor: User,
    user: User,
    role: Role | str,
    capacity: int,
    is_active: bool,
    display_name: str,
) -> User:
    """Apply the Staff page's form; audit each change. A role change or deactivation
    closes the user's open consoles (accounts/signals.py)."""
    _check_manage(actor, user)
    fields: list[str] = []
    old_role = assigned_role(user)
    if role != old_role:
        if user.pk == actor.pk:
            raise PermissionDenied(_("You can't change your own role."))
        if role not in roles_grantable(actor) or user.is_superuser:
            raise PermissionDenied(_("You can't give that role."))
        _role_set(user, role)
        user.is_staff = role == Role.ADMIN
        fields.append("is_staff")
        audit_record(
            actor=actor,
            action=AuditEvent.Action.ROLE_CHANGE,
            target=user,
            detail={"from": old_role.value if old_role else None, "to": str(role)},
        )
    if is_active != user.is_active:
        if user.pk == actor.pk:
            raise PermissionDenied(_("You can't deactivate your own account."))
        user.is_active = is_active
        fields.append("is_active")
        audit_record(
            actor=actor,
            action=AuditEvent.Action.ACTIVE_CHANGE,
            target=user,
            detail={"active": is_active},
        )
    if capacity != user.capacity:
        if not 0 <= capacity <= CAPACITY_MAX:
            raise PermissionDenied(_("That limit is out of range."))
        user.capacity = capacity
        fields.append("capacity")
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CAPACITY_CHANGE,
            target=user,
            detail={"capacity": capacity},
        )
    if display_name != user.display_name:
        user.display_name = display_name
        fields.append("display_name")
    if fields:
        user.save(update_fields=fields)
    return user


@transaction.atomic
def staff_password_set(*, actor: User, user: User, password: str) -> None:
    """A new password (someone forgot theirs). Their other sessions end."""
    _check_manage(actor, user)
    _not_own_credentials(actor, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(actor=actor, action=AuditEvent.Action.PASSWORD_SET, target=user)
    staff_sockets_close(user_id=user.pk, reason="ended")


@transaction.atomic
def staff_two_factor_reset(*, actor: User, user: User) -> None:
    """For a lost phone: they set up two-factor again at their next login."""
    _check_manage(actor, user)
    _not_own_credentials(actor, user)
    two_factor_reset(actor=actor, user=user)
    staff_sockets_close(user_id=user.pk, reason="ended")


def _not_own_credentials(actor: User, user: User) -> None:
    # Setting one's own password or second factor here asks for neither the current
    # password nor a code, so a session left open (or stolen) could take the account
    # over for good: another manager or an admin does it (issue 14).
    if actor.pk == user.pk:
        raise PermissionDenied(
            _(
                "Your own password and two-factor login are changed by an admin or "
                "another manager, so that an open session can't take your account."
            )
        )


@transaction.atomic
def staff_unlock(*, actor: User, user: User) -> None:
    """Lift a lockout after failed logins before its time is up."""
    _check_manage(actor, user)
    login_unlock(user.get_username())
    two_factor_throttle_reset(user=user)
    audit_record(actor=actor, action=AuditEvent.Action.UNLOCK, target=user)
