"""The ASGI application: the fast path for the pages a crowd arrives at, then Django for HTTP, and
the reader WebSocket through Channels."""

from __future__ import annotations

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liveblog.settings")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter  # noqa: E402 - Django must be set up first
from django.conf import settings  # noqa: E402 - as above

from coverage_app.routing import SocketRouter  # noqa: E402 - as above
from liveblog.fastpath import FastPath  # noqa: E402 - as above

http_app = django_asgi_app
if settings.DEBUG:
    # Developer mode serves static files from their sources, unhashed; otherwise the fast path
    # serves the collected, hashed files (and a proxy may serve them before the app sees them).
    from liveblog.staticfiles import DevStaticFiles

    http_app = DevStaticFiles(django_asgi_app)

application = ProtocolTypeRouter(
    {
        "http": FastPath(http_app),
        # A foreign Origin, and any path but the reader's and the desk's, are refused at the
        # handshake (coverage_app/routing.py).
        "websocket": SocketRouter(),
    }
)
