"""Private notes: staff only, never to the help-seeker."""

import pytest
from channels.db import database_sync_to_async

from core.errors import Refusal
from counseling.models import Note
from counseling.services.counselor_tools import note_add
from tests.accounts.factories import counselor, supervisor
from tests.support.sockets import next_frame, send, talking

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]
db = database_sync_to_async


async def test_a_note_reaches_the_counselor_not_the_seeker_and_comes_back_with_history():
    conversation, staff, console, seeker = await talking("hello")
    await send(console, type="note", conversation=str(conversation.pk), body="Mentioned a sister.")
    note = await next_frame(console, "note")
    assert (note["body"], note["conversation"]) == ("Mentioned a sister.", str(conversation.pk))

    await send(seeker, type="send", client_id="after-note", body="still here")
    for_seeker = [await seeker.receive_json_from(timeout=5)]
    while for_seeker[-1].get("client_id") != "after-note":  # everything up to its own echo
        for_seeker.append(await seeker.receive_json_from(timeout=5))
    assert all(frame["type"] != "note" for frame in for_seeker)
    assert all("Mentioned a sister." not in str(frame) for frame in for_seeker)

    await send(console, type="resume", conversation=str(conversation.pk), after=0)
    history = await next_frame(console, "history")
    assert [n["body"] for n in history["notes"]] == ["Mentioned a sister."]
    await seeker.disconnect()
    await console.disconnect()


async def test_empty_long_and_foreign_notes_are_refused():
    conversation, staff, console, seeker = await talking("hello")
    for body, code in (("  ", "empty"), ("x" * 5000, "too_long")):
        await send(console, type="note", conversation=str(conversation.pk), body=body)
        assert (await next_frame(console, "error"))["code"] == code
    with pytest.raises(Refusal, match="not_yours"):
        await db(note_add)(conversation=conversation, author=await db(counselor)(), body="x")
    await db(note_add)(conversation=conversation, author=await db(supervisor)(), body="Checked in.")
    assert await db(Note.objects.count)() == 1
    await seeker.disconnect()
    await console.disconnect()
