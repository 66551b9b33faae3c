"""Chat clients that behave as the pages do, over real websockets, for fault tests.

`ChatClient` is the page's logic (static/js/transcript.js and seeker.js) on the load
kit's twin of static/js/socket.js (bench/kit/sockets.py): it reconnects on socket.js's
schedule (to the next of its server addresses, as a load balancer would), sends
{"type": "resume", "after": n} with its highest contiguous sequence number on every
(re)connect and whenever a sequence number jumps, drops duplicates by sequence number,
and resends its unacknowledged messages with the same client id. It can also lose its
network (`go_offline`) and stop reading (`stop_reading`), as phones and slow links do.

The clients run on a `LoopThread`, so a test body stays synchronous and may use the ORM.
"""

import asyncio
import contextlib
import threading
import time
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from bench.kit.sockets import ReconnectingSocket

T = TypeVar("T")

CONNECT_TIMEOUT = 10.0


class LoopThread:
    """An asyncio loop in a daemon thread; `run` waits for one coroutine, with a limit."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="clients", daemon=True)
        self.thread.start()

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float = 30) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def close(self) -> None:
        async def cancel_all() -> None:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        with contextlib.suppress(Exception):
            self.run(cancel_all(), timeout=15)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)


async def wait_until(
    condition: Callable[[], bool], timeout: float, what: str, *, fail: bool = True
) -> bool:
    """Poll `condition` on the clients' loop until it holds; past `timeout`, fail saying
    `what` did not happen (or, with fail=False, return False)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            if not fail:
                return False
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        await asyncio.sleep(0.05)
    return True


