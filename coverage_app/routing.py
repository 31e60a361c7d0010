from __future__ import annotations

from django.urls import path

from coverage_app.consumers import live_socket

websocket_urlpatterns = [
    path("ws/live/<slug:slug>/", live_socket, name="live_socket"),
]
