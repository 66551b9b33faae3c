"""Research export: who may export, what the zip holds, what never leaves, the audit row."""

import csv
import io
import secrets
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.contrib.contenttypes.models import ContentType

from accounts.models import AuditEvent, User
from core.errors import Refusal
from counseling.models import Conversation, Message, Note, SenderKind, Status, Survey, WrapUp
from supervision import exports
from supervision.deidentify_corpus import recall, recall_text
from supervision.exports import CONVERSATION_COLUMNS, MESSAGE_COLUMNS, research_export
from tests.accounts.factories import counselor, supervisor

pytestmark = pytest.mark.django_db

START = datetime(2024, 5, 1, tzinfo=UTC)
END = datetime(2024, 6, 1, tzinfo=UTC)


def exporter(**kwargs) -> User:
    """A supervisor given the export permission (fetched again: permissions are cached)."""
    user = supervisor(**kwargs)
    return User.objects.get(pk=grant_export(user).pk)


def grant_export(user: User) -> User:
    content_type = ContentType.objects.get_for_model(Conversation)
    permission, _ = Permission.objects.get_or_create(
        codename="export_research",
        content_type=content_type,
        defaults={"name": "Can export de-identified research data"},
    )
    user.user_permissions.add(permission)
    return user


def conversation(
    at: datetime,
    *,
    status: Status = Status.ENDED,
    staff: User | None = None,
    messages: tuple[tuple[str, str, int], ...] = (),
    **fields,
) -> Conversation:
    """A conversation created at `at`, with (sender, body, seconds after start) messages."""
    row = Conversation.objects.create(
        token_hash=secrets.token_hex(32),
        device_hash=secrets.token_hex(32),
        status=status,
        counselor=staff,
        **fields,
    )
    Conversation.objects.filter(pk=row.pk).update(
        created_at=at,
        queued_at=at,
        ended_at=at + timedelta(minutes=30)
        if status not in (Status.WAITING, Status.ACTIVE)
        else None,
    )
    for seq, (sender, body, seconds) in enumerate(messages, start=1):
        message = Message.objects.create(
            conversation=row,
            seq=seq,
            sender=sender,
            author=staff if sender == SenderKind.COUNSELOR else None,
            body=body,
            client_id=f"client-{secrets.token_hex(8)}",
        )
        Message.objects.filter(pk=message.pk).update(created_at=at + timedelta(seconds=seconds))
    Conversation.objects.filter(pk=row.pk).update(last_seq=len(messages))
    row.refresh_from_db()
    return row


def read(export: exports.ResearchExport) -> tuple[bytes, dict[str, bytes]]:
    raw = export.file.read()
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return raw, {name: archive.read(name) for name in archive.namelist()}


def rows(files: dict[str, bytes], name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[name].decode("utf-8-sig"))))


def export_files(actor: User, start: datetime = START, end: datetime = END):
    export = research_export(actor=actor, start=start, end=end)
    raw, files = read(export)
    export.close()
    return export, raw, files


# --- Who may export ----------------------------------------------------------------------


def test_a_counselor_is_refused_even_with_the_permission():
    staff = grant_export(counselor())
    with pytest.raises(Refusal, match="forbidden"):
        research_export(actor=User.objects.get(pk=staff.pk), start=START, end=END)
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_a_supervisor_without_the_permission_is_refused():
    with pytest.raises(Refusal, match="forbidden"):
        research_export(actor=supervisor(), start=START, end=END)
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_an_inactive_supervisor_with_the_permission_is_refused():
    user = exporter()
    User.objects.filter(pk=user.pk).update(is_active=False)
    with pytest.raises(Refusal, match="forbidden"):
        research_export(actor=User.objects.get(pk=user.pk), start=START, end=END)


def test_an_anonymous_visitor_is_refused():
    with pytest.raises(Refusal, match="forbidden"):
        research_export(actor=AnonymousUser(), start=START, end=END)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("start", "end"),
    [(END, START), (START, START), (datetime(2024, 5, 1), END)],
    ids=["reversed", "empty", "naive"],
)
def test_a_period_that_is_not_one_is_refused(start, end):
    with pytest.raises(Refusal, match="bad_request"):
        research_export(actor=exporter(), start=start, end=end)


# --- The audit row -----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_every_export_is_audited_with_who_and_what():
    # transaction=True: the export runs as its own transaction (one snapshot on PostgreSQL).
    actor = exporter()
    conversation(START, messages=(("seeker", "hello", 0), ("seeker", "anyone?", 5)))
    conversation(START + timedelta(days=3), messages=(("seeker", "hi", 0),))
    export = research_export(actor=actor, start=START, end=END)
    export.close()
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.actor_id == actor.pk
    assert event.detail == {
        "start": START.isoformat(),
        "end": END.isoformat(),
        "conversations": 2,
        "messages": 3,
    }
    assert (export.conversations, export.messages) == (2, 3)


