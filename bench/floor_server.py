"""The floor for bench/fanout.py: a bare `websockets` broadcast server, no framework, no database.

A connection to /publish sends messages; every other connection receives each of them.
"""

from __future__ import annotations

import asyncio
import sys

from websockets.asyncio.server import broadcast, serve

readers: set = set()


async def handler(socket) -> None:
    if socket.request.path == "/publish":
        async for message in socket:
            broadcast(readers, message)
        return
    readers.add(socket)
    try:
        await socket.wait_closed()
    finally:
        readers.discard(socket)


async def main(port: int) -> None:
    # No permessage-deflate, like the app server: the same bytes on the wire, the same work per frame.
    async with serve(handler, "127.0.0.1", port, max_queue=None, ping_interval=None, backlog=4096, compression=None):
        await asyncio.Future()


if __name__ == "__main__":
    try:  # the event loop the app's uvicorn runs on, when installed
        import uvloop

        uvloop.run(main(int(sys.argv[1])))
    except ImportError:
        asyncio.run(main(int(sys.argv[1])))
