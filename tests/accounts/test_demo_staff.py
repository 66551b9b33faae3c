"""`manage.py demo_staff` prints what each demo account needs to log in, second factor
included; scripted runs can fix the authenticator key."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client

from tests.support.staff import totp_code_from_secret

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def test_demo_accounts_print_their_key_link_and_recovery_codes() -> None:
    out = io.StringIO()
    call_command("demo_staff", password="demo-password-long", stdout=out)
    text = out.getvalue()
    assert text.count("otpauth://totp/") == 3
    codes = re.findall(r"recovery codes: (.+)", text)
    assert len(codes) == 3 and all(len(line.split()) == 10 for line in codes)

    client = Client()
    client.post("/accounts/login/", {"username": "supervisor", "password": "demo-password-long"})
    assert client.post("/accounts/login/code/", {"code": codes[2].split()[0]})["Location"] == (
        "/console/"
    )


def test_a_scripted_run_can_fix_the_key() -> None:
    call_command(
        "demo_staff", password="demo-password-long", totp_secret=SECRET, stdout=io.StringIO()
    )
    client = Client()
    client.post("/accounts/login/", {"username": "counselor1", "password": "demo-password-long"})
    response = client.post("/accounts/login/code/", {"code": totp_code_from_secret(SECRET)})
    assert response["Location"] == "/console/"
