from __future__ import annotations

import itertools
from typing import Any

from coverage_app import services
from coverage_app.models import Event

_numbers = itertools.count(1)


def make_event(**overrides: Any) -> Event:
    number = next(_numbers)
    fields = {"slug": f"event-{number}", "title": f"Breaking story {number}", "standfirst": "What we know so far."}
    return services.event_create(by=None, actor="tests", **(fields | overrides))


def make_user(username: str, group: str | None = None, **fields: Any):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username=username, password="pass-word-123", **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def composer_post(**fields: Any) -> dict[str, Any]:
    """The newsroom composer's POST as a browser sends it: a titled post, four empty picture slots."""
    return {
        "images-TOTAL_FORMS": "4",
        "images-INITIAL_FORMS": "0",
        "action": "publish",
        "title": "Update",
        "body": "Text.",
    } | fields


def edit_form(post: Any, **fields: Any) -> dict[str, Any]:
    """The desk's edit form of `post` as a browser sends it: its fields as they are, changed by
    `fields` (prefixed by post, since several posts can be open in one desk), and its media kept."""
    from coverage_app.services import MEDIA_EDITABLE

    prefix = f"p{post.pk}"
    current = {"title": post.title, "body": post.body_html, "byline_name": post.byline_name, "version": post.version}
    data = {f"{prefix}-{name}": value for name, value in (current | fields).items() if name != "action"}
    data |= {f"{prefix}-images-TOTAL_FORMS": "0", f"{prefix}-images-INITIAL_FORMS": "0"}
    for position, item in enumerate(post.media.all()):
        item_prefix = f"{prefix}-m{item.pk}"
        data |= {f"{item_prefix}-id": item.pk, f"{item_prefix}-position": position}
        data |= {f"{item_prefix}-{name}": getattr(item, name) for name in MEDIA_EDITABLE[item.kind]}
    if "action" in fields:
        data["action"] = fields["action"]
    return data
