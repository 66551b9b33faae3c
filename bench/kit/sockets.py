"""Websocket clients as the pages open them: same-origin Origin header, the page's
cookies, no pings of their own (browsers do not ping; the server does).

`ReconnectingSocket` is the Python twin of static/js/socket.js: the same reconnect
schedule (`Backoff`), the same final close codes, the same rule for when the backoff
starts again, and "offline"/"online" handled as the browser's events are. Benchmarks and
tests build their clients on it; tests/bench/test_kit.py reads socket.js's constants so
that the two cannot drift apart. `FrameReader` reads a socket that does not reconnect.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import socket
import time
import urllib.parse
from collections.abc import Callable, Sequence
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, ConnectionClosedOK, WebSocketException
from websockets.protocol import State

CONNECT_TIMEOUT = 15.0
CLOSE_TIMEOUT = 5.0
SEND_TIMEOUT = 10.0
MAX_FRAME = 8 * 1024 * 1024

# static/js/socket.js, constant for constant.
FINAL_CLOSE_CODES = frozenset({4403, 4404})
STABLE_SECONDS = 10.0  # STABLE_MS
FIRST_DELAY = 0.5  # 500 * 2 ** attempt ms ...
MAX_DELAY = 10.0  # ... at most 10000 ms ...
JITTER_LOW = 0.5  # ... times (0.5 + Math.random() / 2)

Frame = dict[str, Any]


def websocket_url(base_url: str, path: str) -> str:
    parsed = urllib.parse.urlsplit(base_url)
    return f"ws://{parsed.netloc}{path}"


def origin_of(base_url: str) -> str:
    parsed = urllib.parse.urlsplit(base_url)
    return f"{parsed.scheme}://{parsed.netloc}"


async def open_socket(
    base_url: str,
    path: str,
    cookie: str,
    *,
    open_timeout: float = CONNECT_TIMEOUT,
    max_size: int = MAX_FRAME,
    max_queue: int | None = 16,
    sock: socket.socket | None = None,
) -> ClientConnection:
    """A websocket as a browser opens it. A browser waits for a slow handshake far longer
    than CONNECT_TIMEOUT; a client that wants to see how slow it gets passes a longer
    `open_timeout`. `max_queue` frames are read ahead of the page; `sock` is a socket
    connected already (a slow link's small receive window, say)."""
    return await connect(
        websocket_url(base_url, path),
        origin=origin_of(base_url),  # type: ignore[arg-type]
        additional_headers={"Cookie": cookie},
        open_timeout=open_timeout,
        close_timeout=CLOSE_TIMEOUT,
        ping_interval=None,
        max_size=max_size,
        max_queue=max_queue,
        sock=sock,
    )


async def read_frames(
    ws: ClientConnection,
    *,
    side: str,
    on_frame: Callable[[Frame, float, int], None],
    on_error: Callable[[str], None],
    expected_end: Callable[[], bool],
    gate: asyncio.Event | None = None,
) -> int | None:
    """Hand each JSON frame to `on_frame(frame, received_at, size)` until the socket
    closes; return the close code (None without one). Bad frames, and closes nobody
    expected, go to `on_error(kind)` named after `side` ("seeker", "counselor",
    "console"), so that every client counts them alike. A cleared `gate` holds frames
    back (a page that stops reading); `expected_end()` turning true stops delivery."""
    try:
        while True:
            raw = await ws.recv()
            if gate is not None:
                await gate.wait()
            if expected_end():
                return None  # what was still buffered never reached the page
            received_at = time.perf_counter()
            try:
                frame = json.loads(raw)
            except ValueError:
                on_error("bad_frame")
                continue
            on_frame(frame, received_at, len(raw))
    except ConnectionClosed as closed:
        code = closed.rcvd.code if closed.rcvd is not None else None
        if not expected_end():
            if isinstance(closed, ConnectionClosedOK):
                on_error(f"{side}_closed_unexpectedly")
            else:
                on_error(f"{side}_closed_unexpectedly:{code if code is not None else 'none'}")
        return code


async def send_frame(ws: ClientConnection, frame: Frame, timeout: float = SEND_TIMEOUT) -> bool:
    """Send one frame as JSON; whether it went (a timeout or a dead socket: it did not)."""
    try:
        await asyncio.wait_for(ws.send(json.dumps(frame)), timeout)
    except (TimeoutError, WebSocketException, OSError):
        return False
    return True


async def close_socket(ws: ClientConnection) -> None:
    """Close as a closed tab does; a closing handshake that does not finish still ends
    the connection, or the server would keep the socket until its pings fail."""
    with contextlib.suppress(TimeoutError, WebSocketException, OSError):
        await asyncio.wait_for(ws.close(), CLOSE_TIMEOUT)
    if ws.transport is not None:
        ws.transport.abort()


class Inbox:
    """Control frames (hello, assignment, history...) set aside for whoever waits for one."""

    def __init__(self) -> None:
        self.frames: asyncio.Queue[Frame] = asyncio.Queue()

    def put(self, frame: Frame) -> None:
        self.frames.put_nowait(frame)

    def clear(self) -> None:
        while not self.frames.empty():
            self.frames.get_nowait()

    async def expect(self, wanted: Callable[[Frame], bool], timeout: float) -> Frame | None:
        """The next frame `wanted` accepts (others are dropped), or None after `timeout`."""
        deadline = time.perf_counter() + timeout
        while (remaining := deadline - time.perf_counter()) > 0:
            try:
                frame = await asyncio.wait_for(self.frames.get(), remaining)
            except TimeoutError:
                return None
            if wanted(frame):
                return frame
        return None


class FrameReader:
    """An open websocket read in the background, each JSON frame handed to `on_frame`;
    bad frames, failed sends and closes nobody asked for go to `error(kind)`."""

    def __init__(self, side: str, ws: ClientConnection, error: Callable[[str], None]) -> None:
        self.side = side
        self.ws = ws
        self.error = error
        self.closing = False
        self.reader = asyncio.create_task(
            read_frames(
                ws,
                side=side,
                on_frame=self.on_frame,
                on_error=error,
                expected_end=lambda: self.closing,
            )
        )

    def on_frame(self, frame: Frame, received_at: float, size: int) -> None:
        raise NotImplementedError

    async def send(self, frame: Frame) -> bool:
        if await send_frame(self.ws, frame):
            return True
        self.error(f"{self.side}_send_failed")
        return False

    async def close(self) -> None:
        self.closing = True
        await close_socket(self.ws)
        self.reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.reader


# --- socket.js in Python ----------------------------------------------------------------


def reconnect_delay(attempt: int, random_value: float) -> float:
    """socket.js: Math.min(10000, 500 * 2 ** attempt) * (0.5 + Math.random() / 2), in s.
    0.5 s, 1 s, 2 s ... up to 10 s, each 50-100% of that at random, so that clients
    dropped together (a restarted server) do not all come back together."""
    return min(MAX_DELAY, FIRST_DELAY * 2**attempt) * (JITTER_LOW + random_value / 2)


class Backoff:
    """socket.js's scheduleReconnect: the attempt count, and when it starts again."""

    def __init__(
        self, rng: random.Random | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rng = rng or random.Random()
        self.clock = clock
        self.attempt = 0
        self.opened_at: float | None = None

    def opened(self) -> None:
        self.opened_at = self.clock()

    def next_delay(self) -> float:
        """Seconds to wait before the next attempt. A connection that lasted STABLE_SECONDS
        was healthy: the count starts again. A shorter one (a server too busy to keep it)
        does not, or an overloaded server's closes would bring every client back at once."""
        if self.opened_at is not None and self.clock() - self.opened_at >= STABLE_SECONDS:
            self.attempt = 0
        self.opened_at = None
        delay = reconnect_delay(self.attempt, self.rng.random())
        self.attempt += 1
        return delay


class ReconnectingSocket:
    """A websocket that reconnects as static/js/socket.js's ReconnectingSocket does.

    The owner (the page's logic, in a subclass) overrides the handlers socket.js takes:
    `on_open` (resume from the last sequence number; return False if the connection is
    no good and should be tried again), `on_frame`, `on_down` and `on_final`, and
    `on_error` for what a benchmark counts. With several `urls` each attempt goes to the
    next one, as a load balancer would send it elsewhere. `go_offline`/`go_online` are
    the browser's offline and online events: the socket is cut at once, and reconnects
    as soon as the network is back.
    """

    side = "socket"

    def __init__(
        self,
        urls: Sequence[str],
        path: str,
        cookie: str,
        *,
        rng: random.Random | None = None,
        open_timeout: float = CONNECT_TIMEOUT,
        max_queue: int | None = 16,
        receive_buffer: int | None = None,
    ) -> None:
        self.urls = list(urls)
        self.path = path
        self.cookie = cookie
        self.backoff = Backoff(rng)
        self.open_timeout = open_timeout
        self.max_queue = max_queue
        self.receive_buffer = receive_buffer
        self.ws: ClientConnection | None = None  # the current connection, while it lasts
        self.final = False  # closed for good: a final close code, or close()
        self.online = True
        self.opens = 0  # connections made
        self.closes: list[int | None] = []  # close codes of connections that ended
        self.connected_to: list[str] = []  # the address of each connection
        self.last_failure = ""  # why the last attempt failed (an exception's name)
        self._url_index = 0
        self._reader: asyncio.Task[int | None] | None = None
        self._keeper: asyncio.Task[None] | None = None
        self._cut: ClientConnection | None = None  # dropped by us: its late events are ignored
        self._reading = asyncio.Event()
        self._reading.set()
        self._back_online = asyncio.Event()

    # --- The owner's handlers ----------------------------------------------------------

    async def on_open(self) -> bool:
        return True

    def on_frame(self, frame: Frame, received_at: float, size: int) -> None:
        pass

    def on_down(self, code: int | None, *, opened: bool) -> None:
        """A connection ended (`opened`) or an attempt failed; a reconnect is scheduled."""

    def on_final(self, code: int) -> None:
        pass

    def on_error(self, kind: str) -> None:
        pass

    # --- Lifecycle --------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self.ws is not None and self.ws.state is State.OPEN

    def connect_and_keep(self) -> asyncio.Task[None]:
        """Connect, and stay connected until closed for good (socket.js's constructor)."""

        async def run() -> None:
            await self.connect_once()
            await self.keep_connected()

        self._keeper = asyncio.create_task(run())
        return self._keeper

    def keep_connecting(self) -> asyncio.Task[None]:
        """After a first `connect_once` of the owner's own: reconnect whenever it drops."""
        self._keeper = asyncio.create_task(self.keep_connected())
        return self._keeper

    async def connect_once(self, *, open_timeout: float | None = None) -> bool:
        """One attempt (to the current address); whether the connection is up and the
        owner's `on_open` took it."""
        base = self.urls[self._url_index % len(self.urls)]
        self._back_online.clear()
        if not self.online:
            self.last_failure = "offline"
            return False  # a browser's attempt fails at once without a network
        try:
            ws = await open_socket(
                base,
                self.path,
                self.cookie,
                open_timeout=open_timeout or self.open_timeout,
                max_queue=self.max_queue,
                sock=await self._slow_link(base),
            )
        except (OSError, TimeoutError, WebSocketException) as exc:
            self.last_failure = type(exc).__name__
            return False
        self.ws = ws
        self.opens += 1
        self.connected_to.append(base)
        self.backoff.opened()
        self._reader = asyncio.create_task(self._read(ws))
        if await self.on_open():
            return True
        # Not taken (no welcome, say): counted as a failed attempt, not as a drop.
        self._cut = ws
        await close_socket(ws)
        reader, self._reader = self._reader, None
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await reader
        self.last_failure = "refused"
        return False

    async def keep_connected(self) -> None:
        while not self.final:
            await self._wait_down()
            if self.final:
                return
            delay = self.backoff.next_delay()
            self._url_index += 1
            with contextlib.suppress(TimeoutError):
                # socket.js's reconnectNow: back online, try at once.
                await asyncio.wait_for(self._back_online.wait(), delay)
            if self.final:
                return
            await self.connect_once()

    async def _wait_down(self) -> None:
        reader, self._reader = self._reader, None
        code = await reader if reader is not None else None
        if reader is not None:
            self.closes.append(code)
        if self.final:
            return  # closed by us: nothing to tell
        if code in FINAL_CLOSE_CODES:
            self.final = True
            self.on_final(code)
            return
        self.on_down(code, opened=reader is not None)

    async def _read(self, ws: ClientConnection) -> int | None:
        try:
            return await read_frames(
                ws,
                side=self.side,
                on_frame=self.on_frame,
                on_error=self.on_error,
                expected_end=lambda: self.final or ws is self._cut,
                gate=self._reading,
            )
        finally:
            if self.ws is ws:
                self.ws = None

    async def _slow_link(self, base: str) -> socket.socket | None:
        """A connected socket with a small receive buffer (a slow link), or None to let
        the library connect as usual."""
        if self.receive_buffer is None:
            return None
        address = urllib.parse.urlsplit(base)
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            # Set before connecting, so that the window offered to the server is small.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, self.receive_buffer)
            sock.setblocking(False)
            await asyncio.wait_for(
                asyncio.get_running_loop().sock_connect(sock, (address.hostname, address.port)),
                self.open_timeout,
            )
        except BaseException:
            sock.close()
            raise
        return sock

    async def send_frame(self, frame: Frame) -> bool:
        """socket.js's send: False if the socket is not open (or the send failed)."""
        ws = self.ws
        if ws is not None and self.is_open and await send_frame(ws, frame):
            return True
        if not self.final:
            self.on_error(f"{self.side}_send_failed")
        return False

    def drop_now(self) -> None:
        """socket.js's dropNow: cut the connection without a goodbye (its late events are
        ignored); the reconnect is scheduled as for any drop."""
        ws = self._cut = self.ws
        self.ws = None
        if ws is not None and ws.transport is not None:
            ws.transport.abort()

    async def go_offline(self) -> None:
        """The network goes away: the connection dies without a goodbye, and no attempt
        gets through until `go_online`."""
        self.online = False
        self.drop_now()

    async def go_online(self) -> None:
        self.online = True
        self._back_online.set()

    async def stop_reading(self) -> None:
        """Stop reading frames: the connection stays open while the server's frames pile
        up in buffers (past `max_queue`, the socket is not read at all)."""
        self._reading.clear()

    async def start_reading(self) -> None:
        self._reading.set()

    async def close(self) -> None:
        """Leave for good, as a closed tab does."""
        self.final = True
        ws = self.ws
        if ws is not None:
            await close_socket(ws)
        for task in (self._keeper, self._reader):
            if task is not None and task is not asyncio.current_task():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
