"""The one frame every Kizuna socket may send, whatever its app: an error.

Here, below every app, because the staff sockets' session guard (accounts) and the
frame-handling base of every socket (counseling) both refuse with it.
"""

from typing import Literal, NotRequired, TypedDict


class ErrorFrame(TypedDict):
    type: Literal["error"]
    code: str
    message: str
    # The client id of the refused message, so the page marks that one as not sent.
    ref: NotRequired[str]


def error_frame(code: str, message: str, *, ref: str | None = None) -> ErrorFrame:
    """{"type": "error", "code", "message", "ref"?}: a refusal (core/errors.py), or a staff
    socket's session ending (code "session_ended")."""
    frame: ErrorFrame = {"type": "error", "code": code, "message": message}
    if ref is not None:
        frame["ref"] = ref
    return frame
