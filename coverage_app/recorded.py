"""Words the system records now and someone reads later, in their own language: the details of the
audit trails and an API token's last refusal (docs/languages.md, "What is translated").

A row keeps such words twice: as a code and its values, which are put into the code's message in the
reader's language when it is shown, and as English text, for searches, logs and the API's answer.
A row written before codes existed has the text only, and is shown as written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy, npgettext_lazy, pgettext, pgettext_lazy

# Every message a code stands for. A code is stored in rows, so it is never renamed or reused; a
# message may be reworded (rows show the new words), but its placeholders stay.
MESSAGES: dict[str, Promise] = {
    # The people trail (accounts/services.py).
    "invited_as": pgettext_lazy("audit", "as %(role)s"),
    "joined_as": pgettext_lazy("audit", "as %(role)s, invited by %(inviter)s"),
    "role_changed": pgettext_lazy("audit", "%(before)s → %(after)s"),
    "sessions_ended": npgettext_lazy("audit", "%(count)d session ended", "%(count)d sessions ended", "count"),
    "token_issued": npgettext_lazy(
        "audit", "“%(name)s”, %(scope)s, for %(days)d day", "“%(name)s”, %(scope)s, for %(days)d days", "days"
    ),
    "token_issued_for_event": npgettext_lazy(
        "audit",
        "“%(name)s”, %(scope)s, for the event %(event)s, for %(days)d day",
        "“%(name)s”, %(scope)s, for the event %(event)s, for %(days)d days",
        "days",
    ),
    "token_named": pgettext_lazy("audit", "“%(name)s”"),
    # The desk trail (services.py).
    "fields": pgettext_lazy("audit", "%(fields)s"),
    "locale_changed": pgettext_lazy(
        "audit", "language %(from_language)s → %(to_language)s, time zone %(from_zone)s → %(to_zone)s"
    ),
    "key_points": pgettext_lazy("audit", "key points"),
    # An API token's refusals (tokens.py). The API answers with the English; the People page and the
    # admin say it in their reader's language.
    "token_missing": gettext_lazy("Send your API token as 'Authorization: Bearer <token>'."),
    "token_unknown": gettext_lazy("That API token is not valid (revoked, or mistyped)."),
    "token_expired": gettext_lazy("That API token expired on %(date)s UTC; ask an editor for a new one."),
    "token_inactive": gettext_lazy("That API token's account is deactivated."),
    "token_read_only": gettext_lazy("This API token is read-only; writing needs a token with the write scope."),
    "token_other_event": gettext_lazy("This API token works only for the event '%(slug)s'."),
}
# A refusal by the services (the post-life table, a role): its English is itself a message of the
# catalogue, so it is looked up as it is; one that is not (it had values in it) shows in English.
AS_SAID = "as_said"


def _role(group: str) -> str:
    from coverage_app.accounts.services import ROLE_NAMES  # the accounts import this module

    return str(ROLE_NAMES[group]) if group in ROLE_NAMES else (group or pgettext("role", "none"))


def _scope(scope: str) -> str:
    from coverage_app.models import ApiToken

    return str(ApiToken.Scope(scope).label) if scope in ApiToken.Scope.values else scope


def _language(code: str) -> str:
    try:
        return str(translation.get_language_info(code)["name_translated"])
    except KeyError:
        return code


def _fields(names: list[str]) -> str:
    from coverage_app.models import Media, Post

    def label(name: str) -> str:
        if name == "media":
            return str(Media._meta.verbose_name_plural)
        try:
            return str(Post._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:  # a field since removed: its name as stored
            return name

    return pgettext("list", ", ").join(label(name) for name in names)  # Arabic joins with its own comma


# Values that are words themselves, by the name they are stored under: said in the reader's language.
VALUES: dict[str, Callable[[Any], str]] = {
    "role": _role,
    "before": _role,
    "after": _role,
    "scope": _scope,
    "from_language": _language,
    "to_language": _language,
    "fields": _fields,
}


@dataclass(frozen=True)
class Said:
    """Words to record: a code of MESSAGES (or AS_SAID) and its values."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return render(self.code, self.params, "")

    @property
    def english(self) -> str:
        with translation.override("en"):
            return str(self)


def said(code: str, **params: Any) -> Said:
    if code not in MESSAGES and code != AS_SAID:
        raise ValueError(f"no message {code!r}")
    return Said(code, params)


def as_said(text: str) -> Said:
    """A message already made in English (a service's refusal), shown translated where the
    catalogue knows it."""
    return Said(AS_SAID, {"text": str(text)})


def render(code: str, params: dict[str, Any], text: str, *, look_up_text: bool = False) -> str:
    """The words in the active language; the stored `text` where the code is unknown or its values
    do not fit its message (a row from before codes, or from a later release)."""
    if code == AS_SAID:
        return gettext(str(params.get("text", ""))) if params.get("text") else text
    message = MESSAGES.get(code)
    if message is None:
        return gettext(text) if look_up_text and text else text
    try:
        values = {name: VALUES[name](value) if name in VALUES else value for name, value in params.items()}
        # A plural message picks its form from its count's value (ngettext's rules for the language).
        return str(message % values) if values else str(message)
    except (KeyError, TypeError, ValueError):
        return text


class RecordedDetail(models.Model):
    """A trail entry's detail: English as written (older entries, titles, notes) and, for the
    system's own words, a code and its values, shown in the reader's language."""

    detail = models.CharField(gettext_lazy("detail"), max_length=300, blank=True)
    detail_code = models.CharField(max_length=40, blank=True, editable=False)
    detail_params = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def shown_detail(self) -> str:
        """The detail in the active language, or as written where it has no code."""
        return render(self.detail_code, self.detail_params, self.detail)
