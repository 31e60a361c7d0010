"""One hub per process: LISTEN on Postgres, read each new frame once, write it to every local reader.

Why not a Channels group per event: Channels runs a dispatch (and a thread hop) per reader per
message, and its in-memory layer cannot reach other processes. Here one LISTEN connection per
process learns of each change, one query reads its frame from the change log, and the same bytes
go to every local reader. docs/scaling.md has the figures, docs/reliability.md the faults.

Three parts, each its own task, none able to block another:
- the listener owns the LISTEN connection (or the Redis subscription) and only marks events dirty;
- the fetcher owns a second connection, reads the frames of dirty events, checks every event's head
  once a second (which heals a lost notification) and sends the heartbeats;
- the watchdog restarts a part that died or has not reported in for a few seconds (a wedged
  connection, a query that never returns), with jitter. A part never waits on the other's
  connection, and the LISTEN connection is never used while its `notifies()` generator is open.

A reader costs no task and no queue while it keeps up: a live frame is framed once and written
straight to each socket's transport. A reader whose socket cannot take more (its transport is over
the high-water mark) or that is behind catches up by seq in its own task, from the frames the hub
still holds in memory or from the change log, awaiting the socket's flow control; it is closed
(1013) only when its socket has taken nothing for `LIVE_SLOW_READER_SECONDS`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import random
import socket
import struct
import time
from collections import Counter, deque
from collections.abc import Awaitable, Callable, Coroutine
from functools import partial
from itertools import islice
from typing import Any

import psycopg
from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connections
from redis import asyncio as aioredis

from coverage_app import metrics, selectors
from coverage_app.broadcast import CHANNEL
from coverage_app.models import Change

try:  # the one server this project runs (liveblog/server.py); any other gets the plain ASGI path
    from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
except ImportError:  # pragma: no cover - uvicorn is a dependency
    WebSocketsSansIOProtocol = None

logger = logging.getLogger(__name__)

ASGISend = Callable[[dict[str, Any]], Awaitable[None]]

# Close codes (docs/protocol.md). 1013 "try again later": the reader reconnects and catches up.
CLOSE_TOO_SLOW = 1013
# Refusals the page answers by polling the changes API for a while.
CLOSE_TOO_MANY_FROM_CLIENT = 4429
CLOSE_SERVER_FULL = 4503

# The log is read in pages of this many frames, by the hub and by a reader catching up.
FETCH_BATCH = 200
CATCH_UP_BATCH = 100
# Frames kept in memory per event, so readers catching up (a reconnect wave after a fault) do not
# each read the log: a little more than the longest replay.
RECENT_FRAMES = selectors.MAX_CATCH_UP + FETCH_BATCH
# How often the parts report in (the listener probes its connection, the fetcher reads the heads).
TICK_SECONDS = 1.0
QUERY_TIMEOUT_SECONDS = 4.0  # under the watchdog: a slow query fails cleanly first
CONNECT_TIMEOUT_SECONDS = 5.0
RETRY_CAP_SECONDS = 2.0
# A socket told to close (too slow) that still will not take its close frame is dropped after this.
CLOSE_GRACE_SECONDS = 5.0

# A connect trusts what the hub knows of an event (its id and head) only this long after the hub
# last read it through the reader rule: a second's tick keeps it fresh while Postgres answers; when
# the hub cannot read, connects fall back to a query (and get 1013 if that fails too).
KNOWN_FRESH_SECONDS = 3 * TICK_SECONDS
# Close code for readers of an event that readers may no longer open: they reconnect and are
# refused at the handshake.
CLOSE_GONE = 1001

FRAMES_AFTER = f'SELECT seq, frame FROM "{Change._meta.db_table}" WHERE event_id = %s AND seq > %s ORDER BY seq LIMIT {FETCH_BATCH}'
# selectors.changes_since, for a reader catching up further back than the hub holds in memory.
LOG_AFTER = f'SELECT seq, frame FROM "{Change._meta.db_table}" WHERE event_id = %s AND seq > %s ORDER BY seq LIMIT %s'
DELETED_MARK = '"type":"post.deleted"'
EXPECTED_FAULTS = (psycopg.Error, aioredis.RedisError, OSError, TimeoutError)


class LookupFailed(Exception):
    """The hub could not ask Postgres about an event (it is down or does not answer)."""


def _readable_query(where: str) -> tuple[str, tuple[Any, ...]]:
    # From the ORM's own rule (selectors.readable_events_sql): the hub and the pages agree on which
    # events a reader may open, whatever that rule becomes.
    sql, params = selectors.readable_events_sql()
    return f"SELECT id, seq, slug, locale_seq FROM ({sql}) AS readable WHERE {where}", params


class KnownEvent:
    """An event the hub has read through the reader rule: its id, slug, seq and locale_seq (where
    readers may resume from: protocol.resume_after) at that read."""

    __slots__ = ("checked_at", "event_id", "head", "locale_seq", "signalled_at", "slug")

    def __init__(self, event_id: int, slug: str, head: int, locale_seq: int) -> None:
        self.event_id = event_id
        self.slug = slug
        self.head = head
        self.locale_seq = locale_seq
        self.checked_at = time.monotonic()
        self.signalled_at = 0.0  # when a change of it was last signalled


def hub_application_name(params: dict[str, Any], part: str) -> str:
    """`liveblog/<pid> listen hub` and `liveblog/<pid> read hub`: operators (and the fault tests)
    find the hub's two sessions in pg_stat_activity by these names."""
    return f"{params.get('application_name') or f'liveblog/{os.getpid()}'} {part} hub"


