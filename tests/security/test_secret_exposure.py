"""Secrets stay where they belong. A help-seeker's conversation token (and the device
token, when they share history) lives only in its own Set-Cookie header: never in a
response body, another header, a URL, a redirect, a log line or a websocket frame, and
neither does the hash the database keeps of it. A staff session id is never in a page,
an API answer, a frame or a log. Cookies carry the flags README promises.

Already covered elsewhere, not repeated here: the seeker cookie from /chat/start is
HttpOnly and SameSite=Strict and its value is not in that response's body
(tests/counseling/test_views.py::test_starting_sets_an_httponly_strict_cookie_and_never_
shows_the_token); the device cookie's flags (tests/queues/test_consumers.py::
test_with_consent_the_next_counselor_sees_the_earlier_conversation_and_it_is_audited);
no client address in a real server's log (tests/test_logging.py); Secure cookies and HSTS
with DJANGO_SECURE (tests/test_security.py, the deploy check).
"""

import asyncio
import json
import logging
from pathlib import Path
from typing import Any

import pytest
import websockets
from channels.db import database_sync_to_async
from channels.testing.websocket import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from bench.kit.processes import Server, Worker
from counseling.models import Conversation
from counseling.tokens import seeker_token_hash
from tests.accounts.factories import counselor, supervisor
from tests.security.clients import raw_socket, staff_client
from tests.security.live import Browser, first_message, receive_type, ws_url
from tests.support.sockets import _session_cookie, frames_for, next_frame, send
from tests.support.staff import staff_login

db = database_sync_to_async
SEEKER_COOKIE = settings.KIZUNA["SEEKER_COOKIE_NAME"]
DEVICE_COOKIE = settings.KIZUNA["DEVICE_COOKIE_NAME"]
SESSION_COOKIE = settings.SESSION_COOKIE_NAME


class Exposure:
    """Everything a secret could leak into, gathered as text, with where it came from."""

    def __init__(self) -> None:
        self.places: list[tuple[str, str]] = []

    def add(self, where: str, text: Any) -> None:
        self.places.append((where, text if isinstance(text, str) else json.dumps(text)))

    def response(self, where: str, response: Any, *, own_cookie: str | None = None) -> None:
        """A Django test response: its body and every header, except the Set-Cookie that
        legitimately carries `own_cookie`."""
        self.add(f"{where} body", response.content.decode(errors="replace"))
        for name, value in response.headers.items():
            self.add(f"{where} header {name}", value)
        for name, morsel in response.cookies.items():
            if name != own_cookie:
                self.add(f"{where} cookie {name}", morsel.OutputString())

    def where(self, secret: str) -> list[str]:
        return [where for where, text in self.places if secret and secret in text]


async def everything(communicator: WebsocketCommunicator) -> list[dict]:
    return await frames_for(communicator, seconds=0.3)


