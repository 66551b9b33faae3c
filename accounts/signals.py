"""A staff member's open consoles and dashboards close within seconds when they log out,
are deactivated, have their role changed or their password changed (only the sockets of
sessions made with the old password) (accounts/sockets.py does the closing)."""

from typing import Any

from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from .models import User
from .sessions import PASSWORD_CHANGED, staff_sessions_end, staff_sockets_close


@receiver(user_logged_out, dispatch_uid="accounts.logout_closes_sockets")
def logout_closes_sockets(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None and request is not None:
        # Sent before the session is flushed: its key still names it.
        session_key = request.session.session_key
        staff_sockets_close(user_id=user.pk, session_key=session_key, reason="logged_out")


@receiver(post_save, sender=User, dispatch_uid="accounts.deactivation_closes_sockets")
def deactivation_closes_sockets(
    sender: Any, instance: User, created: bool, update_fields: Any = None, **kwargs: Any
) -> None:
    if created or instance.is_active:
        return
    if update_fields is None or "is_active" in update_fields:
        staff_sessions_end(user_id=instance.pk)
        staff_sockets_close(user_id=instance.pk, reason="deactivated")


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="accounts.role_closes_sockets")
def role_change_closes_sockets(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any
) -> None:
    if reverse:  # group.user_set changed: pk_set names the users
        if action == "pre_clear":
            instance._kizuna_cleared_users = list(instance.user_set.values_list("pk", flat=True))
            return
        user_ids = (
            getattr(instance, "_kizuna_cleared_users", [])
            if action == "post_clear"
            else list(pk_set or ())
        )
    else:
        user_ids = [instance.pk]
    if action == "post_clear" or (action in {"post_add", "post_remove"} and pk_set):
        for user_id in user_ids:
            staff_sockets_close(user_id=user_id, reason="role_changed")


@receiver(post_save, sender=User, dispatch_uid="accounts.password_change_closes_sockets")
def password_change_closes_sockets(
    sender: Any, instance: User, created: bool, **kwargs: Any
) -> None:
    # set_password() keeps the new password until save() has sent this signal, wherever
    # it was changed: the Django admin, `changepassword`, a reset. Each socket then checks
    # its own session (one updated with update_session_auth_hash stays open).
    if not created and getattr(instance, "_password", None) is not None:
        staff_sockets_close(user_id=instance.pk, reason=PASSWORD_CHANGED)
