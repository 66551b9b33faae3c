"""The staff login: password, then a code from the authenticator app or a recovery code;
on first login, setting the app up and seeing the recovery codes once."""

import re
from typing import Any

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuditEvent
from accounts.two_factor import recovery_codes_replace
from bench.kit.http import totp_code_from_secret
from tests.accounts.factories import counselor, supervisor
from tests.support.staff import PASSWORD, authenticator_for, totp_code, wrong_code

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
CODE = "/accounts/login/code/"
SETUP = "/accounts/login/setup/"


def password_step(client: Client, user: Any, password: str = PASSWORD) -> Any:
    return client.post(LOGIN, {"username": user.username, "password": password})


def test_a_counselor_with_an_app_logs_in_with_password_then_code() -> None:
    staff = counselor()
    device = authenticator_for(staff)
    client = Client()

    response = password_step(client, staff)
    assert response.status_code == 302 and response["Location"] == CODE
    # Between the two steps nobody is logged in: the console still asks for a login.
    assert client.get("/console/")["Location"].startswith(LOGIN)
    assert f"for {staff.username}" in client.get(CODE).content.decode()

    response = client.post(CODE, {"code": totp_code(device)})
    assert response.status_code == 302 and response["Location"] == "/console/"
    assert client.get("/console/").status_code == 200
    assert AuditEvent.objects.filter(actor=staff, action=AuditEvent.Action.LOGIN).exists()


def test_the_code_step_keeps_where_the_person_was_going() -> None:
    staff = supervisor()
    device = authenticator_for(staff)
    client = Client()
    client.post(
        LOGIN, {"username": staff.username, "password": PASSWORD, "next": "/console/replies/"}
    )
    assert client.post(CODE, {"code": totp_code(device)})["Location"] == "/console/replies/"


def test_a_wrong_code_is_refused_plainly_and_nothing_opens() -> None:
    staff = counselor()
    device = authenticator_for(staff)
    client = Client()
    password_step(client, staff)

    response = client.post(CODE, {"code": wrong_code(device)})
    assert response.status_code == 200
    assert "That code didn&#x27;t work" in response.content.decode()
    assert client.get("/console/").status_code == 302


def test_a_wrong_password_never_reaches_the_code_step() -> None:
    staff = counselor()
    authenticator_for(staff)
    client = Client()
    response = password_step(client, staff, "not-the-password")
    assert response.status_code == 200
    assert "don't match" in response.content.decode()
    assert client.get(CODE)["Location"] == LOGIN


def test_a_recovery_code_logs_in_once() -> None:
    staff = counselor()
    authenticator_for(staff)
    codes = recovery_codes_replace(user=staff)
    assert len(codes) == 10 and len(set(codes)) == 10

    first = Client()
    password_step(first, staff)
    assert first.post(CODE, {"code": codes[0].upper()})["Location"] == "/console/"
    assert StaticToken.objects.filter(device__user=staff).count() == 9

    second = Client()
    password_step(second, staff)
    assert second.post(CODE, {"code": codes[0]}).status_code == 200  # used up
    assert second.get("/console/").status_code == 302


def test_first_login_sets_up_the_app_then_shows_recovery_codes_once() -> None:
    staff = supervisor()
    client = Client()

    assert password_step(client, staff)["Location"] == SETUP
    assert client.get("/console/").status_code == 302  # nothing else before the setup
    page = client.get(SETUP)
    html = page.content.decode()
    assert "no-store" in page["Cache-Control"]
    secret = re.search(r'data-secret="([A-Z2-7 ]+)"', html)
    assert secret is not None
    assert "otpauth://totp/Kizuna%3A" in html and "<svg" in html
    # The same key on a reload: what the app already scanned stays valid.
    assert secret.group(1) in client.get(SETUP).content.decode()

    response = client.post(SETUP, {"code": totp_code_from_secret(secret.group(1))})
    assert response["Location"] == "/accounts/two-factor/recovery-codes/"

    shown = client.get("/accounts/two-factor/recovery-codes/")
    codes = re.findall(r"<li><code>([a-z2-7]{4}-[a-z2-7]{4})</code></li>", shown.content.decode())
    assert len(codes) == 10
    assert "no-store" in shown["Cache-Control"]
    # Shown once only.
    assert client.get("/accounts/two-factor/recovery-codes/")["Location"] == (
        "/accounts/two-factor/"
    )
    assert TOTPDevice.objects.get(user=staff).confirmed
    assert client.get("/console/").status_code == 200
    assert AuditEvent.objects.filter(
        actor=staff, action=AuditEvent.Action.TWO_FACTOR_SETUP
    ).exists()


