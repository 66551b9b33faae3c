"""The notification bus: send websocket events through the channel layer after commit.

The channel layer is not storage (it drops messages when full and loses them across Redis
restarts), so nothing is sent until the database has the data; clients that miss an event
catch up from the database by sequence number.
"""

import asyncio
import contextvars
import json
import logging
import os
import threading
from collections.abc import Callable, Mapping
from typing import Any

from asgiref.sync import SyncToAsync, async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)
SEND_TIMEOUT_SECONDS = 5

_background: tuple[int, asyncio.AbstractEventLoop] | None = None
_background_lock = threading.Lock()


def _has_server_loop() -> bool:
    """True in a thread that sync_to_async started, where async_to_sync can hand the send
    to the server's own event loop (and its open Redis connection)."""
    pid = getattr(SyncToAsync.threadlocal, "main_event_loop_pid", None)
    loop = getattr(SyncToAsync.threadlocal, "main_event_loop", None)
    return pid == os.getpid() and loop is not None


def _background_loop() -> asyncio.AbstractEventLoop:
    """One long-lived loop per process for code with no server loop (Celery workers).

    async_to_sync there would make a new event loop per send, and the channel layer a
    new Redis connection per loop (measured: ~50 new connections a second at 10 triage
    tasks a second). Keyed by pid, so a forked worker child starts its own.
    """
    global _background
    with _background_lock:
        if _background is None or _background[0] != os.getpid():
            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name="channel-layer", daemon=True).start()
            _background = (os.getpid(), loop)
        return _background[1]


# The consumer method that forwards an event to its client (type "kizuna.event").
FORWARD = "kizuna.event"


def forward(frame: Mapping[str, Any], *, handler: str = FORWARD) -> dict[str, Any]:
    """The channel-layer message for a client frame: serialised once here rather than by
    every consumer that forwards it (a queue broadcast reaches every console), plus the
    few fields consumers look at, so they never parse it."""
    conversation = frame.get("conversation")
    return {
        "type": handler,
        "text": json.dumps(frame, ensure_ascii=False),
        "kind": frame["type"],
        "status": frame.get("status"),
        "conversation": conversation.get("id") if isinstance(conversation, dict) else conversation,
    }


def server_loop() -> asyncio.AbstractEventLoop | None:
    """The ASGI server's event loop, from a thread that sync_to_async started; else None."""
    if not _has_server_loop():
        return None
    loop: asyncio.AbstractEventLoop = SyncToAsync.threadlocal.main_event_loop
    return loop


