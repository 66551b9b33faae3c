"""Saved replies: who may write which (services), what each counselor sees (selector),
the pages that manage them and the API the console reads them from."""

import re
from typing import Any

import pytest
from django.test import Client

from accounts.models import User
from core.errors import Refusal
from counseling.models import CannedResponse
from counseling.selectors import canned_responses_for
from counseling.services.counselor_tools import (
    canned_response_delete,
    canned_response_editable,
    canned_response_save,
)
from tests.accounts.factories import counselor, supervisor
from tests.support.staff import staff_login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_passwords")]

PAGE = "/console/replies/"
API = "/api/canned-responses/"


def reply(owner: User | None, title: str, body: str = "Text.", language: str = "en") -> Any:
    return CannedResponse.objects.create(owner=owner, title=title, body=body, language=language)


def logged_in(user: User) -> Client:
    return staff_login(Client(), user)  # password, then the code from their authenticator


def plain_user() -> User:
    return User.objects.create_user("plain", password="a-long-test-password")


# --- Services: who may write which ---------------------------------------------------


def test_a_counselor_saves_replies_of_their_own_but_not_shared_ones():
    staff = counselor()
    mine = canned_response_save(
        actor=staff, title=" Welcome ", body=" Hi, I'm here. ", language="en", shared=False
    )
    assert (mine.owner_id, mine.title, mine.body, mine.shared) == (
        staff.pk,
        "Welcome",
        "Hi, I'm here.",
        False,
    )
    with pytest.raises(Refusal, match="supervisors_only"):
        canned_response_save(actor=staff, title="For all", body="x", language="en", shared=True)
    assert CannedResponse.objects.count() == 1


def test_a_supervisor_manages_the_shared_replies():
    boss = supervisor()
    shared = canned_response_save(
        actor=boss, title="Safety now", body="Are you safe?", language="en", shared=True
    )
    assert shared.owner_id is None and shared.shared
    canned_response_save(
        actor=boss,
        response=shared,
        title="Safety",
        body="Are you safe now?",
        language="en",
        shared=True,
    )
    shared.refresh_from_db()
    assert (shared.title, shared.body, shared.owner_id) == ("Safety", "Are you safe now?", None)
    canned_response_delete(actor=boss, response=shared)
    assert not CannedResponse.objects.exists()


def test_nobody_changes_another_persons_own_replies_and_counselors_not_the_shared_ones():
    owner, other, boss = counselor(), counselor(), supervisor()
    theirs = reply(owner, "Owner's")
    shared = reply(None, "Shared")
    for actor, target in ((other, theirs), (boss, theirs), (owner, shared)):
        assert not canned_response_editable(target, actor)
        with pytest.raises(Refusal, match="not_allowed"):
            canned_response_save(
                actor=actor, response=target, title="Taken", body="x", language="en", shared=False
            )
        with pytest.raises(Refusal, match="not_allowed"):
            canned_response_delete(actor=actor, response=target)
    assert canned_response_editable(theirs, owner) and canned_response_editable(shared, boss)
    assert sorted(CannedResponse.objects.values_list("title", flat=True)) == ["Owner's", "Shared"]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"title": "  "}, "bad_request"),
        ({"title": "x" * 81}, "bad_request"),
        ({"title": None}, "bad_request"),
        ({"language": "xx"}, "bad_request"),
        ({"body": "  "}, "empty"),
        ({"body": "x" * 2001}, "too_long"),
        ({"body": 5}, "bad_request"),
    ],
)
def test_bad_replies_are_refused_and_nothing_is_stored(change, code):
    fields = {"title": "Welcome", "body": "Hi.", "language": "en", "shared": False, **change}
    with pytest.raises(Refusal, match=code):
        canned_response_save(actor=counselor(), **fields)
    assert not CannedResponse.objects.exists()


# --- Selector: what each counselor sees ---------------------------------------------


def test_a_counselor_sees_shared_replies_first_then_their_own_never_others():
    staff, other = counselor(), counselor()
    reply(staff, "A mine")
    reply(other, "B someone else's")
    reply(None, "Z shared", language="ja")
    reply(None, "Y shared")
    assert [r.title for r in canned_responses_for(staff)] == ["Y shared", "Z shared", "A mine"]


