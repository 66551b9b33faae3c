"""Who must use two-factor login, and how codes are checked."""

from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from accounts.models import User
from accounts.two_factor import two_factor_required, two_factor_verify
from core.roles import Role
from tests.accounts.factories import StaffFactory, counselor, supervisor
from tests.support.staff import PASSWORD, authenticator_for, totp_code, wrong_code

pytestmark = pytest.mark.django_db


def test_supervisors_and_admins_must_always_use_it(settings: Any) -> None:
    settings.KIZUNA = {**settings.KIZUNA, "COUNSELOR_2FA": False}
    assert two_factor_required(supervisor())
    assert two_factor_required(StaffFactory(role=Role.ADMIN))
    assert two_factor_required(User.objects.create_superuser("root", password=PASSWORD))
    assert two_factor_required(User.objects.create_user("django-admin", is_staff=True))


def test_counselors_must_use_it_unless_the_deployment_says_otherwise(settings: Any) -> None:
    staff = counselor()
    assert two_factor_required(staff)
    settings.KIZUNA = {**settings.KIZUNA, "COUNSELOR_2FA": False}
    assert not two_factor_required(staff)
    # A counselor who is also a supervisor is a supervisor here.
    staff.groups.add(Group.objects.get_or_create(name=Role.SUPERVISOR)[0])
    assert two_factor_required(User.objects.get(pk=staff.pk))


def test_a_code_works_once() -> None:
    staff = counselor()
    device = authenticator_for(staff)
    code = totp_code(device)
    assert two_factor_verify(user=staff, code=f" {code[:3]} {code[3:]} ") == device
    assert two_factor_verify(user=staff, code=code) is None


def test_a_wrong_code_makes_the_next_try_wait_a_moment() -> None:
    """django-otp doubles a short wait after each wrong code; a try during it is not even
    checked, so the page asks for patience instead of counting a failure."""
    staff = counselor()
    device = authenticator_for(staff)
    client = Client()
    client.post("/accounts/login/", {"username": staff.username, "password": PASSWORD})
    client.post("/accounts/login/code/", {"code": wrong_code(device)})
    response = client.post("/accounts/login/code/", {"code": totp_code(device)})
    assert "Please wait a few seconds" in response.content.decode()
