"""Template filters of the reader pages."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def iso(value: datetime | None) -> str:
    """A `<time datetime>` value: whole seconds, in the active zone with its offset. HTML allows at
    most three digits of a second, and Django's `date:'c'` writes six."""
    if not value:
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")


@register.filter
def absolute(url: str, base: str) -> str:
    """`url` as an absolute address on `base` (feeds are read away from the site)."""
    if not url or url.startswith(("https://", "http://")):
        return url
    return base.rstrip("/") + url
