"""The Staff page: supervisors manage counselors' and supervisors' roles, limits and
accounts, never an admin's and never their own role; admins manage everyone. Every
change is audited."""

from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.test import Client

from accounts.models import AuditEvent, User
from accounts.roles import assigned_role
from accounts.staff import staff_account_create, staff_account_update, staff_two_factor_reset
from core.roles import Role
from tests.accounts.factories import StaffFactory, counselor, supervisor
from tests.support.staff import authenticator_for, staff_login

pytestmark = pytest.mark.django_db

PAGE = "/accounts/staff/"


def admin_user(**kwargs: Any) -> User:
    user = StaffFactory(role=Role.ADMIN, is_staff=True, **kwargs)
    return user  # type: ignore[return-value]


def edit(client: Client, user: User, **changes: Any) -> Any:
    fields = {
        "action": "save",
        "display_name": user.display_name,
        "role": assigned_role(user),
        "capacity": user.capacity,
        "is_active": "on" if user.is_active else "",
        **changes,
    }
    return client.post(f"{PAGE}{user.pk}/", fields)


def test_only_supervisors_and_admins_reach_the_staff_page() -> None:
    assert staff_login(Client(), counselor()).get(PAGE).status_code == 403
    assert staff_login(Client(), supervisor()).get(PAGE).status_code == 200
    assert staff_login(Client(), admin_user()).get(PAGE).status_code == 200
    assert Client().get(PAGE).status_code == 302


def test_a_supervisor_adds_a_counselor_who_then_sets_up_two_factor() -> None:
    lead = supervisor()
    client = staff_login(Client(), lead)
    page = client.get(f"{PAGE}new/").content.decode()
    assert 'value="admin"' not in page  # not even offered

    response = client.post(
        f"{PAGE}new/",
        {
            "username": "newcomer",
            "display_name": "Rin",
            "role": "counselor",
            "capacity": 2,
            "password": "a-fresh-long-password",
        },
    )
    assert response.status_code == 302
    newcomer = User.objects.get(username="newcomer")
    assert (assigned_role(newcomer), newcomer.capacity, newcomer.is_staff) == (
        Role.COUNSELOR,
        2,
        False,
    )
    event = AuditEvent.objects.get(action=AuditEvent.Action.STAFF_CREATE)
    assert (event.actor, event.target_id, event.detail) == (
        lead,
        str(newcomer.pk),
        {"role": "counselor"},
    )
    first_login = Client().post(
        "/accounts/login/", {"username": "newcomer", "password": "a-fresh-long-password"}
    )
    assert first_login["Location"] == "/accounts/login/setup/"


def test_a_supervisor_cannot_create_an_admin() -> None:
    lead = supervisor()
    client = staff_login(Client(), lead)
    response = client.post(
        f"{PAGE}new/",
        {"username": "boss", "role": "admin", "capacity": 3, "password": "a-fresh-long-password"},
    )
    assert response.status_code == 200 and not User.objects.filter(username="boss").exists()
    with pytest.raises(PermissionDenied):
        staff_account_create(
            actor=lead, username="boss", password="a-fresh-long-password", role=Role.ADMIN
        )


def test_a_supervisor_cannot_escalate_themselves_or_switch_themselves_off() -> None:
    lead = supervisor()
    client = staff_login(Client(), lead)
    edit(client, lead, role="admin", is_active="")
    lead.refresh_from_db()
    assert assigned_role(lead) == Role.SUPERVISOR and lead.is_active and not lead.is_staff
    with pytest.raises(PermissionDenied):
        staff_account_update(
            actor=lead, user=lead, role=Role.ADMIN, capacity=3, is_active=True, display_name=""
        )
    with pytest.raises(PermissionDenied):
        staff_account_update(
            actor=lead,
            user=lead,
            role=Role.SUPERVISOR,
            capacity=3,
            is_active=False,
            display_name="",
        )


def test_a_supervisor_cannot_see_or_change_an_admin() -> None:
    lead, boss = supervisor(), admin_user()
    client = staff_login(Client(), lead)
    assert boss.username not in client.get(PAGE).content.decode()
    assert client.get(f"{PAGE}{boss.pk}/").status_code == 404
    assert edit(client, boss, is_active="").status_code == 404
    with pytest.raises(PermissionDenied):
        staff_two_factor_reset(actor=lead, user=boss)
    boss.refresh_from_db()
    assert boss.is_active


