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

from django.conf import settings
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header

from core.errors import Refusal

# Deeper than any of our frames or requests (the intake is two levels).
MAX_DEPTH = 8
# After json.loads has joined every valid surrogate pair, any surrogate left is alone.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def json_parse(text: str | bytes) -> Any:
    """The parsed value, or Refusal("bad_request")."""
    try:
        value = json.loads(text, object_pairs_hook=_unique_keys)
    except (ValueError, RecursionError):
        raise Refusal("bad_request") from None
    _check(value, 0)
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object naming a key twice is refused: {"type": "send", "type": "end"} meant
    whichever the reader took (json keeps the last: an attacker's send became an end)."""
    value = dict(pairs)
    if len(value) != len(pairs):
        raise ValueError("a key given twice")
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


def scope_language(scope: dict[str, Any]) -> str:
    """The language a websocket's page was shown in, as Django's LocaleMiddleware chose it
    for the page's request: the language cookie, then Accept-Language, then the default.
    Refusals on the socket are worded in it (a Japanese page was told "This conversation
    has ended." in English)."""
    cookie = (scope.get("cookies") or {}).get(settings.LANGUAGE_COOKIE_NAME)
    candidates = [cookie] if cookie else []
    for name, value in scope.get("headers") or ():
        if name == b"accept-language":
            header = value.decode("latin-1")
            candidates += [code for code, _q in parse_accept_lang_header(header)]
    for code in candidates:
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return str(settings.LANGUAGE_CODE)
