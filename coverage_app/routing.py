from __future__ import annotations

from channels.auth import AuthMiddlewareStack
from django.urls import path

from coverage_app.consumers import live_socket
from coverage_app.newsroom.consumers import DeskConsumer

websocket_urlpatterns = [
    path("ws/live/<slug:slug>/", live_socket, name="live_socket"),
    # The desk's socket knows its user (the session cookie), and refuses anyone without a desk role.
    path("ws/desk/<slug:slug>/", AuthMiddlewareStack(DeskConsumer.as_asgi()), name="desk_socket"),
]
