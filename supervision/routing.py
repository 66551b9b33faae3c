"""Websocket routes of the supervision layer, composed into config/asgi.py."""

from django.urls import path

from .consumers import SupervisorConsumer

websocket_urlpatterns = [
    path("ws/supervisor/", SupervisorConsumer.as_asgi()),
]
