"""Template filters of the reader pages."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.template.defaultfilters import date as date_format
from django.utils import timezone

from coverage_app import languages

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


@register.filter
def when(value: datetime | None, format_string: str) -> str:
    """`date:format_string` in the active zone, with the zone's abbreviation (`T`) always said.
    Django's `T` says nothing in the hour a clock change repeats (01:30 happens twice in London on
    the last Sunday of October), which is exactly when a reader needs "BST" or "GMT" to tell them apart."""
    if not value:
        return ""
    local = timezone.localtime(value)
    zone_name = local.tzname() or ""
    return zone_name.join(date_format(local, part) if part else "" for part in format_string.split("T"))


@register.filter
def script_language(code: str) -> str:
    """Which static/js/i18n/<language>.js a page in `code` loads (languages.script_language)."""
    return languages.script_language(code or "")
