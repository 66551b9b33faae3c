"""No help-seeker's network address reaches the logs."""

import asyncio
import logging
from pathlib import Path

import pytest
import websockets

from bench.kit.processes import Server
from config.logging import RedactClientAddresses
from tests.counseling.factories import waiting_conversation


@pytest.mark.parametrize(
    "line",
    [
        '127.0.0.1:56634 - "WebSocket /ws/seeker/" [accepted]',
        "client 203.0.113.9 connected",
        '[2001:db8::1]:443 - "GET / HTTP/1.1" 200',
        "from 2001:db8:0:0:0:0:2:1 via proxy",
    ],
)
def test_addresses_are_redacted_from_any_record(line):
    record = logging.LogRecord("uvicorn.error", logging.INFO, __file__, 1, "%s", (line,), None)
    RedactClientAddresses().filter(record)
    message = record.getMessage()
    assert "[address]" in message
    for fragment in ("127.0.0.1", "203.0.113.9", "2001:db8"):
        assert fragment not in message


@pytest.mark.parametrize("line", ["at 12:30:45, v1.2", "Started server process [12345]"])
def test_times_versions_and_process_ids_are_left_alone(line):
    record = logging.LogRecord("x", logging.INFO, __file__, 1, line, None, None)
    RedactClientAddresses().filter(record)
    assert record.getMessage() == line


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_servers_log_holds_no_client_address(server_env, tmp_path: Path):
    _conversation, token = waiting_conversation("hello")
    server = Server(server_env, tmp_path / "server.log")
    try:

        async def visit() -> None:
            url = server.url.replace("http://", "ws://") + "/ws/seeker/"
            headers = {"Cookie": f"kizuna_seeker={token}", "Origin": server.url}
            async with websockets.connect(url, additional_headers=headers) as ws:
                await asyncio.wait_for(ws.recv(), 10)

        asyncio.run(visit())
    finally:
        server.stop()
    log = server.output()
    assert "WebSocket /ws/seeker/" in log  # the line is there, without its address
    assert "127.0.0.1:" not in log.replace(f"127.0.0.1:{server.port}", "")


def test_the_servers_own_address_to_open_is_printed_whole():
    """`make run`'s last line says where to open Kizuna; it is no client's address."""
    line = "Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)"
    record = logging.LogRecord("uvicorn.error", logging.INFO, __file__, 1, "%s", (line,), None)
    RedactClientAddresses().filter(record)
    assert record.getMessage() == line
    client = logging.LogRecord(
        "uvicorn.error", logging.INFO, __file__, 1, "%s", ("127.0.0.1:5 - running on",), None
    )
    RedactClientAddresses().filter(client)
    assert "127.0.0.1" not in client.getMessage()
