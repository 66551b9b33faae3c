"""Triage reads: the assessments behind a conversation's messages (for staff only), and
counselors' wrap-ups as labels for measuring and training triage."""

from collections.abc import Iterable
from dataclasses import dataclass

from core import facts
from core.bus import ask
from core.tiers import Tier
from counseling.checklist import checklist_tier
from counseling.models import Message, SenderKind, WrapUp

from .corpus import LANGUAGES, TIERS, ChatExample
from .frames import AssessmentDict, assessment_dict
from .models import Assessment


def assessments_for(messages: Iterable[Message]) -> list[AssessmentDict]:
    """Assessment summaries (with evidence spans) for these messages, by sequence number."""
    ids = [m.pk for m in messages if m.sender == "seeker"]
    if not ids:
        return []
    rows = Assessment.objects.filter(message_id__in=ids).select_related("message")
    return [assessment_dict(a) for a in rows.order_by("message__seq")]


# --- counselors' wrap-ups as labels (triage_eval --from-wrapups, triage_train) -------------

# The help-seeker messages a wrap-up label stands for: the conversation's last ones, as
# the counselor read them before judging (the same window the live risk uses, roughly).
WRAPUP_MESSAGES = 10


@dataclass(frozen=True)
class WrapUpLabel:
    """A finished conversation as counselors judged it, beside what triage said."""

    conversation_id: str
    language: str
    counselor_tier: str  # the wrap-up's tier, or the checklist's suggestion without one
    triage_tier: str  # the conversation's tier when it ended
    messages: tuple[str, ...]  # the help-seeker's last messages, de-identified


def wrapup_labels(*, with_text: bool = True) -> list[WrapUpLabel]:
    """Every wrap-up with a counselor tier (or checklist answers), oldest first. With text,
    the help-seeker's last messages are de-identified (by supervision, which governs what
    leaves the system) before they leave this function."""
    wrapups = list(
        WrapUp.objects.select_related("conversation", "conversation__checklist")
        .exclude(counselor_tier=Tier.UNKNOWN)
        .order_by("created_at")
    )
    texts: dict[str, list[str]] = {}
    if with_text and wrapups:
        rows = Message.objects.filter(
            conversation_id__in=[w.conversation_id for w in wrapups], sender=SenderKind.SEEKER
        ).order_by("conversation_id", "-seq")
        for conversation_id, body in rows.values_list("conversation_id", "body"):
            recent = texts.setdefault(str(conversation_id), [])
            if len(recent) < WRAPUP_MESSAGES:
                recent.append(body)
    labels = []
    for wrapup in wrapups:
        tier = wrapup.counselor_tier
        if not tier:
            checklist = getattr(wrapup.conversation, "checklist", None)
            if checklist is None or not checklist.answers:
                continue
            tier = checklist_tier(checklist.answers)
        recent = list(reversed(texts.get(str(wrapup.conversation_id), [])))
        labels.append(
            WrapUpLabel(
                conversation_id=str(wrapup.conversation_id),
                language=wrapup.conversation.language,
                counselor_tier=str(tier),
                triage_tier=wrapup.triage_tier,
                messages=tuple(ask(facts.TEXT_DEIDENTIFIED, text=m) for m in recent),
            )
        )
    return labels


def wrapup_examples() -> list[ChatExample]:
    """Wrap-up labels as chat examples for triage_train (de-identified text only)."""
    return [
        ChatExample(
            id=f"wrapup-{label.conversation_id}",
            lang=label.language if label.language in LANGUAGES else "en",
            tier=label.counselor_tier,
            kind="conversation",
            messages=label.messages,
        )
        for label in wrapup_labels()
        if label.messages and label.counselor_tier in TIERS
    ]
