"""Several server processes share one Postgres: a change written anywhere reaches readers everywhere.

Runs on the Postgres bus, and on Redis where REDIS_URL is set (CI's second pass)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys

import pytest
from django.db import connections
from websockets.asyncio.client import connect

from coverage_app import services
from tests.conftest import process_env
from tests.servers import ROOT, Server

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def two_workers(django_db_setup, django_db_blocker):
    # Heartbeats far apart: these tests are about the bus, not about readers healing themselves.
    servers = [Server(LIVE_HEARTBEAT_SECONDS="600"), Server(LIVE_HEARTBEAT_SECONDS="600")]
    with django_db_blocker.unblock():
        for server in servers:
            server.start()
    yield servers
    for server in servers:
        server.stop()


async def open_reader(server, event, since=0):
    socket = await connect(f"ws://127.0.0.1:{server.port}/ws/live/{event.slug}/?since={since}", origin=server.url)
    hello = json.loads(await asyncio.wait_for(socket.recv(), 10))
    assert hello["type"] == "hello"
    return socket


async def next_frame(socket, timeout=10):
    while True:
        frame = json.loads(await asyncio.wait_for(socket.recv(), timeout))
        if "seq" in frame:
            return frame


def publish_from_another_process(event, author, title):
    command = [
        sys.executable,
        "manage.py",
        "publish_post",
        event.slug,
        "--title",
        title,
        "--body",
        "x",
        "--author",
        author.username,
    ]
    result = subprocess.run(command, cwd=ROOT, env=process_env(), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def publish_here(event, author, title):
    try:
        services.post_publish(event=event, author=author, title=title, body="x")
    finally:
        connections.close_all()  # this thread's connection must not outlive the test database


def test_a_post_from_a_command_reaches_readers_on_every_worker(two_workers, live_event, journalist):
    async def scenario():
        readers = [await open_reader(server, live_event) for server in two_workers]
        await asyncio.to_thread(publish_from_another_process, live_event, journalist, "Everywhere at once")
        frames = [await next_frame(reader) for reader in readers]
        for reader in readers:
            await reader.close()
        return frames

    frames = asyncio.run(scenario())
    assert [(frame["type"], frame["seq"]) for frame in frames] == [("post.created", 1), ("post.created", 1)]
    assert all("Everywhere at once" in frame["html"] for frame in frames)


def test_an_idle_socket_still_gets_the_next_post_after_a_long_quiet_spell(two_workers, live_event, journalist):
    """channels-redis 4.3 with redis-py 8 dropped idle consumers every ~5 s; this bus must not."""

    async def scenario():
        reader = await open_reader(two_workers[0], live_event)
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(reader.recv(), 7)  # quiet for longer than that trap's timeout
        await asyncio.to_thread(publish_here, live_event, journalist, "After the lull")
        frame = await next_frame(reader)
        await reader.close()
        return frame

    frame = asyncio.run(scenario())
    assert frame["type"] == "post.created"
    assert "After the lull" in frame["html"]
