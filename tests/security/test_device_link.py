"""The device cookie (a help-seeker's consent to let counselors see their earlier
conversations from this browser) cannot be planted or reused to reach someone else's.

The attack (issue 14, finding 8): the server took any well-formed value as a device
token. An attacker who put a token of their own in someone's browser (or copied theirs)
and then started a conversation with it had that person's earlier conversations shown to
their counselor. Now a token is only one the server signed, and every start that shares
history replaces it, handing the browser's conversations over to the new one.
"""

import json
import secrets
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from counseling.models import Conversation, SenderKind
from counseling.selectors import earlier_conversations
from counseling.services.conversations import conversation_end
from counseling.tokens import seeker_token_hash

pytestmark = pytest.mark.django_db

DEVICE_COOKIE = settings.KIZUNA["DEVICE_COOKIE_NAME"]
SEEKER_COOKIE = settings.KIZUNA["SEEKER_COOKIE_NAME"]


def start(client: Client, body: str) -> tuple[Any, Conversation]:
    payload = {"body": body, "client_id": "first", "language": "en", "share_history": True}
    response = client.post("/chat/start", data=json.dumps(payload), content_type="application/json")
    assert response.status_code == 201, response.content
    token = response.cookies[SEEKER_COOKIE].value
    return response, Conversation.objects.get(token_hash=seeker_token_hash(token))


def ended(conversation: Conversation) -> None:
    conversation_end(conversation=conversation, ended_by=SenderKind.SEEKER)


def shown_with(conversation: Conversation) -> list[str]:
    conversation.refresh_from_db()
    return [c.messages.order_by("seq")[0].body for c in earlier_conversations(conversation)]


def test_an_invented_device_token_links_nothing():
    planted = secrets.token_urlsafe(32)  # well-formed, as the server's used to be
    victim = Client()
    victim.cookies[DEVICE_COOKIE] = planted
    _response, theirs = start(victim, "victim's first words")
    ended(theirs)

    attacker = Client()
    attacker.cookies[DEVICE_COOKIE] = planted
    _response, mine = start(attacker, "attacker")
    assert theirs.device_hash != seeker_token_hash(planted)
    assert shown_with(mine) == []


def test_a_genuine_token_planted_in_another_browser_stops_linking_once_it_is_used():
    attacker = Client()
    response, first = start(attacker, "attacker's bait")
    ended(first)
    token = response.cookies[DEVICE_COOKIE].value

    victim = Client()
    victim.cookies[DEVICE_COOKIE] = token  # planted
    _response, theirs = start(victim, "victim's first words")
    ended(theirs)

    again = Client()
    again.cookies[DEVICE_COOKIE] = token  # the attacker's copy of what they planted
    _response, mine = start(again, "attacker again")
    assert "victim's first words" not in shown_with(mine)
    assert shown_with(mine) == []


def test_the_same_browser_still_sees_its_history_across_starts():
    browser = Client()
    _response, first = start(browser, "first night")
    ended(first)
    _response, second = start(browser, "second night")
    ended(second)
    _response, third = start(browser, "third night")
    assert shown_with(third) == ["second night", "first night"]
    cookie = browser.cookies[DEVICE_COOKIE].value
    assert third.device_hash == seeker_token_hash(cookie)
