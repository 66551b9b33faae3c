"""What supervision does when a lower app tells it something (core/facts.py), and its
answer to triage's question about text. Connected in SupervisionConfig.ready()."""

from core import facts
from core.bus import answer, subscribe

from . import events
from .deidentify import deidentify


def dashboard_changed() -> None:
    """Push fresh figures to every dashboard, at most once a second."""
    events.dashboard_changed()


def text_deidentified(*, text: str) -> str:
    return deidentify(text)


def connect() -> None:
    subscribe(facts.DASHBOARD_CHANGED, dashboard_changed)
    answer(facts.TEXT_DEIDENTIFIED, text_deidentified)
