"""JSON from clients (websocket frames, the start and survey requests), parsed once.

A client of ours never sends lone UTF-16 surrogates ("\\ud800" escaped in JSON) or
nesting deeper than a few levels; a hostile one does, and then PostgreSQL refuses the
text, or echoing a client id back cannot be encoded, or the parser overflows the stack
(issue 14, finding 10). Such input is refused here as "bad_request", before anything
reads it, so every adapter answers with its documented refusal and stays up.
"""

import json
import re
import uuid
from typing import Any

from .errors import Refusal

# Deeper than any of our frames or requests (the intake is two levels).
MAX_DEPTH = 8
# After json.loads has joined every valid surrogate pair, any surrogate left is alone.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def json_parse(text: str | bytes) -> Any:
    """The parsed value, or Refusal("bad_request")."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        raise Refusal("bad_request") from None
    _check(value, 0)
    return value


def _check(value: Any, depth: int) -> None:
    if isinstance(value, str):
        if LONE_SURROGATE.search(value):
            raise Refusal("bad_request")
        return
    if not isinstance(value, (dict, list)):
        return
    if depth >= MAX_DEPTH:
        raise Refusal("bad_request")
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        if isinstance(key, str):
            _check(key, depth + 1)
        _check(item, depth + 1)


def conversation_id_canonical(value: Any) -> Any:
    """A conversation id as the server writes it (the UUID's lower-case, hyphenated form),
    or the value unchanged when it is no UUID (the scoped selectors then answer not_found).

    Lookups accept any spelling of a UUID, but group names and comparisons are strings:
    "unobserve" with an upper-case id left the dashboard in the conversation's group."""
    if not isinstance(value, str):
        return value
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return value


def frame_ids_canonical(frame: dict[str, Any]) -> dict[str, Any]:
    """The frame with its conversation id(s) ("conversation", "conversations") in the
    server's spelling, so every action compares and names groups alike."""
    if "conversation" in frame:
        frame["conversation"] = conversation_id_canonical(frame["conversation"])
    if isinstance(frame.get("conversations"), list):
        frame["conversations"] = [conversation_id_canonical(v) for v in frame["conversations"]]
    return frame
