from __future__ import annotations

from django.urls import path

from coverage_app.consumers import LiveConsumer

websocket_urlpatterns = [
    path("ws/live/<slug:slug>/", LiveConsumer.as_asgi(), name="live_socket"),
]
