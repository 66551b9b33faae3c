"""Waiting conversations nobody is behind leave the queue, through the real path: a
uvicorn process holding a help-seeker's socket says so by its heartbeat, and beat's task
runs on a real Celery worker (counseling.tasks.abandon_unattended)."""

import asyncio
import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import websockets
from django.db import connection
from django.utils import timezone

from bench.kit.processes import Server, wait_for
from counseling.models import Conversation, SenderKind, Status
from counseling.tasks import abandon_unattended
from tests.realservice.test_cross_process import frame_of, start_conversation, ws_url

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
LONG_AGO = timedelta(minutes=30)


async def in_thread(work: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Database work off the event loop, its thread's connection closed after (a
    connection left open keeps the test database from being dropped)."""

    def run() -> Any:
        try:
            return work(*args, **kwargs)
        finally:
            connection.close()

    return await asyncio.to_thread(run)


def test_a_page_left_open_keeps_its_place_and_one_closed_long_ago_leaves_the_queue(
    server_env, celery_worker, tmp_path: Path
):
    server = Server({**server_env, "KIZUNA_SEEKER_HEARTBEAT_SECONDS": "1"}, tmp_path / "web.log")
    try:
        present_token = start_conversation(server.url, "I'm not safe, is someone there?")
        absent_token = start_conversation(server.url, "I'm not safe")
        present, absent = Conversation.objects.order_by("created_at")

        async def stay_and_return() -> dict:
            headers = {"Cookie": f"kizuna_seeker={present_token}", "Origin": server.url}
            async with websockets.connect(
                ws_url(server.url, "/ws/seeker/"), additional_headers=headers
            ) as seeker:
                await frame_of(seeker, "conversation")
                # Both as if their last socket was seen half an hour ago; only the open
                # one is said to be open again, by the web process's heartbeat.
                long_ago = timezone.now() - LONG_AGO
                await in_thread(
                    Conversation.objects.filter(pk__in=[present.pk, absent.pk]).update,
                    seeker_seen_at=long_ago,
                )
                seen = await in_thread(
                    wait_for,
                    lambda: (
                        (Conversation.objects.get(pk=present.pk).seeker_seen_at or long_ago)
                        > long_ago
                    ),
                    10,
                )
                assert seen, server.output()
                assert await in_thread(lambda: abandon_unattended.delay().get(30)) == 1
                await seeker.send(json.dumps({"type": "send", "client_id": "s2", "body": "ok"}))
                assert (await frame_of(seeker, "message"))["body"] == "ok"  # still in line

            # The absent person comes back: told why, from the same page.
            headers = {"Cookie": f"kizuna_seeker={absent_token}", "Origin": server.url}
            async with websockets.connect(
                ws_url(server.url, "/ws/seeker/"), additional_headers=headers
            ) as returning:
                return await frame_of(returning, "conversation")

        returned = asyncio.run(stay_and_return())
        assert (returned["status"], returned["ended_by"]) == ("abandoned", "system")
        present.refresh_from_db()
        absent.refresh_from_db()
        assert present.status == Status.WAITING
        assert (absent.status, absent.ended_by) == (Status.ABANDONED, SenderKind.SYSTEM)
        assert "abandon_unattended" in celery_worker.output()
    finally:
        server.stop()
