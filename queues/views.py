"""Supervisors' pages: the live dashboard, reports, staffing and the research export."""

from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from accounts.models import User
from accounts.roles import is_supervisor
from counseling import ui_strings
from counseling.wrapup import outcomes


def _supervisor(request: HttpRequest) -> User:
    if not is_supervisor(request.user):
        raise PermissionDenied
    return cast(User, request.user)


@never_cache
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    _supervisor(request)
    strings = {**ui_strings.CONSOLE, **ui_strings.DASHBOARD, "outcomes": outcomes()}
    return render(request, "queues/dashboard.html", {"dashboard_strings": strings})
