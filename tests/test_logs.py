"""LOG_FORMAT=json: one JSON line per request and per reader socket session, with the request id;
the request's own timings (publish latency).
The lines of a real server are checked in test_metrics.py, on its servers."""

from __future__ import annotations

import json
import logging

from coverage_app.observability import JsonFormatter, RequestIdFilter


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


def test_a_publish_through_the_newsroom_is_timed_and_a_draft_is_not(client, journalist, live_event):
    from prometheus_client import REGISTRY

    from tests.factories import composer_post

    def timed() -> float:
        return REGISTRY.get_sample_value("liveblog_publish_seconds_count") or 0

    before = timed()
    client.force_login(journalist)
    client.post(f"/newsroom/events/{live_event.slug}/posts/", composer_post(title="Timed"))
    assert timed() == before + 1
    client.post(f"/newsroom/events/{live_event.slug}/posts/", composer_post(title="Not yet", action="draft"))
    assert timed() == before + 1
