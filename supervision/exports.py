"""Research export: de-identified conversations and messages for a period, as a zip of
two CSV files and a README. Only supervisors holding `counseling.export_research` may
export, and every export is written to the audit log.

What leaves the system, and what never does, is listed in README_TEXT below (it goes into
every zip). In short: no real ids (conversations and staff get random ids, new in every
export), no staff names, no token or device hashes, no client ids, no private notes; free
text goes through `deidentify`; conversation start times are given to the hour and
message times as seconds since the conversation started.
"""

import contextlib
import csv
import io
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import IO, Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from accounts.models import AuditEvent, User
from accounts.services import audit_record
from core.clock import service_local
from core.errors import Refusal
from core.roles import is_supervisor
from counseling.intake import TOPICS, intake_clean
from counseling.models import Conversation, Message, ResearchExportJob, SenderKind, Status
from supervision.deidentify import Pseudonymizer, deidentify, pseudonymizer
from supervision.deidentify_corpus import measured, recall_text

EXPORT_PERMISSION = "counseling.export_research"
# Only conversations that are over: a live conversation's transcript is incomplete, and
# the person may still be in the middle of a crisis.
EXPORTED_STATUSES = (Status.ENDED, Status.ABANDONED)
CHUNK_SIZE = 2000
# Exports up to this size stay in memory; larger ones spill to a temporary file that is
# deleted when the export is closed.
SPOOL_MAX_BYTES = 16 * 1024 * 1024

CONVERSATION_COLUMNS = (
    "conversation_export_id",
    "created_hour",
    "language",
    "status",
    "ended_by",
    "wait_seconds",
    "duration_seconds",
    "risk_tier",
    "risk_score",
    "intake_topic",
    "intake_age_band",
    "intake_safe_now",
    "counselor_export_id",
    "wrap_up_outcome",
    "wrap_up_counselor_tier",
    "wrap_up_triage_tier",
    "wrap_up_topics",
    "wrap_up_note",
    "survey_feeling_before",
    "survey_feeling_after",
    "survey_helped",
    "survey_comment",
)
MESSAGE_COLUMNS = (
    "conversation_export_id",
    "seq",
    "sender",
    "author_export_id",
    "seconds_since_start",
    "body",
)

# Spreadsheets run a cell that starts with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")

README_TEXT = """\
Kizuna research export
======================

Period: conversations started from {start} (inclusive) to {end} (exclusive),
that have ended (status "ended" or "abandoned").
Conversations: {conversations}. Messages: {messages}.

Files (UTF-8 with a byte-order mark, comma-separated, RFC 4180 quoting):

conversations.csv, one row per conversation
  conversation_export_id  random id for this export only; joins messages.csv
  created_hour            when the conversation started, truncated to the hour, in the
                          service's time zone (ISO 8601 with offset)
  language                en or ja
  status                  ended, or abandoned (left the queue before anyone answered)
  ended_by                seeker, counselor or system
  wait_seconds            from entering the queue to the first counselor message; if no
                          counselor ever wrote, to the end of the conversation
  duration_seconds        from the start to the end of the conversation
  risk_tier, risk_score   automatic triage when the conversation was last scored
  intake_topic, intake_age_band, intake_safe_now
                          optional answers before the first message (codes)
  counselor_export_id     random id of the last counselor; empty if never answered
  wrap_up_outcome, wrap_up_counselor_tier, wrap_up_triage_tier, wrap_up_topics
                          the counselor's wrap-up (topics separated by ";")
  wrap_up_note            the counselor's wrap-up note, de-identified
  survey_feeling_before, survey_feeling_after
                          1 (very bad) to 5 (good), optional
  survey_helped, survey_comment
                          optional end survey; the comment de-identified

messages.csv, one row per message, in order within each conversation
  conversation_export_id  as above
  seq                     1, 2, 3 ... within the conversation
  sender                  seeker, counselor or system
  author_export_id        random id of the staff member who wrote it (empty for the
                          help-seeker); the same id as counselor_export_id above
  seconds_since_start     seconds from the start of the conversation
  body                    the message, de-identified

De-identification
-----------------
Ids are replaced by random ids drawn for this export: the same conversation or staff
member has a different id in another export, so exports cannot be joined. Staff names,
the help-seeker's conversation token and device link, message client ids and private
staff notes are never exported. In free text, URLs, email addresses, phone numbers,
social-media handles and messenger ids become [URL], [EMAIL], [PHONE], [HANDLE]; staff
names, and names introduced by phrases such as "my name is", "call me", "this is",
"私の名前は", "と申します", "って言います" or followed by さん/くん/ちゃん/先生, become
[NAME].

Measured on this export's code (supervision/deidentify_corpus.py: {corpus_lines}
sentences in English and Japanese written the ways people write identifiers: spaced,
digit by digit, in words or kana, full-width, with wave dashes or kanji numerals, "(at)",
【at】, "。", "LINE→id", "IDは…", "L I N E", plus some known hard cases; a sentence
counts when no identifying part of its identifier is left; "none" is ordinary chat
lines, with nothing to remove, that came through unchanged):
{recall}
Many of the "none" lines are false positives found while the patterns were written and
then fixed, so that row shows they stay fixed; it is not a general precision. The corpus
is a floor, not a proof: real messages vary more.

Limits: detection is best-effort pattern matching. Names mentioned without such a phrase,
addresses, schools, workplaces, dates of birth and numbers written with 十/百/千 are not
found, and what someone writes about their life can identify them to someone who knows
them. Treat this data as sensitive: use it only for the approved research, keep it only
as that approval allows, never publish raw text, and never try to identify anyone.

A cell that would start with = + - or @ is prefixed with ' so that spreadsheets do not
run it as a formula.
"""


