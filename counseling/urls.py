from django.urls import path

from . import api, views

app_name = "counseling"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("chat/", views.chat, name="chat"),
    path("chat/admission", views.chat_admission, name="chat_admission"),
    path("chat/start", views.chat_start, name="chat_start"),
    path("chat/left", views.chat_left, name="chat_left"),
    path("chat/forget", views.chat_forget, name="chat_forget"),
    path("chat/survey", views.chat_survey, name="chat_survey"),
    path("chat/delete", views.chat_delete, name="chat_delete"),
    path("console/", views.console, name="console"),
    path("console/replies/", views.canned_responses, name="canned_responses"),
    path("console/replies/<int:pk>/", views.canned_response_edit, name="canned_response_edit"),
    path("api/canned-responses/", api.CannedResponseList.as_view(), name="api_canned_responses"),
]
