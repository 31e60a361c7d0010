"""What a running site counts, for Prometheus (`/metrics`) and for the desk's "reading now".

The hub, the reader consumer and the request middleware call the small functions here (one line
each at the place the thing happens), so the counting lives in one file.

Several processes: with PROMETHEUS_MULTIPROC_DIR set (a folder shared by the processes of one
host, emptied before they start), prometheus-client keeps each process's numbers in files there
and `/metrics` on any process answers for all of them: counters and histograms summed, the
reader gauge per process (`pid` label) for the live ones. Without it, each process answers for
itself and each is scraped on its own port. docs/operations.md says how to set either up.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import os
import socket
import time
from collections import Counter as Tally
from datetime import timedelta
from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.utils import timezone
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

logger = logging.getLogger(__name__)
# Structured lines (on with LOG_FORMAT=json): a change as its request wrote it, and as a hub sent it.
# Both name the event and seq, so a log search joins a publish's request id to every hub's delivery.
change_log = logging.getLogger("liveblog.change")
hub_log = logging.getLogger("liveblog.hub")

MULTIPROCESS = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)

READERS = Gauge(
    "liveblog_readers_connected",
    "Reader sockets open now, per event (and, with several processes, per process: the pid label).",
    ["event"],
    multiprocess_mode="liveall",
)
READER_CONNECTS = Counter("liveblog_reader_connects", "Reader sockets accepted, per event.", ["event"])
CLOSES = Counter("liveblog_reader_closes", "Reader sockets closed, by WebSocket close code.", ["code"])
FRAMES = Counter("liveblog_frames_delivered", "Frames handed to reader sockets (live and catch-up).", ["path"])
CATCH_UP = Histogram(
    "liveblog_catch_up_frames",
    "Frames a reader was sent from the change log when it connected.",
    buckets=(0, 1, 5, 20, 50, 100, 250, 500),
)
RESETS = Counter("liveblog_catch_up_resets", "Readers told to reload (too far behind, or another release).")
HUB_LISTENING = Gauge(
    "liveblog_hub_listening",
    "1 while this process's hub is subscribed to the bus (Postgres LISTEN or Redis), else 0.",
    multiprocess_mode="liveall",
)
HUB_LAG = Histogram(
    "liveblog_hub_lag_seconds",
    "From a change's write to the hub handing its frame to the readers' sockets (sampled).",
    buckets=LATENCY_BUCKETS,
)
PUBLISH = Histogram(
    "liveblog_publish_seconds",
    "From a request's arrival to the post it publishes being written (newsroom, API, admin).",
    buckets=LATENCY_BUCKETS,
)
PAGE_CACHE = Counter("liveblog_page_cache", "First-page cache lookups of the reader page.", ["result"])
REQUESTS = Counter("liveblog_http_requests", "HTTP requests answered, by route and status.", ["route", "status"])
REQUEST_SECONDS = Histogram(
    "liveblog_http_request_seconds", "Time to answer an HTTP request, by route.", ["route"], buckets=LATENCY_BUCKETS
)

# Reader-count rows not refreshed for this long belong to processes that are gone.
STALE_ROWS = timedelta(minutes=10)
# Lag is read from the change log at most this often per process: it costs a query.
LAG_SAMPLE_SECONDS = 1.0


def render(registry: Any = None) -> tuple[bytes, str]:
    """The metrics text and its content type, for every process sharing the folder when there is one."""
    if registry is None and MULTIPROCESS:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    return generate_latest(registry or REGISTRY), CONTENT_TYPE_LATEST


def process_exited() -> None:
    """A server process stops: its live gauges leave the shared folder."""
    if MULTIPROCESS:
        multiprocess.mark_process_dead(os.getpid())


# Readers ----------------------------------------------------------------------------------


class _LocalReaders:
    """This process's readers per event, for the desk's count (shared through the database)."""

    def __init__(self) -> None:
        self.by_event: Tally[int] = Tally()
        self.process = f"{socket.gethostname()}:{os.getpid()}:{int(time.time())}"
        self._task: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def ensure_reporting(self) -> None:
        interval = settings.READER_COUNT_SECONDS
        if interval <= 0:
            return
        loop = asyncio.get_running_loop()
        if self._loop is loop and self._task is not None and not self._task.done():
            return
        self._loop = loop
        # A context of its own: started from a reader's socket, it must not log with that reader's id.
        self._task = loop.create_task(self._report(interval), context=contextvars.Context())

    async def _report(self, interval: float) -> None:
        reported: set[int] = set()
        while True:
            counts = {event_id: n for event_id, n in self.by_event.items() if n > 0}
            try:
                await sync_to_async(_write_counts)(self.process, counts, reported - set(counts))
                reported = set(counts)
            except Exception:  # a count is a nicety: never let it hurt the readers' loop
                logger.warning("Could not record this process's reader counts", exc_info=True)
            await asyncio.sleep(interval)


_local = _LocalReaders()


def _write_counts(process: str, counts: dict[int, int], gone: set[int]) -> None:
    from coverage_app.ops.models import ReaderCount

    now = timezone.now()
    if gone:
        ReaderCount.objects.filter(process=process, event_id__in=gone).delete()
    if counts:
        ReaderCount.objects.bulk_create(
            [
                ReaderCount(process=process, event_id=event_id, readers=n, updated_at=now)
                for event_id, n in counts.items()
            ],
            update_conflicts=True,
            unique_fields=["process", "event_id"],
            update_fields=["readers", "updated_at"],
        )
        # Rows of processes long gone (an index range that is almost always empty).
        ReaderCount.objects.filter(updated_at__lt=now - STALE_ROWS).delete()


def reader_connected(scope: dict[str, Any], *, event_id: int, slug: str) -> None:
    """A reader socket was accepted for the event; its session is logged when it closes."""
    from coverage_app import observability

    session = observability.socket_session_started(scope)
    session |= {"event_id": event_id, "slug": slug}
    READERS.labels(slug).inc()
    READER_CONNECTS.labels(slug).inc()
    _local.by_event[event_id] += 1
    _local.ensure_reporting()


def reader_closed(scope: dict[str, Any], code: int | None) -> None:
    """Every socket's end, accepted or refused; only an accepted one was counted as connected."""
    from coverage_app import observability

    CLOSES.labels(str(code if code is not None else "none")).inc()
    session = scope.get(observability.SESSION_KEY)
    if session and "event_id" in session and not session.get("closed"):
        session["closed"] = True
        READERS.labels(session["slug"]).dec()
        _local.by_event[session["event_id"]] -= 1
    observability.socket_session_ended(scope, code)