@dataclass(frozen=True)
class ResearchExport:
    """A finished export. `file` is positioned at the start; close it when sent."""

    filename: str
    file: IO[bytes]
    conversations: int
    messages: int

    def close(self) -> None:
        self.file.close()


def may_export_research(user: Any) -> bool:
    """Supervisors (or admins) who were also given the export permission."""
    return bool(
        getattr(user, "is_active", False)
        and is_supervisor(user)
        and user.has_perm(EXPORT_PERMISSION)
    )


Progress = Callable[[int, int], None]
PROGRESS_EVERY = 500


def research_export(
    *, actor: User, start: datetime, end: datetime, progress: Progress | None = None
) -> ResearchExport:
    """Export the conversations started in [start, end) that have ended, de-identified.

    Reading and the audit record are one transaction: the audit row exists exactly when
    an export was produced. On PostgreSQL the transaction reads one snapshot, so both
    files describe the same conversations. `progress(done, total)` is told how many rows
    of both files are written, every PROGRESS_EVERY rows (research_export_job_run).
    """
    if not may_export_research(actor):
        raise Refusal("forbidden")
    if not valid_period(start, end):
        raise Refusal("bad_request")
    # Read before the transaction: the isolation level must be its first statement, and a
    # query here also runs the connection's health check (CONN_HEALTH_CHECKS) outside it.
    names = _staff_names()
    snapshot = not connection.in_atomic_block and connection.vendor == "postgresql"
    spool: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_MAX_BYTES)  # noqa: SIM115
    try:
        with transaction.atomic():
            if snapshot:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            conversation_ids, staff_ids = pseudonymizer(), pseudonymizer()
            counter = _Counter(start, end, progress)
            with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                conversations = _write_csv(
                    archive,
                    "conversations.csv",
                    CONVERSATION_COLUMNS,
                    counter.counted(
                        _conversation_rows(start, end, names, conversation_ids, staff_ids)
                    ),
                )
                messages = _write_csv(
                    archive,
                    "messages.csv",
                    MESSAGE_COLUMNS,
                    counter.counted(_message_rows(start, end, names, conversation_ids, staff_ids)),
                )
                readme = README_TEXT.format(
                    start=start.isoformat(),
                    end=end.isoformat(),
                    conversations=conversations,
                    messages=messages,
                    corpus_lines=sum(total for _hit, total in measured().values()),
                    recall=recall_text(measured()),
                )
                archive.writestr("README.txt", readme)
            audit_record(
                actor=actor,
                action=AuditEvent.Action.EXPORT,
                detail={
                    "start": start.isoformat(),
                    "end": end.isoformat(),
                    "conversations": conversations,
                    "messages": messages,
                },
            )
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return ResearchExport(
        filename=_filename(start, end),
        file=spool,
        conversations=conversations,
        messages=messages,
    )


class _Counter:
    """Counts rows as they are written and reports them (with the total, read in the same
    snapshot) to a progress callback."""

    def __init__(self, start: datetime, end: datetime, progress: Progress | None) -> None:
        self.progress = progress
        self.done = 0
        self.total = 0
        if progress is not None:
            exported = _exported(start, end)
            self.total = (
                exported.count() + Message.objects.filter(conversation__in=exported).count()
            )
            progress(0, self.total)

    def counted(self, rows: Iterable[list[object]]) -> Iterator[list[object]]:
        for row in rows:
            yield row
            self.done += 1
            if self.progress is not None and self.done % PROGRESS_EVERY == 0:
                self.progress(self.done, self.total)


