"""Design limits closed (issue 14, finding 13): the cache in Redis does not unpickle what
someone else wrote, report CSV downloads are audited, HSTS preload is each deployment's
choice, and a purge reclaims the pages that held the words (VACUUM), abuse included.
"""

import os
import pickle
import secrets
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from accounts.models import AuditEvent
from config.cache import JsonSerializer, NotJsonSafe, UnreadableCacheValue
from counseling.models import Conversation, Message, SenderKind, Status
from counseling.services.conversations import conversation_mark_abuse
from counseling.services.messages import message_post
from counseling.tasks import purge_transcripts
from queues.events import stats_dict
from queues.selectors import ORDER_CACHE_KEY, queue_position, remember_order
from supervision.reports import REPORTS, Period, report_cache_key, report_data
from tests.accounts.factories import supervisor
from tests.counseling.factories import waiting_conversation
from tests.security.clients import staff_client

REPO = Path(__file__).resolve().parents[2]


class Boom:
    """What a forged cache value would run when unpickled."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (Path(self.marker),))


def test_a_forged_pickle_in_the_cache_is_refused_not_run(tmp_path: Path):
    marker = tmp_path / "ran"
    forged = pickle.dumps(Boom(str(marker)))
    serializer = JsonSerializer()
    with pytest.raises(UnreadableCacheValue):
        serializer.loads(forged)
    # Not even a pickle signed as the earlier serializer signed them is unpickled now.
    with pytest.raises(UnreadableCacheValue):
        serializer.loads(b"\x00" * 32 + forged)
    assert not marker.exists()
    # What this service writes reads back, integers stay plain (incr/decr in Redis).
    value = {"order": ["a", "b"], "3": "2024-05-01", "share": 0.25, "none": None, "ok": True}
    assert serializer.loads(serializer.dumps(value)) == value
    assert serializer.dumps(41) == 41 and serializer.loads(b"41") == 41
    assert serializer.loads(serializer.dumps("41")) == "41"


@pytest.mark.parametrize(
    "unsafe", [{3: "x"}, ("a", "b"), {"when": date(2024, 5, 1)}, [float("nan")], {"s": {1}}]
)
def test_a_value_json_would_change_is_refused_when_written_not_silently_reshaped(unsafe):
    with pytest.raises(NotJsonSafe):
        JsonSerializer().dumps(unsafe)


@pytest.mark.services
@pytest.mark.django_db
def test_through_redis_itself_a_value_written_by_someone_else_is_not_unpickled(tmp_path: Path):
    """The attacker writes straight into Redis, under a key the service reads."""
    marker = tmp_path / "ran"
    key = f"forged-{secrets.token_hex(4)}"
    client = cache._cache.get_client(key, write=True)  # type: ignore[attr-defined]
    client.set(cache.make_key(key), pickle.dumps(Boom(str(marker))))
    with pytest.raises(UnreadableCacheValue):
        cache.get(key)
    assert not marker.exists()
    # Even the service's own reader of a key it caches refuses it, and nothing runs.
    client.set(cache.make_key(ORDER_CACHE_KEY), pickle.dumps(Boom(str(marker))))
    with pytest.raises(UnreadableCacheValue):
        cache.get(ORDER_CACHE_KEY)
    cache.delete(ORDER_CACHE_KEY)
    assert not marker.exists()
    cache.set(key, {"fine": 1})
    assert cache.get(key) == {"fine": 1}
    assert client.get(cache.make_key(key)) == b'{"fine":1}'  # JSON in Redis, not a pickle
    cache.delete(key)


@pytest.mark.services
@pytest.mark.django_db
def test_every_report_s_figures_round_trip_the_json_cache_unchanged(monkeypatch):
    """Each report, computed over real rows, reads back from Redis equal to what its
    function returns (no date, tuple or integer key changes shape on the way)."""
    monkeypatch.setitem(django_settings.KIZUNA, "REPORT_CACHE_SECONDS", 60)
    waiting_conversation("a words for the figures")
    period = Period(
        start=timezone.now() - timedelta(days=7), end=timezone.now() + timedelta(hours=1)
    )
    for name, report in REPORTS.items():
        cache.delete(report_cache_key(name, period))
        fresh = report.compute(period)
        first = report_data(name, period)  # computed, then written to Redis
        assert cache.get(report_cache_key(name, period)) is not None
        again = report_data(name, period)  # read back from Redis
        assert again == first == fresh, name
        cache.delete(report_cache_key(name, period))


@pytest.mark.services
@pytest.mark.django_db
def test_the_queue_order_round_trips_the_json_cache_unchanged():
    conversation, _token = waiting_conversation("a words to wait with")
    order = [str(conversation.pk)]
    stats = stats_dict()
    remember_order(order, stats)
    assert cache.get(ORDER_CACHE_KEY) == {"order": order, "stats": stats}
    assert queue_position(conversation) == (1, 1, stats)
    cache.delete(ORDER_CACHE_KEY)


@pytest.mark.django_db
def test_a_report_csv_download_is_audited():
    boss = supervisor()
    today = timezone.localdate()
    start, end = today - timedelta(days=6), today
    response = staff_client(boss).get(
        f"/supervisor/reports/volume_by_hour.csv?start={start}&end={end}"
    )
    assert response.status_code == 200
    event = AuditEvent.objects.get(actor=boss, action=AuditEvent.Action.EXPORT)
    assert event.detail == {"report": "volume_by_hour", "start": str(start), "end": str(end)}


@pytest.mark.parametrize(("asked", "preload"), [(None, "False"), ("true", "True")])
def test_hsts_preload_is_opt_in(asked: str | None, preload: str):
    env = {
        **os.environ,
        "DJANGO_SECURE": "true",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "DJANGO_ALLOWED_HOSTS": "chat.example.org",
    }
    env.pop("DJANGO_HSTS_PRELOAD", None)
    if asked:
        env["DJANGO_HSTS_PRELOAD"] = asked
    code = "from django.conf import settings; print(settings.SECURE_HSTS_PRELOAD)"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=REPO,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == preload


def vacuum_count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = %s", [table])
        return int(cursor.fetchone()[0])


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_the_purge_vacuums_the_tables_that_held_the_words_and_takes_abuse_too(settings):
    conversation, _token = waiting_conversation("a words to be purged")
    message_post(
        conversation=conversation, sender=SenderKind.SEEKER, body="more words", client_id="m2"
    )
    conversation_mark_abuse(conversation=conversation, supervisor=supervisor())
    Conversation.objects.filter(pk=conversation.pk).update(
        ended_at=timezone.now() - timedelta(days=settings.KIZUNA["RETENTION_DAYS"] + 1)
    )
    before = vacuum_count(Message._meta.db_table)

    assert purge_transcripts() == 1

    conversation.refresh_from_db()
    assert conversation.status == Status.ABUSE and conversation.purged_at is not None
    assert not Message.objects.filter(conversation=conversation).exists()
    # Statistics reach pg_stat a little after the fact.
    deadline = timezone.now() + timedelta(seconds=10)
    while vacuum_count(Message._meta.db_table) <= before and timezone.now() < deadline:
        time.sleep(0.1)
    assert vacuum_count(Message._meta.db_table) > before


@pytest.mark.services
@pytest.mark.django_db
def test_values_an_earlier_release_left_in_redis_are_not_read_after_the_upgrade():
    """A signed pickle the previous serializer wrote under the same name is another key
    now (cache VERSION 2), so the upgrade reads a miss, not an error."""
    client = cache._cache.get_client(ORDER_CACHE_KEY, write=True)  # type: ignore[attr-defined]
    old_key = cache.make_key(ORDER_CACHE_KEY, version=1)
    client.set(old_key, b"\x00" * 32 + pickle.dumps({"order": ["x"], "stats": {}}))
    assert cache.get(ORDER_CACHE_KEY) is None
    client.delete(old_key)
