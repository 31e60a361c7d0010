"""Uvicorn's WebSocket protocol (websockets-sansio) with lighter per-connection state.

A reader holds its socket for hours and sends nothing but a ping now and then, so what uvicorn
keeps per connection is most of what a reader costs. Uvicorn's protocol makes an `asyncio.Queue`
for `receive()` (three deques and an `asyncio.Event` inside) and an `asyncio.Event` for flow
control: about 2 KiB traced per socket (docs/scaling.md). This subclass swaps them for two small
slotted objects with the same methods, which hold a list or a future only while something is
queued or waited for. Everything else, the handshake, framing, keepalive and closing, is
uvicorn's own code, unchanged.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol


class Inbox:
    """What uvicorn's protocol uses of an `asyncio.Queue`: `put_nowait`, `empty` and `get`,
    first in, first out, unbounded; getters are served in the order they came."""

    __slots__ = ("_getters", "_items")

    def __init__(self) -> None:
        self._items: list[Any] | None = None  # None while empty: most sockets are, nearly always
        self._getters: list[asyncio.Future[None]] | None = None

    def put_nowait(self, item: Any) -> None:
        if self._items is None:
            self._items = [item]
        else:
            self._items.append(item)
        _wake_first(self._getters)

    def empty(self) -> bool:
        return not self._items

    async def get(self) -> Any:
        while not self._items:
            getter = asyncio.get_running_loop().create_future()
            if self._getters is None:
                self._getters = [getter]
            else:
                self._getters.append(getter)
            try:
                await getter
            except BaseException:
                # Cancelled: hand a wake-up it may have been given to the next getter.
                if getter.done() and not getter.cancelled() and self._items:
                    _wake_first(self._getters, skip=getter)
                raise
            finally:
                self._getters = _without(self._getters, getter)
        item = self._items.pop(0)
        if not self._items:
            self._items = None
        return item


class Flag:
    """What uvicorn's protocol uses of an `asyncio.Event` for flow control: `set`, `clear`,
    `is_set` and `wait`, with no waiter list until something waits."""

    __slots__ = ("_set", "_waiters")

    def __init__(self) -> None:
        self._set = False
        self._waiters: list[asyncio.Future[None]] | None = None

    def is_set(self) -> bool:
        return self._set

    def set(self) -> None:
        if self._set:
            return
        self._set = True
        waiters, self._waiters = self._waiters, None
        for waiter in waiters or ():
            if not waiter.done():
                waiter.set_result(None)

    def clear(self) -> None:
        self._set = False

    async def wait(self) -> bool:
        if self._set:
            return True
        waiter = asyncio.get_running_loop().create_future()
        if self._waiters is None:
            self._waiters = [waiter]
        else:
            self._waiters.append(waiter)
        try:
            await waiter
            return True
        finally:
            self._waiters = _without(self._waiters, waiter)


def _wake_first(futures: list[asyncio.Future[None]] | None, skip: asyncio.Future[None] | None = None) -> None:
    for future in futures or ():
        if future is not skip and not future.done():
            future.set_result(None)
            return


def _without(futures: list[asyncio.Future[None]] | None, future: asyncio.Future[None]) -> list | None:
    if futures is None:
        return None
    if future in futures:
        futures.remove(future)
    return futures or None


class LeanWebSocketProtocol(WebSocketsSansIOProtocol):
    """Uvicorn's `websockets-sansio` protocol with the receive queue and the flow-control event
    above. Still a `WebSocketsSansIOProtocol`, so the hub writes frames straight to its transport
    (coverage_app/hub.py) exactly as before."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.queue = Inbox()  # type: ignore[assignment]
        self.writable = Flag()  # type: ignore[assignment]
        self.writable.set()
