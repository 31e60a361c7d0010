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
    return normalise_username(str(raw))


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict[str, Any] | None
) -> HttpResponse:
    """What a locked pair (this username from this address) sees: the same sign-in page, with the reason.
    The lock is per username and address, so the account's owner elsewhere is not affected."""
    from coverage_app.accounts.forms import LoginForm

    form = LoginForm(request=request)
    form.locked = True
    return render(request, "account/login.html", {"form": form, "locked": True}, status=429)
