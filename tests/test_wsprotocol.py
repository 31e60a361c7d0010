"""The lean receive inbox and flow-control flag of liveblog/wsprotocol.py keep the semantics
uvicorn's protocol relies on from `asyncio.Queue` and `asyncio.Event`."""

from __future__ import annotations

import asyncio

import pytest
import uvicorn

from liveblog import server
from liveblog.wsprotocol import Flag, Inbox, LeanWebSocketProtocol


def test_inbox_is_first_in_first_out_and_empty_when_drained():
    async def main():
        inbox = Inbox()
        assert inbox.empty()
        inbox.put_nowait(1)
        inbox.put_nowait(2)
        assert not inbox.empty()
        assert [await inbox.get(), await inbox.get()] == [1, 2]
        assert inbox.empty()

    asyncio.run(main())


def test_inbox_wakes_a_waiting_getter_and_serves_getters_in_order():
    async def main():
        inbox = Inbox()
        first = asyncio.ensure_future(inbox.get())
        second = asyncio.ensure_future(inbox.get())
        await asyncio.sleep(0)  # both are waiting
        inbox.put_nowait("a")
        inbox.put_nowait("b")
        assert await first == "a"
        assert await second == "b"
        assert inbox.empty()

    asyncio.run(main())


def test_a_cancelled_getter_passes_its_item_on():
    async def main():
        inbox = Inbox()
        first = asyncio.ensure_future(inbox.get())
        second = asyncio.ensure_future(inbox.get())
        await asyncio.sleep(0)
        inbox.put_nowait("x")  # wakes the first ...
        first.cancel()  # ... which is cancelled before it runs
        assert await asyncio.wait_for(second, 10) == "x"  # without the hand-off it would wait forever
        assert first.cancelled()

    asyncio.run(main())


def test_flag_waits_until_set_and_not_after():
    async def main():
        flag = Flag()
        assert not flag.is_set()
        waiter = asyncio.ensure_future(flag.wait())
        await asyncio.sleep(0)
        assert not waiter.done()
        flag.set()
        assert await waiter is True
        assert flag.is_set()
        assert await flag.wait() is True
        flag.clear()
        assert not flag.is_set()
        cancelled = asyncio.ensure_future(flag.wait())
        await asyncio.sleep(0)
        cancelled.cancel()
        await asyncio.sleep(0)
        assert cancelled.cancelled()
        flag.set()  # no waiter left to wake
        assert flag.is_set()

    asyncio.run(main())


def test_the_server_uses_the_lean_protocol(monkeypatch):
    configs = []

    class Stop(Exception):
        pass

    def fake_run(self):
        configs.append(self.config)
        raise Stop

    monkeypatch.setattr(uvicorn.Server, "run", fake_run)
    with pytest.raises(Stop):
        server.serve(host="127.0.0.1", port=1)
    assert configs[0].ws is LeanWebSocketProtocol
    configs[0].load()
    assert configs[0].ws_protocol_class is LeanWebSocketProtocol
