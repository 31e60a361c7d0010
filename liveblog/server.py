"""The one way this project runs its ASGI server: `manage.py serve`, `manage.py demo`, the tests'
server processes and the Docker image all come through here.

Uvicorn, with its default WebSocket protocol (websockets-sansio: on this project's measurements it
used the least CPU per frame and the least memory per socket, docs/scaling.md), in the subclass of
liveblog/wsprotocol.py that keeps less per idle socket.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import uvicorn
from django.conf import settings

from coverage_app import metrics
from liveblog.wsprotocol import LeanWebSocketProtocol

APPLICATION = "liveblog.asgi:application"


def serve(*, host: str, port: int, on_ready: Callable[[], None] | None = None, proxy: bool = False) -> None:
    class Server(uvicorn.Server):
        async def startup(self, sockets: Any = None) -> None:
            await super().startup(sockets)
            if self.started and on_ready is not None:  # only once the port is really listening
                on_ready()

    config = uvicorn.Config(
        APPLICATION,
        host=host,
        port=port,
        lifespan="off",
        ws=LeanWebSocketProtocol,
        # Readers send only pings: anything bigger is refused by the server before Django sees it.
        ws_max_size=settings.WEBSOCKET_MAX_MESSAGE_BYTES,
        # permessage-deflate keeps a zlib context per socket: 45 KiB of a reader's 75 (measured with
        # tracemalloc, docs/scaling.md). Frames are a few KB of HTML; memory per reader matters more.
        ws_per_message_deflate=False,
        proxy_headers=proxy,
        forwarded_allow_ips="*" if proxy else None,
        log_level="warning",
    )
    try:
        Server(config).run()
    finally:
        metrics.process_exited()  # its live gauges leave the shared metrics folder
