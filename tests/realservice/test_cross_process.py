"""Two server processes share one Redis channel layer: a message sent through one reaches
a client connected to the other."""

import asyncio
import json
from pathlib import Path

import pytest
import websockets

from bench.kit.http import seeker_start
from bench.kit.processes import Server
from tests.accounts.factories import counselor
from tests.support.staff import http_staff_cookie

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def start_conversation(base_url: str, body: str) -> str:
    """Open a conversation as the page does; return the seeker's token cookie."""
    return seeker_start(base_url, body=body, client_id="first")


def staff_cookie(base_url: str, username: str, password: str) -> str:
    return http_staff_cookie(base_url, username, password)  # password, then the code


async def frame_of(ws, kind: str, timeout: float = 10) -> dict:
    async with asyncio.timeout(timeout):
        while True:
            frame = json.loads(await ws.recv())
            if frame["type"] == kind:
                return frame


def ws_url(base_url: str, path: str) -> str:
    return base_url.replace("http://", "ws://") + path


def test_a_message_crosses_from_one_server_process_to_another(server_env, tmp_path: Path):
    staff = counselor(display_name="Aoi")
    first = Server(server_env, tmp_path / "first.log")
    second = Server(server_env, tmp_path / "second.log")
    try:
        seeker_token = start_conversation(first.url, "hello from process one")
        cookie = staff_cookie(second.url, staff.username, "a-long-test-password")

        async def talk() -> tuple[dict, dict]:
            async with (
                websockets.connect(
                    ws_url(first.url, "/ws/seeker/"),
                    additional_headers={
                        "Cookie": f"kizuna_seeker={seeker_token}",
                        "Origin": first.url,
                    },
                ) as seeker,
                websockets.connect(
                    ws_url(second.url, "/ws/console/"),
                    additional_headers={"Cookie": cookie, "Origin": second.url},
                ) as console,
            ):
                await frame_of(seeker, "conversation")
                await frame_of(console, "hello")
                await console.send(json.dumps({"type": "take_next"}))
                assignment = await frame_of(console, "assignment")
                conversation_id = assignment["conversation"]["id"]
                await frame_of(seeker, "conversation")  # "active": the join crossed over
                await console.send(
                    json.dumps(
                        {
                            "type": "send",
                            "conversation": conversation_id,
                            "client_id": "c1",
                            "body": "hello from process two",
                        }
                    )
                )
                to_seeker = await frame_of(seeker, "message")
                await seeker.send(json.dumps({"type": "send", "client_id": "s2", "body": "got it"}))
                to_console = await frame_of(console, "message")
                while to_console["client_id"] != "s2":
                    to_console = await frame_of(console, "message")
                return to_seeker, to_console

        to_seeker, to_console = asyncio.run(talk())
        assert (to_seeker["body"], to_seeker["sender"]) == ("hello from process two", "counselor")
        assert (to_console["body"], to_console["seq"]) == ("got it", 3)
    finally:
        first.stop()
        second.stop()
