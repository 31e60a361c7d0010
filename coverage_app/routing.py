"""Which application serves a WebSocket: the reader socket, the desk's, or a refusal.

The reader's route is matched by one compiled pattern rather than Channels' URLRouter: a reconnect
storm opens thousands of reader sockets a second, and every connect is the hot path
(docs/scaling.md). The desk's socket stays on Channels (it needs the session and the user).
Any other path is refused at the handshake (HTTP 403), never answered with an exception.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable
from typing import Any
from urllib.parse import ParseResult, urlparse

from channels.auth import AuthMiddlewareStack
from channels.routing import URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from django.urls import path

from coverage_app.consumers import ASGIReceive, live_socket
from coverage_app.hub import ASGISend
from coverage_app.newsroom.consumers import DeskConsumer

SLUG = r"[-a-zA-Z0-9_]+"  # Django's <slug:...> converter
READER_PATH = re.compile(rf"ws/live/(?P<slug>{SLUG})/")
DESK_PATH = re.compile(rf"ws/desk/(?P<slug>{SLUG})/")
# Distinct Origin headers remembered with their verdict; a flood of invented ones only empties it.
ORIGINS_REMEMBERED = 256

websocket_urlpatterns = [
    # The desk's socket knows its user (the session cookie), and refuses anyone without a desk role.
    path("ws/desk/<slug:slug>/", AuthMiddlewareStack(DeskConsumer.as_asgi()), name="desk_socket"),
]


class SocketRouter:
    """The `websocket` application: Origin check, then the route, else a refusal."""

    def __init__(self) -> None:
        # Channels' own validator decides (AllowedHostsOriginValidator's rules: ALLOWED_HOSTS, the
        # local names in DEBUG, no Origin refused); its verdict per header value is remembered.
        self._validator = AllowedHostsOriginValidator(None)
        self._origins: dict[bytes | None, bool] = {}
        self._desk = URLRouter(websocket_urlpatterns)

    def __call__(self, scope: dict[str, Any], receive: ASGIReceive, send: ASGISend) -> Awaitable[None]:
        # Not a coroutine itself: it hands back the chosen app's, which the server awaits, so an idle
        # reader holds no suspended frame of the router for hours (half a KiB each).
        route = scope.get("path", "")
        root = scope.get("root_path", "")
        if root and route.startswith(root):
            route = route[len(root) :]
        route = route.lstrip("/")
        reader = READER_PATH.fullmatch(route)
        if not self._origin_allowed(scope):
            return refuse(receive, send)
        if reader is not None:
            # The slug as an argument, not a `url_route` dict in the scope: two dicts fewer on
            # every idle reader for hours.
            return live_socket.serve(scope, receive, send, slug=reader["slug"])
        if DESK_PATH.fullmatch(route):
            return self._desk(scope, receive, send)
        return refuse(receive, send)

    def _origin_allowed(self, scope: dict[str, Any]) -> bool:
        origin = None
        for name, value in scope.get("headers", ()):
            if name == b"origin":
                origin = value  # the last one, as Channels reads it
        allowed = self._origins.get(origin)
        if allowed is None:
            try:
                allowed = self._validator.valid_origin(_parsed(origin))
            except ValueError:  # a port that is not a number, a bad IPv6 literal: not our site
                allowed = False
            if len(self._origins) >= ORIGINS_REMEMBERED:
                self._origins.clear()
            self._origins[origin] = allowed
        return allowed


def _parsed(origin: bytes | None) -> ParseResult | None:
    return None if origin is None else urlparse(origin.decode("latin1"))


async def refuse(receive: ASGIReceive, send: ASGISend) -> None:
    """Close before accepting: the server answers the handshake with 403."""
    message = await receive()
    if message["type"] == "websocket.connect":
        await send({"type": "websocket.close"})
