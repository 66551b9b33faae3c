"""Websocket routes of the queue layer, composed into config/asgi.py."""

from django.urls import path

from .consumers import CounselorConsumer

websocket_urlpatterns = [
    path("ws/console/", CounselorConsumer.as_asgi()),
]
