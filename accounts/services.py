"""Writes for staff accounts and the audit log."""

from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from .models import AuditEvent, Presence, Role, User


def audit_record(
    *, actor: User | None, action: str, target: Any = None, detail: dict | None = None
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        target_type=target._meta.model_name if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        detail=detail or {},
    )


def staff_presence_set(*, user: User, presence: Presence | str) -> None:
    User.objects.filter(pk=user.pk).update(presence=presence, presence_changed_at=timezone.now())
    user.presence = presence


@transaction.atomic
def staff_create(
    *, username: str, password: str, role: Role | str, display_name: str = "", capacity: int = 3
) -> User:
    """Create or reset a staff member with one role (used for demo and first accounts)."""
    user, _ = User.objects.get_or_create(username=username)
    user.display_name = display_name
    user.capacity = capacity
    user.is_staff = role == Role.ADMIN
    user.set_password(password)
    user.save()
    group, _created = Group.objects.get_or_create(name=role)
    user.groups.set([group])
    return user
