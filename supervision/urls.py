from django.urls import path

from . import api, views

app_name = "supervision"

urlpatterns = [
    path("supervisor/", views.dashboard, name="dashboard"),
    path("supervisor/reports/", views.reports, name="reports"),
    path("supervisor/reports/<slug:name>.csv", views.report_csv, name="report_csv"),
    path("supervisor/staffing/", views.staffing, name="staffing"),
    path("supervisor/export/", views.research_export_page, name="export"),
    path("supervisor/export/<uuid:job_id>/", views.research_export_job, name="export_job"),
    path("api/dashboard/", api.DashboardView.as_view(), name="api_dashboard"),
    path("api/reports/<slug:name>/", api.ReportView.as_view(), name="api_report"),
    path("api/staffing/", api.StaffingView.as_view(), name="api_staffing"),
]
