"""`manage.py demo_staff` prints what each demo account needs to log in, second factor
included; scripted runs can fix the authenticator key."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client

from bench.kit.http import totp_code_from_secret

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


def test_make_run_keeps_the_demo_keys_and_recovery_codes_across_restarts() -> None:
    """`make run` calls it with --keep each time: an authenticator app set up after the
    first run keeps working after a restart; passwords are new and printed again."""
    first, again = io.StringIO(), io.StringIO()
    call_command("demo_staff", password="demo-password-long", keep=True, stdout=first)
    call_command("demo_staff", password="another-password-long", keep=True, stdout=again)
    keys = [re.findall(r"key: (.+)", out.getvalue()) for out in (first, again)]
    codes = [re.findall(r"recovery codes: (.+)", out.getvalue()) for out in (first, again)]
    assert keys[0] == keys[1] and len(keys[0]) == 3
    assert codes[0] == codes[1]
    secret = keys[1][0].replace(" ", "")

    client = Client()
    client.post("/accounts/login/", {"username": "counselor1", "password": "another-password-long"})
    response = client.post("/accounts/login/code/", {"code": totp_code_from_secret(secret)})
    assert response["Location"] == "/console/"

    reset = io.StringIO()
    call_command("demo_staff", password="demo-password-long", stdout=reset)  # make demo-reset
    assert re.findall(r"key: (.+)", reset.getvalue()) != keys[0]
