"""Staff logins for tests, with their second factor: each user gets an authenticator
(a TOTP device) whose current code is computed from its key, as the app on a phone would.

- `staff_login(client, user)`: the real two steps, password then code, through the forms.
- `verified_login(client, user)` (the load kit's): for tests that skip the password with
  force_login: the session is marked verified by the user's authenticator as
  django_otp.login does.
- `http_staff_cookie(base_url, username)`: the two steps against a server subprocess,
  through the load kit's HTTP login.
"""

import time
from typing import Any

from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from bench.kit.app import authenticator_for, verified_login
from bench.kit.http import staff_login as http_staff_login

__all__ = [
    "PASSWORD",
    "authenticator_for",
    "http_staff_cookie",
    "staff_login",
    "totp_code",
    "verified_login",
    "wrong_code",
]

PASSWORD = "a-long-test-password"  # tests/accounts/factories.py gives every staff member this one


def totp_code(device: TOTPDevice) -> str:
    """A code the server will accept now. Each code works once, so a second login within
    the same 30 s uses the next step's code, which the server's tolerance allows."""
    device.refresh_from_db()
    now_t = int((time.time() - device.t0) // device.step) + device.drift
    step = max(now_t, device.last_t + 1)
    if step > now_t + device.tolerance:
        time.sleep(device.step)  # only after three logins of one user within one step
        return totp_code(device)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, 0)
    totp.time = device.t0 + step * device.step
    return f"{totp.token():0{device.digits}d}"


def staff_login(client: Client, user: Any, *, password: str = PASSWORD) -> Client:
    """Log in through the forms: password, then the current code from the authenticator."""
    device = authenticator_for(user)
    response = client.post("/accounts/login/", {"username": user.username, "password": password})
    assert response.status_code == 302 and response["Location"].endswith("/accounts/login/code/"), (
        response.status_code,
        response.get("Location"),
    )
    response = client.post("/accounts/login/code/", {"code": totp_code(device)})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def wrong_code(device: TOTPDevice) -> str:
    """Six digits the authenticator does not show around now."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    near = set()
    for offset in range(-device.tolerance - 1, device.tolerance + 2):
        totp.drift = device.drift + offset
        near.add(f"{totp.token():0{device.digits}d}")
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in near)


def http_staff_cookie(base_url: str, username: str, password: str = PASSWORD) -> str:
    """Log in to a running server (a subprocess) through its forms, second factor
    included; return the Cookie header value for the staff member's sockets."""
    from accounts.models import User

    device = authenticator_for(User.objects.get(username=username))
    return http_staff_login(
        base_url, username=username, password=password, code=lambda: totp_code(device)
    )
