"""The reader WebSocket: validate, register with the hub, replay the log, then live frames.

docs/protocol.md is the contract this implements.
"""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import DatabaseError, close_old_connections

from coverage_app import metrics, selectors
from coverage_app.hub import CLOSE_TOO_SLOW, ASGISend, Reader, control_frame, hub
from coverage_app.models import Event
from coverage_app.protocol import resume_after, since_param

CLOSE_POLICY = 1008
CLOSE_BINARY = 1003
# A reader's script pings at most every few seconds; more than this in a window is abuse.
MAX_MESSAGES_PER_WINDOW = 10
WINDOW_SECONDS = 10.0


def client_address(scope: dict) -> str:
    """The reader's address for the per-client cap: the peer's, which uvicorn has already replaced
    with X-Forwarded-For's when (and only when) the server runs with --proxy."""
    client = scope.get("client")
    return str(client[0]) if client else ""


ASGIReceive = Callable[[], Awaitable[dict[str, Any]]]


def _event_for_socket(slug: str) -> Event | None:
    # What Channels' consumer did before each handler: drop a connection that is past its age or
    # broken (a restarted Postgres), so this query gets a working one.
    close_old_connections()
    return selectors.event_for_reader(slug=slug)


class LiveSocket:
    """The reader socket as a plain ASGI app, one coroutine per reader and nothing else.

    Not a Channels consumer: that adds a task, a dispatch and a thread hop per message, and a few
    KiB per idle reader (docs/scaling.md); a reader only ever sends pings. Channels still routes
    it and checks its Origin (liveblog/asgi.py)."""

    async def __call__(self, scope: dict[str, Any], receive: ASGIReceive, send: ASGISend) -> None:
        if (await receive())["type"] != "websocket.connect":
            return
        # Counted before any query: a flood from one address costs the database nothing.
        client = client_address(scope)
        refused = hub.admit(client)
        if refused is not None:
            await send({"type": "websocket.accept"})  # a close code needs an open socket; the page then polls
            await send({"type": "websocket.close", "code": refused})
            metrics.reader_closed(scope, refused)
            return
        reader: Reader | None = None
        code: int | None = None
        try:
            try:
                event = await sync_to_async(_event_for_socket)(scope["url_route"]["kwargs"]["slug"])
            except DatabaseError:
                # Postgres is down: not this reader's fault, and not a 500. It comes back with back-off.
                await send({"type": "websocket.accept"})
                await send({"type": "websocket.close", "code": CLOSE_TOO_SLOW})
                return
            if event is None:
                await send({"type": "websocket.close"})  # unknown event: refused at the handshake (403)
                return
            await send({"type": "websocket.accept"})
            reader = await self._start(scope, send, event, client)
            if reader is not None:
                code = await self._serve(receive, send, reader)
        finally:
            if reader is not None:
                hub.unregister(reader)
            hub.leave(client)
            metrics.reader_closed(scope, code)

    async def _start(self, scope: dict[str, Any], send: ASGISend, event: Event, client: str) -> Reader | None:
        since = resume_after(event, since_param(scope.get("query_string", b"")))
        head = event.seq
        hello = control_frame("hello", head=head, release=settings.RELEASE, heartbeat=settings.LIVE_HEARTBEAT_SECONDS)
        await send({"type": "websocket.send", "text": hello})
        if since > head or head - since > selectors.MAX_CATCH_UP:
            # Too far behind (or ahead, from another database): replaying would be slower than a
            # reload, and a silent gap is never allowed.
            await send({"type": "websocket.send", "text": control_frame("reset", head=head, recovered=False)})
            metrics.caught_up(0, reset=True)
            since = head
        reader = Reader(event_id=event.pk, send=send, client=client)
        reader.last_seq = since
        # Register before replaying, so nothing committed in between is lost; the replay then runs
        # up to whatever the hub has read, and the hub writes only frames above the last one sent.
        hub.register(reader, known_seq=head)
        metrics.reader_connected(scope, event)  # after register: the hub's tasks keep no reader's request id
        try:
            await reader.catch_up()
            metrics.caught_up(reader.last_seq - since)
        except DatabaseError:
            await send({"type": "websocket.close", "code": CLOSE_TOO_SLOW})  # come back and resume
            hub.unregister(reader)
            return None
        return reader

    async def _serve(self, receive: ASGIReceive, send: ASGISend, reader: Reader) -> int | None:
        """Answer pings until the socket ends; returns its close code."""
        # Readers never send content: the only message allowed is a ping, a few at a time.
        window_started, messages_in_window = 0.0, 0
        while True:
            message = await receive()
            if message["type"] != "websocket.receive":
                return message.get("code")  # websocket.disconnect
            now = time.monotonic()
            if now - window_started > WINDOW_SECONDS:
                window_started, messages_in_window = now, 0
            messages_in_window += 1
            if messages_in_window > MAX_MESSAGES_PER_WINDOW:
                await send({"type": "websocket.close", "code": CLOSE_POLICY})
                return CLOSE_POLICY
            if message.get("bytes") is not None:
                await send({"type": "websocket.close", "code": CLOSE_BINARY})
                return CLOSE_BINARY
            try:
                parsed = json.loads(message.get("text") or "")
            except ValueError:
                parsed = None
            if parsed != {"type": "ping"}:
                await send({"type": "websocket.close", "code": CLOSE_POLICY})
                return CLOSE_POLICY
            await send({"type": "websocket.send", "text": control_frame("pong")})


live_socket = LiveSocket()
