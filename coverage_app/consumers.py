"""The reader WebSocket: validate, register with the hub, replay the log, then live frames.

docs/protocol.md is the contract this implements.
"""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

from django.conf import settings

from coverage_app import metrics, selectors
from coverage_app.hub import CLOSE_TOO_SLOW, ASGISend, LookupFailed, Reader, control_frame, hub
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


class LiveSocket:
    """The reader socket as a plain ASGI app, one coroutine per reader and nothing else.

    Not a Channels consumer: that adds a task, a dispatch and a thread hop per message, and a few
    KiB per idle reader (docs/scaling.md); a reader only ever sends pings. The socket router
    (coverage_app/routing.py) matches its path and checks its Origin first.

    No ORM and no thread hop on the way in: the hub knows the events its readers follow (id and
    head, read through the reader rule), and asks Postgres on its own async connection otherwise.
    """

    async def __call__(self, scope: dict[str, Any], receive: ASGIReceive, send: ASGISend) -> None:
        """As an ASGI app behind Channels' URLRouter (tests may mount it so)."""
        await self.serve(scope, receive, send, slug=scope["url_route"]["kwargs"]["slug"])

    async def serve(self, scope: dict[str, Any], receive: ASGIReceive, send: ASGISend, *, slug: str) -> None:
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
            since = since_param(scope.get("query_string", b""))
            try:
                event = await hub.event_for_reader(slug, since=since)
            except LookupFailed:
                # Postgres is down: not this reader's fault, and not a 500. It comes back with back-off.
                await send({"type": "websocket.accept"})
                await send({"type": "websocket.close", "code": CLOSE_TOO_SLOW})
                return
            if event is None:
                await send({"type": "websocket.close"})  # unknown event: refused at the handshake (403)
                return
            await send({"type": "websocket.accept"})
            known, head = event
            # Not across a change of the event's language or zone (protocol.resume_after).
            since = resume_after(known, since)
            reader = await self._start(scope, send, known.event_id, slug, head, since, client)
            if reader is not None:
                code = await self._serve(receive, send, reader)
        finally:
            if reader is not None:
                hub.unregister(reader)
            hub.leave(client)
            metrics.reader_closed(scope, code)

    async def _start(
        self, scope: dict[str, Any], send: ASGISend, event_id: int, slug: str, head: int, since: int, client: str
    ) -> Reader | None:
        hello = control_frame("hello", head=head, release=settings.RELEASE, heartbeat=settings.LIVE_HEARTBEAT_SECONDS)
        await send({"type": "websocket.send", "text": hello})
        if since > head or head - since > selectors.MAX_CATCH_UP:
            # Too far behind (or ahead, from another database): replaying would be slower than a
            # reload, and a silent gap is never allowed.
            await send({"type": "websocket.send", "text": control_frame("reset", head=head, recovered=False)})
            metrics.caught_up(0, reset=True)
            since = head
        reader = Reader(event_id=event_id, send=send, client=client)
        reader.last_seq = since
        # Register before replaying, so nothing committed in between is lost; the replay then runs
        # up to whatever the hub has read, and the hub writes only frames above the last one sent.
        hub.register(reader, known_seq=head)
        # After register: the hub's tasks keep no reader's request id.
        metrics.reader_connected(scope, event_id=event_id, slug=slug)
        # The handshake's headers (about 1 KiB) were read for the Origin and the request id; the
        # server keeps the scope for the socket's life.
        scope["headers"] = ()
        try:
            await reader.catch_up()
            metrics.caught_up(reader.last_seq - since)
        except LookupFailed:
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