def test_replies_narrow_by_language_and_search_titles_and_text():
    staff = counselor()
    reply(None, "Welcome", "Hi, I'm here with you now.")
    reply(None, "はじめのあいさつ", "こんにちは。", language="ja")
    reply(staff, "Closing", "Thank you for talking with me tonight.")
    reply(counselor(), "Another's closing", "Thank you.")
    assert [r.title for r in canned_responses_for(staff, language="ja")] == ["はじめのあいさつ"]
    assert [r.title for r in canned_responses_for(staff, query="  TONIGHT ")] == ["Closing"]
    assert [r.title for r in canned_responses_for(staff, query="welc")] == ["Welcome"]
    assert [r.title for r in canned_responses_for(staff, language="ja", query="thank")] == []


# --- Pages --------------------------------------------------------------------------


def test_the_replies_pages_are_for_counselors_only():
    reply(None, "Shared")
    anonymous = Client().get(PAGE)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    plain = logged_in(plain_user())
    assert plain.get(PAGE).status_code == 403
    fields = {"title": "Mine", "language": "en", "body": "Hello."}
    assert plain.post(PAGE, fields).status_code == 403
    assert CannedResponse.objects.count() == 1
    assert logged_in(counselor()).get(PAGE).status_code == 200


def test_the_list_shows_shared_and_own_replies_and_searches():
    staff = counselor()
    reply(None, "Safety now", "Are you safe right now?")
    reply(staff, "My closing", "Write again anytime.")
    reply(counselor(), "Not mine", "Someone else's words.")
    reply(None, "今の安全", "今、安全な場所にいますか？", language="ja")
    client = logged_in(staff)
    page = client.get(PAGE).content.decode()
    assert "Safety now" in page and "My closing" in page and "今の安全" in page
    assert "Not mine" not in page
    found = client.get(PAGE, {"q": "anytime"}).content.decode()
    assert "My closing" in found and "Safety now" not in found
    japanese = client.get(PAGE, {"language": "ja"}).content.decode()
    assert "今の安全" in japanese and "Safety now" not in japanese


def test_a_counselor_adds_a_reply_of_their_own():
    staff = counselor()
    response = logged_in(staff).post(
        PAGE, {"title": "Taking time", "language": "en", "body": "Take all the time you need."}
    )
    assert response.status_code == 302 and response["Location"] == PAGE
    added = CannedResponse.objects.get()
    assert (added.owner_id, added.title, added.language) == (staff.pk, "Taking time", "en")


def test_only_a_supervisor_is_offered_and_may_use_the_shared_checkbox():
    staff, boss = counselor(), supervisor()
    assert 'name="shared"' not in logged_in(staff).get(PAGE).content.decode()
    assert 'name="shared"' in logged_in(boss).get(PAGE).content.decode()

    fields = {"title": "For all", "language": "en", "body": "Hello.", "shared": "on"}
    refused = logged_in(staff).post(PAGE, fields)
    assert refused.status_code == 200
    assert "Only a supervisor can do that." in refused.content.decode()
    assert not CannedResponse.objects.exists()
    assert logged_in(boss).post(PAGE, fields).status_code == 302
    assert CannedResponse.objects.get().shared


def test_a_counselor_edits_and_deletes_their_own_reply():
    staff = counselor()
    mine = reply(staff, "Old title", "Old text.")
    client = logged_in(staff)
    edit_url = f"{PAGE}{mine.pk}/"
    assert f'href="{edit_url}"' in client.get(PAGE).content.decode()
    assert "Old text." in client.get(edit_url).content.decode()

    saved = client.post(edit_url, {"title": "New title", "language": "ja", "body": "New text."})
    assert saved.status_code == 302
    mine.refresh_from_db()
    assert (mine.title, mine.language, mine.body, mine.owner_id) == (
        "New title",
        "ja",
        "New text.",
        staff.pk,
    )
    assert client.post(edit_url, {"delete": "1"}).status_code == 302
    assert not CannedResponse.objects.exists()


