"""The desk's own socket: it says *that* something private to a desk changed (a draft, a
submission, a send-back, who is on the desk), never *what*. The desk then reads those parts over
HTTP as its user, so a socket can leak nothing a person may not see.

One listener per process (LISTEN on broadcast.DESK_CHANNEL), as the readers' hub: desks are few,
but each must not cost a database connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
from collections import defaultdict

import psycopg
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.exceptions import DenyConnection
from channels.generic.websocket import AsyncWebsocketConsumer
from django.db import connections

from coverage_app.broadcast import DESK_CHANNEL
from coverage_app.models import Event

logger = logging.getLogger(__name__)


class DeskHub:
    def __init__(self) -> None:
        self._desks: dict[int, set[DeskConsumer]] = defaultdict(set)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None

    def register(self, event_id: int, desk: DeskConsumer) -> None:
        loop = asyncio.get_running_loop()
        if self._loop is not loop or self._task is None or self._task.done():
            # A new event loop (a restarted server, a test's loop): the old one's desks are gone.
            if self._task is not None:
                self._task.cancel()
            self._desks.clear()
            self._loop = loop
            self._task = loop.create_task(self._listen())
        self._desks[event_id].add(desk)

    def unregister(self, event_id: int, desk: DeskConsumer) -> None:
        desks = self._desks.get(event_id)
        if desks is not None:
            desks.discard(desk)
            if not desks:
                del self._desks[event_id]

    async def _listen(self) -> None:
        while True:
            try:
                params = await sync_to_async(connections["default"].get_connection_params, thread_sensitive=False)()
                for key in ("cursor_factory", "context"):
                    params.pop(key, None)
                params["application_name"] = f"{params.get('application_name') or f'liveblog/{os.getpid()}'} desk hub"
                async with await psycopg.AsyncConnection.connect(**params, autocommit=True) as conn:
                    await conn.execute(f"LISTEN {DESK_CHANNEL}")
                    # Whatever changed while nothing was listening (this listener starting or
                    # reconnecting): every open desk reads its parts again.
                    for event_id in list(self._desks):
                        await self._tell(event_id, "desk")
                    async for notification in conn.notifies():
                        event_id, _, part = notification.payload.partition(":")
                        await self._tell(int(event_id), part or "desk")
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.warning("Desk hub lost Postgres; reconnecting", exc_info=True)
            await asyncio.sleep(1)

    async def _tell(self, event_id: int, part: str) -> None:
        text = json.dumps({"type": "desk.changed", "part": part})
        for desk in list(self._desks.get(event_id, ())):
            with contextlib.suppress(Exception):  # one closed socket never stops the others
                await desk.send(text_data=text)


desk_hub = DeskHub()


@database_sync_to_async
def _desk_event_id(user: object, slug: str) -> int | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.has_perm("coverage_app.view_event"):
        return None
    return Event.objects.filter(slug=slug).values_list("pk", flat=True).first()


class DeskConsumer(AsyncWebsocketConsumer):
    event_id: int | None = None

    async def connect(self) -> None:
        event_id = await _desk_event_id(self.scope.get("user"), self.scope["url_route"]["kwargs"]["slug"])
        if event_id is None:
            raise DenyConnection  # signed out, no desk role, or no such event: refused at the handshake
        self.event_id = event_id
        # Registered before the page hears "open" and reads its parts: nothing falls in between.
        desk_hub.register(event_id, self)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        if self.event_id is not None:
            desk_hub.unregister(self.event_id, self)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        # A desk sends nothing but pings.
        if text_data != '{"type":"ping"}':
            await self.close(code=1008)
