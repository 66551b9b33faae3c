"""REST endpoints for supervisors: the dashboard's figures, reports and staffing.

Session-authenticated (Django REST framework) and permission-checked on every request;
described by the OpenAPI schema at /api/schema/ (drf-spectacular).
"""

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.permissions import IsSupervisor

from .dashboard import dashboard_figures
from .forms import PeriodForm, StaffingForm
from .reports import REPORTS, report_data
from .reports.staffing import staffing_by_hour


class SupervisorView(APIView):
    permission_classes = [permissions.IsAuthenticated, IsSupervisor]


class DashboardView(SupervisorView):
    """What the live dashboard shows: waiting by tier, today, the last 24 hours by hour,
    the team and its load, live conversations and open alerts."""

    @extend_schema(responses={200: dict[str, Any]})
    def get(self, request: Request) -> Response:
        return Response(dashboard_figures())


PERIOD_PARAMETERS = [
    OpenApiParameter("start", str, description="First day, YYYY-MM-DD (local time)."),
    OpenApiParameter("end", str, description="Last day included, YYYY-MM-DD (local time)."),
]


def _period_or_error(request: Request, form_class: type[PeriodForm] = PeriodForm) -> Any:
    form = form_class.from_query(request.query_params)
    if not form.is_valid():
        raise ValidationError(form.errors.get_json_data())
    return form


class ReportView(SupervisorView):
    """One report over a period (see /supervisor/reports/ for the same as charts)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("name", str, OpenApiParameter.PATH, enum=list(REPORTS)),
            *PERIOD_PARAMETERS,
        ],
        responses={200: dict[str, Any]},
    )
    def get(self, request: Request, name: str) -> Response:
        if name not in REPORTS:
            raise NotFound
        form = _period_or_error(request)
        return Response(
            {
                "report": name,
                "title": str(REPORTS[name].title),
                "start": form.cleaned_data["start"],
                "end": form.cleaned_data["end"],
                "data": report_data(name, form.period()),
            }
        )


class StaffingView(SupervisorView):
    """Counselors needed per hour of day for a target (Erlang C) against those on shift."""

    @extend_schema(
        parameters=[
            *PERIOD_PARAMETERS,
            OpenApiParameter("target_percent", int, description="Share to answer in time (1-99)."),
            OpenApiParameter("target_minutes", int, description="Target wait in minutes."),
        ],
        responses={200: dict[str, Any]},
    )
    def get(self, request: Request) -> Response:
        form = _period_or_error(request, StaffingForm)
        return Response(
            staffing_by_hour(
                form.period(),
                target_seconds=form.cleaned_data["target_minutes"] * 60,
                target_level=form.cleaned_data["target_percent"] / 100,
            )
        )