def test_counselors_cannot_edit_shared_replies_or_see_other_counselors_replies():
    staff = counselor()
    shared = reply(None, "Shared", "Shared text.")
    others = reply(counselor(), "Others", "Other text.")
    client = logged_in(staff)
    assert f'href="{PAGE}{shared.pk}/"' not in client.get(PAGE).content.decode()
    for target, status in ((shared, 403), (others, 404)):
        url = f"{PAGE}{target.pk}/"
        assert client.get(url).status_code == status
        changed = {"title": "Mine now", "language": "en", "body": "x"}
        assert client.post(url, changed).status_code == status
        assert client.post(url, {"delete": "1"}).status_code == status
    assert sorted(CannedResponse.objects.values_list("title", "body")) == [
        ("Others", "Other text."),
        ("Shared", "Shared text."),
    ]


def test_a_supervisor_edits_and_deletes_a_shared_reply():
    boss = supervisor()
    shared = reply(None, "Welcome", "Hi.")
    client = logged_in(boss)
    url = f"{PAGE}{shared.pk}/"
    form = client.get(url).content.decode()
    assert re.search(r'<input type="checkbox" name="shared"[^>]* checked>', form)
    fields = {"title": "Welcome", "language": "en", "body": "Hi, I'm here.", "shared": "on"}
    assert client.post(url, fields).status_code == 302
    shared.refresh_from_db()
    assert (shared.body, shared.owner_id) == ("Hi, I'm here.", None)
    assert client.post(url, {"delete": "1"}).status_code == 302
    assert not CannedResponse.objects.exists()


def test_html_in_a_reply_is_shown_as_text():
    staff = counselor()
    reply(staff, "<b>bold</b> title", '<script>alert("x")</script>\n<img src=x onerror=alert(1)>')
    page = logged_in(staff).get(PAGE).content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>&lt;img src=x" in page
    assert "&lt;b&gt;bold&lt;/b&gt; title" in page


# --- API ----------------------------------------------------------------------------


def test_the_api_refuses_anyone_but_counselors():
    reply(None, "Shared")
    assert Client().get(API).status_code == 403
    assert logged_in(plain_user()).get(API).status_code == 403
    staff = counselor()
    client = logged_in(staff)
    assert client.get(API).status_code == 200
    staff.groups.clear()  # a role removed while logged in: refused on the next request
    assert client.get(API).status_code == 403


def test_the_api_lists_shared_and_own_replies_and_filters():
    staff = counselor()
    shared = reply(None, "Safety now", "Are you safe right now?")
    mine = reply(staff, "My closing", "Write again anytime.")
    reply(counselor(), "Not mine", "Someone else's words.")
    japanese = reply(None, "今の安全", "今、安全な場所にいますか？", language="ja")
    client = logged_in(staff)

    assert client.get(API).json() == [
        {
            "id": shared.pk,
            "title": "Safety now",
            "body": "Are you safe right now?",
            "language": "en",
            "shared": True,
        },
        {
            "id": japanese.pk,
            "title": "今の安全",
            "body": "今、安全な場所にいますか？",
            "language": "ja",
            "shared": True,
        },
        {
            "id": mine.pk,
            "title": "My closing",
            "body": "Write again anytime.",
            "language": "en",
            "shared": False,
        },
    ]
    assert [r["id"] for r in client.get(API, {"language": "ja"}).json()] == [japanese.pk]
    assert [r["id"] for r in client.get(API, {"q": "ANYTIME"}).json()] == [mine.pk]
    assert [r["id"] for r in client.get(API, {"language": "en", "q": "safe"}).json()] == [shared.pk]
    assert client.get(API, {"language": ""}).json() == client.get(API).json()


def test_the_api_is_read_only():
    staff = counselor()
    client = logged_in(staff)
    response = client.post(
        API, {"title": "x", "body": "y", "language": "en"}, content_type="application/json"
    )
    assert response.status_code == 405
    assert not CannedResponse.objects.exists()


def test_an_edit_writes_the_reply_and_its_time_but_keeps_when_it_was_made():
    staff = counselor()
    mine = canned_response_save(actor=staff, title="Hi", body="Hello.", language="en", shared=False)
    made, edited = mine.created_at, mine.updated_at
    canned_response_save(
        actor=staff,
        title="Hi there",
        body="Hello again.",
        language="ja",
        shared=False,
        response=mine,
    )
    stored = CannedResponse.objects.get(pk=mine.pk)
    assert (stored.title, stored.body, stored.language) == ("Hi there", "Hello again.", "ja")
    assert stored.created_at == made
    assert stored.updated_at > edited
