"""Websocket events of the supervision layer. Called only from its listeners; sent after commit.

- "dashboard" to `dashboard`: supervision/dashboard.py's figures (shape in
  supervision/frames.py), at most once a second, whenever a lower app publishes
  DASHBOARD_CHANGED (core/facts.py).
"""

from core.bus import forward, group_send_now, on_commit, run_coalesced
from core.groups import DASHBOARD

from . import frames
from .dashboard import dashboard_figures

DASHBOARD_SECONDS = 1.0


def dashboard_changed() -> None:
    """Something a dashboard shows changed: push fresh figures, at most once a second."""
    on_commit(lambda: run_coalesced("dashboard", DASHBOARD_SECONDS, _dashboard_broadcast))


def _dashboard_broadcast() -> None:
    group_send_now(DASHBOARD, forward(frames.dashboard_frame(dashboard_figures())))
