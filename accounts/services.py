"""Writes for staff accounts and the audit log."""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.roles import Role, is_supervisor

from .models import AuditEvent, ConsoleSocket, Presence, PresenceChange, User
from .selectors import staff_managed

# A counselor holding more than this many conversations at once cannot give each the
# attention it needs; supervisors set each counselor's limit within it.
CAPACITY_MAX = 10
# A console that missed this many heartbeats in a row is gone with its web process.
CONSOLE_MISSED_HEARTBEATS = 3


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


def console_stale_before() -> datetime:
    """Consoles not seen since then belong to a web process that is gone."""
    heartbeat = settings.KIZUNA["CONSOLE_HEARTBEAT_SECONDS"]
    return timezone.now() - timedelta(seconds=heartbeat * CONSOLE_MISSED_HEARTBEATS)


def _presence_write(me: User, presence: Presence) -> None:
    me.presence, me.presence_changed_at = presence, timezone.now()
    me.save(update_fields=["presence", "presence_changed_at"])
    PresenceChange.objects.create(user=me, presence=presence, at=me.presence_changed_at)


def console_connected(*, user: User, channel_name: str) -> bool:
    """Record an open console; the first one makes an offline counselor available, and an
    offline supervisor away: watching the queue is their work, and they take chats only
    when they choose "Available". Returns True when they had no console open (back)."""
    with transaction.atomic():
        me = User.objects.select_for_update().get(pk=user.pk)  # one change at a time
        me.console_sockets.filter(seen_at__lt=console_stale_before()).delete()
        came_back = not me.console_sockets.exists()
        ConsoleSocket.objects.update_or_create(
            channel_name=channel_name, defaults={"user": me, "seen_at": timezone.now()}
        )
        if me.presence == Presence.OFFLINE:
            _presence_write(me, Presence.AWAY if is_supervisor(me) else Presence.AVAILABLE)
    return came_back


def console_disconnected(*, user: User, channel_name: str) -> bool:
    """Forget a closed console; with none left the counselor is offline (the grace period
    for their conversations starts now). Returns True when that happened."""
    with transaction.atomic():
        me = User.objects.select_for_update().get(pk=user.pk)
        me.console_sockets.filter(channel_name=channel_name).delete()
        gone = not me.console_sockets.exists()
        if gone and me.presence != Presence.OFFLINE:
            _presence_write(me, Presence.OFFLINE)
    return gone


def consoles_seen(*, channel_names: list[str]) -> list[str]:
    """The heartbeat of one web process's open consoles. Returns those no longer recorded:
    beat closed them as stale while this process was too busy to say otherwise."""
    consoles = ConsoleSocket.objects.filter(channel_name__in=channel_names)
    consoles.update(seen_at=timezone.now())
    recorded = set(consoles.values_list("channel_name", flat=True))
    return [name for name in channel_names if name not in recorded]


def consoles_stale_close() -> list[User]:
    """Remove the consoles of web processes that died without closing them; counselors
    left with none go offline, as if they had closed them. Returns those counselors."""
    gone = []
    stale_users = set(
        ConsoleSocket.objects.filter(seen_at__lt=console_stale_before()).values_list(
            "user_id", flat=True
        )
    )
    for user_id in stale_users:
        with transaction.atomic():
            me = User.objects.select_for_update().get(pk=user_id)
            me.console_sockets.filter(seen_at__lt=console_stale_before()).delete()
            if not me.console_sockets.exists() and me.presence != Presence.OFFLINE:
                _presence_write(me, Presence.OFFLINE)
                gone.append(me)
    return gone


def staff_password_set(*, user: User, password: str) -> None:
    user.set_password(password)
    user.save(update_fields=["password"])


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
    # Only what a reset sets: the rest of the row (presence, last login) is written by
    # their consoles and logins meanwhile, and must not be put back as it was read.
    user.save(update_fields=["display_name", "capacity", "is_staff", "password"])
    group, _created = Group.objects.get_or_create(name=role)
    user.groups.set([group])
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    return user


def staff_capacity_set(*, actor: User, user_id: object, capacity: object) -> User | None:
    """Set a counselor's limit of concurrent conversations (0 pauses new ones), as `actor`.
    Returns None when there is no such active user the actor may manage (can_manage:
    a supervisor never a peer's or an admin's), or the value is out of range.
    Conversations already held are kept; the limit applies to the next take or assignment."""
    if not isinstance(capacity, int) or isinstance(capacity, bool):
        return None
    if not 0 <= capacity <= CAPACITY_MAX:
        return None
    user = staff_managed(actor, user_id)
    if user is None:
        return None
    user.capacity = capacity
    user.save(update_fields=["capacity"])
    return user