# --- The zip -----------------------------------------------------------------------------


def test_the_zip_holds_both_csvs_with_their_columns_and_a_readme():
    staff = counselor()
    conversation(
        START,
        staff=staff,
        messages=(("seeker", "I can't sleep", 0), ("counselor", "I'm here.", 40)),
        intake={"topic": "loneliness", "age_band": "13_17", "safe_now": "yes"},
    )
    export, _raw, files = export_files(exporter())
    assert export.filename == "kizuna-research-20240501-20240601.zip"
    assert set(files) == {"conversations.csv", "messages.csv", "README.txt"}
    conversations = rows(files, "conversations.csv")
    messages = rows(files, "messages.csv")
    assert tuple(conversations[0]) == CONVERSATION_COLUMNS
    assert tuple(messages[0]) == MESSAGE_COLUMNS
    assert len(conversations) == 1 and [m["body"] for m in messages] == [
        "I can't sleep",
        "I'm here.",
    ]
    assert (conversations[0]["intake_topic"], conversations[0]["intake_age_band"]) == (
        "loneliness",
        "13_17",
    )
    assert "De-identification" in files["README.txt"].decode()


def test_the_readme_states_recall_as_measured_on_the_corpus():
    conversation(START, messages=(("seeker", "I can't sleep", 0),))
    _export, _raw, files = export_files(exporter())
    readme = files["README.txt"].decode()
    figures = recall()
    assert recall_text(figures) in readme
    assert f"{sum(total for _hit, total in figures.values())}\nsentences" in readme


def test_nothing_identifying_is_anywhere_in_the_zip():
    staff = counselor(username="kenji_w", display_name="Kenji", first_name="Kenji")
    supervisor(username="marisol.ortiz", display_name="Marisol", first_name="Marisol")
    actor = exporter(username="dr_export_only", display_name="Quentin", first_name="Quentin")
    talk = conversation(
        START + timedelta(hours=1),
        staff=staff,
        messages=(
            ("seeker", "my email is teen@example.com and my phone 090-1234-5678", 0),
            ("counselor", "Hi, I'm Kenji. Marisol will join us.", 30),
            ("seeker", "ok Kenji, my LINE ID: secret_line_99", 60),
        ),
    )
    Note.objects.create(conversation=talk, author=staff, body="Private: lives near Shibuya station")
    WrapUp.objects.create(
        conversation=talk,
        counselor=staff,
        outcome="de_escalated",
        counselor_tier="medium",
        triage_tier="low",
        topics=["loneliness"],
        note="Kenji handed over to Marisol; seeker gave teen@example.com",
    )
    Survey.objects.create(conversation=talk, comment="Thanks Kenji! follow me @teen_account01")

    _export, raw, files = export_files(actor)

    everything = [raw, *files.values()]
    messages = talk.messages.all()
    secrets_in_db = [
        talk.token_hash,
        talk.device_hash,
        str(talk.pk),
        talk.pk.hex,
        *(m.client_id for m in messages),
        "kenji_w",
        "marisol.ortiz",
        "dr_export_only",
        "Kenji",
        "Marisol",
        "Quentin",
        "teen@example.com",
        "090-1234-5678",
        "secret_line_99",
        "teen_account01",
        "Shibuya",  # the private note is never exported
    ]
    for blob in everything:
        for value in secrets_in_db:
            assert value.encode().lower() not in blob.lower(), value
    bodies = [m["body"] for m in rows(files, "messages.csv")]
    assert bodies == [
        "my email is [EMAIL] and my phone [PHONE]",
        "Hi, I'm [NAME]. [NAME] will join us.",
        "ok [NAME], my LINE ID: [HANDLE]",
    ]
    row = rows(files, "conversations.csv")[0]
    assert row["wrap_up_note"] == "[NAME] handed over to [NAME]; seeker gave [EMAIL]"
    assert row["survey_comment"] == "Thanks [NAME]! follow me [HANDLE]"


def test_usernames_that_are_not_plain_words_are_replaced_in_text():
    counselor(username="k.watanabe2", display_name="", first_name="")
    counselor(username="support", display_name="", first_name="")
    conversation(START, messages=(("seeker", "k.watanabe2 gave me support", 0),))
    _export, _raw, files = export_files(exporter())
    assert [m["body"] for m in rows(files, "messages.csv")] == ["[NAME] gave me support"]


