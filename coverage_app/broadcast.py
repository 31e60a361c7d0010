"""Render a change's frame once, store it in the change log and signal it with pg_notify."""

from __future__ import annotations

import json
from typing import Any

from django.db import connection
from django.template.loader import render_to_string

from coverage_app.models import Change, Event, Post

# The one NOTIFY channel; the payload is "<event id>:<seq>".
CHANNEL = "liveblog_changes"

POST_FRAMES = {"post.created", "post.updated"}


def render_frame(*, event: Event, kind: str, post: Post | None) -> dict[str, Any]:
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
    else:
        raise ValueError(f"Unknown change kind {kind!r}")
    return frame


def record(*, event: Event, kind: str, post: Post | None = None) -> Change:
    """Store the change at the event's current seq and notify; call inside the writing transaction."""
    frame = json.dumps(render_frame(event=event, kind=kind, post=post), separators=(",", ":"))
    change = Change.objects.create(event=event, seq=event.seq, kind=kind, post=post, frame=frame)
    with connection.cursor() as cursor:
        # Delivered by Postgres only when the transaction commits: a rollback signals nothing.
        cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, f"{event.pk}:{event.seq}"])
    return change


def redact(*, post: Post) -> None:
    """A deleted post's earlier frames become deletions, so no catch-up serves its content again."""
    changes = list(Change.objects.filter(post=post))
    for change in changes:
        change.frame = json.dumps({"type": "post.deleted", "seq": change.seq, "id": post.pk}, separators=(",", ":"))
    Change.objects.bulk_update(changes, ["frame"])
