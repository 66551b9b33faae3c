"""Websocket routes, composed into config/asgi.py."""

from django.urls import path

from .consumers import CounselorConsumer, SeekerConsumer, SupervisorConsumer

websocket_urlpatterns = [
    path("ws/seeker/", SeekerConsumer.as_asgi()),
    path("ws/console/", CounselorConsumer.as_asgi()),
    path("ws/supervisor/", SupervisorConsumer.as_asgi()),
]
