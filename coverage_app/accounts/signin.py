"""The sign-in lock's view of a sign-in attempt (django-axes reads these through settings)."""

from __future__ import annotations

import unicodedata
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def normalise_username(value: str) -> str:
    """One spelling per name: fullwidth 'EDITOR' (U+FF25 ...), 'Editor ' and 'editor' are the same
    account to the lock, so fullwidth or case variants cannot buy an attacker a fresh set of guesses."""
    return unicodedata.normalize("NFKC", value).casefold().strip()


def username_for_lock(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str:
    # allauth's form posts `login` and authenticates with `username`; Django's posts `username`.
    raw = ""
    if credentials:
        raw = credentials.get("username") or credentials.get("login") or credentials.get("email") or ""
    if not raw and request is not None and request.method == "POST":
        raw = request.POST.get("login") or request.POST.get("username") or ""
    name = normalise_username(str(raw))
    if "@" in name:
        # An account's address and its username are one lock, or each would buy its own guesses.
        from django.contrib.auth import get_user_model

        username = get_user_model().objects.filter(email__iexact=name).values_list("username", flat=True).first()
        name = normalise_username(username) if username else name
    return name


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict[str, Any] | None
) -> HttpResponse:
    """What a locked pair (this username from this address) sees: the same sign-in page, with the reason.
    The lock is per username and address, so the account's owner elsewhere is not affected."""
    from django.conf import settings

    from coverage_app.accounts.forms import LoginForm

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"form": LoginForm(request=request), "locked": True, "lock_minutes": minutes}
    return render(request, "account/login.html", context, status=429)
