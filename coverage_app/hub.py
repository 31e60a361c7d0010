"""One hub per process: LISTEN on Postgres, read each new frame once, write it to every local reader.

Why not a Channels group per event: Channels runs a dispatch (and a thread hop) per reader per
message, and its in-memory layer cannot reach other processes. Here one LISTEN connection per
process learns of each change, one query reads its frame from the change log, and the same text
goes to every local reader through the raw ASGI send. docs/scaling.md has the figures.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
from collections import defaultdict, deque
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import psycopg
from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connections
from redis import asyncio as aioredis

from coverage_app import metrics
from coverage_app.broadcast import CHANNEL
from coverage_app.models import Change, Event

logger = logging.getLogger(__name__)

ASGISend = Callable[[dict[str, Any]], Awaitable[None]]

# A reader this many frames behind is closed; it reconnects and catches up by seq from the log.
MAX_QUEUED_FRAMES = 256
# Close code for a reader that could not keep up: "try again later".
CLOSE_TOO_SLOW = 1013
RECONNECT_DELAYS = (0.2, 0.5, 1.0, 2.0, 5.0)
FETCH_BATCH = 1000

FRAMES_AFTER = f'SELECT seq, frame FROM "{Change._meta.db_table}" WHERE event_id = %s AND seq > %s ORDER BY seq LIMIT {FETCH_BATCH}'
HEADS = f'SELECT id, seq FROM "{Event._meta.db_table}" WHERE id = ANY(%s)'


def hub_application_name(params: dict[str, Any]) -> str:
    return f"{params.get('application_name') or f'liveblog/{os.getpid()}'} hub"


def control_frame(kind: str, **fields: Any) -> str:
    return json.dumps({"type": kind, **fields}, separators=(",", ":"))


class Reader:
    """One reader socket as the hub sees it: the frames queued for it and the last seq it was given.

    Each reader has its own writer task, so a reader that stops reading only ever stalls itself.
    """

    def __init__(self, *, event_id: int, send: ASGISend) -> None:
        self.event_id = event_id
        self._send = send
        self.last_seq = 0
        # Frames that arrive while the consumer replays the log wait here (None once released).
        self._held: list[tuple[int, str]] | None = []
        self._queue: deque[str] = deque()
        self._wakeup = asyncio.Event()
        self._writer: asyncio.Task[None] | None = None
        self.closed = False

    @property
    def is_live(self) -> bool:
        return self._held is None

    def start(self) -> None:
        self._writer = asyncio.get_running_loop().create_task(self._write())

    def stop(self) -> None:
        self.closed = True
        if self._writer is not None:
            self._writer.cancel()

    def send_control(self, text: str) -> None:
        self._enqueue(text)

    def push(self, seq: int, text: str) -> None:
        """Queue a logged frame unless the reader already has it: on the wire, seq only rises."""
        if seq <= self.last_seq:
            return
        self.last_seq = seq
        self._enqueue(text)

    def offer(self, seq: int, text: str) -> None:
        if self._held is not None:
            self._held.append((seq, text))
        else:
            self.push(seq, text)

    def release(self, *, after: int) -> None:
        """The replay is out up to `after`: send the held frames above it, then go live."""
        self.last_seq = max(self.last_seq, after)
        held, self._held = self._held or [], None
        for seq, text in held:
            self.push(seq, text)

    def _enqueue(self, text: str) -> None:
        if self.closed:
            return
        if len(self._queue) >= MAX_QUEUED_FRAMES:
            self._close_too_slow()
            return
        self._queue.append(text)
        self._wakeup.set()

    def _close_too_slow(self) -> None:
        logger.info("Closing a reader of event %s that is %s frames behind", self.event_id, len(self._queue))
        self.stop()
        self._queue.clear()
        asyncio.get_running_loop().create_task(self._send_quietly({"type": "websocket.close", "code": CLOSE_TOO_SLOW}))

    async def _send_quietly(self, message: dict[str, Any]) -> None:
        with contextlib.suppress(Exception):
            await self._send(message)

    async def _write(self) -> None:
        try:
            while True:
                await self._wakeup.wait()
                self._wakeup.clear()
                while self._queue:
                    await self._send({"type": "websocket.send", "text": self._queue.popleft()})
        except asyncio.CancelledError:
            raise
        except Exception:  # a dead socket ends its own writer, never the hub
            logger.debug("Reader socket of event %s failed", self.event_id, exc_info=True)
            self.closed = True


class Hub:
    def __init__(self) -> None:
        self._readers: dict[int, set[Reader]] = defaultdict(set)
        # The last seq read from the log per event with local readers.
        self._read_up_to: dict[int, int] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._read_conn: psycopg.AsyncConnection | None = None
        self.listening = asyncio.Event()

    # Readers --------------------------------------------------------------------------------

    def register(self, reader: Reader, *, known_seq: int) -> None:
        """Start receiving live frames for `reader`, held until `release`.

        `known_seq` is the event's seq as read before this call: the hub reads anything after it
        that it had not been tracking, so nothing committed between that read and now is lost.
        """
        self._ensure_running()
        self._read_up_to.setdefault(reader.event_id, known_seq)
        self._readers[reader.event_id].add(reader)
        reader.start()

    def unregister(self, reader: Reader) -> None:
        reader.stop()
        readers = self._readers.get(reader.event_id)
        if readers is None:
            return
        readers.discard(reader)
        if not readers:
            del self._readers[reader.event_id]
            self._read_up_to.pop(reader.event_id, None)

    # Running --------------------------------------------------------------------------------

    def _ensure_running(self) -> None:
        loop = asyncio.get_running_loop()
        if self._loop is loop and self._tasks and not any(task.done() for task in self._tasks):
            return
        # A new event loop (a restarted server, or a test's own loop): the old loop's tasks and
        # readers are gone with it.
        for task in self._tasks:
            task.cancel()
        self._loop = loop
        self._readers.clear()
        self._read_up_to.clear()
        self.listening = asyncio.Event()
        self._tasks = [loop.create_task(self._listen()), loop.create_task(self._heartbeat())]

    async def stop(self) -> None:
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        for reader in [r for readers in self._readers.values() for r in readers]:
            self.unregister(reader)
        self._loop = None

    async def _connect(self) -> psycopg.AsyncConnection:
        # Read when the hub starts: only the live connection settings carry the test database's
        # name and the embedded server's socket folder.
        params = await sync_to_async(connections["default"].get_connection_params, thread_sensitive=False)()
        for key in ("cursor_factory", "context"):
            params.pop(key, None)
        # Named, so operators (and the fault tests) can find the hub's sessions in pg_stat_activity.
        params["application_name"] = hub_application_name(params)
        return await psycopg.AsyncConnection.connect(**params, autocommit=True)

    async def _listen(self) -> None:
        attempt = 0
        while True:
            try:
                async with await self._connect() as read_conn, self._subscription() as changes:
                    self._read_conn = read_conn
                    self.listening.set()
                    metrics.hub_listening(True)
                    attempt = 0
                    # Whatever was committed while the hub was not listening is in the log.
                    for event_id in list(self._readers):
                        await self._deliver(event_id)
                    async for payload in changes:
                        event_id, _, _seq = payload.partition(":")
                        await self._deliver(int(event_id))
            except asyncio.CancelledError:
                raise
            except Exception:  # the hub must outlive any fault of the database or the bus
                logger.warning("Hub lost its connection to Postgres or the bus; reconnecting", exc_info=True)
            finally:
                self._read_conn = None
                self.listening.clear()
                metrics.hub_listening(False)
            await asyncio.sleep(RECONNECT_DELAYS[min(attempt, len(RECONNECT_DELAYS) - 1)])
            attempt += 1

    @contextlib.asynccontextmanager
    async def _subscription(self) -> AsyncIterator[AsyncIterator[str]]:
        """The bus, as a stream of "<event id>:<seq>" payloads: Redis pub/sub where the deployment
        has it (REDIS_URL), else Postgres LISTEN/NOTIFY. Either way the change log is the record."""
        if settings.REDIS_URL:
            # redis-py itself, not channels-redis: no socket timeout under the blocking read (the
            # 1011-every-5-s trap of channels-redis 4.3 with redis-py 8), health checks instead.
            client = aioredis.Redis.from_url(settings.REDIS_URL, socket_timeout=None, health_check_interval=15)
            pubsub = client.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(CHANNEL)
                yield (message["data"].decode() async for message in pubsub.listen() if message["type"] == "message")
            finally:
                await pubsub.aclose()
                await client.aclose()
        else:
            async with await self._connect() as listen_conn:
                await listen_conn.execute(f"LISTEN {CHANNEL}")
                yield (notification.payload async for notification in listen_conn.notifies())

    async def _deliver(self, event_id: int) -> None:
        """Read the event's frames after the last one read, once, and offer them to its readers."""
        if event_id not in self._readers or self._read_conn is None:
            return
        while True:
            after = self._read_up_to.get(event_id, 0)
            rows = await (await self._read_conn.execute(FRAMES_AFTER, [event_id, after])).fetchall()
            if not rows:
                return
            self._read_up_to[event_id] = max(after, rows[-1][0])
            for reader in list(self._readers.get(event_id, ())):
                for seq, frame in rows:
                    reader.offer(seq, frame)
            metrics.delivered(event_id, rows, len(self._readers.get(event_id, ())))
            if len(rows) < FETCH_BATCH:
                return

    async def _heartbeat(self) -> None:
        """Tell readers the head every few seconds; a reader behind it knows a frame was lost.

        The same query heals the hub itself: an event whose head is past what the hub read (a lost
        notification) is read now.
        """
        while True:
            await asyncio.sleep(settings.LIVE_HEARTBEAT_SECONDS)
            if self._read_conn is None or not self._readers:
                continue
            try:
                heads = await (await self._read_conn.execute(HEADS, [list(self._readers)])).fetchall()
                for event_id, head in heads:
                    if head > self._read_up_to.get(event_id, head):
                        await self._deliver(event_id)
                    text = control_frame("heartbeat", head=head)
                    for reader in list(self._readers.get(event_id, ())):
                        if reader.is_live:  # a replaying reader would read the head as a gap
                            reader.send_control(text)
            except psycopg.Error:
                logger.warning("Hub heartbeat failed; the listener reconnects", exc_info=True)


hub = Hub()
