"""The reader WebSocket: validate, register with the hub, replay the log, then live frames.

docs/protocol.md is the contract this implements.
"""

from __future__ import annotations

import json
import time

from channels.exceptions import DenyConnection
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings

from coverage_app import metrics, selectors
from coverage_app.hub import Reader, control_frame, hub
from coverage_app.protocol import since_param

CLOSE_POLICY = 1008
CLOSE_BINARY = 1003
# A reader's script pings at most every few seconds; more than this in a window is abuse.
MAX_MESSAGES_PER_WINDOW = 10
WINDOW_SECONDS = 10.0


class LiveConsumer(AsyncWebsocketConsumer):
    reader: Reader | None = None
    window_started = 0.0
    messages_in_window = 0

    async def connect(self) -> None:
        event = await selectors.aevent_for_reader(slug=self.scope["url_route"]["kwargs"]["slug"])
        if event is None:
            raise DenyConnection  # unknown event: refused at the handshake
        await self.accept()
        since = since_param(self.scope.get("query_string", b""))
        self.reader = Reader(event_id=event.pk, send=self.base_send)
        # Register before replaying, so nothing committed in between is lost; the hub holds live
        # frames until the replay is out and then sends only those above the last seq sent.
        hub.register(self.reader, known_seq=event.seq)
        metrics.reader_connected(self.scope, event)  # after register: the hub's tasks keep no reader's request id
        self.reader.send_control(control_frame("hello", head=event.seq, release=settings.RELEASE))
        changes = await selectors.achanges_since(event_id=event.pk, since=since, limit=selectors.MAX_CATCH_UP + 1)
        if since > event.seq or len(changes) > selectors.MAX_CATCH_UP:
            # Too far behind (or ahead, from another database): replaying would be slower than a
            # reload, and a silent gap is never allowed.
            self.reader.send_control(control_frame("reset", head=event.seq, recovered=False))
            metrics.caught_up(0, reset=True)
            self.reader.release(after=max(event.seq, changes[-1][0] if changes else 0))
            return
        self.reader.last_seq = since
        for seq, frame in changes:
            self.reader.push(seq, frame)
        metrics.caught_up(len(changes))
        self.reader.release(after=self.reader.last_seq)

    async def disconnect(self, code: int) -> None:
        metrics.reader_closed(self.scope, code)
        if self.reader is not None:
            hub.unregister(self.reader)

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
        self.reader.send_control(control_frame("pong"))
