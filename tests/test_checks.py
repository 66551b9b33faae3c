"""The deployment checks say when a helpline has not set its emergency contacts."""

import pytest
from django.core.checks import run_checks

from counseling.checks import NO_EMERGENCY_CONTACTS


def warned() -> bool:
    return any(m.id == NO_EMERGENCY_CONTACTS for m in run_checks(tags=["kizuna"]))


@pytest.mark.parametrize(
    ("contacts", "warns"),
    [
        ([], True),
        ([{"number": "119"}], True),  # a number with no name tells a person nothing
        ([{"name": "Emergency services", "number": "999", "hours": "24/7"}], False),
    ],
)
def test_unset_emergency_contacts_are_a_warning(settings, contacts, warns):
    settings.KIZUNA = {**settings.KIZUNA, "EMERGENCY_CONTACTS": contacts}
    assert warned() is warns