def control_frame(kind: str, **fields: Any) -> str:
    return json.dumps({"type": kind, **fields}, separators=(",", ":"))


def wire_frame(text: str) -> bytes:
    """A complete unmasked WebSocket text frame (RFC 6455 5.2): built once per change, written to
    every local socket as it is."""
    payload = text.encode()
    size = len(payload)
    if size < 126:
        header = struct.pack("!BB", 0x81, size)
    elif size < 1 << 16:
        header = struct.pack("!BBH", 0x81, 126, size)
    else:
        header = struct.pack("!BBQ", 0x81, 127, size)
    return header + payload


_background: set[asyncio.Task[Any]] = set()


def spawn(coroutine: Coroutine[Any, Any, Any], *, name: str) -> asyncio.Task[Any]:
    task = asyncio.get_running_loop().create_task(coroutine, name=name)
    _background.add(task)  # the loop keeps only weak references to tasks
    task.add_done_callback(_background.discard)
    return task


def _takes_writes(protocol: Any) -> bool:
    return (
        protocol.handshake_complete
        and not protocol.close_sent
        and not protocol.disconnected
        and protocol.writable.is_set()  # cleared by the transport over its high-water mark
        and not protocol.transport.is_closing()
    )


class Reader:
    """One reader socket as the hub sees it: its event, the last seq it was given, and whether it
    is live (written to by the hub) or catching up (writing from the log in its own task)."""

    __slots__ = ("_protocol", "_send", "_task", "client", "closed", "event_id", "last_seq", "live")

    def __init__(self, *, event_id: int, send: ASGISend, client: str = "") -> None:
        self.event_id = event_id
        self.client = client
        self._send = send
        # Uvicorn's protocol, when the socket is served by it: frames are then written straight to
        # its transport. Its `send` applies the transport's flow control, which catch-up relies on.
        protocol = getattr(send, "__self__", None)
        is_uvicorn = WebSocketsSansIOProtocol is not None and isinstance(protocol, WebSocketsSansIOProtocol)
        self._protocol = protocol if is_uvicorn else None
        if self._protocol is not None and self._protocol.handshake_complete:
            # The handshake's request and response (headers and all, ~3 KiB) are only read while
            # accepting; a reader holds its socket for hours.
            self._protocol.request = self._protocol.response = None
            # websockets' parser keeps the request in a local of its suspended generator for the
            # connection's life; Python 3.13's frame locals are write-through (PEP 667).
            frame = getattr(getattr(self._protocol.conn, "parser", None), "gi_frame", None)
            if frame is not None and "request" in frame.f_locals:
                frame.f_locals["request"] = None
        if self._protocol is not None and settings.LIVE_SOCKET_SEND_BUFFER_BYTES:
            # A fixed kernel send buffer instead of autotuning (up to 4 MB a socket): what a stalled
            # reader can hold on this machine stays small, and the slow-reader rule sees it sooner.
            sock = self._protocol.transport.get_extra_info("socket")
            with contextlib.suppress(OSError, AttributeError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, settings.LIVE_SOCKET_SEND_BUFFER_BYTES)
        self.last_seq = 0
        self.live = False  # false while the consumer replays the log, and while catching up
        self.closed = False
        self._task: asyncio.Task[None] | None = None

    # Called by the hub, for each new frame in seq order; never awaits, never queues.
    def offer(self, seq: int, text: str, wire: bytes) -> None:
        if not self.live or self.closed or seq <= self.last_seq:
            return  # a reader catching up takes this frame from memory when it gets there
        protocol = self._protocol
        if protocol is not None and _takes_writes(protocol):
            protocol.transport.write(wire)
            self.last_seq = seq
            return
        # The socket is full (or not written directly): fall behind and catch up by seq.
        self.live = False
        self._task = spawn(self._catch_up_in_background(), name=f"reader catch-up {self.event_id}")

    def control(self, text: str, wire: bytes) -> None:
        """A heartbeat: only to a live reader (one catching up would read the head as a gap)."""
        if not self.live or self.closed:
            return
        protocol = self._protocol
        if protocol is None:
            spawn(self._send_quietly({"type": "websocket.send", "text": text}), name="reader control")
        elif _takes_writes(protocol):
            protocol.transport.write(wire)

    def stop(self) -> None:
        self.closed = True
        self.live = False
        if self._task is not None and self._task is not asyncio.current_task():
            self._task.cancel()
        self._task = None

    async def catch_up(self) -> None:
        """Send every frame after `last_seq` up to what the hub has read, then go live.

        Pages of frames, each awaited through the socket's own flow control: a reader 500 changes
        behind never has more than the transport's high-water mark buffered for it, so its own
        replay never makes it look slow."""
        while not self.closed:
            head = hub.read_head(self.event_id)
            if self.last_seq >= head:
                self.live = True  # no await since reading the head: the hub writes from here
                return
            frames = hub.recent_frames(self.event_id, after=self.last_seq, limit=CATCH_UP_BATCH)
            if frames is None:  # older than what the hub holds: read the log
                frames = await hub.read_log(self.event_id, after=self.last_seq, limit=CATCH_UP_BATCH)
                if not frames:
                    self.live = True  # nothing after last_seq in the log: the hub is ahead of it
                    return
            for seq, text in frames:
                if seq <= self.last_seq:
                    continue
                if not await self._write(text):
                    return
                self.last_seq = seq
            await asyncio.sleep(0)  # one page at a time: other readers and the hub get their turn

    async def _catch_up_in_background(self) -> None:
        try:
            behind = hub.read_head(self.event_id) - self.last_seq
            if behind > selectors.MAX_CATCH_UP:
                await self.close_too_slow()  # it reconnects and is told to reset
                return
            await self.catch_up()
        except asyncio.CancelledError:
            raise
        except Exception:  # one reader's failure is its own (the log could not be read): it comes back
            logger.warning("A reader of event %s could not catch up; closing it", self.event_id, exc_info=True)
            await self.close(CLOSE_TOO_SLOW)
        finally:
            if self._task is asyncio.current_task():
                self._task = None

    async def _write(self, text: str) -> bool:
        try:
            async with asyncio.timeout(settings.LIVE_SLOW_READER_SECONDS):
                await self._send({"type": "websocket.send", "text": text})
        except TimeoutError:
            await self.close_too_slow()
            return False
        except Exception:  # the socket went away: its disconnect unregisters it
            self.closed = True
            return False
        return True

    async def close_too_slow(self) -> None:
        """Its socket took nothing for LIVE_SLOW_READER_SECONDS: close it with 1013."""
        logger.info("Closing a slow reader of event %s at seq %s", self.event_id, self.last_seq)
        hub.slow_closed += 1
        await self.close(CLOSE_TOO_SLOW)

    async def close(self, code: int) -> None:
        """Close the socket now, behind whatever is buffered, and drop it if it will not take even
        the close frame."""
        self.closed = True
        self.live = False
        protocol = self._protocol
        if protocol is not None:
            # Uvicorn's send waits for the transport to drain before a close frame; this one must
            # go now, behind what is already buffered.
            protocol.writable.set()
            loop = asyncio.get_running_loop()
            loop.call_later(CLOSE_GRACE_SECONDS, protocol.transport.abort)
        with contextlib.suppress(Exception):
            async with asyncio.timeout(1):
                await self._send({"type": "websocket.close", "code": code})

    async def _send_quietly(self, message: dict[str, Any]) -> None:
        with contextlib.suppress(Exception):
            await self._send(message)


