"""The fast path ahead of Django, in a real server process: one public copy, named by the seq."""

from __future__ import annotations

import gzip
import json
import time
import urllib.request

import pytest
from django.conf import settings
from django.test import Client

from coverage_app import services
from tests.servers import Server

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker):
    # Production mode, so static files come hashed from the fast path too.
    server = Server(DEBUG="0", SECURE_SSL_REDIRECT="0", LIVE_PAGE_RECHECK_SECONDS="0.2")
    with django_db_blocker.unblock():
        server.start()
    yield server
    server.stop()


def get(server, path, method="GET", **headers):
    request = urllib.request.Request(server.url + path, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_readers_share_one_copy_until_a_change_makes_a_new_one(server, live_event, journalist):
    services.post_publish(event=live_event, author=journalist, title="First", body="Text.")
    path = f"/live/{live_event.slug}/"
    _, headers, first = get(server, path)
    _, _, second = get(server, path, Cookie="csrftoken=abc")
    assert first == second
    status, _, _ = get(server, path, **{"If-None-Match": headers["ETag"]})
    assert status == 304
    _, zipped_headers, zipped = get(server, path, **{"Accept-Encoding": "gzip"})
    assert zipped_headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped) == first
    services.post_publish(event=live_event, author=journalist, title="Second post", body="Text.")
    deadline = time.monotonic() + 10
    while b"Second post" not in get(server, path)[2]:  # the seq is re-read every 0.2 s here
        assert time.monotonic() < deadline, "the new change never reached the page"
        time.sleep(0.05)  # polling a server that has no event to await


def test_a_signed_in_editor_gets_a_private_page_from_django(server, live_event, editor):
    path = f"/live/{live_event.slug}/"
    get(server, path)  # the public copy exists
    client = Client()
    client.force_login(editor)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    status, headers, _ = get(server, path, Cookie=cookie)
    assert status == 200
    assert headers["Cache-Control"] == "private, no-cache"


def test_the_changes_api_is_served_and_revalidated(server, live_event, journalist):
    services.post_publish(event=live_event, author=journalist, title="First", body="Text.")
    path = f"/api/live/{live_event.slug}/changes?since=0"
    status, headers, body = get(server, path)
    assert status == 200
    assert json.loads(body)["head"] == 1
    assert get(server, path, **{"If-None-Match": headers["ETag"]})[0] == 304
    assert get(server, f"/api/live/{live_event.slug}/changes?since=999")[2].count(b"frames") == 1


def test_head_health_and_hashed_static_files(server, live_event):
    status, _, body = get(server, "/healthz", method="HEAD")
    assert (status, body) == (200, b"")
    # Also on routes whose views accept only GET among the safe methods.
    assert get(server, f"/live/{live_event.slug}/feed/", method="HEAD")[:3:2] == (200, b"")
    assert get(server, "/api/newsroom/posts/1", method="HEAD")[0] != 405
    _, _, page = get(server, f"/live/{live_event.slug}/")
    css = page.split(b'rel="stylesheet" href="')[1].split(b'"')[0].decode()
    assert css != "/static/css/site.css"  # a content-hashed name
    status, headers, _ = get(server, css)
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert get(server, "/static/../settings.py")[0] == 404
    assert get(server, "/static/%00.css")[0] == 404
    status, _, body = get(server, "/no-such-page/")
    assert status == 404
    assert b"find that page" in body
