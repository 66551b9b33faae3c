"""Asking for a research export: the job row, then the Celery task that makes it
(counseling/exports.py has the export itself and the job's other steps)."""

from datetime import datetime

from django.db import transaction

from accounts.models import User
from core.errors import Refusal
from counseling.models import ResearchExportJob

from .exports import may_export_research, valid_period
from .tasks import research_export_run


def research_export_job_create(*, actor: User, start: datetime, end: datetime) -> ResearchExportJob:
    """Ask for an export; a Celery task makes it (counseling.tasks.research_export_run)."""
    if not may_export_research(actor):
        raise Refusal("forbidden")
    if not valid_period(start, end):
        raise Refusal("bad_request")
    job = ResearchExportJob.objects.create(actor=actor, start=start, end=end)
    transaction.on_commit(lambda: research_export_run.delay(str(job.pk)))
    return job
