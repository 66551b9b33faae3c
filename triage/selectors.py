"""Triage reads: the assessments behind a conversation's messages, for staff only."""

from collections.abc import Iterable
from typing import Any

from counseling.models import Message

from .models import Assessment


def assessments_for(messages: Iterable[Message]) -> list[dict[str, Any]]:
    """Assessment summaries (with evidence spans) for these messages, by sequence number."""
    ids = [m.pk for m in messages if m.sender == "seeker"]
    if not ids:
        return []
    rows = Assessment.objects.filter(message_id__in=ids).select_related("message")
    return [assessment_dict(a) for a in rows.order_by("message__seq")]


def assessment_dict(assessment: Assessment) -> dict[str, Any]:
    return {
        "message_seq": assessment.message.seq,
        "score": assessment.score,
        "tier": assessment.tier,
        "evidence": assessment.evidence,
        "explanation": assessment.explanation,
    }
