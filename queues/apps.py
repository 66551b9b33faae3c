from django.apps import AppConfig


class QueuesConfig(AppConfig):
    name = "queues"
    verbose_name = "Queue"

    def ready(self) -> None:
        from .listeners import connect

        connect()
