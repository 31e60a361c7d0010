"""The page floor for bench/run.py: a bare ASGI app on the same uvicorn, serving the same bytes.

    python bench/floor_asgi.py PORT PAGE_FILE

No framework, no routing, no cache lookup: the fastest any ASGI app on this server can answer.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import uvicorn

BODY = b""
HEADERS: list[tuple[bytes, bytes]] = []


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
    await send({"type": "http.response.body", "body": BODY})


if __name__ == "__main__":
    BODY = Path(sys.argv[2]).read_bytes()
    HEADERS = [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(BODY)).encode())]
    # The same server settings as liveblog/server.py.
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), lifespan="off", log_level="warning")
