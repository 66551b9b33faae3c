"""REST endpoints for supervisors: the dashboard's figures, reports and staffing.

Session-authenticated (Django REST framework) and permission-checked on every request;
described by the OpenAPI schema at /api/schema/ (drf-spectacular).
"""

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.roles import is_supervisor

from .dashboard import dashboard_figures


class IsSupervisor(permissions.BasePermission):
    """Supervisors and admins (re-checked on every request: roles change)."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return is_supervisor(request.user)


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
