"""API tokens: issue one, and decide whether a request's token may act (docs/api.md).

A token is shown once and only its hash is kept. It ends (`expires_at`), it reads or also writes
(`scope`), and it may be tied to one event. The check answers 401 when the token is not a valid
credential (missing, unknown, revoked, expired, its user deactivated) and 403 when it is valid but
may not do this (a read token writing, a token for another event).

What an operator auditing tokens reads (docs/api.md): `last_used_at` is the last request made with
the token while it was a valid credential, whatever the answer, so a stolen token shows as used even
when everything it tried was refused; `last_refused_at` and `last_refusal` are the last request
made with it that was refused for who or what it is (401, 403): expired, its account deactivated, a
read-only token writing, another event, a move the user's role may not make.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from coverage_app import recorded
from coverage_app.models import ApiToken, Event

DEFAULT_LIFETIME = timedelta(days=90)
MAX_LIFETIME = timedelta(days=366)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# last_used_at is written at most this often per token, so a busy bot does not write on every call.
LAST_USE_RESOLUTION = timedelta(seconds=60)


class TokenRefused(Exception):
    """The request's token may not act: `status` is 401 (not a credential) or 403 (not allowed).
    `message` is said in the active language (the API's is English); `reason` is what is recorded."""

    def __init__(self, status: int, reason: recorded.Said, token: ApiToken | None = None) -> None:
        super().__init__(str(reason))
        # The token, when the refusal is about a token we know: its refusal is recorded on it.
        self.status, self.message, self.reason, self.token = status, str(reason), reason, token


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(
    *,
    user: Any,
    name: str,
    scope: str = ApiToken.Scope.WRITE,
    lifetime: timedelta = DEFAULT_LIFETIME,
    event: Event | None = None,
) -> str:
    """Create a token for `user` and return it; only its hash is kept, so it is shown once."""
    if scope not in ApiToken.Scope.values:
        raise ValueError(f"scope must be one of {', '.join(ApiToken.Scope.values)}")
    if not timedelta(0) < lifetime <= MAX_LIFETIME:
        raise ValueError("a token lives for more than no time and at most a year")
    token = f"lb_{secrets.token_urlsafe(32)}"
    ApiToken.objects.create(
        user=user,
        name=name,
        key_hash=hash_token(token),
        scope=scope,
        expires_at=timezone.now() + lifetime,
        event=event,
    )
    return token


def token_from(request: HttpRequest) -> ApiToken:
    """The request's valid token, or TokenRefused(401). Records its use."""
    scheme, _, raw = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        raise TokenRefused(401, recorded.said("token_missing"))
    token = ApiToken.objects.select_related("user", "event").filter(key_hash=hash_token(raw.strip())).first()
    if token is None:
        raise TokenRefused(401, recorded.said("token_unknown"))
    now = timezone.now()
    if token.expires_at is not None and token.expires_at <= now:
        expired = token.expires_at.astimezone(UTC)
        raise TokenRefused(401, recorded.said("token_expired", date=f"{expired:%Y-%m-%d %H:%M}"), token)
    if not token.user.is_active:
        raise TokenRefused(401, recorded.said("token_inactive"), token)
    # Recorded before anything is allowed or refused: a refused request is still a use of the token.
    if token.last_used_at is None or now - token.last_used_at >= LAST_USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def record_refusal(token: ApiToken, reason: recorded.Said) -> None:
    """Keep the last refused request made with `token` (when, and the answer's reason: in English,
    and as a code its readers see in their own language)."""
    now = timezone.now()
    if token.last_refused_at is None or now - token.last_refused_at >= LAST_USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(
            last_refused_at=now,
            last_refusal=reason.english[:200],
            last_refusal_code=reason.code,
            last_refusal_params=reason.params,
        )
        token.last_refused_at = now


def authenticate_token(request: HttpRequest) -> Any:
    """The user a request's token acts as; refuses writes by a read-only token (403).
    The token itself is left on `request.api_token` for the event check."""
    token = token_from(request)
    if request.method not in SAFE_METHODS and token.scope != ApiToken.Scope.WRITE:
        raise TokenRefused(403, recorded.said("token_read_only"), token)
    request.api_token = token
    return token.user


def require_event(request: HttpRequest, event_id: int) -> None:
    """A token tied to one event may not act on another (403)."""
    token = getattr(request, "api_token", None)
    if token is not None and token.event_id is not None and token.event_id != event_id:
        raise TokenRefused(403, recorded.said("token_other_event", slug=token.event.slug), token)