def test_setup_refuses_a_code_that_is_not_from_the_app() -> None:
    staff = counselor()
    client = Client()
    password_step(client, staff)
    secret = re.search(r'data-secret="([A-Z2-7 ]+)"', client.get(SETUP).content.decode())
    assert secret is not None
    wrong = "000000" if totp_code_from_secret(secret.group(1)) != "000000" else "111111"
    response = client.post(SETUP, {"code": wrong})
    assert "That code didn&#x27;t work" in response.content.decode()
    assert not TOTPDevice.objects.get(user=staff).confirmed
    assert client.get("/console/").status_code == 302


def test_a_setup_in_progress_cannot_be_used_by_someone_else() -> None:
    """The setup page belongs to the person who just gave the right password."""
    assert Client().get(SETUP)["Location"] == LOGIN


@pytest.mark.parametrize("make", [counselor, supervisor])
def test_every_staff_role_must_use_two_factor_by_default(make: Any) -> None:
    assert password_step(Client(), make())["Location"] == SETUP


def test_a_deployment_can_make_two_factor_optional_for_counselors_only(settings: Any) -> None:
    settings.KIZUNA = {**settings.KIZUNA, "COUNSELOR_2FA": False}
    client = Client()
    assert password_step(client, counselor())["Location"] == "/console/"
    assert client.get("/console/").status_code == 200
    assert password_step(Client(), supervisor())["Location"] == SETUP


def test_a_counselor_who_set_up_the_app_still_uses_it_when_it_is_optional(
    settings: Any,
) -> None:
    settings.KIZUNA = {**settings.KIZUNA, "COUNSELOR_2FA": False}
    staff = counselor()
    authenticator_for(staff)
    assert password_step(Client(), staff)["Location"] == CODE


def test_a_session_without_the_second_factor_is_logged_out_where_it_is_needed() -> None:
    """A session from force_login, or from before a promotion to supervisor, gave no
    code: staff pages and APIs treat it as logged out and the login page says why."""
    client = Client()
    client.force_login(supervisor())
    response = client.get("/console/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert "needs a two-factor code" in client.get(LOGIN).content.decode()
    assert client.get("/api/canned-responses/").status_code == 403


def test_logging_out_is_audited_and_ends_the_session() -> None:
    staff = counselor()
    client = Client()
    password_step(client, staff)
    client.post(CODE, {"code": totp_code(authenticator_for(staff))})
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/console/").status_code == 302
    assert AuditEvent.objects.filter(actor=staff, action=AuditEvent.Action.LOGOUT).exists()


def test_new_recovery_codes_replace_the_old_ones() -> None:
    staff = counselor()
    old = recovery_codes_replace(user=staff)
    client = Client()
    password_step(client, staff)
    client.post(CODE, {"code": totp_code(authenticator_for(staff))})
    assert "10 unused recovery codes" in client.get("/accounts/two-factor/").content.decode()

    assert (
        client.post("/accounts/two-factor/")["Location"] == "/accounts/two-factor/recovery-codes/"
    )
    page = client.get("/accounts/two-factor/recovery-codes/").content.decode()
    new = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", page)
    assert len(new) == 10 and not set(new) & set(old)
    again = Client()
    password_step(again, staff)
    assert again.post(CODE, {"code": old[1]}).status_code == 200


def test_new_recovery_codes_need_a_session_that_gave_its_second_factor(settings: Any) -> None:
    settings.KIZUNA = {**settings.KIZUNA, "COUNSELOR_2FA": False}
    without_app, with_app = counselor(), counselor()
    authenticator_for(with_app)
    for staff in (without_app, with_app):
        client = Client()
        client.force_login(staff)  # logged in, but no code given
        assert client.post("/accounts/two-factor/").status_code == 403
    assert not StaticToken.objects.exists()


def test_the_django_admin_logs_in_through_the_staff_login() -> None:
    response = Client().get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN) and "next=/admin/" in response["Location"]