def test_ids_are_random_per_export_and_consistent_within_one():
    staff = counselor()
    for day in (1, 2):
        conversation(
            START + timedelta(days=day),
            staff=staff,
            messages=(("seeker", "hello", 0), ("counselor", "hi", 10)),
        )
    actor = exporter()
    _export, _raw, first = export_files(actor)
    _export, _raw, second = export_files(actor)

    conversations = rows(first, "conversations.csv")
    messages = rows(first, "messages.csv")
    conversation_ids = [row["conversation_export_id"] for row in conversations]
    assert len(set(conversation_ids)) == 2
    assert {m["conversation_export_id"] for m in messages} == set(conversation_ids)
    # One counselor: one id, the same as the author of their messages.
    counselor_ids = {row["counselor_export_id"] for row in conversations}
    authors = {m["author_export_id"] for m in messages if m["sender"] == "counselor"}
    assert len(counselor_ids) == 1 and authors == counselor_ids
    assert {m["author_export_id"] for m in messages if m["sender"] == "seeker"} == {""}

    again = {row["conversation_export_id"] for row in rows(second, "conversations.csv")}
    assert again.isdisjoint(conversation_ids)
    assert {r["counselor_export_id"] for r in rows(second, "conversations.csv")} != counselor_ids


def test_times_are_relative_and_the_start_is_given_to_the_hour():
    staff = counselor()
    talk = conversation(
        START + timedelta(hours=5, minutes=47, seconds=12),
        staff=staff,
        messages=(("seeker", "hello", 0), ("seeker", "hello?", 95), ("counselor", "hi", 125)),
    )
    _export, _raw, files = export_files(exporter())
    row = rows(files, "conversations.csv")[0]
    assert row["created_hour"] == "2024-05-01T05:00:00+00:00"
    assert (row["wait_seconds"], row["duration_seconds"]) == ("125", "1800")
    assert [m["seconds_since_start"] for m in rows(files, "messages.csv")] == ["0", "95", "125"]
    assert talk.created_at.isoformat() not in files["conversations.csv"].decode()


def test_cells_that_spreadsheets_would_run_are_quoted():
    talk = conversation(
        START,
        messages=(
            ("seeker", '=HYPERLINK("http://evil")', 0),
            ("seeker", "+1+2", 1),
            ("seeker", "-2+3", 2),
            ("seeker", "@ everyone", 3),
            ("seeker", "＝SUM(1)", 4),
            ("seeker", "fine = ok", 5),
        ),
    )
    Survey.objects.create(conversation=talk, comment="=cmd|' /C calc'!A0")
    _export, _raw, files = export_files(exporter())
    bodies = [m["body"] for m in rows(files, "messages.csv")]
    assert bodies == [
        '\'=HYPERLINK("[URL]")',
        "'+1+2",
        "'-2+3",
        "'@ everyone",
        "'＝SUM(1)",
        "fine = ok",
    ]
    assert rows(files, "conversations.csv")[0]["survey_comment"] == "'=cmd|' /C calc'!A0"


# --- The period --------------------------------------------------------------------------


def test_the_period_includes_its_start_and_excludes_its_end():
    inside = {
        conversation(START, messages=(("seeker", "at the start", 0),)),
        conversation(END - timedelta(microseconds=1), messages=(("seeker", "just before", 0),)),
    }
    conversation(START - timedelta(microseconds=1), messages=(("seeker", "too early", 0),))
    conversation(END, messages=(("seeker", "at the end", 0),))
    _export, _raw, files = export_files(exporter())
    assert len(rows(files, "conversations.csv")) == len(inside)
    assert sorted(m["body"] for m in rows(files, "messages.csv")) == ["at the start", "just before"]


def test_open_conversations_are_left_out_and_abandoned_ones_kept():
    conversation(START, status=Status.WAITING, messages=(("seeker", "still waiting", 0),))
    conversation(START, status=Status.ACTIVE, messages=(("seeker", "still talking", 0),))
    conversation(START, status=Status.ABANDONED, messages=(("seeker", "gave up", 0),))
    _export, _raw, files = export_files(exporter())
    assert [row["status"] for row in rows(files, "conversations.csv")] == ["abandoned"]
    assert [m["body"] for m in rows(files, "messages.csv")] == ["gave up"]


def test_exports_read_in_chunks_cover_every_row(monkeypatch):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)
    for minute in range(5):
        conversation(
            START + timedelta(minutes=minute),
            messages=tuple(("seeker", f"message {n}", n) for n in range(3)),
        )
    export, _raw, files = export_files(exporter())
    assert (export.conversations, export.messages) == (5, 15)
    assert len(rows(files, "messages.csv")) == 15
