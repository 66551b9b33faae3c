"""Two-factor login: a TOTP authenticator app (django-otp's otp_totp) and ten one-time
recovery codes (otp_static). Who must use it, setting it up, checking a code, resetting."""

import io
import re
import time
from base64 import b32encode
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.html import escape
from django_otp import verify_token
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.roles import Role, user_roles

from .models import AuditEvent, User
from .services import audit_record

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "authenticator"
RECOVERY_NAME = "recovery codes"
_TOTP_CODE = re.compile(r"^\d{6}$")


def two_factor_required(user: Any) -> bool:
    """Supervisors and admins always; counselors unless KIZUNA_COUNSELOR_2FA is off. A user
    with no role can reach no staff page, so nothing is asked of them."""
    roles = user_roles(user)
    if user.is_staff or roles & {Role.SUPERVISOR, Role.ADMIN}:
        return True
    return Role.COUNSELOR in roles and bool(settings.KIZUNA["COUNSELOR_2FA"])


def authenticator(user: Any) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_two_factor(user: Any) -> bool:
    return authenticator(user) is not None


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def authenticator_for_setup(user: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up: the same secret until it is confirmed,
    so reloading the setup page does not invalidate what the app already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def totp_secret(device: TOTPDevice) -> str:
    """The secret as people type it into an app: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_svg(device: TOTPDevice, *, label: str) -> str:
    """The otpauth:// URI as an inline SVG QR code, drawn here (no script, no style), with
    `label` as its text alternative."""
    image = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=12, border=2
    )
    out = io.BytesIO()
    image.save(out)
    svg = out.getvalue().decode()
    # Drop the XML declaration: the SVG goes inside an HTML page.
    svg = svg[svg.index("<svg") :]
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)


def _normalise(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def two_factor_enable(*, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm an authenticator with a code from it; replace any other devices and return
    fresh recovery codes (shown once). None when the code is wrong."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if device.confirmed or not device.verify_token(_normalise(code)):
            return None
        TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _recovery_codes_replace(device.user)
        audit_record(
            actor=device.user, action=AuditEvent.Action.TWO_FACTOR_SETUP, target=device.user
        )
    return codes


def recovery_codes_replace(*, user: User) -> list[str]:
    """New recovery codes; the old ones stop working."""
    with transaction.atomic():
        codes = _recovery_codes_replace(user)
        audit_record(actor=user, action=AuditEvent.Action.RECOVERY_CODES, target=user)
    return codes


def recovery_codes_renew(*, user: Any) -> list[str]:
    """New recovery codes asked for from the account's own page: only by a session that
    logged in with its second factor, on an account that has one."""
    if not (has_two_factor(user) and user.is_verified()):
        raise PermissionDenied
    return recovery_codes_replace(user=user)


def _recovery_codes_replace(user: Any) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [_shown(code) for code in codes]


def _shown(code: str) -> str:
    """A recovery code as people read it: two groups of four."""
    return f"{code[:4]}-{code[4:]}"


def two_factor_verify(*, user: User, code: str) -> Device | None:
    """The device that accepts `code`: six digits are checked against the authenticator,
    anything else against the recovery codes (each works once). None if neither does."""
    code = _normalise(code)
    model: type[Device] = TOTPDevice if _TOTP_CODE.match(code) else StaticDevice
    for device in model.objects.filter(user=user, confirmed=True):
        verified = verify_token(user, device.persistent_id, code)
        if verified is not None:
            return verified
    return None


def two_factor_throttled(*, user: User, code: str) -> bool:
    """True while django-otp makes the user wait after a wrong code (it doubles each time):
    such a try is not checked at all, so it should not count as a failure either."""
    model: type[Device] = TOTPDevice if _TOTP_CODE.match(_normalise(code)) else StaticDevice
    devices = list(model.objects.filter(user=user, confirmed=True))
    return bool(devices) and not any(device.verify_is_allowed()[0] for device in devices)


def two_factor_throttle_reset(*, user: User) -> None:
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).update(
            throttling_failure_count=0, throttling_failure_timestamp=None
        )


@transaction.atomic
def two_factor_reset(*, actor: User, user: User) -> None:
    """Remove a user's authenticator and recovery codes (a lost phone): at their next login
    they set it up again. Their sessions lose their verification."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(actor=actor, action=AuditEvent.Action.TWO_FACTOR_RESET, target=user)


def authenticator_install(*, user: User, key_hex: str | None = None) -> TOTPDevice:
    """Give a user a confirmed authenticator (with `key_hex`, or a new random key), for
    demo and scripted accounts that log in without a setup step."""
    TOTPDevice.objects.filter(user=user).delete()
    fields: dict[str, Any] = {"user": user, "name": AUTHENTICATOR_NAME, "confirmed": True}
    if key_hex:
        fields["key"] = key_hex
    return TOTPDevice.objects.create(**fields)


def demo_second_factor_kept(*, user: User) -> tuple[TOTPDevice, list[str]] | None:
    """A demo account's authenticator and its unused recovery codes, if it has both, so
    that `make run` can restart without breaking an app set up the first time."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    codes = list(
        StaticToken.objects.filter(device__user=user, device__name=RECOVERY_NAME).values_list(
            "token", flat=True
        )
    )
    return (device, [_shown(code) for code in codes]) if device is not None and codes else None


def two_factor_matches(*, user: Any, code: str) -> bool:
    """Whether `code` would be accepted, without using it up or touching django-otp's
    wrong-code delay: for a login whose password was wrong (accounts/lockout.py), where a
    stranger's guesses must not slow down the owner's own codes."""
    code = _normalise(code)
    if _TOTP_CODE.match(code):
        for device in TOTPDevice.objects.filter(user=user, confirmed=True):
            totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
            totp.time = time.time()
            if totp.verify(int(code), device.tolerance, device.last_t + 1):
                return True
        return False
    return StaticToken.objects.filter(
        device__user=user, device__confirmed=True, token=code
    ).exists()
