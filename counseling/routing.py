"""Websocket routes of the counseling layer, composed into config/asgi.py."""

from django.urls import path

from .consumers import SeekerConsumer

websocket_urlpatterns = [
    path("ws/seeker/", SeekerConsumer.as_asgi()),
]
