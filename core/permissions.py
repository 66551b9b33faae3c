"""DRF permissions by role, re-checked on every request: roles change while a session lives."""

from rest_framework import permissions
from rest_framework.request import Request
from rest_framework.views import APIView

from .roles import is_counselor, is_supervisor


class IsCounselor(permissions.BasePermission):
    """Counselors and supervisors."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return is_counselor(request.user)


class IsSupervisor(permissions.BasePermission):
    """Supervisors and admins."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return is_supervisor(request.user)
