"""PostgreSQL stopped under a running server: a clear "try again", nothing half-written, no phantom
broadcast, readers stay connected, and the retry posts exactly once.

A PostgreSQL of the test's own (embedded), so the suite's database is never touched."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from urllib.parse import quote

import psycopg
import pytest
from websockets.asyncio.client import connect

from liveblog import embedded
from tests.servers import ROOT, Server


@pytest.fixture
def own_postgres():
    pgdata = ROOT / ".data" / f"test-down-{uuid.uuid4().hex[:8]}"
    socket_dir = embedded.ensure_running(pgdata)
    url = f"postgresql://postgres@{quote(str(socket_dir), safe='')}/{embedded.DATABASE_NAME}"
    yield pgdata, url
    embedded.stop(pgdata)
    shutil.rmtree(pgdata, ignore_errors=True)


def manage(url, *args):
    env = {"DATABASE_URL": url, "DEBUG": "1", "SECRET_KEY": "t" * 60, "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def post(server, token, key, title):
    request = urllib.request.Request(
        f"{server.url}/api/newsroom/events/down/posts", method="POST",
        data=json.dumps({"title": title, "body": "x"}).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Idempotency-Key": key},
    )  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_a_publish_while_postgres_is_down_fails_cleanly_and_its_retry_posts_once(own_postgres):
    pgdata, url = own_postgres
    manage(url, "migrate", "--noinput")
    manage(url, "shell", "-c", (
        "from django.contrib.auth.models import User, Group; from coverage_app import services;"
        "u = User.objects.create_user('wire'); u.groups.add(Group.objects.get(name='Journalists'));"
        "services.event_create(slug='down', title='Down', by=None, actor='test')"
    ))  # fmt: skip
    token = manage(url, "api_token", "create", "wire", "--name", "test").splitlines()[-1]
    server = Server(DATABASE_URL=url)
    server.start()
    try:

        async def scenario():
            reader = await connect(f"ws://127.0.0.1:{server.port}/ws/live/down/?since=0", origin=server.url)
            assert json.loads(await reader.recv())["type"] == "hello"
            assert (await asyncio.to_thread(post, server, token, "k1", "Before"))[0] == 201
            assert json.loads(await reader.recv())["seq"] == 1

            embedded.stop(pgdata)
            status, body = await asyncio.to_thread(post, server, token, "k2", "During")
            assert status == 503
            assert "Try again" in body["error"]
            assert reader.state.name == "OPEN"  # the reader is not cut off by the database

            embedded.ensure_running(pgdata)
            statuses = [(await asyncio.to_thread(post, server, token, "k2", "During"))[0] for _ in range(2)]
            # A heartbeat may come first (the hub's tick after it reconnected can precede the posts
            # on the wire): the next change is what counts.
            frame = {}
            while "seq" not in frame:
                frame = json.loads(await asyncio.wait_for(reader.recv(), 15))
                assert frame["type"] in {"heartbeat", "post.created"}, frame
            await reader.close()
            return statuses, frame

        statuses, frame = asyncio.run(scenario())
        assert statuses == [201, 200]  # the retry posts; the retry of the retry replays it
        assert (frame["type"], frame["seq"]) == ("post.created", 2)
        with psycopg.connect(url) as conn:
            titles = [row[0] for row in conn.execute("SELECT title FROM coverage_app_post ORDER BY id")]
            seqs = [row[0] for row in conn.execute("SELECT seq FROM coverage_app_change ORDER BY seq")]
        assert titles == ["Before", "During"]  # nothing half-written, nothing twice
        assert seqs == [1, 2]  # and no phantom change
    finally:
        server.stop()
