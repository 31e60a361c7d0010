"""Render a change's frame once, store it in the change log and signal it with pg_notify."""

from __future__ import annotations

import json
import logging
from functools import partial
from typing import Any

import redis
from django.conf import settings
from django.db import connection, transaction
from django.template.loader import render_to_string

from coverage_app import metrics
from coverage_app.languages import event_locale
from coverage_app.models import Change, Event, Post

logger = logging.getLogger(__name__)

# The one NOTIFY channel (and Redis channel); the payload is "<event id>:<seq>".
CHANNEL = "liveblog_changes"

POST_FRAMES = {"post.created", "post.updated"}


def render_frame(*, event: Event, kind: str, post: Post | None) -> dict[str, Any]:
    # Rendered once for every reader, so in the event's language and zone, whoever made the change
    # (an editor whose newsroom is in German publishes into an Arabic page in Arabic).
    with event_locale(event):
        return _render_frame(event=event, kind=kind, post=post)


def _render_frame(*, event: Event, kind: str, post: Post | None) -> dict[str, Any]:
    frame: dict[str, Any] = {"type": kind, "seq": event.seq}
    if kind in POST_FRAMES:
        frame |= {"id": post.pk, "html": render_to_string("coverage_app/live.html#post", {"post": post})}
    elif kind == "post.pinned":
        frame |= {"id": post.pk, "html": render_to_string("coverage_app/live.html#pinned", {"pinned": post})}
    elif kind in {"post.deleted", "post.unpinned"}:
        frame |= {"id": post.pk}
    elif kind == "coverage.state":
        html = render_to_string("coverage_app/live.html#status", {"event": event})
        resumes_at = event.resumes_at.isoformat() if event.resumes_at else None
        frame |= {"status": event.status, "message": event.status_message, "resumes_at": resumes_at, "html": html}
    elif kind == "event.updated":
        frame |= {"html": render_to_string("coverage_app/live.html#headline", {"event": event})}
    elif kind == "reset":
        pass  # the event's language or time zone changed: pages reload (no words, no language)
    else:
        raise ValueError(f"Unknown change kind {kind!r}")
    return frame


def record(*, event: Event, kind: str, post: Post | None = None) -> Change:
    """Store the change at the event's current seq and notify; call inside the writing transaction."""
    frame = json.dumps(render_frame(event=event, kind=kind, post=post), separators=(",", ":"))
    change = Change.objects.create(event=event, seq=event.seq, kind=kind, post=post, frame=frame)
    metrics.change_recorded(event.pk, event.seq, kind)
    payload = f"{event.pk}:{event.seq}"
    with connection.cursor() as cursor:
        # Delivered by Postgres only when the transaction commits: a rollback signals nothing.
        cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, payload])
    if settings.REDIS_URL:
        # Redis is not transactional: publish only once the change is committed.
        transaction.on_commit(partial(publish_to_redis, payload))
    return change


_redis_clients: dict[str, redis.Redis] = {}


def publish_to_redis(payload: str) -> None:
    """One message per change, whatever the number of readers. A lost one costs only latency:
    hubs and readers catch up by seq from the change log."""
    url = settings.REDIS_URL
    try:
        if url not in _redis_clients:
            _redis_clients[url] = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        _redis_clients[url].publish(CHANNEL, payload)
    except redis.RedisError:
        logger.warning("Could not publish change %s to Redis; readers will catch up from the log", payload)


def redact(*, post: Post) -> None:
    """A deleted post's earlier frames become deletions, so no catch-up serves its content again."""
    changes = list(Change.objects.filter(post=post))
    for change in changes:
        change.frame = json.dumps({"type": "post.deleted", "seq": change.seq, "id": post.pk}, separators=(",", ":"))
    Change.objects.bulk_update(changes, ["frame"])


# The desk's own signal: something on an event's desk changed (a draft, a submission, a send-back,
# presence), which readers never see. The payload is the event id only; a desk that hears it reads
# the parts it shows over HTTP, as its user, so nothing private travels on this channel.
DESK_CHANNEL = "liveblog_desk"


def desk_changed(*, event_id: int, part: str = "desk") -> None:
    """`part` is "desk" (the queue and the trail) or "presence". Call inside the writing
    transaction: Postgres delivers it at commit, never on a rollback."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_notify(%s, %s)", [DESK_CHANNEL, f"{event_id}:{part}"])
