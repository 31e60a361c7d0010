"""deploy/nginx.conf on Debian's nginx in front of a real server process: the micro-cache serves the
public copy and never a signed-in reader's."""

from __future__ import annotations

import gzip
import sys
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from coverage_app import services
from tests.servers import ROOT, Server

sys.path.insert(0, str(ROOT / "bench"))
from nginx import NGINX, Nginx  # bench/ is not a package: imported from its folder

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt-get install nginx)"),
]


@pytest.fixture(scope="module")
def proxy(django_db_setup, django_db_blocker):
    server = Server(DEBUG="0", SECURE_SSL_REDIRECT="0")
    with django_db_blocker.unblock():
        server.start()
    nginx = Nginx(upstreams=[server.port], static_root=Path(settings.STATIC_ROOT), media_root=Path(settings.MEDIA_ROOT))
    nginx.start()
    yield nginx
    nginx.stop()
    server.stop()


def get(proxy, path, method="GET", **headers):
    request = urllib.request.Request(proxy.url + path, method=method, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers, response.read()


def test_the_page_and_changes_are_micro_cached_for_anonymous_readers_only(proxy, live_event, journalist, editor):
    services.post_publish(event=live_event, author=journalist, title="First", body="Text.")
    page = f"/live/{live_event.slug}/"
    first_headers, first = get(proxy, page)
    again_headers, again = get(proxy, page)
    assert (first_headers["X-Cache-Status"], again_headers["X-Cache-Status"]) == ("MISS", "HIT")
    assert again == first
    zipped_headers, zipped = get(proxy, page, **{"Accept-Encoding": "gzip"})
    assert zipped_headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped) == first
    changes = f"/api/live/{live_event.slug}/changes?since=0"
    get(proxy, changes)
    assert get(proxy, changes)[0]["X-Cache-Status"] == "HIT"

    client = Client()
    client.force_login(editor)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    mine_headers, _ = get(proxy, page, Cookie=cookie)
    assert mine_headers["X-Cache-Status"] == "BYPASS"
    assert mine_headers["Cache-Control"] == "private, no-cache"
    public_headers, _ = get(proxy, page)
    assert "public" in public_headers["Cache-Control"]  # the editor's copy was never stored


def test_hashed_static_files_are_kept_for_a_year_and_head_works(proxy, live_event):
    _, page = get(proxy, f"/live/{live_event.slug}/", method="GET")
    css = page.split(b'rel="stylesheet" href="')[1].split(b'"')[0].decode()
    headers, _ = get(proxy, css)
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    headers, body = get(proxy, "/healthz", method="HEAD")
    assert body == b""
