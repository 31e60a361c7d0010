"""The languages coverage is published in, and the one place a reader-side render takes its
event's language and zone (the page, permalinks, the feed and the frames broadcast to every reader)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

if TYPE_CHECKING:
    from coverage_app.models import Event

# Written right to left: the page mirrors and user text is isolated (docs/languages.md).
RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur"})


# The comma between a date's parts where a language writes another one (Arabic, Persian, Urdu: "،").
COMMAS = {"ar": "،", "fa": "،", "ur": "،"}


def comma() -> str:
    """The active language's comma."""
    return COMMAS.get((translation.get_language() or "en").split("-")[0], ",")


def default_event_language() -> str:
    """A new event's language: EVENT_LANGUAGE, else the site's LANGUAGE_CODE without its region."""
    code = getattr(settings, "EVENT_LANGUAGE", "") or settings.LANGUAGE_CODE.split("-")[0]
    return code if code in dict(settings.LANGUAGES) else "en"


@contextmanager
def event_locale(event: Event) -> Iterator[None]:
    """Render as the event's readers read: its language (never the server's or the editor's) and its zone."""
    with translation.override(event.language), timezone.override(event.tz):
        yield


# The default of settings.TRUST_NOTE, marked so each catalogue carries it; a newsroom's own note (set
# in the environment) is its own words and is shown as written.
gettext_noop(
    "Every post here is written or checked by our journalists. We correct mistakes openly: an edited "
    "post says when it was updated, and we say what we do not yet know."
)


def trust_note() -> str:
    return gettext(settings.TRUST_NOTE) if settings.TRUST_NOTE else ""


def script_language(code: str) -> str:
    """The language whose script file (static/js/i18n/<code>.js) a page loads for `code`: one the
    site publishes in, else its base language (en-gb: en), else English. Every shipped language has
    a file, so a page never names a static file that does not exist (a 500 with hashed names)."""
    known = dict(settings.LANGUAGES)
    for candidate in (code, code.split("-")[0]):
        if candidate in known:
            return candidate
    return "en"
