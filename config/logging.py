"""Logging filters. Kizuna keeps no help-seeker's network address, not even in logs."""

import logging
import re

# IPv4 with its port, and bracketed IPv6 with its port.
IPV4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b")
BRACKETED = re.compile(r"\[[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*\](?::\d+)?")
# A run of hex digits, colons and dots with two colons or more: IPv6 in any spelling,
# IPv4-mapped (::ffff:203.0.113.99), and with a port glued on unbracketed, as uvicorn
# writes "host:port" (2001:db8::1:51234). It is an address when it has "::" or five
# colons or more; times (12:30:45.123) have neither.
COLON_RUN = re.compile(r"(?<![\w.:])[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*(?![\w.:])")


def _redact_colon_run(match: re.Match[str]) -> str:
    run = match.group()
    return "[address]" if "::" in run or run.count(":") >= 5 else run


def redact(message: str) -> str:
    message = BRACKETED.sub("[address]", message)
    message = COLON_RUN.sub(_redact_colon_run, message)
    return IPV4.sub("[address]", message)


class RedactClientAddresses(logging.Filter):
    """Replace network addresses in every record with "[address]".

    Servers log client addresses in lines of their own (uvicorn: 'host:port - "WebSocket
    /ws/seeker/" [accepted]'); redacting at the handler catches those and any future one.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        # The server's own address, where to open it (the last line `make run` prints):
        # not a client's, and useless redacted.
        if record.name == "uvicorn.error" and message.startswith("Uvicorn running on "):
            return True
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True
