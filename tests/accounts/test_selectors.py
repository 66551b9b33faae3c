"""Staff fetched by id through role-scoped selectors: "absent" and "not yours" are
answered alike (None), so an id says nothing about an account the caller may not use."""

import pytest

from accounts.models import User
from accounts.selectors import counselor_on_team, staff_managed
from tests.accounts.factories import counselor, supervisor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_passwords")]


def test_a_supervisor_fetches_the_counselors_they_manage_and_nobody_else() -> None:
    lead, peer = supervisor(), supervisor()
    staff, gone = counselor(), counselor(is_active=False)
    assert staff_managed(lead, staff.pk) == staff
    assert staff_managed(lead, lead.pk) == lead  # their own name and limit
    for user_id in (peer.pk, gone.pk, 10**9, str(staff.pk), True, None):
        assert staff_managed(lead, user_id) is None
    assert staff_managed(staff, staff.pk) is None  # counselors manage no account


def test_the_team_is_the_active_staff_who_may_answer_help_seekers() -> None:
    staff, lead = counselor(), supervisor()
    gone = counselor(is_active=False)
    plain = User.objects.create_user("plain", password="a-long-test-password")
    assert counselor_on_team(staff.pk) == staff
    assert counselor_on_team(lead.pk, lock=True) == lead
    for user_id in (gone.pk, plain.pk, 10**9, str(staff.pk), True, None):
        assert counselor_on_team(user_id) is None
