from django.urls import path

from . import views

app_name = "queues"

urlpatterns = [
    path("supervisor/", views.dashboard, name="dashboard"),
]
