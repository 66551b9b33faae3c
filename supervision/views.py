"""Supervisors' pages: the live dashboard, reports, staffing and the research export."""

import csv
from typing import Any, cast
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from accounts.models import User
from core.errors import Refusal
from core.roles import is_supervisor
from counseling import ui_strings
from counseling.models import ResearchExportJob
from counseling.wrapup import outcomes
from queues.models import Alert
from supervision.export_jobs import research_export_job_create
from supervision.exports import (
    may_export_research,
    research_export_job_download,
    research_export_job_for,
    research_export_job_progress,
)

from .forms import PeriodForm, StaffingForm
from .reports import REPORTS, report_chart, report_data, report_rows, report_table
from .reports.staffing import staffing_by_hour
from .services import report_download_record


def _supervisor(request: HttpRequest) -> User:
    if not is_supervisor(request.user):
        raise PermissionDenied
    return cast(User, request.user)


@never_cache
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    _supervisor(request)
    # Alert titles in the reader's language: frames carry the English label (they are built
    # once for every dashboard), the page names each kind itself.
    strings = {
        **ui_strings.CONSOLE,
        **ui_strings.DASHBOARD,
        "outcomes": outcomes(),
        "alert_kinds": {kind.value: str(kind.label) for kind in Alert.Kind},
    }
    return render(request, "supervision/dashboard.html", {"dashboard_strings": strings})


def _cell(value: Any) -> str:
    """A report figure as shown in a table: no figure is a dash, fractions stay short."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"
    return str(value)


@never_cache
@login_required
def reports(request: HttpRequest) -> HttpResponse:
    """Every report over a chosen period: a chart, its numbers in a table, a CSV link."""
    _supervisor(request)
    form = PeriodForm.from_query(request.GET)
    sections = []
    if form.is_valid():
        period = form.period()
        for name, report in REPORTS.items():
            if name == "staffing_by_hour":
                continue  # its own page, with the target
            data = report_data(name, period)
            header, rows = report_table(name, data)
            sections.append(
                {
                    "name": name,
                    "title": report.title,
                    "chart": report_chart(name, data),
                    "header": header,
                    "rows": [[_cell(value) for value in row] for row in rows],
                }
            )
    return render(
        request,
        "supervision/reports.html",
        {"form": form, "sections": sections, "query": request.GET.urlencode()},
    )


@never_cache
@login_required
def report_csv(request: HttpRequest, name: str) -> HttpResponse:
    user = _supervisor(request)
    if name not in REPORTS:
        raise Http404
    form = PeriodForm.from_query(request.GET)
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain")
    header, rows = report_rows(name, form.period())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    report_download_record(actor=user, name=name, start=start, end=end)
    response["Content-Disposition"] = f'attachment; filename="kizuna-{name}-{start}-{end}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read Japanese as UTF-8
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


@never_cache
@login_required
def staffing(request: HttpRequest) -> HttpResponse:
    """Counselors needed per hour for a target (Erlang C), against those on shift."""
    _supervisor(request)
    form = StaffingForm.from_query(request.GET)
    context: dict[str, Any] = {"form": form, "query": request.GET.urlencode()}
    if form.is_valid():
        data = staffing_by_hour(
            form.period(),
            target_seconds=form.cleaned_data["target_minutes"] * 60,
            target_level=form.cleaned_data["target_percent"] / 100,
        )
        header, rows = report_table("staffing_by_hour", data)
        context.update(
            data=data,
            chart=report_chart("staffing_by_hour", data),
            header=header,
            rows=[[_cell(value) for value in row] for row in rows],
        )
    return render(request, "supervision/staffing.html", context)


@never_cache
@login_required
def research_export_page(request: HttpRequest) -> HttpResponse:
    """De-identified research export: supervisors with the export permission only. The
    export is made by a Celery task (a long period takes minutes); the page of the job
    follows it and offers the zip when it is ready."""
    user = _exporter(request)
    form = (
        PeriodForm(request.POST) if request.method == "POST" else PeriodForm.from_query(request.GET)
    )
    if request.method == "POST" and form.is_valid():
        period = form.period()
        job = research_export_job_create(actor=user, start=period.start, end=period.end)
        return redirect("supervision:export_job", job_id=job.pk)
    return render(request, "supervision/export.html", {"form": form})


def _exporter(request: HttpRequest) -> User:
    user = _supervisor(request)
    if not may_export_research(user):
        raise PermissionDenied
    return user


@never_cache
@login_required
def research_export_job(request: HttpRequest, job_id: UUID) -> HttpResponse:
    """The export's progress, then its download (POST), once. Only the supervisor who
    asked for an export sees it: for anyone else it is absent, alike whether it exists."""
    user = _exporter(request)
    if request.method == "POST":
        try:
            filename, data = research_export_job_download(actor=user, job_id=job_id)
        except Refusal:
            raise Http404 from None
        response = HttpResponse(data, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    job = research_export_job_for(user, job_id)
    if job is None:
        return render(request, "supervision/export_job.html", {"job": None})
    progress = research_export_job_progress(job)
    percent = round(100 * progress[0] / progress[1]) if progress and progress[1] else None
    context = {
        "job": job,
        "ready": job.state == ResearchExportJob.State.DONE and job.downloaded_at is None,
        "working": job.state in {ResearchExportJob.State.QUEUED, ResearchExportJob.State.RUNNING},
        "progress": progress,
        "percent": percent,
    }
    return render(request, "supervision/export_job.html", context)
