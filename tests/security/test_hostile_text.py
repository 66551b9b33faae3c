"""HTML, script and `javascript:` links in user text: stored verbatim, sent as JSON text
and never turned into markup by the server. (tests/security/test_browser_pages.py shows
that the pages, in turn, show them only as text.)

Already covered elsewhere, not repeated here: a seeker's hostile message echoed verbatim
on the seeker's socket (tests/counseling/test_consumers.py::test_frames_carry_user_text_
verbatim_for_the_page_to_escape); HTML in a saved reply escaped on /console/replies/
(tests/counseling/test_canned_responses.py::test_html_in_a_reply_is_shown_as_text);
intake answers outside the known choices dropped (tests/counseling/test_seeker_
experience.py::test_intake_keeps_known_answers_only); inline script forbidden by the
Content-Security-Policy (tests/test_security.py).
"""

import json
from typing import Any

import pytest
from channels.db import database_sync_to_async
from django.test import Client

from accounts.models import User
from counseling.models import CannedResponse, Message, Note, WrapUp
from tests.accounts.factories import counselor, supervisor
from tests.security.clients import staff_client
from tests.security.hostile import ALL, HOSTILE, IMG, LINK, NAME
from tests.support.sockets import (
    frames_for,
    next_frame,
    send,
    supervisor_socket,
    talking,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("quick_passwords"),
]
db = database_sync_to_async


@pytest.mark.parametrize("body", HOSTILE)
async def test_a_seekers_hostile_message_reaches_staff_as_the_same_json_text(body: str):
    conversation, staff, console, seeker = await talking("hello")
    await send(seeker, type="send", client_id="h1", body=body)
    live = await next_frame(console, "message")
    boss = await db(supervisor)()
    dashboard, _ = await supervisor_socket(boss)
    await next_frame(dashboard, "hello")
    await send(dashboard, type="observe", conversation=str(conversation.pk))
    observed = await next_frame(dashboard, "observing")

    assert live["body"] == body
    assert [m["body"] for m in observed["history"]["messages"]] == ["hello", body]
    stored = await db(Message.objects.get)(conversation=conversation, client_id="h1")
    assert stored.body == body
    for communicator in (console, seeker, dashboard):
        await communicator.disconnect()


async def test_a_hostile_staff_name_reaches_the_seeker_as_the_same_json_text():
    conversation, staff, console, seeker = await talking("hello", display_name=NAME)
    status = await next_frame(seeker, "conversation")
    await send(console, type="send", conversation=str(conversation.pk), client_id="c1", body="hi")
    message = await next_frame(seeker, "message")
    await send(console, type="team")
    team = await next_frame(console, "team")

    assert status["counselor_name"] == NAME
    assert message["author_name"] == NAME
    assert NAME in [member["name"] for member in team["staff"]]
    assert (await db(User.objects.get)(pk=staff.pk)).display_name == NAME
    for communicator in (console, seeker):
        await communicator.disconnect()


async def test_hostile_notes_whispers_and_wrap_ups_are_stored_verbatim_for_staff_only():
    conversation, staff, console, seeker = await talking("hello")
    cid = str(conversation.pk)
    await send(console, type="note", conversation=cid, body=ALL)
    note = await next_frame(console, "note")
    boss = await db(supervisor)()
    dashboard, _ = await supervisor_socket(boss)
    await next_frame(dashboard, "hello")
    await send(dashboard, type="observe", conversation=cid)
    await next_frame(dashboard, "observing")
    await send(dashboard, type="whisper", conversation=cid, body=LINK)
    whisper = await next_frame(console, "note")
    wrap_up = {"outcome": "other", "risk_tier": "low", "topics": [], "note": ALL}
    await send(console, type="wrap_up", conversation=cid, **wrap_up)
    await next_frame(console, "conversation_update")

    assert (note["body"], whisper["body"]) == (ALL, LINK)
    stored = await db(lambda: sorted(Note.objects.values_list("body", flat=True)))()
    assert stored == sorted([ALL, LINK])
    assert (await db(WrapUp.objects.get)(conversation=conversation)).note == ALL
    to_seeker = json.dumps(await frames_for(seeker))
    assert "pwned" not in to_seeker  # notes, whispers and wrap-ups are staff-only
    for communicator in (console, seeker, dashboard):
        await communicator.disconnect()


def test_a_hostile_saved_reply_comes_from_the_api_as_the_same_json_text():
    staff = counselor()
    CannedResponse.objects.create(owner=staff, title=IMG, body=ALL, language="en")
    response = staff_client(staff).get("/api/canned-responses/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert [(r["title"], r["body"]) for r in response.json()] == [(IMG, ALL)]


def test_a_markdown_javascript_link_in_a_saved_reply_is_not_made_a_link():
    staff = counselor()
    CannedResponse.objects.create(owner=staff, title=LINK, body=LINK, language="en")
    response = staff_client(staff).get("/console/replies/")
    assert response.status_code == 200
    page = response.content.decode()
    assert LINK in page  # shown as the characters it is
    assert "javascript:" not in page.replace(LINK, "")
    assert 'href="javascript' not in page.lower()


def test_a_hostile_first_message_comes_back_from_start_as_json_text():
    response = Client(HTTP_HOST="localhost").post(
        "/chat/start",
        data=json.dumps({"body": ALL, "client_id": "first", "intake": {"topic": ALL, ALL: "x"}}),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"]["body"] == ALL
    conversation = Message.objects.get().conversation
    assert Message.objects.get().body == ALL
    assert conversation.intake == {}  # intake keeps only its own choices, never free text


HOSTILE_QUERY = (
    '?next=javascript:window.__pwned=1&q="><script>window.__pwned=1</script>'
    "&x=<img src=x onerror=window.__pwned=1>"
)


@pytest.mark.parametrize("path", ["/", "/chat/", "/accounts/login/"])
def test_a_hostile_query_string_is_escaped_where_a_page_repeats_it(path: str):
    """Pages repeat their own address (the language form's "next", the login form's)."""
    page = Client(HTTP_HOST="localhost").get(path + HOSTILE_QUERY).content.decode()
    assert "<script>window.__pwned" not in page
    assert "<img src=x" not in page
    assert 'href="javascript' not in page.lower()


@pytest.mark.parametrize(
    "target", ["javascript:window.__pwned=1", "https://evil.example/", "//evil.example/"]
)
def test_the_language_switch_never_redirects_to_a_script_or_another_site(target: str):
    response = Client(HTTP_HOST="localhost").post(
        "/i18n/setlang/", {"language": "ja", "next": target}, HTTP_REFERER=target
    )
    location: Any = response.get("Location", "")
    assert "javascript" not in location and "evil.example" not in location
