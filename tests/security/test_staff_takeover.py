"""A supervisor cannot take over a peer (or any privileged account): password, two-factor,
role, limit, active and unlock of another supervisor, an admin or an account holding the
research-export permission are the admins' to change. Supervisors keep managing counselors.

The attack (issue 14, finding 5): a supervisor reset a peer's password and two-factor
from the Staff page, logged in as the peer and so gained the research export.
"""

from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.test import Client

from accounts.models import User
from accounts.roles import assigned_role
from accounts.staff import (
    staff_account_update,
    staff_password_set,
    staff_two_factor_reset,
    staff_unlock,
)
from accounts.two_factor import has_two_factor
from core.roles import Role
from tests.accounts.factories import StaffFactory, counselor, supervisor
from tests.support.staff import authenticator_for, staff_login

pytestmark = pytest.mark.django_db

PAGE = "/accounts/staff/"
NEW_PASSWORD = "a-takeover-password-42"


def exporter() -> User:
    """A supervisor an admin allowed the de-identified research export."""
    peer = supervisor()
    peer.user_permissions.add(Permission.objects.get(codename="export_research"))
    return peer


def export_counselor() -> User:
    staff = counselor()
    staff.user_permissions.add(Permission.objects.get(codename="export_research"))
    return staff


def admin_user() -> User:
    user: Any = StaffFactory(role=Role.ADMIN, is_staff=True)
    return user


TARGETS = {"peer": supervisor, "exporter": exporter, "counselor_with_export": export_counselor}


@pytest.mark.parametrize("who", TARGETS)
def test_a_supervisor_cannot_set_a_privileged_accounts_password(who: str):
    lead, target = supervisor(), TARGETS[who]()
    authenticator_for(target)
    client = staff_login(Client(), lead)

    client.post(
        f"{PAGE}{target.pk}/",
        {"action": "password", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD},
    )
    client.post(f"{PAGE}{target.pk}/", {"action": "reset_two_factor"})

    target.refresh_from_db()
    assert not target.check_password(NEW_PASSWORD)
    assert has_two_factor(target)
    for change in (
        lambda: staff_password_set(actor=lead, user=target, password=NEW_PASSWORD),
        lambda: staff_two_factor_reset(actor=lead, user=target),
        lambda: staff_unlock(actor=lead, user=target),
        lambda: staff_account_update(
            actor=lead,
            user=target,
            role=assigned_role(target) or Role.COUNSELOR,
            capacity=target.capacity,
            is_active=False,
            display_name=target.display_name,
        ),
    ):
        with pytest.raises(PermissionDenied):
            change()
    target.refresh_from_db()
    assert target.is_active and not target.check_password(NEW_PASSWORD)


def test_a_supervisor_cannot_demote_a_peer():
    lead, peer = supervisor(), supervisor()
    with pytest.raises(PermissionDenied):
        staff_account_update(
            actor=lead,
            user=peer,
            role=Role.COUNSELOR,
            capacity=peer.capacity,
            is_active=True,
            display_name=peer.display_name,
        )
    assert assigned_role(peer) == Role.SUPERVISOR


def test_the_staff_page_offers_no_changes_to_a_peer():
    lead, peer = supervisor(), supervisor()
    page = staff_login(Client(), lead).get(f"{PAGE}{peer.pk}/")
    assert page.status_code == 200 and page.context["manageable"] is False


def test_a_supervisor_still_resets_a_counselors_password_and_two_factor():
    lead, staff = supervisor(), counselor()
    authenticator_for(staff)
    staff_password_set(actor=lead, user=staff, password=NEW_PASSWORD)
    staff_two_factor_reset(actor=lead, user=staff)
    staff.refresh_from_db()
    assert staff.check_password(NEW_PASSWORD) and not has_two_factor(staff)


@pytest.mark.parametrize("who", TARGETS)
def test_an_admin_resets_a_privileged_accounts_password_and_two_factor(who: str):
    boss, target = admin_user(), TARGETS[who]()
    authenticator_for(target)
    staff_password_set(actor=boss, user=target, password=NEW_PASSWORD)
    staff_two_factor_reset(actor=boss, user=target)
    target.refresh_from_db()
    assert target.check_password(NEW_PASSWORD) and not has_two_factor(target)


@pytest.mark.parametrize("who", ["supervisor", "admin"])
def test_an_open_session_cannot_take_its_own_account_for_good(who: str):
    """Attack: with a supervisor's session (left open, or stolen), POST action=password
    and then reset_two_factor on their own account: the owner was locked out for good,
    and the attacker set up their own authenticator at the next login."""
    owner = supervisor() if who == "supervisor" else admin_user()
    authenticator_for(owner)
    session = staff_login(Client(), owner)
    for action in (
        {"action": "password", "password": NEW_PASSWORD},
        {"action": "reset_two_factor"},
    ):
        response = session.post(f"{PAGE}{owner.pk}/", action)
        assert response.status_code == 200 and response.context["refused"]
    owner.refresh_from_db()
    assert not owner.check_password(NEW_PASSWORD) and has_two_factor(owner)