class _Part:
    """A task the watchdog keeps alive: restarted with jitter when it ends or stops reporting in."""

    def __init__(self, name: str, run: Callable[[], Coroutine[Any, Any, None]]) -> None:
        self.name = name
        self.run = run
        self.task: asyncio.Task[None] | None = None
        self.ok_at = 0.0  # when it last proved its connection works
        self.up_since: float | None = None  # connected and working since
        self.started_at = 0.0
        self.failures = 0
        self.retry_at = 0.0
        self.restarts = 0

    def ok(self) -> None:
        now = time.monotonic()
        if self.up_since is None:
            self.up_since = now
            self.failures = 0
        self.ok_at = now

    def down(self) -> None:
        self.up_since = None

    def check(self, now: float, *, wedged_after: float) -> None:
        if self.task is None:
            if now >= self.retry_at:
                self.started_at = now
                self.task = spawn(self.run(), name=f"hub {self.name}")
            return
        if self.task.done():
            error = None if self.task.cancelled() else self.task.exception()
            if isinstance(error, EXPECTED_FAULTS):  # the database or the bus went away: one line
                logger.warning("Hub %s lost its connection (%s); reconnecting", self.name, str(error).strip())
            elif error is not None:
                logger.error("Hub %s failed; restarting", self.name, exc_info=error)
            self._retry(now)
        elif now - max(self.ok_at, self.started_at) > wedged_after:
            # A connection that neither answers nor fails (a stopped server, a black-holed
            # network, a lock that is never released): cancel whatever it waits on.
            logger.warning("Hub %s silent for %.1f s; restarting it", self.name, now - max(self.ok_at, self.started_at))
            self.task.cancel()
            self._retry(now)

    def _retry(self, now: float) -> None:
        self.task = None
        self.down()
        self.failures += 1
        self.restarts += 1
        # Full jitter: every worker that lost Postgres at once must not come back at once.
        self.retry_at = now + random.uniform(0.05, min(RETRY_CAP_SECONDS, 0.2 * 2**self.failures))

    def stop(self) -> asyncio.Task[None] | None:
        task, self.task = self.task, None
        self.down()
        if task is not None:
            task.cancel()
        return task


