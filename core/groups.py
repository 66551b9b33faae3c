"""Channel-layer group names.

`conversation-<id>` reaches the help-seeker, the consoles of the counselor holding the
conversation and the dashboards of supervisors watching it, so it carries only what the
help-seeker may see. Staff-only frames (risk, intake, the queue, alerts) go to `console`,
`supervisors`, `dashboard` or `staff-<user id>`; a help-seeker's socket joins none of them.
"""

from uuid import UUID

# Every counselor's console (queues/consumers.py) and every supervisor's dashboard
# (supervision/consumers.py): the queue, imminent-risk alerts.
CONSOLE = "console"
# Supervisors' consoles (a supervisor's console also joins `console`): alerts.
SUPERVISORS = "supervisors"
# Supervisors' live dashboards (supervision/consumers.py): figures and alerts.
DASHBOARD = "dashboard"
# Consumers of waiting help-seekers: the queue order, from which each takes its position.
WAITING_ROOM = "waiting-room"


def conversation_group(conversation_id: UUID | str) -> str:
    return f"conversation-{conversation_id}"


def staff_group(user_id: int) -> str:
    """One staff member's consoles and dashboards: frames about their conversations, and
    the order to close when their session ends (accounts/sessions.py)."""
    return f"staff-{user_id}"
