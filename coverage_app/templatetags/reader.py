"""Template filters of the reader pages."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from django import template
from django.template.defaultfilters import date as date_format
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext, pgettext_lazy

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


# Every date format the templates pass to `when` and `when_html`, marked here (lazily: nothing is
# translated at import) so makemessages finds them: each language orders a date its own way ("1 de diciembre", "2. Dezember"), so the
# filters look the format up in the catalogue (context "date format") and a translator gives the
# language's own, keeping `H:i T` (the clock and its zone) whole. A format not listed is used as is.
DATE_FORMATS = (
    pgettext_lazy("date format", "H:i T, j M"),
    pgettext_lazy("date format", "H:i T, j M Y"),
    pgettext_lazy("date format", "H:i T, j F"),
    pgettext_lazy("date format", "H:i T, l j F"),
    pgettext_lazy("date format", "j F Y, H:i T"),
    pgettext_lazy("date format", "l j F Y, H:i T"),
)


def _localised(format_string: str) -> str:
    """The active language's version of a date format (DATE_FORMATS)."""
    return pgettext("date format", format_string)


def _when(value: datetime, format_string: str) -> str:
    local = timezone.localtime(value)
    zone_name = local.tzname() or ""
    # The format's commas are punctuation: "14:46 +03، 1 ديسمبر" on an Arabic page.
    format_string = format_string.replace(",", languages.comma())
    return zone_name.join(date_format(local, part) if part else "" for part in format_string.split("T"))


@register.filter
def when(value: datetime | None, format_string: str) -> str:
    """`date:format_string` in the active zone and the active language's order (DATE_FORMATS),
    with the zone's abbreviation (`T`) always said. Django's `T` says nothing in the hour a clock
    change repeats (01:30 happens twice in London on the last Sunday of October), which is exactly
    when a reader needs "BST" or "GMT" to tell them apart."""
    if not value:
        return ""
    return _when(value, _localised(format_string))


@register.filter
def script_language(code: str) -> str:
    """Which static/js/i18n/<language>.js a page in `code` loads (languages.script_language)."""
    return languages.script_language(code or "")


CLOCK = "H:i T"  # a clock time with its zone: the part of a date that reads left to right


@register.filter
def when_html(value: datetime | None, format_string: str) -> SafeString:
    """`when`, as HTML, with the clock time and its zone isolated left to right: on a right-to-left
    page "13:43 +03" would otherwise show its zone first ("+03 13:43"), and "13:43 EET" as "EET 13:43".
    The rest (day and month names) flows with the page. For text only (a `title`), use `when`."""
    if not value:
        return mark_safe("")
    clock = f'<bdi dir="ltr">{escape(_when(value, CLOCK))}</bdi>'
    parts = _localised(format_string).split(CLOCK)
    return mark_safe(clock.join(escape(_when(value, part)) if part else "" for part in parts))


@register.filter
def in_language(text: str, event) -> SafeString:
    """`text`, written in `event`'s language, marked with its `lang` and `dir` (and so isolated)
    for a page in another language: the newsroom's lists and messages. On the event's own pages
    its text simply inherits the page's language and direction."""
    return format_html('<span lang="{}" dir="{}">{}</span>', event.language, event.direction, text)


def _offset(delta: timedelta | None) -> str:
    minutes = int((delta or timedelta()).total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@lru_cache(maxsize=256)
def _zone_names(zone: str, day: str) -> str:
    tz = ZoneInfo(zone)
    start = datetime.fromisoformat(day).replace(tzinfo=tz) - timedelta(days=31)
    names: dict[str, str] = {}
    for days in range(0, 31 + 400):  # a day at a time: no zone keeps an offset for less
        local = (start + timedelta(days=days)).astimezone(tz)
        names.setdefault(_offset(local.utcoffset()), local.tzname() or "")
    return json.dumps(names, separators=(",", ":"), sort_keys=True)


@register.filter
def zone_names(zone: str) -> str:
    """The names the server gives the zone's offsets from a month ago to a year ahead, as JSON
    (`{"+01:00": "BST", "+00:00": "GMT"}`), so the page's script names a clock time exactly as the
    server does: the browser's Intl says "GMT+1" for London's summer time in English, and other
    names again in other languages."""
    return _zone_names(zone, timezone.now().date().isoformat())
