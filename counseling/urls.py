from django.urls import path

from . import views

app_name = "counseling"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("chat/", views.chat, name="chat"),
    path("chat/start", views.chat_start, name="chat_start"),
    path("console/", views.console, name="console"),
]
