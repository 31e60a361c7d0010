"""The hub's watchdog against a real wedge: the LISTEN connection's Postgres backend stopped
(SIGSTOP), so the socket stays open and nothing ever answers or fails."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time

import pytest
import pytest_asyncio
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from coverage_app import hub as hub_module
from coverage_app import services
from coverage_app.hub import hub
from liveblog.asgi import application

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = (b"origin", b"http://127.0.0.1")


@pytest_asyncio.fixture(autouse=True)
async def _stop_hub():
    yield
    await hub.stop()


async def until(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        await asyncio.sleep(0.05)  # the hub's state has no event for this


@sync_to_async
def healthz_status() -> int:
    return Client().get("/healthz").status_code


@sync_to_async
def terminate(pid: int) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])


@pytest.mark.skipif(bool(os.environ.get("REDIS_URL")), reason="with Redis as the bus the hub has no LISTEN connection")
async def test_the_watchdog_replaces_a_wedged_listener_and_healthz_answers_503_meanwhile(
    live_event, journalist, settings, monkeypatch
):
    # Only the watchdog may unblock it: no query timeout of the listener's own gets there first.
    monkeypatch.setattr(hub_module, "QUERY_TIMEOUT_SECONDS", 120.0)
    settings.LIVE_HUB_WATCHDOG_SECONDS = 120  # held off until the wedge has been seen
    settings.LIVE_HUB_STALE_SECONDS = 1
    reader = WebsocketCommunicator(application, f"/ws/live/{live_event.slug}/?since=0", headers=[ORIGIN])
    assert (await reader.connect(timeout=5))[0]
    assert json.loads(await reader.receive_from(timeout=5))["type"] == "hello"
    await asyncio.wait_for(hub.listening.wait(), 5)
    wedged = hub.listen_backend_pid
    try:
        os.kill(wedged, signal.SIGSTOP)
    except PermissionError:
        pytest.skip("this user may not signal the Postgres server's processes")
    try:
        await until(lambda: hub.problem() is not None, 10, "the wedge never showed in the hub's health")
        assert await healthz_status() == 503

        settings.LIVE_HUB_WATCHDOG_SECONDS = 1
        await until(lambda: hub.listen_backend_pid not in (None, wedged), 10, "the watchdog left the listener wedged")
        await until(lambda: hub.problem() is None, 10, "the hub did not become healthy again")
        assert await healthz_status() == 200
        post = await sync_to_async(services.post_publish)(event=live_event, author=journalist, title="After", body="x")
        frame = json.loads(await reader.receive_from(timeout=5))
        assert (frame["seq"], frame["id"]) == (post.seq, post.pk)
    finally:
        os.kill(wedged, signal.SIGCONT)
        await terminate(wedged)
    await reader.disconnect()
