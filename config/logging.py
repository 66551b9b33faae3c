"""Logging filters. Kizuna keeps no help-seeker's network address, not even in logs."""

import logging
import re

# IPv4 (with optional port) and bracketed or bare IPv6 addresses.
HEX = "[0-9A-Fa-f]{1,4}"
ADDRESS = re.compile(
    r"\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b"  # IPv4, with its port
    r"|\[[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*\](?::\d+)?"  # [IPv6]:port
    rf"|(?<![\w:])(?:{HEX}:){{7}}{HEX}(?![\w:])"  # full IPv6
    rf"|(?<![\w:])(?:{HEX}:)*:(?::?{HEX})+(?![\w:])"  # IPv6 with "::"
)


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
        redacted = ADDRESS.sub("[address]", message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True
