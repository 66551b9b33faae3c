"""Websocket events about risk. Staff-only: never sent to a conversation's group.

- "risk" to staff-<counselor id> (the counselor holding it, if any):
  {"type": "risk", "conversation", "risk_tier", "risk_score", "risk_evidence",
  "risk_explanation", "risk_reason", "assessment": {...}}: the conversation's risk over its recent
  messages (evidence items name their "message_seq"), and the newest message's own.
- "alert" to `supervisors` and `console`: {"type": "alert", "kind": "imminent",
  "conversation", "status", "risk_score", "at"} — a person at imminent risk.
"""

from core.bus import send_on_commit
from core.groups import CONSOLE, SUPERVISORS, staff_group
from counseling.models import Conversation

from .models import Assessment
from .selectors import assessment_dict


def risk_changed(conversation: Conversation, *, latest: Assessment) -> None:
    if conversation.counselor_id is None:
        return  # waiting: the queue broadcast carries the new tier to every console
    send_on_commit(
        staff_group(conversation.counselor_id),
        {
            "type": "risk",
            "conversation": str(conversation.id),
            "risk_tier": conversation.risk_tier,
            "risk_score": conversation.risk_score,
            # The conversation's risk over its recent messages, and why: the banner shows
            # these, so tier and explanation always agree.
            "risk_evidence": conversation.risk_evidence,
            "risk_explanation": conversation.risk_explanation,
            "risk_reason": conversation.risk_reason,
            # The newest message's own assessment: its phrases are highlighted in it.
            "assessment": assessment_dict(latest),
        },
    )


def imminent_alert(conversation: Conversation) -> None:
    frame = {
        "type": "alert",
        "kind": "imminent",
        "conversation": str(conversation.id),
        "status": conversation.status,
        "risk_score": conversation.risk_score,
        "at": conversation.risk_updated_at.isoformat() if conversation.risk_updated_at else None,
    }
    send_on_commit(SUPERVISORS, frame)
    send_on_commit(CONSOLE, frame)
