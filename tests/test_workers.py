"""Several server processes share one Postgres: a change written anywhere reaches readers everywhere.

Runs on the Postgres bus, and on Redis where REDIS_URL is set (CI's second pass)."""

from __future__ import annotations

import asyncio
import json
import shutil
import socket
import subprocess
import sys
import time
from functools import partial

import pytest
from django.db import connections
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from coverage_app import services
from tests.conftest import process_env
from tests.servers import ROOT, Server, free_port

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


async def drain_until(received, reader, until):
    """Read `reader`'s frames into received[id(reader)] until it holds seq `until`."""
    while not received[id(reader)] or received[id(reader)][-1] < until:
        received[id(reader)].append((await next_frame(reader))["seq"])


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


@pytest.fixture
def own_redis():
    """A redis-server of this test's own, on a free port, that the test may kill."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (Debian's redis-server package)")
    port = free_port()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]

    def start():
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return process
            except OSError:
                time.sleep(0.05)  # polling a port that has no event to await
        raise RuntimeError("redis-server did not start")

    state = {"process": start(), "url": f"redis://127.0.0.1:{port}/0"}
    state["restart"] = lambda: state.update(process=start())
    yield state
    state["process"].kill()
    state["process"].wait()


def test_with_redis_killed_and_restarted_publishing_never_fails_and_every_reader_gets_every_post(
    own_redis, live_event, journalist, settings, django_db_blocker
):
    settings.REDIS_URL = own_redis["url"]  # this process publishes to the same Redis
    servers = [Server(REDIS_URL=own_redis["url"], LIVE_HEARTBEAT_SECONDS="600") for _ in range(2)]
    for server in servers:
        server.start()
    try:

        async def scenario():
            readers = [await open_reader(servers[n % 2], live_event) for n in range(100)]
            received = {id(reader): [] for reader in readers}
            drain = partial(drain_until, received)

            for n in range(3):
                await asyncio.to_thread(publish_here, live_event, journalist, f"Before {n}")
            await asyncio.gather(*(drain(reader, 3) for reader in readers))

            own_redis["process"].kill()  # SIGKILL: no goodbye to the subscribers
            own_redis["process"].wait()
            for n in range(3):  # publishing never fails while the bus is down
                await asyncio.to_thread(publish_here, live_event, journalist, f"During {n}")
            own_redis["restart"]()
            back = time.monotonic()
            await asyncio.wait_for(asyncio.gather(*(drain(reader, 6) for reader in readers)), 15)
            recovered_in = time.monotonic() - back
            await asyncio.to_thread(publish_here, live_event, journalist, "After")
            await asyncio.gather(*(drain(reader, 7) for reader in readers))
            for reader in readers:
                await reader.close()
            return received, recovered_in

        received, recovered_in = asyncio.run(scenario())
        assert all(seqs == [1, 2, 3, 4, 5, 6, 7] for seqs in received.values())
        assert recovered_in < 10
    finally:
        for server in servers:
            server.stop()


def test_hub_connections_killed_under_two_hundred_readers_on_two_workers_lose_no_post(
    two_workers, live_event, journalist
):
    """pg_terminate_backend on every hub connection of both workers while posts are published."""

    def kill_hub_connections():
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = current_database() AND application_name LIKE 'liveblog/%% hub'"
            )
            killed = cursor.fetchone()[0]
        connections.close_all()
        return killed

    async def scenario():
        readers = [await open_reader(two_workers[n % 2], live_event) for n in range(200)]
        received = {id(reader): [] for reader in readers}
        drain = partial(drain_until, received)

        await asyncio.to_thread(publish_here, live_event, journalist, "Before")
        killed = await asyncio.to_thread(kill_hub_connections)
        for n in range(5):
            await asyncio.to_thread(publish_here, live_event, journalist, f"While reconnecting {n}")
        await asyncio.wait_for(asyncio.gather(*(drain(reader, 6) for reader in readers)), 10)
        for reader in readers:
            await reader.close()
        return killed, received

    killed, received = asyncio.run(scenario())
    assert killed >= 2  # at least the LISTEN (or Redis-mode read) connection of each worker
    assert all(seqs == [1, 2, 3, 4, 5, 6] for seqs in received.values())


def test_the_server_killed_and_restarted_under_a_hundred_readers_who_reconnect_and_catch_up(live_event, journalist):
    server = Server(LIVE_HEARTBEAT_SECONDS="600")
    server.start()
    try:

        async def scenario():
            readers = [await open_reader(server, live_event) for _ in range(100)]
            for n in range(2):
                await asyncio.to_thread(publish_here, live_event, journalist, f"Before {n}")
            seen = [[(await next_frame(reader))["seq"], (await next_frame(reader))["seq"]] for reader in readers]
            server.process.kill()  # SIGKILL: no close frames, no goodbye
            server.process.wait()
            for n in range(3):
                await asyncio.to_thread(publish_here, live_event, journalist, f"While down {n}")
            server.start()
            for seqs in seen:
                # As the page does: a new socket from the last seq it holds.
                again = await open_reader(server, live_event, since=seqs[-1])
                seqs += [(await next_frame(again))["seq"] for _ in range(3)]
                await again.close()
            return seen

        seen = asyncio.run(scenario())
        assert all(seqs == [1, 2, 3, 4, 5] for seqs in seen)
    finally:
        server.stop()


def test_a_message_over_the_size_limit_is_refused_by_the_server(two_workers, live_event):
    async def scenario():
        reader = await open_reader(two_workers[0], live_event)
        await reader.send(json.dumps({"type": "ping", "padding": "x" * 2048}))
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(reader.recv(), 10)
        return closed.value.rcvd.code

    assert asyncio.run(scenario()) == 1009  # "message too big", before Django sees it