def group_send_now(group: str, message: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    loop = server_loop() or _background_loop()
    try:
        if _has_server_loop():
            async_to_sync(layer.group_send)(group, message)
        else:
            future = asyncio.run_coroutine_threadsafe(layer.group_send(group, message), loop)
            future.result(timeout=SEND_TIMEOUT_SECONDS)
    except Exception:
        # Failing the request that already committed would lose more than the event:
        # the event is sent again in the background until Redis is back.
        logger.exception("channel layer send to %s failed", group)
        _retry_later(loop, group, message)


# A send that failed (Redis down or restarting) is tried again after 1, 2, 4 ... 30 s for
# up to RETRY_FOR_SECONDS. Clients whose socket stays open would otherwise never hear of a
# message stored meanwhile: nothing else tells them to resume (tests/faults: Redis restart).
# Order is not kept, and need not be: clients put messages in order by sequence number.
RETRY_FOR_SECONDS = 300
RETRY_MAX_PENDING = 10_000
_retrying = 0
# Sends fail in request threads and their retries end on the loop's thread.
_retrying_lock = threading.Lock()


def _retry_later(loop: asyncio.AbstractEventLoop, group: str, message: dict[str, Any]) -> None:
    global _retrying
    with _retrying_lock:
        if _retrying >= RETRY_MAX_PENDING:
            logger.error("channel layer send to %s dropped: too many sends waiting", group)
            return
        _retrying += 1
    asyncio.run_coroutine_threadsafe(_retry(group, message), loop)


async def _retry(group: str, message: dict[str, Any]) -> None:
    global _retrying
    delay, waited = 1.0, 0.0
    try:
        while waited < RETRY_FOR_SECONDS:
            await asyncio.sleep(delay)
            waited += delay
            try:
                await asyncio.wait_for(
                    get_channel_layer().group_send(group, message), SEND_TIMEOUT_SECONDS
                )
            except Exception:
                delay = min(delay * 2, 30.0)
                continue
            logger.info("channel layer send to %s done after %.0f s", group, waited)
            return
        logger.error("channel layer send to %s dropped after %s s", group, RETRY_FOR_SECONDS)
    finally:
        with _retrying_lock:
            _retrying -= 1


def send_on_commit(group: str, frame: Mapping[str, Any], *, handler: str = FORWARD) -> None:
    """Queue `frame` for every client in `group` once the current transaction commits."""
    message = forward(frame, handler=handler)
    transaction.on_commit(lambda: group_send_now(group, message))


def on_commit(callback: Any) -> None:
    transaction.on_commit(callback)


def run_coalesced(key: str, delay: float, job: Callable[[], None]) -> None:
    """Run `job` soon, once for all the requests of the next `delay` seconds.

    In the ASGI server a burst of changes (500 people arriving) would otherwise send one
    broadcast per change to every console; here they share one, scheduled on the
    server's loop. Elsewhere (a Celery worker, a management command) changes are few and
    far between, and `job` runs at once. `job` reads the database after the delay, so
    every change committed before it ran is in what it sends.
    """
    loop = server_loop()
    if loop is None:
        job()
        return
    # A fresh context: this thread's would carry asgiref's "inside sync_to_async" mark
    # into the task, and its database_sync_to_async would refuse to run (deadlock check).
    loop.call_soon_threadsafe(
        _schedule_coalesced, loop, key, delay, job, context=contextvars.Context()
    )


def _schedule_coalesced(
    loop: asyncio.AbstractEventLoop, key: str, delay: float, job: Callable[[], None]
) -> None:
    pending: set[str] = loop.__dict__.setdefault("_kizuna_coalesced", set())
    if key in pending:
        return  # the run already scheduled will read this change too
    pending.add(key)
    loop.create_task(_run_later(pending, key, delay, job))


async def _run_later(pending: set[str], key: str, delay: float, job: Callable[[], None]) -> None:
    await asyncio.sleep(delay)
    # Cleared before the read: a change committed after this point schedules a new run.
    pending.discard(key)
    await database_sync_to_async(job)()


# --- Facts and questions between layers ---------------------------------------------
#
# A lower app never imports a higher one (DESIGN.md, "Layout"). When it must let a higher
# app know something ("the queue changed", "score this message"), it publishes a fact
# named in core/facts.py; the higher app subscribes in its AppConfig.ready(). Handlers run
# at once, in the publisher's transaction, so a fact is as atomic as the call it replaced
# (a handler that announces uses send_on_commit). A question is the same with exactly one
# answer: a help-seeker's socket (counseling) asks the queue (queues) for their place.

Handler = Callable[..., Any]
_subscribers: dict[str, list[Handler]] = {}
_answerers: dict[str, Handler] = {}


def subscribe(fact: str, handler: Handler) -> None:
    """Run `handler(**details)` whenever `fact` is published (idempotent: ready() may run
    twice in tests)."""
    handlers = _subscribers.setdefault(fact, [])
    if handler not in handlers:
        handlers.append(handler)


def publish(fact: str, **details: Any) -> None:
    """Tell every subscriber of `fact`, now. An exception in one is the publisher's: the
    transaction it runs in is rolled back, as it was when the call was direct."""
    for handler in _subscribers.get(fact, ()):
        handler(**details)


def answer(question: str, handler: Handler) -> None:
    """Make `handler(**details)` the one answer to `question`."""
    current = _answerers.get(question)
    if current is not None and current is not handler:
        raise RuntimeError(f"{question} already has an answer: {current!r}")
    _answerers[question] = handler


def ask(question: str, **details: Any) -> Any:
    """The answer to `question`; a question nobody answers is a wiring fault, and fails."""
    try:
        handler = _answerers[question]
    except KeyError:
        raise RuntimeError(f"nobody answers {question}: is its app installed?") from None
    return handler(**details)
