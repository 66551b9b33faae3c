"""What the queue does when a lower app tells it something (core/facts.py), and its
answers to the help-seeker's socket about their place. Connected in QueuesConfig.ready()."""

from typing import Any

from core import facts
from core.bus import answer, subscribe
from counseling.models import Conversation, Status

from . import events
from .alerts import ANSWERED_KINDS, alerts_resolve
from .events import stats_dict
from .frames import PositionFrame, position_frame
from .models import Alert
from .selectors import queue_position, queue_waiting


def queue_changed() -> None:
    """Push the queue, positions and estimates (after commit, coalesced). Looked up when
    called, so a test can count pushes by replacing events.queue_changed."""
    events.queue_changed()


def conversations_closed(*, conversations: list[Conversation]) -> None:
    """Nothing is left to alert about: resolve what was (one query to find which)."""
    alerted = set(
        Alert.objects.filter(conversation__in=conversations, resolved_at__isnull=True).values_list(
            "conversation_id", flat=True
        )
    )
    for conversation in conversations:
        if conversation.pk in alerted:
            alerts_resolve(conversation=conversation)


def counselor_replied(*, conversation: Conversation) -> None:
    alerts_resolve(conversation=conversation, kinds=ANSWERED_KINDS)  # answered now


def place(*, conversation_id: Any, fresh: bool = False) -> PositionFrame | None:
    """A waiting help-seeker's "position" frame, or None if they are not waiting.

    As their page opens, the order remembered from the last broadcast will do; `fresh`
    reads the queue itself (someone just returned to it, after that broadcast)."""
    conversation = Conversation.objects.get(pk=conversation_id)
    if conversation.status != Status.WAITING:
        return None
    if not fresh:
        position = queue_position(conversation)
        if position is None:
            return None
        where, waiting, stats = position
        return position_frame(where, waiting, stats=stats or stats_dict())
    order = [entry.conversation_id for entry in queue_waiting()]
    mine = str(conversation.pk)
    if mine not in order:
        return None
    return position_frame(order.index(mine) + 1, len(order), stats=stats_dict())


def position_in(
    *, order: list[str], stats: dict[str, Any], conversation_id: str
) -> PositionFrame | None:
    """One person's frame from a waiting-room broadcast (events.py), None if not in it."""
    if conversation_id not in order:
        return None
    return position_frame(order.index(conversation_id) + 1, len(order), stats=stats)


def connect() -> None:
    subscribe(facts.QUEUE_CHANGED, queue_changed)
    subscribe(facts.CONVERSATIONS_CLOSED, conversations_closed)
    subscribe(facts.COUNSELOR_REPLIED, counselor_replied)
    answer(facts.QUEUE_PLACE, place)
    answer(facts.QUEUE_POSITION, position_in)
