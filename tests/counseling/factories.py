"""Factories for counseling: a help-seeker's conversation, started as the page starts it."""

from typing import Any

from counseling.services.conversations import conversation_start

_seq = iter(range(1, 10**9))


def waiting_conversation(body: str = "I need someone to talk to.", **kwargs: Any) -> Any:
    """A help-seeker's conversation, started as the page does. Returns (conversation, token)."""
    conversation, token, _message = conversation_start(
        language=kwargs.pop("language", "en"),
        intake=kwargs.pop("intake", {}),
        body=body,
        client_id=f"first-{next(_seq)}",
    )
    return conversation, token
