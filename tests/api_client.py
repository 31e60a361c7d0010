"""Calling the newsroom API as a script does, and seeing that a refused call changed nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.test import Client

from coverage_app.api import issue_token
from coverage_app.models import AuditEntry, Change, Event, Media, Post, PostRevision


class Api:
    """One user's token on a Django test client; `body` is sent as JSON unless it is already text."""

    def __init__(self, user: Any) -> None:
        self.user = user
        self.token = issue_token(user=user, name="Wire feed")
        self.client = Client()

    def __call__(self, method: str, path: str, body: Any = None, *, headers: dict[str, str] | None = None, **kw: Any):
        data = json.dumps(body) if body is not None and not isinstance(body, (str, bytes)) else body
        headers = {"Authorization": f"Bearer {self.token}"} | (headers or {})
        kw.setdefault("content_type", "application/json")
        return getattr(self.client, method)(path, data=data, headers=headers, **kw)

    def create(self, event: Event, body: Any, **kw: Any):
        return self("post", f"/api/newsroom/events/{event.slug}/posts", body, **kw)


def state_of_the_world() -> dict[str, Any]:
    """Everything a write could leave behind: rows, each event's seq, stored frames and files."""
    media_root = Path(settings.MEDIA_ROOT)
    return {
        "seqs": list(Event.objects.order_by("pk").values_list("pk", "seq")),
        "posts": list(Post.objects.order_by("pk").values()),
        "changes": Change.objects.count(),
        "media": Media.objects.count(),
        "revisions": PostRevision.objects.count(),
        "audit": AuditEntry.objects.count(),
        "files": sorted(str(path) for path in media_root.rglob("*")) if media_root.exists() else [],
    }
