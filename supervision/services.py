"""Writes of the supervision layer: what leaves the system is recorded."""

from accounts.models import AuditEvent, User
from accounts.services import audit_record


def report_download_record(*, actor: User, name: str, start: object, end: object) -> None:
    """A report's CSV left the system: recorded like any export (issue 14, finding 13).
    Reports hold figures, not words, but who took which figures away is still asked."""
    audit_record(
        actor=actor,
        action=AuditEvent.Action.EXPORT,
        detail={"report": name, "start": str(start), "end": str(end)},
    )
