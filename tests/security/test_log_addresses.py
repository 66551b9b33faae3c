"""No client address reaches a log line: the server never has one to log.

The attack (issue 14, finding 2): uvicorn's own 'host:port - "WebSocket /ws/seeker/"'
lines carried IPv6 addresses unredacted (2001:db8:…:7348:0:51234, the port glued on),
turned ::ffff:203.0.113.99 into half an address, and, behind a local proxy, trusted
X-Forwarded-For for whatever a client claimed. Now config/asgi.py empties the address
before anything reads it, and config/logging.py redacts every spelling as a second line.
"""

import asyncio
import logging
import urllib.request
from pathlib import Path

import pytest
import websockets

from bench.kit.processes import Server
from config.logging import RedactClientAddresses
from tests.counseling.factories import waiting_conversation

FORWARDED = {
    "ipv4": "203.0.113.99",
    "ipv6-full": "2001:db8:85a3:0:0:8a2e:370:7348",
    "ipv6-compressed": "2001:db8::7348",
    "ipv4-mapped": "::ffff:198.51.100.7",
    "ipv6-loopback": "::1",
}
# What must not be in the log: a distinctive part of each.
FRAGMENTS = ("203.0.113", "2001:db8", "8a2e", "7348", "198.51.100", "::ffff", "::1")


@pytest.mark.parametrize(
    "line",
    [
        '2001:db8:85a3:0:0:8a2e:370:7348:51234 - "WebSocket /ws/seeker/" [accepted]',
        '2001:db8::7348:51234 - "WebSocket /ws/seeker/" [accepted]',
        '::ffff:198.51.100.7:51234 - "WebSocket /ws/seeker/" 403',
        '::1:51234 - "WebSocket /ws/console/" [accepted]',
        '[2001:db8::7348]:443 - "GET / HTTP/1.1" 200',
        "for=203.0.113.99:4711 proto=https",
    ],
)
def test_every_spelling_of_an_address_is_redacted(line: str):
    record = logging.LogRecord("uvicorn.error", logging.INFO, __file__, 1, "%s", (line,), None)
    RedactClientAddresses().filter(record)
    message = record.getMessage()
    assert "[address]" in message
    assert not [fragment for fragment in FRAGMENTS if fragment in message], message


@pytest.mark.parametrize("line", ["at 12:30:45.123, v1.2", "took 0:00:01.5", "ratio 3:2"])
def test_times_and_ratios_are_not_addresses(line: str):
    record = logging.LogRecord("x", logging.INFO, __file__, 1, line, None, None)
    RedactClientAddresses().filter(record)
    assert record.getMessage() == line


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_the_server_logs_no_address_of_any_form_whatever_a_client_claims(
    server_env: dict[str, str], tmp_path: Path
):
    _conversation, token = waiting_conversation("hello")
    # Uvicorn's own log configuration, not ours: the address must not be there to log.
    env = {**server_env, "KIZUNA_LOG_LEVEL": "DEBUG"}
    server = Server(env, tmp_path / "server.log")
    try:

        async def visit(claimed: str) -> None:
            url = server.url.replace("http://", "ws://") + "/ws/seeker/"
            headers = {
                "Cookie": f"kizuna_seeker={token}",
                "Origin": server.url,
                "X-Forwarded-For": claimed,
                "Forwarded": f'for="[{claimed}]"',
                "X-Real-IP": claimed,
            }
            async with websockets.connect(url, additional_headers=headers) as ws:
                await asyncio.wait_for(ws.recv(), 10)
            refused = {**headers, "Origin": "http://evil.example"}
            with pytest.raises(websockets.InvalidStatus):
                async with websockets.connect(url, additional_headers=refused):
                    pass
            request = urllib.request.Request(f"{server.url}/chat/", headers=headers)
            with urllib.request.urlopen(request, timeout=10) as response:
                response.read()

        for claimed in FORWARDED.values():
            asyncio.run(visit(claimed))
    finally:
        server.stop()
    log = server.output()
    assert 'WebSocket /ws/seeker/" [accepted]' in log  # the lines are there...
    # ...and never had a client's address to redact (the server's own, in "Uvicorn
    # running on http://127.0.0.1:port", is redacted by the filter).
    redacted = [line for line in log.splitlines() if "[address]" in line]
    assert [line for line in redacted if "Uvicorn running on" not in line] == []
    assert not [fragment for fragment in FRAGMENTS if fragment in log]
    assert "127.0.0.1:" not in log.replace(f"127.0.0.1:{server.port}", "")
