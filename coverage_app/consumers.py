"""The reader WebSocket: validate, register with the hub, replay the log, then live frames.

docs/protocol.md is the contract this implements.
"""

from __future__ import annotations

import json
import time
from urllib.parse import parse_qs

from channels.exceptions import DenyConnection
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.db import DatabaseError

from coverage_app import selectors
from coverage_app.hub import CLOSE_TOO_SLOW, Reader, control_frame, hub

CLOSE_POLICY = 1008
CLOSE_BINARY = 1003
# A reader's script pings at most every few seconds; more than this in a window is abuse.
MAX_MESSAGES_PER_WINDOW = 10
WINDOW_SECONDS = 10.0


def since_param(query_string: bytes) -> int:
    """The `since` query parameter; anything malformed reads as 0 (replay from the start)."""
    values = parse_qs(query_string.decode("latin-1")).get("since", [])
    try:
        since = int(values[0])
    except (IndexError, ValueError):
        return 0
    return max(since, 0)


def client_address(scope: dict) -> str:
    """The reader's address for the per-client cap: the peer's, which uvicorn has already replaced
    with X-Forwarded-For's when (and only when) the server runs with --proxy."""
    client = scope.get("client")
    return str(client[0]) if client else ""


class LiveConsumer(AsyncWebsocketConsumer):
    reader: Reader | None = None
    admitted: str | None = None
    window_started = 0.0
    messages_in_window = 0

    async def connect(self) -> None:
        # Counted before any query: a flood from one address costs the database nothing.
        client = client_address(self.scope)
        refused = hub.admit(client)
        if refused is not None:
            await self.accept()  # a close code needs an open socket; the page then polls
            await self.close(code=refused)
            return
        self.admitted = client
        try:
            event = await selectors.aevent_for_reader(slug=self.scope["url_route"]["kwargs"]["slug"])
        except DatabaseError:
            # Postgres is down: not this reader's fault, and not a 500. It comes back with back-off.
            await self.accept()
            await self.close(code=CLOSE_TOO_SLOW)
            return
        if event is None:
            raise DenyConnection  # unknown event: refused at the handshake
        await self.accept()
        since = since_param(self.scope.get("query_string", b""))
        head = event.seq
        await self.send(
            control_frame("hello", head=head, release=settings.RELEASE, heartbeat=settings.LIVE_HEARTBEAT_SECONDS)
        )
        if since > head or head - since > selectors.MAX_CATCH_UP:
            # Too far behind (or ahead, from another database): replaying would be slower than a
            # reload, and a silent gap is never allowed.
            await self.send(control_frame("reset", head=head, recovered=False))
            since = head
        self.reader = Reader(event_id=event.pk, send=self.base_send, client=client)
        self.reader.last_seq = since
        # Register before replaying, so nothing committed in between is lost; the replay then runs
        # up to whatever the hub has read, and the hub writes only frames above the last one sent.
        hub.register(self.reader, known_seq=head)
        try:
            await self.reader.catch_up()
        except DatabaseError:
            await self.close(code=CLOSE_TOO_SLOW)  # the log could not be read: come back and resume

    async def disconnect(self, code: int) -> None:
        if self.reader is not None:
            hub.unregister(self.reader)
            self.reader = None
        if self.admitted is not None:
            hub.leave(self.admitted)
            self.admitted = None

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        # Readers never send content: the only message allowed is a ping, a few at a time.
        now = time.monotonic()
        if now - self.window_started > WINDOW_SECONDS:
            self.window_started, self.messages_in_window = now, 0
        self.messages_in_window += 1
        if self.messages_in_window > MAX_MESSAGES_PER_WINDOW:
            await self.close(code=CLOSE_POLICY)
            return
        if bytes_data is not None:
            await self.close(code=CLOSE_BINARY)
            return
        try:
            message = json.loads(text_data or "")
        except ValueError:
            message = None
        if message != {"type": "ping"}:
            await self.close(code=CLOSE_POLICY)
            return
        await self.send(control_frame("pong"))
