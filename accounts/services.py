"""Writes for staff accounts and the audit log."""

from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import AuditEvent, Presence, PresenceChange, Role, User

# A counselor holding more than this many conversations at once cannot give each the
# attention it needs; supervisors set each counselor's limit within it.
CAPACITY_MAX = 10


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
    now = timezone.now()
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(presence=presence, presence_changed_at=now)
        PresenceChange.objects.create(user=user, presence=presence, at=now)
    user.presence = presence


def console_connected(*, user: User) -> bool:
    """Count an open console; the first one makes an offline counselor available.
    Returns True when the counselor was offline (they are back)."""
    with transaction.atomic():
        me = User.objects.select_for_update().get(pk=user.pk)
        came_back = me.console_connections == 0
        me.console_connections += 1
        fields = ["console_connections"]
        if me.presence == Presence.OFFLINE:
            me.presence, me.presence_changed_at = Presence.AVAILABLE, timezone.now()
            fields += ["presence", "presence_changed_at"]
            PresenceChange.objects.create(user=me, presence=me.presence, at=me.presence_changed_at)
        me.save(update_fields=fields)
    return came_back


def console_disconnected(*, user: User) -> bool:
    """Count a closed console; with none left the counselor is offline (the grace period
    for their conversations starts now). Returns True when that happened."""
    with transaction.atomic():
        me = User.objects.select_for_update().get(pk=user.pk)
        me.console_connections = max(0, me.console_connections - 1)
        fields = ["console_connections"]
        gone = me.console_connections == 0
        if gone:
            me.presence, me.presence_changed_at = Presence.OFFLINE, timezone.now()
            fields += ["presence", "presence_changed_at"]
            PresenceChange.objects.create(user=me, presence=me.presence, at=me.presence_changed_at)
        me.save(update_fields=fields)
    return gone


@transaction.atomic
def staff_create(
    *, username: str, password: str, role: Role | str, display_name: str = "", capacity: int = 3
) -> User:
    """Create or reset a staff member with one role (used for demo and first accounts).
    A reset also removes their two-factor devices: they set it up again at next login."""
    user, _ = User.objects.get_or_create(username=username)
    user.display_name = display_name
    user.capacity = capacity
    user.is_staff = role == Role.ADMIN
    user.set_password(password)
    user.save()
    group, _created = Group.objects.get_or_create(name=role)
    user.groups.set([group])
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    return user


def staff_capacity_set(*, user_id: object, capacity: object) -> User | None:
    """Set a counselor's limit of concurrent conversations (0 pauses new ones). Returns
    None when there is no such active user or the value is out of range. Conversations
    already held are kept; the limit applies to the next take or assignment."""
    if not isinstance(capacity, int) or isinstance(capacity, bool):
        return None
    if not 0 <= capacity <= CAPACITY_MAX:
        return None
    user = User.objects.filter(
        pk=user_id if isinstance(user_id, int) else -1, is_active=True
    ).first()
    if user is None:
        return None
    user.capacity = capacity
    user.save(update_fields=["capacity"])
    return user
