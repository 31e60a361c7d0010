"""Which WebSocket paths a real server accepts: the reader's and the desk's; every other path, and
any foreign Origin, is refused at the handshake (403), never answered with an error."""

from __future__ import annotations

import asyncio
import json
import tempfile

import pytest
from django.conf import settings
from django.test import Client
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from tests.servers import Server

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker):
    # This process's SECRET_KEY: a session made here (the editor's) must be valid there.
    server = Server(DEBUG="0", SECURE_SSL_REDIRECT="0", SECRET_KEY=settings.SECRET_KEY)
    with tempfile.TemporaryFile() as log, django_db_blocker.unblock():
        server.stderr = log
        server.start()
        yield server
        server.stop()


def handshake_status(server, path, origin="same"):
    async def attempt():
        origin_header = server.url if origin == "same" else origin
        try:
            async with connect(f"ws://127.0.0.1:{server.port}{path}", origin=origin_header, open_timeout=10) as socket:
                return 101, json.loads(await asyncio.wait_for(socket.recv(), 5))["type"]
        except InvalidStatus as refused:
            return refused.response.status_code, None

    return asyncio.run(attempt())


def server_log(server):
    server.stderr.seek(0)
    return server.stderr.read().decode()


@pytest.mark.parametrize(
    "path",
    [
        "/ws/",
        "/ws/live/",
        "/ws/live/{slug}",  # no trailing slash
        "/ws/live/{slug}/extra/",
        "/ws/live/no%20such/",
        "/ws/desk/",
        "/anything",
        "/live/{slug}/",  # the page's path, not a socket's
        "/",
    ],
)
def test_an_unrouted_socket_path_is_refused_at_the_handshake_without_an_error(server, live_event, path):
    assert handshake_status(server, path.format(slug=live_event.slug)) == (403, None)
    log = server_log(server)
    assert "Traceback" not in log
    assert "No route found" not in log


def test_the_reader_path_still_opens(server, live_event):
    assert handshake_status(server, f"/ws/live/{live_event.slug}/?since=0") == (101, "hello")


def test_an_unknown_event_is_refused_at_the_handshake(server, db):
    assert handshake_status(server, "/ws/live/no-such-event/") == (403, None)


@pytest.mark.parametrize("origin", ["http://evil.example", "http://127.0.0.1.evil.example", None, "http://[::1"])
def test_a_foreign_or_missing_origin_is_refused_at_the_handshake(server, live_event, origin):
    assert handshake_status(server, f"/ws/live/{live_event.slug}/", origin=origin) == (403, None)
    assert "Traceback" not in server_log(server)


def test_the_desk_socket_still_answers_through_channels(server, live_event):
    # Signed out: the desk consumer itself refuses (its route was found; its rule said no).
    assert handshake_status(server, f"/ws/desk/{live_event.slug}/") == (403, None)
    assert "Traceback" not in server_log(server)


def test_an_editor_opens_the_desk_socket(server, live_event, editor):
    browser = Client()
    browser.force_login(editor)
    cookie = f"{settings.SESSION_COOKIE_NAME}={browser.cookies[settings.SESSION_COOKIE_NAME].value}"

    async def attempt():
        url = f"ws://127.0.0.1:{server.port}/ws/desk/{live_event.slug}/"
        async with connect(url, origin=server.url, additional_headers={"Cookie": cookie}, open_timeout=10) as socket:
            await socket.send('{"type":"ping"}')
            return socket.state.name

    assert asyncio.run(attempt()) == "OPEN"