def valid_period(start: Any, end: Any) -> bool:
    return (
        isinstance(start, datetime)
        and isinstance(end, datetime)
        and timezone.is_aware(start)
        and timezone.is_aware(end)
        and start < end
    )


def _filename(start: datetime, end: datetime) -> str:
    def day(moment: datetime) -> str:
        local = service_local(moment)
        return local.strftime("%Y%m%d" if local.time() == datetime.min.time() else "%Y%m%dT%H%M")

    return f"kizuna-research-{day(start)}-{day(end)}.zip"


def _staff_names() -> tuple[str, ...]:
    """Every name a staff member goes by (staff names turn up in messages and notes), and
    usernames that are not plain words: "support" or "admin" would erase ordinary words
    from every message, while "kenji_w" or "staff12" only ever mean the person."""
    names: set[str] = set()
    rows = User.objects.values_list("display_name", "first_name", "last_name", "username")
    for display_name, first_name, last_name, username in rows:
        names.update(name.strip() for name in (display_name, first_name, last_name))
        if not username.isalpha():
            names.add(username.strip())
    names.discard("")
    return tuple(sorted(names))


def _exported(start: datetime, end: datetime) -> QuerySet[Conversation]:
    return Conversation.objects.filter(
        created_at__gte=start, created_at__lt=end, status__in=EXPORTED_STATUSES
    )


def _conversation_rows(
    start: datetime,
    end: datetime,
    names: tuple[str, ...],
    conversation_ids: Pseudonymizer,
    staff_ids: Pseudonymizer,
) -> Iterator[list[object]]:
    first_reply = (
        Message.objects.filter(conversation=OuterRef("pk"), sender=SenderKind.COUNSELOR)
        .order_by("seq")
        .values("created_at")[:1]
    )
    # Named columns only: the token and device hashes are never even read.
    rows = (
        _exported(start, end)
        .annotate(first_reply_at=Subquery(first_reply))
        .order_by("created_at", "pk")
        .values(
            "id",
            "created_at",
            "queued_at",
            "ended_at",
            "ended_by",
            "status",
            "language",
            "intake",
            "risk_tier",
            "risk_score",
            "counselor_id",
            "first_reply_at",
            "wrap_up__outcome",
            "wrap_up__counselor_tier",
            "wrap_up__triage_tier",
            "wrap_up__topics",
            "wrap_up__note",
            "survey__feeling_before",
            "survey__feeling_after",
            "survey__helped",
            "survey__comment",
        )
    )
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        intake = intake_clean(row["intake"])
        queued_at = row["queued_at"] or row["created_at"]
        topics = row["wrap_up__topics"] or []
        yield [
            conversation_ids(row["id"]),
            _hour(row["created_at"]),
            row["language"],
            row["status"],
            row["ended_by"],
            _seconds(queued_at, row["first_reply_at"] or row["ended_at"]),
            _seconds(row["created_at"], row["ended_at"]),
            row["risk_tier"],
            "" if row["risk_score"] is None else round(row["risk_score"], 3),
            intake.get("topic", ""),
            intake.get("age_band", ""),
            intake.get("safe_now", ""),
            staff_ids(row["counselor_id"]),
            row["wrap_up__outcome"] or "",
            row["wrap_up__counselor_tier"] or "",
            row["wrap_up__triage_tier"] or "",
            ";".join(topic for topic in topics if topic in TOPICS),
            deidentify(row["wrap_up__note"] or "", names=names),
            _optional(row["survey__feeling_before"]),
            _optional(row["survey__feeling_after"]),
            row["survey__helped"] or "",
            deidentify(row["survey__comment"] or "", names=names),
        ]


def _message_rows(
    start: datetime,
    end: datetime,
    names: tuple[str, ...],
    conversation_ids: Pseudonymizer,
    staff_ids: Pseudonymizer,
) -> Iterator[list[object]]:
    rows = (
        Message.objects.filter(conversation__in=_exported(start, end))
        .order_by("conversation__created_at", "conversation_id", "seq")
        .values_list(
            "conversation_id",
            "conversation__created_at",
            "seq",
            "sender",
            "author_id",
            "created_at",
            "body",
        )
    )
    for conversation_id, started_at, seq, sender, author_id, created_at, body in rows.iterator(
        chunk_size=CHUNK_SIZE
    ):
        if conversation_id not in conversation_ids:
            continue  # ended after conversations.csv was read (outside one snapshot)
        yield [
            conversation_ids(conversation_id),
            seq,
            sender,
            staff_ids(author_id),
            _seconds(started_at, created_at),
            deidentify(body, names=names),
        ]