class Hub:
    def __init__(self) -> None:
        self._readers: dict[int, set[Reader]] = {}
        # The last seq read from the log per event with local readers, and its recent frames as
        # (seq, text, post id) for readers catching up.
        self._read_up_to: dict[int, int] = {}
        self._recent: dict[int, deque[tuple[int, str, int | None]]] = {}
        self._dirty: set[int] = set()
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._listener = _Part("listener", self._listen)
        self._fetcher = _Part("fetcher", self._fetch)
        self._watchdog: asyncio.Task[None] | None = None
        self._started_at: float | None = None
        self.listening = asyncio.Event()
        self.listen_backend_pid: int | None = None
        self.read_backend_pid: int | None = None
        self._per_client: Counter[str] = Counter()
        self._sockets = 0
        self.slow_closed = 0
        # What the hub knows of the events readers open, by slug and by id (docs/scaling.md): a
        # reader of a known event connects without a query.
        self._known: dict[str, KnownEvent] = {}
        self._known_ids: dict[int, KnownEvent] = {}
        # In-flight lookups by slug, with when each was sent: readers arriving meanwhile share it.
        self._lookups: dict[str, tuple[asyncio.Task[KnownEvent | None], float]] = {}
        self._lookup_conn: psycopg.AsyncConnection | None = None
        self._lookup_lock = asyncio.Lock()
        self._lookup_failed_at = -1e9
        self.lookups = 0  # queries a connect made (the tests count them)
        self._by_slug_sql: tuple[str, tuple[Any, ...]] | None = None
        self._heads_sql: tuple[str, tuple[Any, ...]] | None = None

    # Admission -------------------------------------------------------------------------------

    def admit(self, client: str) -> int | None:
        """Count a new socket from `client`, or return the close code that refuses it."""
        self._ensure_running()
        if self._sockets >= settings.LIVE_MAX_SOCKETS:
            return CLOSE_SERVER_FULL
        if self._per_client[client] >= settings.LIVE_MAX_SOCKETS_PER_CLIENT:
            return CLOSE_TOO_MANY_FROM_CLIENT
        self._per_client[client] += 1
        self._sockets += 1
        return None

    def leave(self, client: str) -> None:
        if client not in self._per_client:
            return  # counted before the hub restarted on a new loop (tests)
        self._sockets -= 1
        self._per_client[client] -= 1
        if self._per_client[client] <= 0:
            del self._per_client[client]

    # Readers --------------------------------------------------------------------------------

    def register(self, reader: Reader, *, known_seq: int) -> None:
        """Track `reader`; the consumer then awaits `reader.catch_up()`, which makes it live.

        `known_seq` is the event's seq as read before this call: the hub reads anything after it
        that it had not been tracking, so nothing committed between that read and now is lost.
        """
        self._ensure_running()
        if reader.event_id not in self._readers:
            self._readers[reader.event_id] = set()
            self._read_up_to[reader.event_id] = known_seq
            self._recent[reader.event_id] = deque(maxlen=RECENT_FRAMES)
        self._readers[reader.event_id].add(reader)

    def unregister(self, reader: Reader) -> None:
        reader.stop()
        readers = self._readers.get(reader.event_id)
        if readers is None:
            return
        readers.discard(reader)
        if not readers:
            del self._readers[reader.event_id]
            self._read_up_to.pop(reader.event_id, None)
            self._recent.pop(reader.event_id, None)

    # Events readers open ------------------------------------------------------------------------

    async def event_for_reader(self, slug: str, *, since: int) -> tuple[KnownEvent, int] | None:
        """The event a reader may open at `slug` and its head, or None: refuse the socket.

        From memory, with no query and no thread hop, when the hub has read the event through the
        reader rule within KNOWN_FRESH_SECONDS, nothing has been signalled for it since, and the
        reader is not ahead of what the hub knows (a page rendered after the hub's last read).
        Otherwise one query on the hub's own async connection, shared by every reader asking for
        the same slug meanwhile. Raises LookupFailed when Postgres does not answer."""
        known = self._known.get(slug)
        if known is None or time.monotonic() - known.checked_at > KNOWN_FRESH_SECONDS or since > self._head_of(known):
            asked_at = time.monotonic()
            known, sent_at = await self._look_up(slug)
            if known is not None and since > self._head_of(known) and sent_at < asked_at:
                # The answer shared was asked before this page may have been rendered: ask again,
                # so that "ahead of the head" is Postgres's verdict, never a race's.
                known, _ = await self._look_up(slug, asked_after=asked_at)
            if known is None:
                return None
        return known, self._head_of(known)

    def _head_of(self, known: KnownEvent) -> int:
        return max(known.head, self._read_up_to.get(known.event_id, 0))

    async def _look_up(self, slug: str, *, asked_after: float | None = None) -> tuple[KnownEvent | None, float]:
        """The event at `slug` as Postgres has it, and when that query was sent."""
        self._ensure_running()
        task, sent_at = self._lookups.get(slug, (None, 0.0))
        if task is None or (asked_after is not None and sent_at < asked_after):
            task, sent_at = spawn(self._read_event(slug), name="hub lookup"), time.monotonic()
            self._lookups[slug] = (task, sent_at)
            task.add_done_callback(partial(self._looked_up, slug))
        # Shielded: a reader that goes away mid-handshake does not cancel the others' answer.
        return await asyncio.shield(task), sent_at

    def _looked_up(self, slug: str, task: asyncio.Task[KnownEvent | None]) -> None:
        if self._lookups.get(slug, (None,))[0] is task:
            del self._lookups[slug]
        if not task.cancelled():
            task.exception()  # retrieved: every reader that asked has its own copy of it

    async def _read_event(self, slug: str) -> KnownEvent | None:
        if self._by_slug_sql is None:
            self._by_slug_sql = _readable_query("slug = %s")
        sql, params = self._by_slug_sql
        self.lookups += 1
        read_at = time.monotonic()
        rows = await self._lookup([*params, slug], sql)
        if not rows:
            gone = self._known.get(slug)
            if gone is not None:
                self._forget(gone.event_id)
            return None
        event_id, seq, found_slug, locale_seq = rows[0]
        return self._know(event_id, found_slug, seq, locale_seq, read_at=read_at)

    async def _lookup(self, params: list[Any], sql: str) -> list[tuple[Any, ...]]:
        """`sql` on the lookup connection; a reused connection that fails (Postgres restarted) is
        replaced and the query tried once more."""
        for attempt in (1, 2):
            reused = False
            try:
                conn, reused = await self._lookup_connection()
                return await self._query(conn, sql, params)
            except EXPECTED_FAULTS as error:
                await self._drop_lookup_connection()
                if attempt == 2 or not reused:
                    self._lookup_failed_at = time.monotonic()
                    raise LookupFailed(str(error).strip()) from error
        raise AssertionError("unreachable")  # pragma: no cover

    async def _lookup_connection(self) -> tuple[psycopg.AsyncConnection, bool]:
        async with self._lookup_lock:
            conn = self._lookup_conn
            if conn is not None and not conn.closed:
                return conn, True
            if time.monotonic() - self._lookup_failed_at < RETRY_CAP_SECONDS / 4:
                # Postgres refused a moment ago: a crowd of connects must not queue a connect each.
                raise LookupFailed("PostgreSQL did not answer a moment ago")
            self._lookup_conn = await self._connect("lookup")
            return self._lookup_conn, False

    async def _drop_lookup_connection(self) -> None:
        conn, self._lookup_conn = self._lookup_conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                await conn.close()

    async def read_log(self, event_id: int, *, after: int, limit: int) -> list[tuple[int, str]]:
        """The change log after `after`, on the lookup connection: a reader catching up from far
        back costs a query, never a thread hop. Raises LookupFailed when Postgres does not answer."""
        return [(seq, frame) for seq, frame in await self._lookup([event_id, after, limit], LOG_AFTER)]

    def _know(self, event_id: int, slug: str, head: int, locale_seq: int, *, read_at: float) -> KnownEvent:
        """Record what a read made at `read_at` found through the reader rule."""
        other = self._known.get(slug)
        if other is not None and other.event_id != event_id:
            self._forget(other.event_id)  # the slug now names another event
        known = self._known_ids.get(event_id)
        if known is None:
            known = KnownEvent(event_id, slug, head, locale_seq)
            known.checked_at = read_at
            self._known_ids[event_id] = known
        else:
            known.head = max(known.head, head)
            known.locale_seq = max(known.locale_seq, locale_seq)
            # A signal after this read was sent may be of a change the read did not see (one that
            # made the event unreadable): it stays unchecked until a read after the signal.
            if known.signalled_at <= read_at:
                known.checked_at = max(known.checked_at, read_at)
        self._known[slug] = known
        return known

    def _forget(self, event_id: int) -> None:
        """Readers may no longer open this event: forget it and close its readers' sockets (they
        reconnect and are refused at the handshake)."""
        known = self._known_ids.pop(event_id, None)
        if known is not None and self._known.get(known.slug) is known:
            del self._known[known.slug]
        readers = self._readers.pop(event_id, set())
        self._read_up_to.pop(event_id, None)
        self._recent.pop(event_id, None)
        self._dirty.discard(event_id)
        for reader in readers:
            if not reader.closed:
                logger.info("Event %s is no longer open to readers; closing its sockets", event_id)
                spawn(reader.close(CLOSE_GONE), name="reader of a gone event")

    def read_head(self, event_id: int) -> int:
        return self._read_up_to.get(event_id, 0)

    def recent_frames(self, event_id: int, *, after: int, limit: int) -> list[tuple[int, str]] | None:
        """Frames after `after` from memory, or None when memory does not reach back that far."""
        recent = self._recent.get(event_id)
        if not recent or recent[0][0] > after + 1:
            return None
        start = after + 1 - recent[0][0]
        return [(seq, text) for seq, text, _ in islice(recent, start, start + limit)]

    # Health -----------------------------------------------------------------------------------

    def problem(self) -> str | None:
        """Why this process should be taken out of the load balancer, or None.

        A process whose hub never started (no reader has come yet) has nothing to be unhealthy
        about: its hub starts with the first reader."""
        if self._started_at is None:
            return None
        now = time.monotonic()
        stale = settings.LIVE_HUB_STALE_SECONDS
        for part, doing in ((self._listener, "listening"), (self._fetcher, "reading")):
            if now - max(part.ok_at, self._started_at) > stale:
                return f"the hub has not been {doing} for more than {stale:g} s"
        return None

    def stats(self) -> dict[str, Any]:
        return {
            "started": self._started_at is not None,
            "listening": self._listener.up_since is not None,
            "reading": self._fetcher.up_since is not None,
            "readers": sum(len(readers) for readers in self._readers.values()),
            "sockets": self._sockets,
            "restarts": self._listener.restarts + self._fetcher.restarts,
            "slow_closed": self.slow_closed,
            "known_events": len(self._known),
            "lookups": self.lookups,
        }

    # Running --------------------------------------------------------------------------------

    def _ensure_running(self) -> None:
        loop = asyncio.get_running_loop()
        if self._loop is loop and self._watchdog is not None and not self._watchdog.done():
            return
        if self._loop is not loop:
            # A new event loop (a test's own loop): the old loop's tasks and readers are gone.
            for part in (self._listener, self._fetcher):
                part.task = None
                part.down()
            self._readers.clear()
            self._read_up_to.clear()
            self._recent.clear()
            self._dirty.clear()
            self._per_client.clear()
            self._sockets = 0
            self._known.clear()
            self._known_ids.clear()
            self._lookups.clear()
            self._lookup_conn = None  # it belonged to the old loop
            self._lookup_lock = asyncio.Lock()
            self._wake = asyncio.Event()
            self.listening = asyncio.Event()
        self._loop = loop
        self._started_at = time.monotonic()
        self._watchdog = spawn(self._watch(), name="hub watchdog")

    async def stop(self) -> None:
        tasks = [task for task in (self._listener.stop(), self._fetcher.stop(), self._watchdog) if task is not None]
        tasks += [task for task, _ in self._lookups.values()]
        self._lookups.clear()
        self._watchdog = None
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                async with asyncio.timeout(5):
                    await task
        for reader in [r for readers in self._readers.values() for r in readers]:
            self.unregister(reader)
        await self._drop_lookup_connection()
        self._known.clear()
        self._known_ids.clear()
        self._per_client.clear()
        self._sockets = 0
        self._loop = None
        self._started_at = None

    async def _watch(self) -> None:
        while True:
            now = time.monotonic()
            for part in (self._listener, self._fetcher):
                part.check(now, wedged_after=settings.LIVE_HUB_WATCHDOG_SECONDS)
            if self._listener.up_since is None:
                self.listening.clear()
            await asyncio.sleep(TICK_SECONDS / 4)

    async def _connect(self, part: str) -> psycopg.AsyncConnection:
        # Read when the hub starts: only the live connection settings carry the test database's
        # name and the embedded server's socket folder.
        params = await sync_to_async(connections["default"].get_connection_params, thread_sensitive=False)()
        for key in ("cursor_factory", "context"):
            params.pop(key, None)
        params["application_name"] = hub_application_name(params, part)
        params["connect_timeout"] = int(CONNECT_TIMEOUT_SECONDS)
        async with asyncio.timeout(CONNECT_TIMEOUT_SECONDS):
            return await psycopg.AsyncConnection.connect(**params, autocommit=True)

    def _mark_all_dirty(self) -> None:
        self._dirty.update(self._readers)
        self._wake.set()

    def _notified(self, payload: str) -> None:
        event_id, _, seq = payload.partition(":")
        with contextlib.suppress(ValueError):
            event, seq_number = int(event_id), int(seq or 0)
            known = self._known_ids.get(event)
            if known is not None and seq_number > max(known.head, self._read_up_to.get(event, 0)):
                # A change the hub has not read may have made the event unreadable: until the hub
                # has read it again through the reader rule (below, within milliseconds), a
                # reader's connect asks Postgres.
                known.checked_at = 0.0
                known.signalled_at = time.monotonic()
            if event in self._readers and seq_number > self._read_up_to.get(event, 0):
                self._dirty.add(event)
                self._wake.set()
        self._listener.ok()

    # The listener: learns which events changed, never reads a frame.

    async def _listen(self) -> None:
        try:
            if settings.REDIS_URL:
                await self._listen_redis()
            else:
                await self._listen_postgres()
        finally:
            self._listener.down()
            self.listening.clear()
            metrics.hub_listening(False)
            self.listen_backend_pid = None

    def _now_listening(self) -> None:
        self._listener.ok()
        self.listening.set()
        metrics.hub_listening(True)
        self._mark_all_dirty()  # whatever was committed while the hub was not listening is in the log

    async def _listen_postgres(self) -> None:
        conn = await self._connect("listen")
        try:
            async with asyncio.timeout(QUERY_TIMEOUT_SECONDS):
                await conn.execute(f"LISTEN {CHANNEL}")
            self.listen_backend_pid = conn.info.backend_pid
            self._now_listening()
            while True:
                # psycopg's notifies() holds the connection's lock while it is suspended: it is
                # always run to its end (its timeout) or closed before the connection is touched
                # again, so nothing ever waits on that lock.
                notes = conn.notifies(timeout=TICK_SECONDS)
                try:
                    async for note in notes:
                        self._notified(note.payload)
                finally:
                    await notes.aclose()
                async with asyncio.timeout(QUERY_TIMEOUT_SECONDS):
                    await conn.execute("SELECT 1")  # a connection that answers is still listening
                self._listener.ok()
        finally:
            await conn.close()  # no rollback, no lock: closes the socket

    async def _listen_redis(self) -> None:
        # redis-py itself, not channels-redis: no socket timeout under the blocking read (the
        # 1011-every-5-s trap of channels-redis 4.3 with redis-py 8), short health checks instead.
        client = aioredis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=CONNECT_TIMEOUT_SECONDS, health_check_interval=2
        )
        pubsub = client.pubsub(ignore_subscribe_messages=True)
        try:
            async with asyncio.timeout(CONNECT_TIMEOUT_SECONDS):
                await pubsub.subscribe(CHANNEL)
            self._now_listening()
            while True:
                async with asyncio.timeout(QUERY_TIMEOUT_SECONDS):
                    message = await pubsub.get_message(timeout=TICK_SECONDS)
                self._listener.ok()
                if message is not None and message["type"] == "message":
                    self._notified(message["data"].decode())
        finally:
            with contextlib.suppress(Exception):
                async with asyncio.timeout(1):
                    await pubsub.aclose()
                    await client.aclose()

    # The fetcher: reads frames once, writes them to readers, heartbeats.

    async def _fetch(self) -> None:
        conn = await self._connect("read")
        try:
            self.read_backend_pid = conn.info.backend_pid
            self._fetcher.ok()
            self._mark_all_dirty()  # what was committed while the hub could not read
            next_heartbeat = time.monotonic() + settings.LIVE_HEARTBEAT_SECONDS
            next_heads = 0.0
            while True:
                if not self._dirty:
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(max(0.0, min(next_heads, next_heartbeat) - time.monotonic())):
                            await self._wake.wait()
                self._wake.clear()
                while self._dirty:
                    dirty, self._dirty = self._dirty, set()
                    try:
                        # Through the reader rule first: an event signalled because it can no
                        # longer be read has its readers closed instead of served.
                        await self._read_heads(conn, dirty, heartbeat=False)
                    except BaseException:
                        self._dirty |= dirty  # read them again on the next connection
                        raise
                now = time.monotonic()
                if now >= next_heads:
                    # Every tick: a notification lost on the bus (or a listener that is down)
                    # costs at most a second, and this connection proves it still answers.
                    heartbeat = now >= next_heartbeat
                    await self._read_heads(conn, self._to_check(now), heartbeat=heartbeat)
                    if heartbeat:
                        next_heartbeat = now + settings.LIVE_HEARTBEAT_SECONDS
                    next_heads = now + TICK_SECONDS
                self._fetcher.ok()
        finally:
            self.read_backend_pid = None
            self._fetcher.down()
            await conn.close()

    async def _query(self, conn: psycopg.AsyncConnection, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        async with asyncio.timeout(QUERY_TIMEOUT_SECONDS):
            return await (await conn.execute(sql, params)).fetchall()

    async def _deliver(self, conn: psycopg.AsyncConnection, event_id: int) -> None:
        """Read the event's frames after the last one read, once, and offer them to its readers."""
        while event_id in self._readers:
            rows = await self._query(conn, FRAMES_AFTER, [event_id, self._read_up_to[event_id]])
            readers = self._readers.get(event_id)
            if readers is None:
                return
            fresh = []
            for seq, text in rows:
                if seq <= self._read_up_to[event_id]:
                    continue  # another read got here first
                self._remember(event_id, seq, text)
                self._read_up_to[event_id] = seq
                wire = wire_frame(text)  # once, for every local socket
                for reader in readers:
                    reader.offer(seq, text, wire)
                fresh.append((seq, text))
            metrics.delivered(event_id, fresh, len(readers))
            self._fetcher.ok()  # a long backlog is progress, not a wedge
            if len(rows) < FETCH_BATCH:
                return

    def _remember(self, event_id: int, seq: int, text: str) -> None:
        recent = self._recent[event_id]
        if recent and recent[-1][0] != seq - 1:
            recent.clear()  # memory holds only a run without gaps
        frame = json.loads(text)
        post_id = frame.get("id")
        if DELETED_MARK in text and post_id is not None:
            # A deleted post is gone everywhere: readers catching up from memory must not get
            # its earlier frames either (the log's copies are redacted in the same transaction).
            for index, (old_seq, _, old_post) in enumerate(recent):
                if old_post == post_id:
                    redacted = json.dumps(
                        {"type": "post.deleted", "seq": old_seq, "id": post_id}, separators=(",", ":")
                    )
                    recent[index] = (old_seq, redacted, post_id)
        recent.append((seq, text, post_id))

    def _to_check(self, now: float) -> set[int]:
        """Every event with readers, and those looked up in the last tick (their readers are on
        the way); the others are forgotten, and asked about again when a reader comes."""
        for event_id, known in list(self._known_ids.items()):
            if event_id not in self._readers and now - known.checked_at > TICK_SECONDS:
                del self._known_ids[event_id]
                if self._known.get(known.slug) is known:
                    del self._known[known.slug]
        return set(self._readers) | set(self._known_ids)

    async def _read_heads(self, conn: psycopg.AsyncConnection, event_ids: set[int], *, heartbeat: bool) -> None:
        """Read the events' heads through the reader rule: deliver what is new, forget (and close
        the readers of) any event readers may no longer open, and send heartbeats."""
        if not event_ids:
            await self._query(conn, "SELECT 1", [])
            return
        if self._heads_sql is None:
            self._heads_sql = _readable_query("id = ANY(%s)")
        sql, params = self._heads_sql
        read_at = time.monotonic()
        rows = await self._query(conn, sql, [*params, list(event_ids)])
        found = {row[0] for row in rows}
        for event_id in event_ids - found:
            if event_id in self._readers or event_id in self._known_ids:
                self._forget(event_id)
        for event_id, head, slug, locale_seq in rows:
            if event_id not in self._readers and event_id not in self._known_ids:
                continue  # forgotten while the query ran
            self._know(event_id, slug, head, locale_seq, read_at=read_at)
            if event_id in self._readers and head > self._read_up_to[event_id]:
                await self._deliver(conn, event_id)
            if heartbeat:
                # From a read that just succeeded: a hub that cannot read sends no heartbeat, and
                # its readers reconnect (docs/reliability.md).
                text = control_frame("heartbeat", head=head)
                wire = wire_frame(text)
                for reader in self._readers.get(event_id, ()):
                    reader.control(text, wire)


hub = Hub()
