"""Bad input gets a clear error and changes nothing; the defences in docs/security.md hold."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from coverage_app import services
from coverage_app.models import Change, Media, Post
from tests.factories import composer_post as composer

pytestmark = pytest.mark.django_db


def nothing_written(event):
    event.refresh_from_db()
    return not Post.objects.exists() and not Change.objects.exists() and event.seq == 0


def test_pages_carry_a_strict_content_security_policy(client, live_event, editor):
    policy = client.get(f"/live/{live_event.slug}/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "frame-src https://www.youtube-nocookie.com https://player.vimeo.com" in policy
    assert "frame-ancestors 'none'" in policy
    client.force_login(editor)
    assert "script-src 'self'" in client.get(f"/newsroom/events/{live_event.slug}/")["Content-Security-Policy"]


def test_responses_forbid_content_sniffing(client, live_event):
    assert client.get(f"/live/{live_event.slug}/")["X-Content-Type-Options"] == "nosniff"


def test_a_post_without_a_csrf_token_is_refused(live_event, journalist):
    client = Client(enforce_csrf_checks=True)
    client.force_login(journalist)
    response = client.post(f"/newsroom/events/{live_event.slug}/posts/", composer())
    assert response.status_code == 403
    assert nothing_written(live_event)


def test_a_bad_host_header_is_refused(client, live_event):
    assert client.get(f"/live/{live_event.slug}/", headers={"host": "evil.example"}).status_code == 400


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "Null\x00byte"}, "Null characters are not allowed"),
        ({"body": "x" * 20001}, "at most 20000 characters"),
        ({"title": "t" * 201}, "at most 200 characters"),
    ],
)
def test_bad_text_gets_a_clear_error_and_writes_nothing(client, live_event, journalist, fields, message):
    client.force_login(journalist)
    response = client.post(f"/newsroom/events/{live_event.slug}/posts/", composer(**fields))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert nothing_written(live_event)


def png_bomb() -> bytes:
    """A tiny file that claims 60,000 x 60,000 pixels: decoding it would take gigabytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 60000, 60000, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.jpg", b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "not a picture we can publish"),  # a renamed executable
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 50, "not a picture we can publish"),  # a truncated JPEG
        ("huge.png", None, "that is too large"),
    ],
)
def test_uploads_that_are_not_safe_pictures_are_refused(client, live_event, journalist, name, content, message):
    client.force_login(journalist)
    upload = SimpleUploadedFile(name, content if content is not None else png_bomb(), content_type="image/jpeg")
    response = client.post(
        f"/newsroom/events/{live_event.slug}/posts/", composer(**{"images-0-file": upload, "images-0-alt_text": "x"})
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    assert nothing_written(live_event)
    assert not Media.objects.exists()


def test_an_oversized_picture_is_refused_before_it_is_decoded(client, live_event, journalist):
    client.force_login(journalist)
    upload = SimpleUploadedFile(
        "big.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * (21 * 1024 * 1024), content_type="image/jpeg"
    )
    response = client.post(
        f"/newsroom/events/{live_event.slug}/posts/", composer(**{"images-0-file": upload, "images-0-alt_text": "x"})
    )
    assert response.status_code == 422
    assert "pictures can be up to 20 MB" in response.content.decode()
    assert nothing_written(live_event)


def test_stored_files_get_random_names(client, live_event, journalist, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (600, 400)).save(buffer, format="JPEG")
    upload = SimpleUploadedFile("../../etc/secret name.jpg", buffer.getvalue(), content_type="image/jpeg")
    client.force_login(journalist)
    client.post(
        f"/newsroom/events/{live_event.slug}/posts/",
        composer(**{"images-0-file": upload, "images-0-alt_text": "A street"}),
    )
    name = Media.objects.get().file.name
    assert name.startswith("posts/")
    assert "secret" not in name
    assert ".." not in name


def test_rich_text_keeps_formatting_and_drops_everything_active(live_event, journalist):
    post = services.post_publish(
        event=live_event, author=journalist, title="x",
        body='<h2>Head</h2><p><b>bold</b> <a href="https://example.org" onclick="x()">link</a> <a href="data:text/html,x">d</a></p>'
             '<iframe src="https://evil.example"></iframe><img src=x onerror=alert(1)><style>p{}</style>',
    )  # fmt: skip
    assert post.body_html.startswith(
        '<h2>Head</h2><p><b>bold</b> <a href="https://example.org" rel="noopener noreferrer nofollow">link</a>'
    )
    for active in ("onclick", "data:", "iframe", "onerror", "<img", "<style"):
        assert active not in post.body_html


# ---- paths that climb out of the static and media folders, in a real server ------------------------
CLIMBS = [
    "/static/../manage.py", "/static/%2e%2e/manage.py", "/static/%2E%2E/manage.py", "/static/..%2fmanage.py",
    "/static/%2e%2e%2fmanage.py", "/static/%252e%252e/manage.py", "/static/%25%32%65%25%32%65/manage.py",
    "/static/css/%2e%2e/%2e%2e/manage.py", "/static/..%5cmanage.py", "/static/%2fetc%2fpasswd", "/static//etc/passwd",
    "/static/%c0%ae%c0%ae/manage.py", "/static/manage.py%00", "/static/%00/../manage.py", "/static/%ff",
    "/media/../", "/media/../canary.txt", "/media/%2e%2e/canary.txt", "/media/..%2fcanary.txt",
    "/media/%252e%252e/canary.txt", "/media/posts/%2e%2e/%2e%2e/canary.txt", "/media//etc/passwd",
    "/media/%2fetc%2fpasswd", "/media/canary.txt%00.jpg", "/media/%00", "/%00", "/live/%00/", "/newsroom/%00",
]  # fmt: skip


def raw_get(port: int, target: bytes) -> tuple[int, bytes]:
    """A request line sent as it is: no client between the test and the server cleans the path."""
    import socket

    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


@pytest.fixture(scope="module", params=["0", "1"], ids=["DEBUG off", "DEBUG on"])
def file_server(request, django_db_setup, django_db_blocker, tmp_path_factory):
    from tests.servers import Server

    folder = tmp_path_factory.mktemp("files")
    (folder / "media").mkdir()
    (folder / "canary.txt").write_text("CANARY outside the media folder")
    # DEBUG on serves static files from their sources (Django's finders), off from STATIC_ROOT (the
    # fast path): both sit beside manage.py, which no name may reach.
    server = Server(DEBUG=request.param, SECURE_SSL_REDIRECT="0", MEDIA_ROOT=str(folder / "media"))
    with django_db_blocker.unblock():
        server.start()
    yield server
    server.stop()


@pytest.mark.parametrize("path", CLIMBS)
def test_no_path_reaches_a_file_outside_the_static_and_media_folders_or_a_500(file_server, path):
    status, body = raw_get(file_server.port, path.encode())
    assert status in {400, 404}, (status, body[:300])
    assert b"execute_from_command_line" not in body
    assert b"CANARY" not in body


@pytest.mark.parametrize("target", [b"/static/\x00x", b"/media/\x00", b"/live/\xff/"])
def test_raw_control_and_non_ascii_bytes_in_the_path_are_a_400(file_server, target):
    assert raw_get(file_server.port, target)[0] == 400


def test_the_static_files_themselves_are_still_served(file_server):
    assert raw_get(file_server.port, b"/static/js/live.js")[0] == 200