# --- In process: the test client, the real routing, every logger -------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("quick_passwords")
async def test_a_seekers_tokens_appear_only_in_their_own_set_cookie_headers(caplog: Any):
    caplog.set_level(logging.DEBUG)
    seen = Exposure()
    seeker = Client(HTTP_HOST="localhost")

    async def visit(method: str, path: str, **kwargs: Any) -> Any:
        response = await db(getattr(seeker, method))(path, **kwargs)
        seen.add(f"{method.upper()} {path} url", path)
        seen.response(f"{method.upper()} {path}", response)
        return response

    await visit("get", "/")
    await visit("get", "/chat/")
    payload = {**first_message("my name is in here somewhere"), "share_history": True}
    start = await db(seeker.post)(
        "/chat/start", data=json.dumps(payload), content_type="application/json"
    )
    assert start.status_code == 201
    token = start.cookies[SEEKER_COOKIE].value
    device = start.cookies[DEVICE_COOKIE].value
    seen.add("start body", start.content.decode())
    seen.add("start headers", {k: v for k, v in start.headers.items() if k != "Set-Cookie"})
    await visit("get", "/chat/")
    await visit("post", "/chat/start", data="{}", content_type="application/json")  # 409
    await visit("get", "/chat/start")  # 405
    await visit("get", "/no-such-page/")  # 404

    cookie = f"{SEEKER_COOKIE}={token}; {DEVICE_COOKIE}={device}"
    socket, accepted, _code = await raw_socket("/ws/seeker/", cookie=cookie)
    assert accepted
    staff = await db(counselor)(display_name="Aoi")
    console, _accepted, _code = await raw_socket(
        "/ws/console/", cookie=await db(_session_cookie)(staff)
    )
    await send(console, type="take_next")
    assignment = await next_frame(console, "assignment")
    cid = assignment["conversation"]["id"]
    await send(socket, type="send", client_id="s2", body="are you there?")
    await send(socket, type="typing")
    await send(socket, type="resume", after=0)
    await send(socket, type="bogus")
    await send(console, type="resume", conversation=cid, after=0)
    await send(console, type="send", conversation=cid, client_id="c1", body="I'm here")
    await send(console, type="earlier", conversation=cid)
    boss = await db(supervisor)()
    dashboard, _accepted, _code = await raw_socket(
        "/ws/supervisor/", cookie=await db(_session_cookie)(boss)
    )
    await send(dashboard, type="observe", conversation=cid)
    await send(socket, type="end")
    heard: dict[str, set[str]] = {}
    for name, communicator in (("seeker", socket), ("console", console), ("dashboard", dashboard)):
        frames = await everything(communicator)
        seen.add(f"{name} frames", frames)
        heard[name] = {frame["type"] for frame in frames}
    # Not vacuous: the frames that carry conversation data were all there to look at.
    assert {"message", "history", "error"} <= heard["seeker"]
    assert {"message", "history", "earlier"} <= heard["console"]
    assert "observing" in heard["dashboard"]
    figures = await db(lambda: staff_client(boss).get("/api/dashboard/"))()
    assert figures.status_code == 200
    seen.response("GET /api/dashboard/", figures)

    survey = {"helped": "yes", "comment": "thanks"}
    await visit("post", "/chat/survey", data=json.dumps(survey), content_type="application/json")
    await visit("post", "/chat/left", data={"forget": "0"})
    await visit("get", "/chat/?new=1")
    await visit("post", "/chat/delete")
    await visit("post", "/chat/forget")
    for communicator in (socket, console, dashboard):
        await communicator.disconnect()
    for record in caplog.records:
        seen.add(f"log {record.name}", record.getMessage() + str(record.__dict__))

    stored_hash = (await db(Conversation.objects.get)(pk=cid)).token_hash
    assert stored_hash == seeker_token_hash(token)
    for secret in (token, device, stored_hash, seeker_token_hash(device)):
        assert seen.where(secret) == []


@pytest.mark.django_db(transaction=True)
async def test_staff_session_ids_are_never_in_pages_api_answers_frames_or_logs(caplog: Any):
    caplog.set_level(logging.DEBUG)
    seen = Exposure()
    boss = await db(supervisor)()
    client = await db(staff_client)(boss)
    key = client.cookies[SESSION_COOKIE].value
    for path in (
        "/console/",
        "/console/replies/",
        "/supervisor/",
        "/supervisor/reports/",
        "/supervisor/staffing/",
        "/api/dashboard/",
        "/api/canned-responses/",
        "/api/schema/",
        "/accounts/two-factor/",
        "/no-such-page/",
    ):
        response = await db(client.get)(path)
        assert response.status_code in {200, 404}, (path, response.status_code)
        seen.response(f"GET {path}", response, own_cookie=SESSION_COOKIE)
    for path in ("/ws/console/", "/ws/supervisor/"):
        communicator, accepted, _code = await raw_socket(path, cookie=f"{SESSION_COOKIE}={key}")
        assert accepted
        await send(communicator, type="team")
        await send(communicator, type="bogus")
        seen.add(f"{path} frames", await everything(communicator))
        await communicator.disconnect()
    for record in caplog.records:
        seen.add(f"log {record.name}", record.getMessage() + str(record.__dict__))
    assert seen.where(key) == []


