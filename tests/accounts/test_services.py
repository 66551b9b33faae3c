"""Account writes that other code races: a reset of a staff member (demo and first
accounts) writes only what it sets."""

from typing import Any

import pytest

from accounts.models import Presence, User
from accounts.services import staff_create
from core.roles import Role

pytestmark = pytest.mark.django_db


def test_a_reset_keeps_the_presence_their_console_set_meanwhile(monkeypatch: Any) -> None:
    staff_create(username="kai", password="a-long-test-password", role=Role.COUNSELOR)
    set_password = User.set_password

    def console_connects_meanwhile(user: User, raw: str | None) -> None:
        # Between the reset's read and its write, the counselor's console opens.
        User.objects.filter(pk=user.pk).update(presence=Presence.AVAILABLE)
        set_password(user, raw)

    monkeypatch.setattr(User, "set_password", console_connects_meanwhile)
    staff_create(username="kai", password="another-long-password", role=Role.COUNSELOR, capacity=5)
    monkeypatch.undo()
    kai = User.objects.get(username="kai")
    assert kai.presence == Presence.AVAILABLE
    assert kai.capacity == 5
    assert kai.check_password("another-long-password")