def test_a_supervisor_cannot_make_supervisors() -> None:
    # Found in an attack on a running instance: a supervisor created a supervisor account
    # (their password, a second factor they could enrol) that no supervisor could then
    # manage or switch off. Peers are made by admins, as they are managed by admins.
    lead, staff = supervisor(), counselor()
    client = staff_login(Client(), lead)
    edit(client, staff, role="supervisor", capacity=5)
    staff.refresh_from_db()
    assert assigned_role(staff) == Role.COUNSELOR
    response = client.post(
        f"{PAGE}new/",
        {
            "username": "peer",
            "role": "supervisor",
            "capacity": 3,
            "password": "a-fresh-long-password",
        },
    )
    assert response.status_code == 200 and not User.objects.filter(username="peer").exists()
    with pytest.raises(PermissionDenied):
        staff_account_create(
            actor=lead, username="peer", password="a-fresh-long-password", role=Role.SUPERVISOR
        )
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.ROLE_CHANGE).exists()


def test_an_admin_promotes_a_counselor_and_the_change_is_audited() -> None:
    boss, staff = admin_user(), counselor()
    client = staff_login(Client(), boss)
    assert edit(client, staff, role="supervisor", capacity=5).status_code == 302
    staff.refresh_from_db()
    assert assigned_role(staff) == Role.SUPERVISOR and staff.capacity == 5
    role_change = AuditEvent.objects.get(action=AuditEvent.Action.ROLE_CHANGE)
    assert (role_change.actor, role_change.target_id, role_change.detail) == (
        boss,
        str(staff.pk),
        {"from": "counselor", "to": "supervisor"},
    )
    assert AuditEvent.objects.filter(
        actor=boss, action=AuditEvent.Action.CAPACITY_CHANGE, detail={"capacity": 5}
    ).exists()


def test_a_supervisor_deactivates_a_counselor_who_can_no_longer_log_in() -> None:
    lead, staff = supervisor(), counselor()
    client = staff_login(Client(), lead)
    edit(client, staff, is_active="")
    staff.refresh_from_db()
    assert not staff.is_active
    assert AuditEvent.objects.filter(
        actor=lead, action=AuditEvent.Action.ACTIVE_CHANGE, detail={"active": False}
    ).exists()
    response = Client().post(
        "/accounts/login/", {"username": staff.username, "password": "a-long-test-password"}
    )
    assert response.status_code == 200


def test_a_session_of_a_deactivated_account_does_not_come_back_with_the_account() -> None:
    lead, staff = supervisor(), counselor()
    lead_client, staff_client = staff_login(Client(), lead), staff_login(Client(), staff)
    assert staff_client.get("/console/").status_code == 200
    edit(lead_client, staff, is_active="")
    staff.refresh_from_db()
    edit(lead_client, staff, is_active="on")
    staff.refresh_from_db()
    assert staff.is_active
    # The browser that was logged in must log in again (password and second factor).
    response = staff_client.get("/console/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_other_groups_survive_a_role_change() -> None:
    boss, staff = admin_user(), counselor()
    trainers = Group.objects.create(name="trainers")
    staff.groups.add(trainers)
    staff_account_update(
        actor=boss,
        user=staff,
        role=Role.SUPERVISOR,
        capacity=3,
        is_active=True,
        display_name="",
    )
    assert set(staff.groups.values_list("name", flat=True)) == {"trainers", "supervisor"}


def test_an_admin_can_make_an_admin_who_may_use_the_django_admin() -> None:
    boss, lead = admin_user(), supervisor()
    client = staff_login(Client(), boss)
    assert 'value="admin"' in client.get(f"{PAGE}{lead.pk}/").content.decode()
    edit(client, lead, role="admin")
    lead.refresh_from_db()
    assert assigned_role(lead) == Role.ADMIN and lead.is_staff
    assert AuditEvent.objects.filter(
        actor=boss, action=AuditEvent.Action.ROLE_CHANGE, detail__to="admin"
    ).exists()


def test_resetting_two_factor_makes_them_set_it_up_again() -> None:
    lead, staff = supervisor(), counselor()
    authenticator_for(staff)
    client = staff_login(Client(), lead)
    client.post(f"{PAGE}{staff.pk}/", {"action": "reset_two_factor"})
    first_login = Client().post(
        "/accounts/login/", {"username": staff.username, "password": "a-long-test-password"}
    )
    assert first_login["Location"] == "/accounts/login/setup/"
    assert AuditEvent.objects.filter(
        actor=lead, action=AuditEvent.Action.TWO_FACTOR_RESET, target_id=str(staff.pk)
    ).exists()


def test_a_new_password_is_checked_and_audited() -> None:
    lead, staff = supervisor(), counselor()
    client = staff_login(Client(), lead)
    weak = client.post(f"{PAGE}{staff.pk}/", {"action": "password", "password": "short"})
    assert weak.status_code == 200 and "too short" in weak.content.decode()
    client.post(f"{PAGE}{staff.pk}/", {"action": "password", "password": "a-new-long-password"})
    staff.refresh_from_db()
    assert staff.check_password("a-new-long-password")
    assert AuditEvent.objects.filter(actor=lead, action=AuditEvent.Action.PASSWORD_SET).exists()
