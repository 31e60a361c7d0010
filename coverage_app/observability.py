"""One log line per request and per reader socket session, a request id on every line, metrics.

`LOG_FORMAT=json` makes every line a JSON object (docs/operations.md, Logs). The request id comes
from the proxy's `X-Request-ID` when it sends a sane one, or is made here; it is answered in the
same header and set in a context variable, which Django's sync views, the services they call and
the tasks a reader socket starts inherit, so their lines carry it too.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse

from coverage_app import metrics

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
# perf_counter() when the current request arrived (0: not in a request), for the publish latency.
request_started: contextvars.ContextVar[float] = contextvars.ContextVar("request_started", default=0.0)
SANE_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
SESSION_KEY = "liveblog.session"

request_log = logging.getLogger("liveblog.request")
socket_log = logging.getLogger("liveblog.socket")


def _incoming_id(value: str) -> str:
    # A client-chosen id is only a label; anything odd is replaced rather than logged.
    return value if SANE_ID.fullmatch(value or "") else uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Puts the current request id on every record (empty outside a request or socket)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, and any `extra` fields."""

    RESERVED = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "request_id"}

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if getattr(record, "request_id", ""):
            line["request_id"] = record.request_id
        line |= {key: value for key, value in record.__dict__.items() if key not in self.RESERVED}
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, separators=(",", ":"))


class RequestMiddleware:
    """Outermost: gives the request its id, counts it, and logs one line when it is answered."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rid = _incoming_id(request.headers.get("X-Request-ID", ""))
        token = request_id.set(rid)
        started = time.perf_counter()
        started_token = request_started.set(started)
        try:
            response = self.get_response(request)
            seconds = time.perf_counter() - started
            match = getattr(request, "resolver_match", None)
            route = match.route if match else "(unmatched)"
            metrics.request_answered(route=route, status=response.status_code, seconds=seconds)
            response["X-Request-ID"] = rid
            user = getattr(request, "user", None)
            request_log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "route": route,
                    "status": response.status_code,
                    "duration_ms": round(seconds * 1000, 2),
                    "user": user.pk if user is not None and user.is_authenticated else None,
                },
            )
            return response
        finally:
            request_id.reset(token)
            request_started.reset(started_token)


def _header(scope: dict[str, Any], name: bytes) -> str:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return ""


def socket_session_started(scope: dict[str, Any]) -> dict[str, Any]:
    """A reader socket was accepted: give it an id (the handshake's X-Request-ID if sane)."""
    session = {"id": _incoming_id(_header(scope, b"x-request-id")), "started": time.monotonic()}
    scope[SESSION_KEY] = session
    # The consumer's own task and whatever it starts from here on log with this id.
    request_id.set(session["id"])
    return session


def socket_session_ended(scope: dict[str, Any], code: int | None) -> None:
    session = scope.get(SESSION_KEY)
    if not session or session.get("logged"):
        return
    session["logged"] = True
    client = scope.get("client") or ("", 0)
    socket_log.info(
        "socket %s closed %s",
        scope.get("path", ""),
        code,
        extra={
            "request_id": session["id"],
            "path": scope.get("path", ""),
            "event": session.get("slug"),
            "close_code": code,
            "duration_s": round(time.monotonic() - session["started"], 3),
            "client": client[0],
        },
    )
