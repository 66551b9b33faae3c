"""Lockout after repeated failed logins (django-axes): by username, counting wrong
passwords and wrong two-factor codes alike, told in plain words, and stored without the
client's address or browser."""

from typing import Any

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db import connection
from django.test import Client

from accounts.models import AuditEvent
from accounts.staff import staff_unlock
from tests.accounts.factories import counselor, supervisor
from tests.support.staff import PASSWORD, authenticator_for, totp_code, wrong_code

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
CODE = "/accounts/login/code/"
ADDRESS = "203.0.113.7"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Fingerprintable/1.0"


@pytest.fixture(autouse=True)
def limits(settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 5
    # Every wrong code is checked here, not waited out: django-otp's own doubling delay
    # after a wrong code is a separate brake, tested in test_two_factor.py.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def client() -> Client:
    return Client(REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=BROWSER)


def wrong_password(browser: Client, username: str) -> Any:
    return browser.post(LOGIN, {"username": username, "password": "not-the-password"})


def paused(response: Any) -> bool:
    return response.status_code == 429 and "Logging in is paused" in response.content.decode()


def test_five_wrong_passwords_pause_logging_in_with_a_calm_explanation() -> None:
    staff = counselor()
    authenticator_for(staff)
    browser = client()
    for _ in range(4):
        assert wrong_password(browser, staff.username).status_code == 200
    fifth = wrong_password(browser, staff.username)
    assert paused(fifth)
    text = fifth.content.decode()
    assert "for 15 minutes to keep it safe" in text
    assert "a supervisor or an admin can unlock your account" in text
    # Even the right password waits now, from any browser.
    right = client().post(LOGIN, {"username": staff.username, "password": PASSWORD})
    assert paused(right)


def test_the_lockout_is_per_username() -> None:
    locked, other = counselor(), counselor()
    browser = client()
    for _ in range(5):
        wrong_password(browser, locked.username)
    response = browser.post(LOGIN, {"username": other.username, "password": PASSWORD})
    assert response.status_code == 302  # same browser, same address: not locked


def test_wrong_two_factor_codes_count_toward_the_lockout() -> None:
    staff = supervisor()
    device = authenticator_for(staff)
    browser = client()
    for _ in range(2):
        wrong_password(browser, staff.username)
    browser.post(LOGIN, {"username": staff.username, "password": PASSWORD})
    assert browser.post(CODE, {"code": wrong_code(device)}).status_code == 200
    assert browser.post(CODE, {"code": "nope-nope"}).status_code == 200  # recovery code
    assert paused(browser.post(CODE, {"code": wrong_code(device)}))
    # The waiting second step is over; a right code now opens nothing.
    assert browser.post(CODE, {"code": totp_code(device)}).status_code == 302
    assert browser.get("/console/").status_code == 302


def test_a_right_password_does_not_wipe_out_wrong_codes() -> None:
    """Only a complete login resets the count, so codes cannot be guessed by starting the
    password step over and over."""
    staff = counselor()
    device = authenticator_for(staff)
    for _ in range(5):
        browser = client()
        browser.post(LOGIN, {"username": staff.username, "password": PASSWORD})
        last = browser.post(CODE, {"code": wrong_code(device)})
    assert paused(last)


def test_a_complete_login_resets_the_count() -> None:
    staff = counselor()
    device = authenticator_for(staff)
    browser = client()
    for _ in range(4):
        wrong_password(browser, staff.username)
    browser.post(LOGIN, {"username": staff.username, "password": PASSWORD})
    assert browser.post(CODE, {"code": totp_code(device)}).status_code == 302
    assert wrong_password(client(), staff.username).status_code == 200
    assert AccessAttempt.objects.get(username=staff.username).failures_since_start == 1


def test_no_address_or_browser_is_stored_for_failed_or_successful_logins() -> None:
    staff = counselor()
    device = authenticator_for(staff)
    browser = client()
    for _ in range(2):
        wrong_password(browser, staff.username)
    browser.post(LOGIN, {"username": staff.username, "password": PASSWORD})
    browser.post(CODE, {"code": wrong_code(device)})
    wrong_password(client(), "nobody-by-this-name")

    attempts = list(AccessAttempt.objects.all())
    assert len(attempts) == 2
    for attempt in attempts:
        assert attempt.ip_address is None and attempt.user_agent == ""
        assert "not-the-password" not in attempt.post_data  # nor the code typed
    assert not AccessLog.objects.exists() and not AccessFailureLog.objects.exists()
    # Nowhere in axes' tables, whatever the column.
    with connection.cursor() as cursor:
        for table in (AccessAttempt, AccessLog, AccessFailureLog):
            cursor.execute(f"SELECT * FROM {table._meta.db_table}")  # noqa: S608
            for row in cursor.fetchall():
                assert ADDRESS not in repr(row) and "Fingerprintable" not in repr(row)


def test_a_supervisor_can_unlock_a_counselor_at_once() -> None:
    staff, boss = counselor(), supervisor()
    for _ in range(5):
        wrong_password(client(), staff.username)
    staff_unlock(actor=boss, user=staff)
    response = client().post(LOGIN, {"username": staff.username, "password": PASSWORD})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(actor=boss, action=AuditEvent.Action.UNLOCK).exists()
