"""Lockout by username is no longer a way to keep staff out (issue 14, finding 13).

The attack: anyone who knows a username types wrong passwords until logging in to that
account is paused, and again whenever the pause ends. Now the owner still logs in with
password and second factor together (TOTP or a recovery code), the password alone stays
paused, and an admin can lift a pause from the staff page (audited).
"""

from html import unescape
from typing import Any

import pytest
from django.test import Client

from accounts.models import AuditEvent
from accounts.two_factor import recovery_codes_replace
from core.roles import Role
from tests.accounts.factories import StaffFactory, counselor, supervisor
from tests.support.staff import PASSWORD, authenticator_for, totp_code, verified_login, wrong_code

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PAST_PAUSE = "/accounts/login/paused/"


@pytest.fixture(autouse=True)
def limits(settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 5
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def paused(response: Any) -> bool:
    return response.status_code == 429 and "Logging in is paused" in response.content.decode()


def outsider_locks_out(username: str, tries: int = 20) -> None:
    """An outsider with nothing but the username: wrong passwords, and wrong passwords
    with invented codes on the way past the pause as well."""
    for n in range(tries):
        Client().post(LOGIN, {"username": username, "password": f"guess-{n}"})
        Client().post(
            PAST_PAUSE, {"username": username, "password": f"guess-{n}", "code": f"{n:06d}"}
        )


def refused(response: Any) -> bool:
    return "That didn't work" in unescape(response.content.decode())


def past_pause(browser: Client, username: str, password: str, code: str) -> Any:
    return browser.post(PAST_PAUSE, {"username": username, "password": password, "code": code})


def test_an_outsider_s_failed_attempts_no_longer_keep_the_owner_out() -> None:
    staff = counselor()
    device = authenticator_for(staff)
    outsider_locks_out(staff.username)
    # The attack still pauses the password alone, from any browser ...
    assert paused(Client().post(LOGIN, {"username": staff.username, "password": PASSWORD}))
    # ... and the locked page shows the owner the way in that is still open.
    locked_page = Client().post(LOGIN, {"username": staff.username, "password": "x"})
    assert paused(locked_page) and PAST_PAUSE in locked_page.content.decode()
    owner = Client()
    response = past_pause(owner, staff.username, PASSWORD, totp_code(device))
    assert response.status_code == 302
    assert owner.get("/console/").status_code == 200
    event = AuditEvent.objects.filter(actor=staff, action=AuditEvent.Action.LOGIN).get()
    assert event.detail == {"two_factor": True, "past_pause": True}
    # A complete login lifts the pause for the password step too.
    browser = Client()
    assert (
        browser.post(LOGIN, {"username": staff.username, "password": PASSWORD}).status_code == 302
    )


def test_a_recovery_code_also_opens_a_paused_account_once() -> None:
    staff = supervisor()
    authenticator_for(staff)
    code = recovery_codes_replace(user=staff)[0]
    outsider_locks_out(staff.username, tries=5)
    assert past_pause(Client(), staff.username, PASSWORD, code).status_code == 302
    outsider_locks_out(staff.username, tries=5)
    again = past_pause(Client(), staff.username, PASSWORD, code)
    assert again.status_code == 200 and refused(again)


def test_the_password_alone_or_the_code_alone_does_not_get_past_the_pause() -> None:
    staff = counselor()
    device = authenticator_for(staff)
    outsider_locks_out(staff.username, tries=5)
    for password, code in ((PASSWORD, wrong_code(device)), ("not-it", totp_code(device))):
        response = past_pause(Client(), staff.username, password, code)
        # One answer whichever was wrong: nothing tells a guesser which half was right.
        assert response.status_code == 200
        assert refused(response)
    # Without a second factor there is no way past the pause (an admin unlocks).
    plain = counselor()
    outsider_locks_out(plain.username, tries=5)
    assert past_pause(Client(), plain.username, PASSWORD, "123456").status_code == 200


def test_half_right_tries_are_limited_but_an_outsider_cannot_spend_them() -> None:
    """Someone with the password (or the phone) guessing the other half is paused on
    this way too; guesses of both at once, which is all an outsider has, count nowhere."""
    staff = counselor()
    device = authenticator_for(staff)
    outsider_locks_out(staff.username, tries=30)
    for _ in range(5):
        past_pause(Client(), staff.username, PASSWORD, wrong_code(device))
    assert paused(past_pause(Client(), staff.username, PASSWORD, totp_code(device)))


def test_an_admin_unlocks_one_account_from_the_staff_page_audited() -> None:
    staff, other = counselor(), counselor()
    boss: Any = StaffFactory(role=Role.ADMIN, is_staff=True)
    outsider_locks_out(staff.username, tries=5)
    outsider_locks_out(other.username, tries=5)
    page = verified_login(Client(), boss)
    response = page.post(f"/accounts/staff/{staff.pk}/", {"action": "unlock"})
    assert response.status_code == 302
    assert (
        Client().post(LOGIN, {"username": staff.username, "password": PASSWORD}).status_code == 302
    )
    # Only that account: the other stays paused.
    assert paused(Client().post(LOGIN, {"username": other.username, "password": PASSWORD}))
    event = AuditEvent.objects.get(actor=boss, action=AuditEvent.Action.UNLOCK)
    assert event.target_id == str(staff.pk)
