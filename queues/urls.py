from django.urls import path

from . import api, views

app_name = "queues"

urlpatterns = [
    path("supervisor/", views.dashboard, name="dashboard"),
    path("api/dashboard/", api.DashboardView.as_view(), name="api_dashboard"),
]