@pytest.mark.django_db
def test_the_staff_session_cookie_is_httponly_and_samesite_lax():
    client = Client(HTTP_HOST="localhost")
    user = supervisor()
    staff_login(client, user)  # password, then the second factor, through the forms
    assert client.get("/console/").status_code == 200
    morsel = client.cookies[SESSION_COOKIE]
    assert morsel["httponly"] is True
    assert morsel["samesite"] == "Lax"


# --- Through the real server and a real worker, with their logs ----------------------------


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_no_token_or_session_id_reaches_a_real_servers_responses_frames_or_logs(
    server_env: dict[str, str], celery_worker: Worker, tmp_path: Path
):
    server = Server(server_env, tmp_path / "server.log")
    seen = Exposure()
    try:
        seeker = Browser(server.url)
        seeker.get("/")
        seeker.get("/chat/")
        start = seeker.post_json("/chat/start", {**first_message(), "share_history": True})
        assert start.status == 201
        token, device = seeker.cookies[SEEKER_COOKIE], seeker.cookies[DEVICE_COOKIE]
        seeker.get("/chat/")
        seeker.post_json("/chat/start", first_message())  # 409: already open
        boss = supervisor()
        staff_cookie = _session_cookie(boss)
        session_key = staff_cookie.partition("=")[2]
        staff = Browser(server.url, cookies={SESSION_COOKIE: session_key})
        for path in ("/console/", "/supervisor/", "/api/dashboard/", "/accounts/login/?next=/"):
            staff.get(path)

        async def talk() -> None:
            seeker_headers = {"Origin": server.url, "Cookie": f"{SEEKER_COOKIE}={token}"}
            staff_headers = {"Origin": server.url, "Cookie": staff_cookie}
            async with (
                websockets.connect(
                    ws_url(server.url, "/ws/seeker/"), additional_headers=seeker_headers
                ) as ws_seeker,
                websockets.connect(
                    ws_url(server.url, "/ws/console/"), additional_headers=staff_headers
                ) as ws_console,
            ):
                await ws_console.send(json.dumps({"type": "take_next"}))
                cid = (await receive_type(ws_console, "assignment"))["conversation"]["id"]
                for frame in (
                    {"type": "send", "client_id": "s2", "body": "hello?"},
                    {"type": "resume", "after": 0},
                    {"type": "nonsense"},
                    {"type": "end"},
                ):
                    await ws_seeker.send(json.dumps(frame))
                await ws_console.send(
                    json.dumps({"type": "resume", "conversation": cid, "after": 0})
                )
                await receive_type(ws_console, "history")
                await asyncio.sleep(1)
                for name, ws in (("seeker", ws_seeker), ("console", ws_console)):
                    while True:
                        try:
                            seen.add(f"{name} frame", await asyncio.wait_for(ws.recv(), 0.5))
                        except TimeoutError:
                            break

        asyncio.run(talk())
        seeker.post_json("/chat/survey", {"helped": "yes"})
        seeker.post_form("/chat/left", "forget=0")
        seeker.post_form("/chat/delete")
        seeker.post_form("/chat/forget")
        # Each secret may travel in the Set-Cookie header of its own cookie, and only there.
        own_cookies = (
            f"{SEEKER_COOKIE}={token}",
            f"{DEVICE_COOKIE}={device}",
            f"{SESSION_COOKIE}={session_key}",
        )
        for who, browser in (("seeker", seeker), ("staff", staff)):
            for path, reply in browser.history:
                seen.add(f"{who} url", path)
                seen.add(f"{who} {path} body", reply.body)
                for name, value in reply.headers:
                    if not (name.lower() == "set-cookie" and value.startswith(own_cookies)):
                        seen.add(f"{who} {path} header {name}", value)
        conversation = Conversation.objects.get(token_hash=seeker_token_hash(token))
        assert conversation.status in {"ended", "abandoned"}
    finally:
        server.stop()
    seen.add("server log", server.output())
    seen.add("worker log", celery_worker.output())
    for secret in (token, device, seeker_token_hash(token), session_key):
        assert seen.where(secret) == []
