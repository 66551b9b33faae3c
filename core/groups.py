"""Channel-layer group names.

`conversation-<id>` reaches the help-seeker and the assigned counselor, so it carries only
what the help-seeker may see. Staff-only facts (risk, intake, the queue) go to `console`
(every counselor console) or `staff-<user id>` (one staff member's consoles).
"""

from uuid import UUID

CONSOLE = "console"
# Supervisors' consoles: alerts and team events.
SUPERVISORS = "supervisors"
# Supervisors' live dashboards (queues/consumers.py): figures and alerts.
DASHBOARD = "dashboard"
# Consumers of waiting help-seekers: the queue order, from which each takes its position.
WAITING_ROOM = "waiting-room"


def conversation_group(conversation_id: UUID | str) -> str:
    return f"conversation-{conversation_id}"


def staff_group(user_id: int) -> str:
    return f"staff-{user_id}"
