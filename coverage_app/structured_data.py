"""What search engines and link previews read about a live page: LiveBlogPosting JSON-LD, and a
BlogPosting for a post's permalink (schema.org, as Google documents live blogs)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe

from coverage_app import richtext
from coverage_app.models import Event, Post, Status

# Inside <script>, these would end the element or open a comment.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def publisher(absolute: Callable[[str], str]) -> dict[str, Any]:
    logo = settings.PUBLISHER_LOGO
    logo_url = logo if logo.startswith(("https://", "http://")) else absolute(static(logo))
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": absolute("/"),
        "logo": {"@type": "ImageObject", "url": logo_url},
    }


def post_image(post: Post, absolute: Callable[[str], str]) -> str:
    image = next((m for m in post.media.all() if m.kind in {"image", "map"} and m.file), None)
    return absolute(image.file.url) if image else ""


def event_image(event: Event, posts: list[Post], absolute: Callable[[str], str]) -> str:
    """The lead image, else the first picture in the newest posts: what share cards show."""
    if event.lead_image:
        return absolute(event.lead_image.url)
    return next((url for post in posts if (url := post_image(post, absolute))), "")


def blog_posting(*, post: Post, absolute: Callable[[str], str], with_context: bool = False) -> dict[str, Any]:
    text = post_text(post)
    url = absolute(post.get_absolute_url())
    data: dict[str, Any] = {
        **({"@context": "https://schema.org"} if with_context else {}),
        "@type": "BlogPosting",
        "@id": url,
        "headline": (post.title or text)[:110],
        "datePublished": post.published_at.isoformat(timespec="seconds"),
        "dateModified": (post.edited_at or post.published_at).isoformat(timespec="seconds"),
        "articleBody": text,
        "url": url,
        "mainEntityOfPage": url,
    }
    if post.byline_name:
        data["author"] = {
            "@type": "Person",
            "name": post.byline_name,
            **({"jobTitle": post.byline_role} if post.byline_role else {}),
        }
    else:
        data["author"] = {"@type": "Organization", "name": settings.SITE_NAME}
    if image := post_image(post, absolute):
        data["image"] = image
    return data


def post_text(post: Post) -> str:
    """The post as plain text, blocks separated by spaces ("coast. Two sailors", never "coast.Two")."""
    parts = [richtext.plain_text(post.body_html)]
    if post.quote_text:
        quote = f"“{post.quote_text.strip()}”"
        parts.append(f"{quote} {post.quote_attribution}".strip() if post.quote_attribution else quote)
    for media in post.media.all():
        if media.kind == "social":
            parts.append(f"{media.social_author}: {media.social_text}")
        elif media.caption:
            parts.append(media.caption)
    if post.correction_note:
        parts.append(f"Correction: {post.correction_note}")
    return " ".join(" ".join(part.split()) for part in parts if part.strip())


def live_blog_posting(
    *, event: Event, posts: list[Post], absolute: Callable[[str], str], reporters: list[str] = ()
) -> dict[str, Any]:
    url = absolute(event.get_absolute_url())
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "@id": url,
        "headline": event.title,
        "description": event.standfirst or event.title,
        "inLanguage": event.language,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": event.starts_at.isoformat(timespec="seconds"),
        "dateModified": event.updated_at.isoformat(timespec="seconds"),
        "coverageStartTime": event.starts_at.isoformat(timespec="seconds"),
        "about": {"@type": "Event", "name": event.title, "startDate": event.starts_at.isoformat(timespec="seconds")},
        "publisher": publisher(absolute),
        "author": [{"@type": "Person", "name": name} for name in reporters]
        or {"@type": "Organization", "name": settings.SITE_NAME},
        "liveBlogUpdate": [blog_posting(post=post, absolute=absolute) for post in posts],
    }
    if image := event_image(event, posts, absolute):
        data["image"] = image
    if event.status == Status.ENDED and event.status_changed_at:
        data["coverageEndTime"] = event.status_changed_at.isoformat(timespec="seconds")
        data["about"]["endDate"] = data["coverageEndTime"]
    if event.standfirst:
        data["about"]["description"] = event.standfirst
    return data


def script_json(data: dict[str, Any]) -> SafeString:
    """JSON safe to place inside a <script> element."""
    return mark_safe(json.dumps(data).translate(SCRIPT_ESCAPES))  # escaped just above
