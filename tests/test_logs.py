"""LOG_FORMAT=json: one JSON line per request and per reader socket session, with the request id."""

from __future__ import annotations

import asyncio
import json
import logging
import time
import urllib.request

import pytest
from websockets.asyncio.client import connect

from coverage_app.observability import JsonFormatter, RequestIdFilter
from tests.factories import make_event
from tests.servers import Server


def test_a_request_id_is_answered_and_carried_into_the_service_lines(client, editor, caplog):
    caplog.set_level(logging.INFO)
    caplog.set_level(logging.INFO, logger="liveblog")  # on only with LOG_FORMAT=json otherwise
    client.force_login(editor)
    response = client.post(
        "/newsroom/people/invite/",
        {"email": "new@example.org", "role": "Contributors"},
        headers={"X-Request-ID": "desk-42"},
    )
    assert response["X-Request-ID"] == "desk-42"
    service = next(record for record in caplog.records if record.name == "coverage_app.accounts.services")
    request = next(record for record in caplog.records if record.name == "liveblog.request")
    assert service.request_id == request.request_id == "desk-42"
    assert (request.route, request.status, request.method) == ("newsroom/people/invite/", 302, "POST")


def test_an_odd_request_id_is_replaced_not_logged(client, db):
    response = client.get("/healthz", headers={"X-Request-ID": "x" * 65 + "\n"})
    assert len(response["X-Request-ID"]) == 32


def test_json_lines_hold_the_message_the_request_id_and_the_fields():
    record = logging.makeLogRecord({"name": "liveblog.request", "msg": "GET %s", "args": ("/",), "levelname": "INFO"})
    record.status = 200
    RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line | {"time": "t"} == {
        "time": "t",
        "level": "INFO",
        "logger": "liveblog.request",
        "message": "GET /",
        "status": 200,
    }


@pytest.mark.django_db(transaction=True)
def test_a_server_with_log_format_json_writes_a_line_per_request_and_per_socket_session(tmp_path):
    event = make_event()
    server = Server(LOG_FORMAT="json")
    log = tmp_path / "server.log"
    with log.open("wb") as handle:
        server.stderr = handle
        server.start()
        try:
            request = urllib.request.Request(f"{server.url}/live/{event.slug}/", headers={"X-Request-ID": "page-1"})
            urllib.request.urlopen(request, timeout=10).read()

            async def one_session():
                socket = await connect(
                    f"ws://127.0.0.1:{server.port}/ws/live/{event.slug}/",
                    origin=server.url,
                    additional_headers={"X-Request-ID": "socket-7"},
                )
                await asyncio.wait_for(socket.recv(), 10)
                await socket.close()

            asyncio.run(one_session())
            deadline = time.monotonic() + 10
            while '"socket-7"' not in log.read_text() and time.monotonic() < deadline:
                time.sleep(0.05)  # the server writes the session's line after the close
        finally:
            server.stop()
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    page = next(line for line in lines if line.get("request_id") == "page-1")
    assert (page["logger"], page["status"], page["route"]) == ("liveblog.request", 200, "live/<slug:slug>/")
    session = next(line for line in lines if line.get("request_id") == "socket-7")
    assert (session["logger"], session["event"], session["close_code"]) == ("liveblog.socket", event.slug, 1000)
    assert session["duration_s"] >= 0
