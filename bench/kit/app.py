"""Everything the load kit takes from the app itself, in one place, so that moving an app
module means changing one line here.

The kit's clients speak to the app over HTTP and websockets and need nothing of it but
the admission proof and the seeker cookie's name. Staff are created inside the app (a
`manage.py shell` script), and tests and the dashboard benchmark make verified staff
sessions in-process: those functions import Django's side when called, since a bench
script has no Django set up until it asks for one.
"""

from __future__ import annotations

from typing import Any

from counseling.proof import proof_for

__all__ = [
    "SEEKER_COOKIE",
    "SESSION_COOKIE",
    "authenticator_for",
    "proof_for",
    "staff_create_script",
    "verified_login",
]

# settings.KIZUNA["SEEKER_COOKIE_NAME"] and Django's SESSION_COOKIE_NAME, as deployed.
SEEKER_COOKIE = "kizuna_seeker"
SESSION_COOKIE = "sessionid"


def staff_create_script(
    usernames: list[str], *, password: str, role: str, capacity: int | None = None
) -> str:
    """A `manage.py shell -c` script creating staff through accounts.services.staff_create.

    PBKDF2 costs over a second per hash here; the accounts share one password, so it is
    hashed once and the hash reused instead of hashing the same text for every account.
    """
    capacity_argument = f", capacity={capacity}" if capacity is not None else ""
    return f"""
import django.contrib.auth.base_user as base_user
from django.contrib.auth.hashers import make_password
from accounts.services import staff_create
hashed = make_password({password!r})
base_user.make_password = lambda raw_password, *args, **kwargs: hashed
for username in {usernames!r}:
    staff_create(username=username, password={password!r}, role={role!r},
                 display_name=username{capacity_argument})
"""


def authenticator_for(user: Any) -> Any:
    """The user's confirmed authenticator (a django_otp TOTPDevice), added if they have none."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.two_factor import AUTHENTICATOR_NAME

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=True)


def verified_login(client: Any, user: Any) -> Any:
    """force_login on a django.test.Client, then mark the session verified by the user's
    authenticator as django_otp.login does: the session the two-step login leaves."""
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authenticator_for(user).persistent_id
    session.save()
    return client
