from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = "Supervision"

    def ready(self) -> None:
        from core import facts
        from core.bus import subscribe

        from . import events

        subscribe(facts.DASHBOARD_CHANGED, events.dashboard_changed)
