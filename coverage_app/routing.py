from __future__ import annotations

from channels.auth import AuthMiddlewareStack
from django.urls import path

from coverage_app.consumers import LiveConsumer
from coverage_app.newsroom.consumers import DeskConsumer

websocket_urlpatterns = [
    path("ws/live/<slug:slug>/", LiveConsumer.as_asgi(), name="live_socket"),
    # The desk's socket knows its user (the session cookie), and refuses anyone without a desk role.
    path("ws/desk/<slug:slug>/", AuthMiddlewareStack(DeskConsumer.as_asgi()), name="desk_socket"),
]
