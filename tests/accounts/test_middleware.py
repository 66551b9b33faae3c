"""Idle staff sessions end on pages after KIZUNA_STAFF_IDLE_SECONDS; activity keeps them."""

import time
from typing import Any

import pytest
from django.test import Client

from accounts.models import AuditEvent
from accounts.sessions import LAST_ACTIVITY
from tests.accounts.factories import counselor
from tests.support.staff import staff_login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def idle_limit(settings: Any) -> None:
    settings.KIZUNA = {**settings.KIZUNA, "STAFF_IDLE_SECONDS": 120}


def last_active(client: Client, seconds_ago: float) -> None:
    session = client.session
    session[LAST_ACTIVITY] = time.time() - seconds_ago
    session.save()


def test_an_idle_session_is_logged_out_and_told_why() -> None:
    staff = counselor()
    client = staff_login(Client(), staff)
    last_active(client, 121)
    response = client.get("/console/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    page = client.get(response["Location"]).content.decode()
    assert "You were logged out after 2 minutes without activity" in page
    assert client.get("/console/").status_code == 302  # for good: log in again
    assert AuditEvent.objects.filter(
        actor=staff, action=AuditEvent.Action.LOGOUT, detail__reason="idle"
    ).exists()


def test_activity_keeps_a_session_open() -> None:
    client = staff_login(Client(), counselor())
    last_active(client, 100)
    assert client.get("/console/").status_code == 200
    assert time.time() - client.session[LAST_ACTIVITY] < 5  # the request counted
    last_active(client, 100)
    assert client.get("/console/replies/").status_code == 200


def test_the_login_sets_a_fixed_session_lifetime(settings: Any) -> None:
    client = staff_login(Client(), counselor())
    age = client.session.get_expiry_age()
    assert settings.SESSION_COOKIE_AGE - 10 < age <= settings.SESSION_COOKIE_AGE
    assert client.session.get("_session_expiry")  # a date: activity does not extend it