class ChatClient(ReconnectingSocket):
    """One side of one conversation: a help-seeker, or a counselor's console."""

    def __init__(
        self,
        name: str,
        *,
        urls: list[str],
        path: str,
        cookie: str,
        sender: str,
        conversation: str | None = None,
        max_queue: int = 16,
        receive_buffer: int | None = None,
    ) -> None:
        super().__init__(
            urls,
            path,
            cookie,
            open_timeout=CONNECT_TIMEOUT,
            max_queue=max_queue,
            receive_buffer=receive_buffer,
        )
        self.name = name
        self.sender = sender
        self.conversation = conversation
        self.by_seq: dict[int, dict[str, Any]] = {}
        self.last_seq = 0  # highest contiguous sequence number held
        self.pending: dict[str, str] = {}  # client id -> body, until the server confirms
        self.frames: list[dict[str, Any]] = []  # everything but messages and queue updates
        self.errors: list[dict[str, Any]] = []
        self.duplicates = 0  # messages delivered again (dropped here, by sequence number)
        self.from_history: set[int] = set()  # seqs first learnt from a resume, not live
        self.gaps = 0  # times a sequence number jumped
        self._sent = 0
        self._asked_after: tuple[int, float] | None = None
        self._asking: set[asyncio.Task[None]] = set()  # resumes in flight (kept referenced)

    # --- Lifecycle --------------------------------------------------------------------

    async def start(self, *, wait: bool = True) -> "ChatClient":
        self.connect_and_keep()
        if wait:
            await wait_until(lambda: self.ws is not None, 30, f"{self.name} to connect")
        return self

    async def stop(self) -> None:
        """Leave for good: a clean close, as a closed tab."""
        await self.close()

    # --- Acting -------------------------------------------------------------------------

    async def send(self, body: str) -> str:
        """Post a message; it stays pending until the server confirms it. If the socket
        is down, it goes out on reconnect (same client id)."""
        self._sent += 1
        client_id = f"{self.name}-{self._sent}"
        self.pending[client_id] = body
        await self._send_message(client_id, body)
        return client_id

    async def take_next(self, timeout: float = 30) -> str:
        """A counselor takes the most urgent waiting person; returns the conversation id."""
        assigned: list[str] = []
        self._on_assignment = assigned.append
        await self._send_frame({"type": "take_next"})
        await wait_until(lambda: bool(assigned), timeout, f"{self.name}'s assignment")
        self.conversation = assigned[0]
        await self._resume()
        return self.conversation

    # --- Reading the state ------------------------------------------------------------

    def transcript(self) -> list[tuple[int, str, str, str]]:
        """(seq, sender, client_id, body) of every message held, in order."""
        return [
            (seq, m["sender"], m["client_id"], m["body"]) for seq, m in sorted(self.by_seq.items())
        ]

    def has_through(self, seq: int) -> bool:
        return self.last_seq >= seq

    def holds(self, count: int) -> bool:
        """Holds messages 1..count, and nothing of its own is still unconfirmed."""
        return self.last_seq >= count and not self.pending

    def was_told(self, status: str) -> bool:
        """A "conversation" frame with this status has arrived."""
        return any(f["type"] == "conversation" and f.get("status") == status for f in self.frames)

    def has_client_ids(self, client_ids: set[str]) -> bool:
        return client_ids <= {m["client_id"] for m in self.by_seq.values()}

    def frames_of(self, kind: str) -> list[dict[str, Any]]:
        return [f for f in self.frames if f["type"] == kind]

    # --- The connection ---------------------------------------------------------------

    _on_assignment: Callable[[str], None] | None = None

    async def on_open(self) -> bool:
        # As seeker.js: resume from the last sequence number held, then resend whatever
        # was not confirmed (the same client id can never be stored twice).
        if self.conversation is not None or self.sender == "seeker":
            await self._resume()
        for client_id, body in list(self.pending.items()):
            await self._send_message(client_id, body)
        return True

    def on_frame(self, frame: dict[str, Any], received_at: float, size: int) -> None:
        self._on_frame(frame)

    async def _resume(self) -> None:
        self._asked_after = (self.last_seq, time.monotonic())
        await self._send_frame(self._addressed({"type": "resume", "after": self.last_seq}))

    async def _send_message(self, client_id: str, body: str) -> None:
        await self._send_frame(
            self._addressed({"type": "send", "client_id": client_id, "body": body})
        )

    def _addressed(self, frame: dict[str, Any]) -> dict[str, Any]:
        if self.sender == "counselor":
            frame["conversation"] = self.conversation
        return frame

    async def _send_frame(self, frame: dict[str, Any]) -> None:
        await self.send_frame(frame)  # if down, pending messages go out on reconnect

    def _on_frame(self, frame: dict[str, Any]) -> None:
        kind = frame.get("type")
        if kind == "message":
            if frame.get("conversation") == self.conversation or self.sender == "seeker":
                self._add([frame])
        elif kind == "history":
            if frame.get("conversation") == self.conversation or self.sender == "seeker":
                self._asked_after = None
                self._add(frame["messages"], from_history=True)
                if frame["last_seq"] > self.last_seq:
                    self._ask_gap()
        elif kind == "assignment":
            if self._on_assignment is not None:
                self._on_assignment(frame["conversation"]["id"])
                self._on_assignment = None
            self.frames.append(frame)
        elif kind == "error":
            self.errors.append(frame)
        elif kind not in ("queue", "position", "dashboard", "typing"):
            self.frames.append(frame)
        if kind == "conversation" and self.sender == "seeker":
            self.conversation = frame["conversation"]

    def _add(self, messages: list[dict[str, Any]], *, from_history: bool = False) -> None:
        for message in messages:
            seq = message["seq"]
            if seq in self.by_seq:
                self.duplicates += 1
                continue
            self.by_seq[seq] = message
            if from_history:
                self.from_history.add(seq)
            if message["sender"] == self.sender:
                self.pending.pop(message["client_id"], None)
        highest = max([self.last_seq, *(m["seq"] for m in messages)])
        while self.last_seq + 1 in self.by_seq:
            self.last_seq += 1
        if highest > self.last_seq:
            self.gaps += 1
            self._ask_gap()

    def _ask_gap(self) -> None:
        # One request per gap; asked again only if the answer is slow in coming.
        asked = self._asked_after
        if asked is not None and asked[0] == self.last_seq and time.monotonic() - asked[1] < 2:
            return
        task = asyncio.get_running_loop().create_task(self._resume())
        self._asking.add(task)
        task.add_done_callback(self._asking.discard)
