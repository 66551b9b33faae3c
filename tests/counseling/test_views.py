"""The help-seeker's pages and start endpoint, and access to the console."""

import json
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from counseling.models import Conversation
from counseling.tokens import seeker_token_hash
from tests.accounts.factories import counselor
from tests.support.staff import staff_login

pytestmark = pytest.mark.django_db

COOKIE = settings.KIZUNA["SEEKER_COOKIE_NAME"]


def start(client: Client, body: str = "I need to talk", **extra: Any) -> Any:
    payload = {"body": body, "client_id": "first-message", "language": "en", **extra}
    return client.post("/chat/start", data=json.dumps(payload), content_type="application/json")


def test_landing_page_reads_without_javascript_and_offers_a_quick_exit():
    response = Client().get("/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Start a conversation" in page
    assert 'class="quick-exit"' in page and settings.KIZUNA["QUICK_EXIT_URL"] in page
    assert "emergency" in page


def test_emergency_contacts_come_from_settings(settings):
    settings.KIZUNA = {
        **settings.KIZUNA,
        "EMERGENCY_CONTACTS": [{"name": "Lifeline", "number": "000-0000", "hours": "24h"}],
    }
    page = Client().get("/").content.decode()
    assert "Lifeline" in page and 'href="tel:000-0000"' in page


def test_starting_sets_an_httponly_strict_cookie_and_never_shows_the_token():
    client = Client()
    response = start(client)
    assert response.status_code == 201
    cookie = response.cookies[COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    token = cookie.value
    assert token not in response.content.decode()
    conversation = Conversation.objects.get()
    assert conversation.token_hash == seeker_token_hash(token)
    assert response.json()["message"]["body"] == "I need to talk"


def test_one_browser_cannot_open_a_second_conversation_while_one_is_open():
    client = Client()
    start(client)
    second = start(client, client_id="another")
    assert second.status_code == 409
    assert second.json()["error"] == "already_open"
    assert Conversation.objects.count() == 1


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("not json", "bad_request"),
        ("[]", "bad_request"),
        (json.dumps({"body": "", "client_id": "x"}), "empty"),
        (json.dumps({"body": "x" * 5000, "client_id": "x"}), "too_long"),
        (json.dumps({"body": "hi", "client_id": "bad id!"}), "bad_client_id"),
    ],
)
def test_a_bad_start_is_refused_and_opens_nothing(raw, code):
    response = Client().post("/chat/start", data=raw, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"] == code
    assert Conversation.objects.count() == 0


def test_start_needs_a_csrf_token():
    response = start(Client(enforce_csrf_checks=True))
    assert response.status_code == 403
    assert Conversation.objects.count() == 0


def test_intake_keeps_only_known_short_answers():
    client = Client()
    start(client, intake={"topic": "loneliness", "safe_now": "yes", "evil": "x", "age_band": 5})
    assert Conversation.objects.get().intake == {"topic": "loneliness", "safe_now": "yes"}


def test_chat_pages_are_not_cached():
    response = Client().get("/chat/")
    assert "no-store" in response["Cache-Control"]


def test_console_needs_a_login_and_a_counseling_role(django_user_model):
    assert Client().get("/console/").status_code == 302
    client = Client()
    client.force_login(django_user_model.objects.create_user("plain", password="long-password-1"))
    assert client.get("/console/").status_code == 403
    staff_login(client, counselor())  # password, then the code from their authenticator
    assert client.get("/console/").status_code == 200


def test_while_closed_the_chat_page_puts_the_emergency_numbers_first(client, settings):
    local = timezone.localtime()
    opens, closes = local + timedelta(hours=2), local + timedelta(hours=3)
    settings.KIZUNA = {**settings.KIZUNA, "SERVICE_HOURS": f"{opens:%H:%M}-{closes:%H:%M}"}
    page = client.get("/chat/").content.decode()
    assert page.index('class="emergency prominent"') < page.index('id="chat"')
    assert page.count('id="emergency"') == 1

    settings.KIZUNA = {**settings.KIZUNA, "SERVICE_HOURS": ""}
    page = client.get("/chat/").content.decode()
    assert page.index('id="chat"') < page.index('class="emergency"')


def test_opening_hours_are_shown_in_the_readers_language(client, settings):
    hours = '{"en": "Every evening, 6 pm to 11 pm", "ja": "毎日 18時〜23時"}'
    settings.KIZUNA = {**settings.KIZUNA, "OPENING_HOURS": hours}
    assert (
        "Every evening, 6 pm to 11 pm"
        in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    japanese = client.get("/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "毎日 18時〜23時" in japanese and "Every evening" not in japanese
    settings.KIZUNA = {**settings.KIZUNA, "OPENING_HOURS": "Mon-Fri 9-17"}  # plain text: all
    assert "Mon-Fri 9-17" in client.get("/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
