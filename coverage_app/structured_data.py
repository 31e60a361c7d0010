"""What search engines and link previews read about a live page: LiveBlogPosting JSON-LD."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

from coverage_app.models import Event, Post, Status

# Inside <script>, these would end the element or open a comment.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def live_blog_posting(*, event: Event, posts: list[Post], absolute: Callable[[str], str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": event.title,
        "description": event.standfirst,
        "inLanguage": event.language,
        "url": absolute(event.get_absolute_url()),
        "datePublished": event.starts_at.isoformat(),
        "dateModified": event.updated_at.isoformat(),
        "coverageStartTime": event.starts_at.isoformat(),
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "headline": post.title or strip_tags(post.body_html)[:110],
                "datePublished": post.published_at.isoformat(),
                "dateModified": (post.edited_at or post.published_at).isoformat(),
                "articleBody": strip_tags(post.body_html),
                "url": absolute(post.get_absolute_url()),
                **({"author": {"@type": "Person", "name": post.byline_name}} if post.byline_name else {}),
            }
            for post in posts
        ],
    }
    if event.status == Status.ENDED and event.status_changed_at:
        data["coverageEndTime"] = event.status_changed_at.isoformat()
    return data


def script_json(data: dict[str, Any]) -> SafeString:
    """JSON safe to place inside a <script> element."""
    return mark_safe(json.dumps(data).translate(SCRIPT_ESCAPES))  # escaped just above
