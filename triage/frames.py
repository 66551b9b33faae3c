"""The websocket frame about risk, built by one typed builder here (staff only: never sent
to a conversation's group). The imminent notice is an "alert" (queues/frames.py), one
shape with every other alert. README.md documents it; tests/triage/test_frames.py checks it.
"""

from typing import Any, Literal, TypedDict

from counseling.models import Conversation

from .models import Assessment


class AssessmentDict(TypedDict):
    """One help-seeker message's assessment; evidence items name their "message_seq"."""

    message_seq: int
    score: float
    tier: str
    evidence: list[dict[str, Any]]
    explanation: str
    reason: dict[str, Any]


def assessment_dict(assessment: Assessment) -> AssessmentDict:
    return {
        "message_seq": assessment.message.seq,
        "score": assessment.score,
        "tier": assessment.tier,
        "evidence": assessment.evidence,
        "explanation": assessment.explanation,
        "reason": assessment.reason,
    }


class RiskFrame(TypedDict):
    type: Literal["risk"]
    conversation: str
    risk_tier: str
    risk_score: float | None
    risk_evidence: list[dict[str, Any]]
    risk_explanation: str
    risk_reason: dict[str, Any]
    assessment: AssessmentDict


def risk_frame(conversation: Conversation, *, latest: Assessment) -> RiskFrame:
    """The conversation's risk over its recent messages, and why (the banner shows these,
    so tier and explanation always agree), with the newest message's own assessment,
    whose phrases are highlighted in it."""
    return {
        "type": "risk",
        "conversation": str(conversation.id),
        "risk_tier": conversation.risk_tier,
        "risk_score": conversation.risk_score,
        "risk_evidence": conversation.risk_evidence,
        "risk_explanation": conversation.risk_explanation,
        "risk_reason": conversation.risk_reason,
        "assessment": assessment_dict(latest),
    }