def caught_up(frames: int, *, reset: bool = False) -> None:
    if reset:
        RESETS.inc()
        return
    CATCH_UP.observe(frames)
    if frames:
        FRAMES.labels("catch-up").inc(frames)


# The hub ----------------------------------------------------------------------------------

_last_lag_sample = 0.0


def hub_listening(listening: bool) -> None:
    HUB_LISTENING.set(1 if listening else 0)


def delivered(event_id: int, rows: list[tuple[int, str]], readers: int) -> None:
    """The hub handed `rows` (seq, frame) to `readers` sockets of an event."""
    global _last_lag_sample
    if not rows or not readers:
        return
    FRAMES.labels("live").inc(len(rows) * readers)
    if hub_log.isEnabledFor(logging.INFO):
        first, last = rows[0][0], rows[-1][0]
        hub_log.info(
            "hub sent event %s seq %s-%s to %s readers", event_id, first, last, readers,
            extra={"event_id": event_id, "seq_from": first, "seq_to": last, "readers": readers, "pid": os.getpid()},
        )  # fmt: skip
    now = time.time()
    if now - _last_lag_sample >= LAG_SAMPLE_SECONDS:
        _last_lag_sample = now
        with contextlib.suppress(RuntimeError):  # no running loop: nothing to sample on
            asyncio.get_running_loop().create_task(_sample_lag(event_id, rows[-1][0], now))


async def _sample_lag(event_id: int, seq: int, handed_at: float) -> None:
    from coverage_app.models import Change

    try:
        written = await Change.objects.filter(event_id=event_id, seq=seq).values_list("created_at", flat=True).afirst()
    except Exception:
        logger.debug("Lag sample failed", exc_info=True)
        return
    if written is not None:
        HUB_LAG.observe(max(0.0, handed_at - written.timestamp()))


def change_recorded(event_id: int, seq: int, kind: str) -> None:
    """A write recorded a change (inside its request, so the line carries the request id)."""
    from coverage_app.observability import request_started

    started = request_started.get()
    if kind == "post.created" and started:  # a publish made by a request (not a command or the scheduler)
        PUBLISH.observe(time.perf_counter() - started)
    if change_log.isEnabledFor(logging.INFO):
        change_log.info(
            "change event %s seq %s %s", event_id, seq, kind, extra={"event_id": event_id, "seq": seq, "kind": kind}
        )


# HTTP -------------------------------------------------------------------------------------


def page_cache(*, hit: bool) -> None:
    PAGE_CACHE.labels("hit" if hit else "miss").inc()


def request_answered(*, route: str, status: int, seconds: float) -> None:
    REQUESTS.labels(route, str(status)).inc()
    REQUEST_SECONDS.labels(route).observe(seconds)


# The desk's count -------------------------------------------------------------------------


def readers_now(event_id: int) -> int:
    """Reader sockets open on every process for an event, as their last reports say."""
    from django.db.models import Sum

    from coverage_app.ops.models import ReaderCount

    fresh = timezone.now() - timedelta(seconds=3 * max(settings.READER_COUNT_SECONDS, 1))
    total = ReaderCount.objects.filter(event_id=event_id, updated_at__gte=fresh).aggregate(total=Sum("readers"))
    return total["total"] or 0
