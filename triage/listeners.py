"""What triage does when counseling tells it something (core/facts.py), and its answer to
the console about what it found in messages. Connected in TriageConfig.ready()."""

from core import facts
from core.bus import answer, subscribe
from counseling.models import Conversation, Message

from .frames import AssessmentDict
from .selectors import assessments_for
from .services import conversation_risk_update, message_assess_later


def intake_not_safe(*, conversation: Conversation) -> None:
    # "Not safe right now" raises risk before any text is scored.
    conversation_risk_update(conversation=conversation)


def seeker_message_posted(*, message: Message) -> None:
    message_assess_later(message)


def message_assessments(*, messages: list[Message]) -> list[AssessmentDict]:
    return assessments_for(messages)


def connect() -> None:
    subscribe(facts.INTAKE_NOT_SAFE, intake_not_safe)
    subscribe(facts.SEEKER_MESSAGE_POSTED, seeker_message_posted)
    answer(facts.MESSAGE_ASSESSMENTS, message_assessments)
