from django.apps import AppConfig


class CounselingConfig(AppConfig):
    name = "counseling"
    verbose_name = "Counseling"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deployment checks)
