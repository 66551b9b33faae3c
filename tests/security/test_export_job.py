"""Research exports run as a Celery task with progress, not inside a request, and only
the supervisor who asked for one can see or download it, once.

The attack (issue 14, finding 6): a help-seeker's adversarial messages made one export
take 103 s inside a request's open transaction. The de-identification is linear now
(tests/security/test_deidentify_cost.py); this keeps any large export out of requests.
"""

import io
import uuid
import zipfile
from datetime import datetime, timedelta

import pytest
from django.test import Client

from accounts.models import AuditEvent
from core.errors import Refusal
from counseling.models import ResearchExportJob, SenderKind
from supervision import exports
from supervision.tasks import research_export_run
from tests.security.clients import staff_client
from tests.supervision.test_exports import conversation, exporter

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_passwords")]


def some_conversations(day: datetime, count: int = 3) -> None:
    for n in range(count):
        conversation(
            day + timedelta(hours=n),
            messages=((SenderKind.SEEKER, f"message {n} call 090-1234-5678", 5),),
        )


def ask(client: Client, start: str, end: str):
    return client.post("/supervisor/export/", {"start": start, "end": end})


def test_asking_for_an_export_answers_with_its_page_and_the_task_makes_the_zip(
    django_capture_on_commit_callbacks,
):
    some_conversations(datetime.now().astimezone() - timedelta(days=2))
    user = exporter()
    client = staff_client(user)
    today = datetime.now().date()

    with django_capture_on_commit_callbacks(execute=True):  # the task is sent on commit
        response = ask(client, str(today - timedelta(days=5)), str(today))

    job = ResearchExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/supervisor/export/{job.pk}/"
    assert response.get("Content-Type", "").startswith("text/html")  # no zip in the request
    job.refresh_from_db()
    assert job.state == ResearchExportJob.State.DONE  # eager in tests: the task ran
    assert (job.conversations, job.messages) == (3, 3)
    assert "Ready" in client.get(f"/supervisor/export/{job.pk}/").content.decode()
    assert AuditEvent.objects.filter(actor=user, action=AuditEvent.Action.EXPORT).count() == 1

    download = client.post(f"/supervisor/export/{job.pk}/")
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        assert {"conversations.csv", "messages.csv", "README.txt"} <= set(archive.namelist())
        assert "090-1234-5678" not in archive.read("messages.csv").decode("utf-8-sig")
    again = client.post(f"/supervisor/export/{job.pk}/")
    assert again.status_code == 404  # once only: the zip is no longer kept
    job.refresh_from_db()
    assert job.data is None and job.downloaded_at is not None


def test_another_exporter_cannot_see_or_download_someone_elses_export(
    django_capture_on_commit_callbacks,
):
    some_conversations(datetime.now().astimezone() - timedelta(days=2))
    mine = staff_client(exporter())
    today = datetime.now().date()
    with django_capture_on_commit_callbacks(execute=True):
        ask(mine, str(today - timedelta(days=5)), str(today))
    job = ResearchExportJob.objects.get()

    other = staff_client(exporter())
    page = other.get(f"/supervisor/export/{job.pk}/").content.decode()
    assert "not available" in page and str(job.start.date()) not in page
    assert other.post(f"/supervisor/export/{job.pk}/").status_code == 404
    job.refresh_from_db()
    assert job.data is not None


def test_progress_is_reported_as_rows_are_written(monkeypatch):
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 1)
    day = datetime.now().astimezone() - timedelta(days=2)
    some_conversations(day, count=4)
    seen: list[tuple[int, int]] = []
    export = exports.research_export(
        actor=exporter(),
        start=day - timedelta(days=1),
        end=day + timedelta(days=1),
        progress=lambda done, total: seen.append((done, total)),
    )
    export.close()
    assert seen[0] == (0, 8)
    assert [done for done, _total in seen] == list(range(9))


def test_the_task_is_not_handed_to_a_second_worker_while_it_runs():
    """A late ack with the broker's 60 s visibility timeout would start a long export
    again on another worker; this task is acknowledged on receipt, with long limits."""
    soft, hard = research_export_run.soft_time_limit, research_export_run.time_limit
    assert research_export_run.acks_late is False
    assert soft is not None and hard is not None and 600 <= soft < hard


def test_a_job_runs_once_even_if_its_task_is_delivered_twice():
    user = exporter()
    day = datetime.now().astimezone() - timedelta(days=2)
    some_conversations(day, count=1)
    job = ResearchExportJob.objects.create(
        actor=user, start=day - timedelta(days=1), end=day + timedelta(days=1)
    )
    exports.research_export_job_run(job_id=str(job.pk))
    exports.research_export_job_run(job_id=str(job.pk))
    assert AuditEvent.objects.filter(actor=user, action=AuditEvent.Action.EXPORT).count() == 1


@pytest.mark.parametrize("job_id", ["someone_elses", "absent", "not-a-uuid", None])
def test_the_download_answers_not_found_alike_for_absent_and_not_yours(job_id):
    day = datetime.now().astimezone() - timedelta(days=2)
    some_conversations(day, count=1)
    owner = exporter()
    job = ResearchExportJob.objects.create(
        actor=owner, start=day - timedelta(days=1), end=day + timedelta(days=1)
    )
    exports.research_export_job_run(job_id=str(job.pk))
    asked = {"someone_elses": job.pk, "absent": uuid.uuid4()}.get(job_id, job_id)
    with pytest.raises(Refusal, match="not_found"):
        exports.research_export_job_download(actor=exporter(), job_id=asked)
    assert exports.research_export_job_for(exporter(), asked) is None
    filename, data = exports.research_export_job_download(actor=owner, job_id=job.pk)
    assert filename.endswith(".zip") and zipfile.is_zipfile(io.BytesIO(data))