def _write_csv(
    archive: zipfile.ZipFile,
    name: str,
    columns: Iterable[str],
    rows: Iterable[list[object]],
) -> int:
    count = 0
    # force_zip64: a file's size is unknown until it is written, and may pass 2 GiB.
    with (
        archive.open(name, "w", force_zip64=True) as entry,
        io.TextIOWrapper(entry, encoding="utf-8-sig", newline="") as text,
    ):
        writer = csv.writer(text)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(value) for value in row])
            count += 1
    return count


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _hour(moment: datetime) -> str:
    return service_local(moment).replace(minute=0, second=0, microsecond=0).isoformat()


def _seconds(since: datetime | None, until: datetime | None) -> int | str:
    if since is None or until is None:
        return ""
    return int((until - since).total_seconds())


def _optional(value: object) -> object:
    return "" if value is None else value


# --- Exports as Celery tasks -------------------------------------------------------------

PROGRESS_KEY = "research-export-progress:{}"
# A finished export not downloaded within this long is removed by the purge.
JOB_KEEP_SECONDS = 24 * 3600


def research_export_job_run(*, job_id: str) -> None:
    """Make the export of a queued job (safe to run twice: a job already started or
    finished is left alone)."""
    State = ResearchExportJob.State
    claimed = ResearchExportJob.objects.filter(pk=job_id, state=State.QUEUED).update(
        state=State.RUNNING
    )
    if not claimed:
        return
    job = ResearchExportJob.objects.select_related("actor").get(pk=job_id)

    def progress(done: int, total: int) -> None:
        with contextlib.suppress(Exception):  # progress is a courtesy: never fail for it
            cache.set(PROGRESS_KEY.format(job_id), [done, total], timeout=JOB_KEEP_SECONDS)

    try:
        export = research_export(actor=job.actor, start=job.start, end=job.end, progress=progress)
    except Exception:
        ResearchExportJob.objects.filter(pk=job_id).update(
            state=State.FAILED, finished_at=timezone.now()
        )
        raise
    try:
        data = export.file.read()
    finally:
        export.close()
    ResearchExportJob.objects.filter(pk=job_id).update(
        state=State.DONE,
        finished_at=timezone.now(),
        data=data,
        conversations=export.conversations,
        messages=export.messages,
    )
    progress(export.conversations + export.messages, export.conversations + export.messages)


def research_export_job_progress(job: ResearchExportJob) -> tuple[int, int] | None:
    """(rows written, rows in all) of a running job, if known."""
    try:
        known = cache.get(PROGRESS_KEY.format(job.pk))
    except Exception:
        return None
    return (int(known[0]), int(known[1])) if isinstance(known, list) and len(known) == 2 else None


def research_export_jobs_for(actor: User) -> QuerySet[ResearchExportJob]:
    """The exports `actor` may see: only those they asked for. For anyone else a job is
    absent, alike whether it exists or not."""
    return ResearchExportJob.objects.filter(actor=actor)


def research_export_job_for(actor: User, job_id: Any) -> ResearchExportJob | None:
    try:
        return research_export_jobs_for(actor).filter(pk=job_id).first()
    except (ValidationError, ValueError):
        return None  # not an id: absent, like any other


def research_export_job_download(*, actor: User, job_id: Any) -> tuple[str, bytes]:
    """The zip, once, to the supervisor who asked for it: it is removed from the database
    as it is handed over. Refused as "not_found" alike when there is no such job, it is
    someone else's, or it is not ready or already downloaded."""
    with transaction.atomic():
        try:
            locked = research_export_jobs_for(actor).select_for_update().filter(pk=job_id).first()
        except (ValidationError, ValueError):
            locked = None
        if locked is None or locked.state != ResearchExportJob.State.DONE or locked.data is None:
            raise Refusal("not_found")
        data = bytes(locked.data)
        locked.data = None
        locked.downloaded_at = timezone.now()
        locked.save(update_fields=["data", "downloaded_at"])
    return _filename(locked.start, locked.end), data


def research_export_jobs_purge() -> int:
    """Periodic: finished exports nobody downloaded within JOB_KEEP_SECONDS lose their zip."""
    cutoff = timezone.now() - timedelta(seconds=JOB_KEEP_SECONDS)
    return ResearchExportJob.objects.filter(created_at__lt=cutoff, data__isnull=False).update(
        data=None
    )
