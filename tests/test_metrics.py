"""/metrics on two real server processes sharing a metrics folder, and the desk's reader count."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path

import pytest
from django.db import connections
from prometheus_client.parser import text_string_to_metric_families
from websockets.asyncio.client import connect

from coverage_app import services
from coverage_app.tokens import issue_token
from tests.factories import make_event
from tests.servers import Server

pytestmark = pytest.mark.django_db(transaction=True)
TOKEN = "scrape-" + "s" * 30


@pytest.fixture(scope="module")
def metered(django_db_setup, django_db_blocker, tmp_path_factory):
    folder = tmp_path_factory.mktemp("metrics")
    env = {
        "PROMETHEUS_MULTIPROC_DIR": str(folder),
        "METRICS_TOKEN": TOKEN,
        "READER_COUNT_SECONDS": "0.2",
        "LIVE_HEARTBEAT_SECONDS": "600",
        "LOG_FORMAT": "json",
    }
    servers = [Server(**env), Server(**env)]
    logs = [(folder / f"server-{n}.log").open("wb") for n in range(2)]
    with django_db_blocker.unblock():
        for server, log in zip(servers, logs, strict=True):
            server.stderr = log
            server.start()
    yield servers
    for server, log in zip(servers, logs, strict=True):
        server.stop()
        log.close()


def scrape(server, token: str | None = TOKEN) -> tuple[int, str]:
    request = urllib.request.Request(f"{server.url}/metrics")
    if token is not None:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def samples(text: str, name: str) -> list:
    return [
        sample for family in text_string_to_metric_families(text) for sample in family.samples if sample.name == name
    ]


def readers_by_pid(server, slug: str) -> dict[str, float]:
    found: dict[str, float] = defaultdict(float)
    for sample in samples(scrape(server)[1], "liveblog_readers_connected"):
        if sample.labels.get("event") == slug and sample.value:
            found[sample.labels["pid"]] += sample.value
    return dict(found)


async def until(condition, timeout: float = 10):
    """The server handles a close after the client sees it: wait for the count to say so. The check
    runs in a thread: it may use the ORM, which refuses to run inside the event loop."""
    deadline = time.monotonic() + timeout
    while not await asyncio.to_thread(condition):
        if time.monotonic() > deadline:
            raise AssertionError("the metrics never said so")
        await asyncio.sleep(0.05)


async def reader(server, slug: str):
    socket = await connect(f"ws://127.0.0.1:{server.port}/ws/live/{slug}/", origin=server.url)
    assert json.loads(await asyncio.wait_for(socket.recv(), 10))["type"] == "hello"
    return socket


def in_a_thread(work):
    try:
        return work()
    finally:
        connections.close_all()  # this thread's connection must not outlive the test database


def test_metrics_count_readers_exactly_as_sockets_open_and_close_on_two_processes(metered):
    asyncio.run(count_readers(metered, make_event()))


async def count_readers(metered, event):
    first, second = metered
    readers = [await reader(first, event.slug), await reader(first, event.slug), await reader(second, event.slug)]
    # The count is taken before the hello is sent: no waiting needed for an open.
    counts = readers_by_pid(second, event.slug)
    assert sorted(counts.values()) == [1, 2]
    assert readers_by_pid(first, event.slug) == counts  # either process answers for both
    await readers[0].close()
    await until(lambda: sorted(readers_by_pid(first, event.slug).values()) == [1, 1])
    for socket in readers[1:]:
        await socket.close()
    await until(lambda: readers_by_pid(first, event.slug) == {})
    closes = samples(scrape(first)[1], "liveblog_reader_closes_total")
    assert sum(sample.value for sample in closes if sample.labels["code"] == "1000") >= 3


def test_frames_the_hubs_and_http_are_counted(metered, journalist):
    asyncio.run(count_frames(metered, make_event(), journalist))


async def count_frames(metered, event, journalist):
    first, second = metered
    sockets = [await reader(first, event.slug), await reader(second, event.slug)]

    def delivered() -> float:
        return sum(
            s.value for s in samples(scrape(first)[1], "liveblog_frames_delivered_total") if s.labels["path"] == "live"
        )

    before = delivered()
    await asyncio.to_thread(
        in_a_thread, lambda: services.post_publish(event=event, author=journalist, title="Counted", body="x")
    )
    for socket in sockets:
        while "seq" not in json.loads(await asyncio.wait_for(socket.recv(), 10)):
            pass
    await until(lambda: delivered() == before + 2)
    text = scrape(first)[1]
    assert sorted(s.value for s in samples(text, "liveblog_hub_listening")) == [1, 1]
    urllib.request.urlopen(f"{first.url}/live/{event.slug}/", timeout=10).read()
    requests = samples(scrape(first)[1], "liveblog_http_requests_total")
    assert any(s.labels == {"route": "live/<slug:slug>/", "status": "200"} and s.value >= 1 for s in requests)
    for socket in sockets:
        await socket.close()


def test_the_desk_counts_readers_of_every_process(metered, editor, client):
    client.force_login(editor)
    asyncio.run(count_for_the_desk(metered, make_event(), client))


async def count_for_the_desk(metered, event, client):
    first, second = metered
    sockets = [await reader(first, event.slug), await reader(second, event.slug), await reader(second, event.slug)]

    def answer() -> str:
        return in_a_thread(lambda: client.get(f"/newsroom/events/{event.slug}/readers/").content.decode())

    await until(lambda: "3 reading now" in answer())
    for socket in sockets:
        await socket.close()
    await until(lambda: "0 reading now" in answer())


def test_metrics_refuse_a_request_without_the_token(metered):
    assert scrape(metered[0], token=None)[0] == 401
    assert scrape(metered[0], token="wrong")[0] == 401
    status, text = scrape(metered[0])
    assert status == 200
    assert "liveblog_readers_connected" in text


def test_without_a_metrics_token_there_is_no_metrics_page(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", headers={"authorization": "Bearer "}).status_code == 404


def test_a_server_with_log_format_json_writes_a_line_per_request_and_per_socket_session(metered, journalist):
    server = metered[0]
    event = make_event()
    token = issue_token(user=journalist, name="Wire")
    request = urllib.request.Request(f"{server.url}/live/{event.slug}/", headers={"X-Request-ID": "page-1"})
    urllib.request.urlopen(request, timeout=10).read()
    log = Path(server.stderr.name)

    def publish() -> None:
        body = json.dumps({"title": "Logged", "body": "<p>x</p>"}).encode()
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json", "X-Request-ID": "publish-9"}
        api = urllib.request.Request(f"{server.url}/api/newsroom/events/{event.slug}/posts", body, headers)
        assert urllib.request.urlopen(api, timeout=10).status == 201

    async def one_session() -> int:
        socket = await connect(
            f"ws://127.0.0.1:{server.port}/ws/live/{event.slug}/",
            origin=server.url,
            additional_headers={"X-Request-ID": "socket-7"},
        )
        await asyncio.wait_for(socket.recv(), 10)
        await asyncio.to_thread(publish)
        while "seq" not in (frame := json.loads(await asyncio.wait_for(socket.recv(), 10))):
            pass
        await socket.close()
        await until(lambda: '"socket-7"' in log.read_text())  # written once the server sees the close
        return frame["seq"]

    seq = asyncio.run(one_session())
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    page = next(line for line in lines if line.get("request_id") == "page-1")
    assert (page["logger"], page["status"], page["route"]) == ("liveblog.request", 200, "live/<slug:slug>/")
    session = next(line for line in lines if line.get("request_id") == "socket-7")
    assert (session["logger"], session["event"], session["close_code"]) == ("liveblog.socket", event.slug, 1000)
    assert session["duration_s"] >= 0
    # The publish: its request line, the change it wrote (same request id), and the hub that sent it.
    published = [line for line in lines if line.get("request_id") == "publish-9"]
    assert {line["logger"] for line in published} >= {"liveblog.request", "liveblog.change"}
    change = next(line for line in published if line["logger"] == "liveblog.change")
    assert (change["event_id"], change["seq"]) == (event.pk, seq)
    sent = [line for line in lines if line["logger"] == "liveblog.hub" and line["event_id"] == event.pk]
    assert any(line["seq_from"] <= seq <= line["seq_to"] for line in sent)
