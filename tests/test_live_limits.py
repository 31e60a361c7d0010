"""The reader socket's limits against a real server process: a peer that stops reading (a real TCP
socket with a tiny receive buffer, never read) is closed with 1013 once its socket has taken
nothing for LIVE_SLOW_READER_SECONDS, without slowing anyone else, and catches up by seq; sockets
over the per-address or per-process cap are refused with 4429 / 4503 (docs/protocol.md)."""

from __future__ import annotations

import base64
import json
import os
import socket
import struct
import threading
import time
import urllib.request

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from coverage_app import services
from tests.servers import Server

pytestmark = pytest.mark.django_db(transaction=True)

SLOW_READER_SECONDS = 2


def stalled_socket(server: Server, slug: str) -> socket.socket:
    """A WebSocket opened by hand on a socket with a 4 KiB receive buffer, read only up to the end
    of the handshake: from then on the kernel's and the server's buffers fill, as with a reader
    whose network or tab has stalled."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.settimeout(10)
    sock.connect(("127.0.0.1", server.port))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall(
        f"GET /ws/live/{slug}/?since=0 HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
        f"Origin: {server.url}\r\n\r\n".encode()
    )
    response = b""
    while not response.endswith(b"\r\n\r\n"):
        response += sock.recv(1)  # one byte at a time: not one byte of a frame is read here
    assert response.startswith(b"HTTP/1.1 101")
    return sock


def frames_of(sock: socket.socket):
    """Server frames from the raw socket: ("text", dict) ... then ("close", code)."""
    stream = sock.makefile("rb")
    while True:
        first, second = stream.read(2)
        size = second & 0x7F
        if size == 126:
            (size,) = struct.unpack("!H", stream.read(2))
        elif size == 127:
            (size,) = struct.unpack("!Q", stream.read(8))
        payload = stream.read(size)
        if first & 0x0F == 0x1:
            yield "text", json.loads(payload)
        elif first & 0x0F == 0x8:
            yield "close", struct.unpack("!H", payload[:2])[0]
            return


def stats(server: Server) -> dict:
    with urllib.request.urlopen(f"{server.url}/healthz?stats", timeout=5) as response:
        return json.loads(response.read())


def test_a_reader_that_stops_reading_is_closed_with_1013_others_keep_up_and_it_catches_up_by_seq(
    live_event, journalist
):
    server = Server(LIVE_SLOW_READER_SECONDS=str(SLOW_READER_SECONDS), LIVE_HEARTBEAT_SECONDS="600")
    server.start()
    try:
        stalled = stalled_socket(server, live_event.slug)
        healthy_seqs: list[int] = []
        with connect(f"ws://127.0.0.1:{server.port}/ws/live/{live_event.slug}/?since=0", origin=server.url) as healthy:
            assert json.loads(healthy.recv(timeout=10))["type"] == "hello"
            reading = threading.Thread(
                target=lambda: healthy_seqs.extend(json.loads(healthy.recv(timeout=30))["seq"] for _ in range(40))
            )
            reading.start()
            body = "<p>" + "A long dispatch from the harbour. " * 1800 + "</p>"  # ~60 KB a frame, 2.4 MB in all
            for n in range(40):
                services.post_publish(event=live_event, author=journalist, title=f"Long {n}", body=body)
            reading.join(30)
            assert healthy_seqs == list(range(1, 41))  # never slowed by the stalled one

            deadline = time.monotonic() + 20
            while stats(server)["slow_closed"] < 1:
                assert time.monotonic() < deadline, "the stalled reader was never closed"
                time.sleep(0.05)  # another process's state: nothing to await

        frames = list(frames_of(stalled))
        stalled.close()
        assert frames[-1] == ("close", 1013)
        assert frames[0][1]["type"] == "hello"
        seqs = [frame["seq"] for kind, frame in frames[1:-1]]
        assert seqs == list(range(1, len(seqs) + 1))
        assert len(seqs) < 40  # it really fell behind: the server had not got everything out

        url = f"ws://127.0.0.1:{server.port}/ws/live/{live_event.slug}/?since={seqs[-1] if seqs else 0}"
        with connect(url, origin=server.url, max_size=None) as back:
            assert json.loads(back.recv(timeout=10))["type"] == "hello"
            rest = [json.loads(back.recv(timeout=10))["seq"] for _ in range(40 - len(seqs))]
        assert seqs + rest == list(range(1, 41))
    finally:
        server.stop()


def close_code(server: Server, slug: str, forwarded_for: str | None = None) -> int | None:
    """Open a socket; None if it said hello and stayed open, else the code it was closed with."""
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    socket_ = connect(f"ws://127.0.0.1:{server.port}/ws/live/{slug}/", origin=server.url, additional_headers=headers)
    socket_.__enter__()  # kept open past this function, closed by the fixture
    try:
        message = json.loads(socket_.recv(timeout=10))
        assert message["type"] == "hello"
        OPEN.append(socket_)
        return None
    except ConnectionClosed as closed:
        socket_.close()
        return closed.rcvd.code


OPEN: list = []


@pytest.fixture
def capped_servers():
    servers = [
        Server(proxy=True, LIVE_MAX_SOCKETS_PER_CLIENT="2", LIVE_MAX_SOCKETS="4", LIVE_HEARTBEAT_SECONDS="600"),
        Server(LIVE_MAX_SOCKETS_PER_CLIENT="2", LIVE_HEARTBEAT_SECONDS="600"),
    ]
    for server in servers:
        server.start()
    yield servers
    for socket_ in OPEN:
        socket_.close()
    OPEN.clear()
    for server in servers:
        server.stop()


def test_sockets_over_the_per_address_and_per_process_caps_are_refused_with_their_codes(capped_servers, live_event):
    behind_proxy, direct = capped_servers
    # Behind the proxy (--proxy) the address is X-Forwarded-For's.
    assert [close_code(behind_proxy, live_event.slug, "10.0.0.1") for _ in range(3)] == [None, None, 4429]
    assert close_code(behind_proxy, live_event.slug, "10.0.0.2") is None
    assert close_code(behind_proxy, live_event.slug, "10.0.0.3") is None
    assert close_code(behind_proxy, live_event.slug, "10.0.0.4") == 4503  # four in all
    # Without --proxy the header is anyone's to forge, so it is ignored: the peer's address counts.
    assert [close_code(direct, live_event.slug, f"10.0.1.{n}") for n in range(3)] == [None, None, 4429]
    # A socket that leaves frees its place.
    OPEN.pop().close()
    deadline = time.monotonic() + 10
    while (code := close_code(direct, live_event.slug)) is not None:
        assert time.monotonic() < deadline
        assert code == 4429
        time.sleep(0.05)  # the server has not yet seen the close: nothing to await from here


def test_a_backlog_of_three_hundred_changes_read_at_once_reaches_every_live_reader_without_a_close(
    live_event, journalist
):
    """One commit of 300 changes: the hub reads them in one go and writes them to 20 live sockets.
    More than the old 256-frame queue, more than a socket's buffer takes at once: readers fall
    behind, catch up from the hub's memory, and none is closed."""
    from django.db import transaction

    server = Server(LIVE_HEARTBEAT_SECONDS="600")
    server.start()
    try:
        url = f"ws://127.0.0.1:{server.port}/ws/live/{live_event.slug}/?since=0"
        readers = [connect(url, origin=server.url, max_size=None) for _ in range(20)]
        for reader in readers:
            reader.__enter__()
            assert json.loads(reader.recv(timeout=10))["type"] == "hello"
        body = "<p>" + "Word by word from the chamber. " * 150 + "</p>"  # ~5 KB a frame
        with transaction.atomic():
            for n in range(300):
                services.post_publish(event=live_event, author=journalist, title=f"Backlog {n}", body=body)
        for reader in readers:
            assert [json.loads(reader.recv(timeout=20))["seq"] for _ in range(300)] == list(range(1, 301))
        assert stats(server)["slow_closed"] == 0
        for reader in readers:
            reader.close()
    finally:
        server.stop()
