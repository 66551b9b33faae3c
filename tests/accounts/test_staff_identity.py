"""Every staff page names who is logged in and offers Log out (once); help-seekers'
pages never do, even in a browser where a staff member is logged in. A supervisor's
login does not make them available for chats."""

import pytest
from channels.db import database_sync_to_async
from django.test import Client

from accounts.models import Presence, User
from tests.accounts.factories import counselor, supervisor
from tests.support.sockets import console_socket, next_frame
from tests.support.staff import staff_login

STAFF_PAGES = [
    "/console/",
    "/console/replies/",
    "/supervisor/",
    "/supervisor/reports/",
    "/supervisor/staffing/",
    "/accounts/staff/",
    "/accounts/staff/new/",
    "/accounts/two-factor/",
]
LOGOUT = 'action="/accounts/logout/"'


@pytest.mark.django_db
def test_every_staff_page_has_the_name_and_one_log_out(quick_passwords):
    client = staff_login(Client(), supervisor(display_name="Mika", username="mika-lead"))
    for path in STAFF_PAGES:
        page = client.get(path).content.decode()
        assert "Mika" in page and "mika-lead" in page, path
        assert page.count(LOGOUT) == 1, path


@pytest.mark.django_db
def test_help_seekers_pages_show_no_staff_identity(quick_passwords):
    client = staff_login(Client(), counselor(display_name="Aoi"))
    for path in ("/", "/chat/"):
        assert LOGOUT not in client.get(path).content.decode(), path


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_supervisor_opening_the_console_is_away_until_they_choose_available():
    lead = await database_sync_to_async(supervisor)()
    staff = await database_sync_to_async(counselor)()
    for user in (lead, staff):
        socket, _ = await console_socket(user)
        hello = await next_frame(socket, "hello")
        expected = Presence.AWAY if user is lead else Presence.AVAILABLE
        assert hello["me"]["presence"] == expected
        assert (await database_sync_to_async(User.objects.get)(pk=user.pk)).presence == expected
        await socket.disconnect()
