"""API tokens: issue one, and decide whether a request's token may act (docs/api.md).

A token is shown once and only its hash is kept. It ends (`expires_at`), it reads or also writes
(`scope`), and it may be tied to one event. The check answers 401 when the token is not a valid
credential (missing, unknown, revoked, expired, its user deactivated) and 403 when it is valid but
may not do this (a read token writing, a token for another event).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from coverage_app.models import ApiToken, Event

DEFAULT_LIFETIME = timedelta(days=90)
MAX_LIFETIME = timedelta(days=366)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# last_used_at is written at most this often per token, so a busy bot does not write on every call.
LAST_USE_RESOLUTION = timedelta(seconds=60)


class TokenRefused(Exception):
    """The request's token may not act: `status` is 401 (not a credential) or 403 (not allowed)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


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
        raise TokenRefused(401, "Send your API token as 'Authorization: Bearer <token>'.")
    token = ApiToken.objects.select_related("user", "event").filter(key_hash=hash_token(raw.strip())).first()
    if token is None:
        raise TokenRefused(401, "That API token is not valid (revoked, or mistyped).")
    now = timezone.now()
    if token.expires_at is not None and token.expires_at <= now:
        raise TokenRefused(
            401, f"That API token expired on {token.expires_at:%Y-%m-%d %H:%M} UTC; ask an editor for a new one."
        )
    if not token.user.is_active:
        raise TokenRefused(401, "That API token's account is deactivated.")
    if token.last_used_at is None or now - token.last_used_at >= LAST_USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def authenticate_token(request: HttpRequest) -> Any:
    """The user a request's token acts as; refuses writes by a read-only token (403).
    The token itself is left on `request.api_token` for the event check."""
    token = token_from(request)
    if request.method not in SAFE_METHODS and token.scope != ApiToken.Scope.WRITE:
        raise TokenRefused(403, "This API token is read-only; writing needs a token with the write scope.")
    request.api_token = token
    return token.user


def require_event(request: HttpRequest, event_id: int) -> None:
    """A token tied to one event may not act on another (403)."""
    token = getattr(request, "api_token", None)
    if token is not None and token.event_id is not None and token.event_id != event_id:
        raise TokenRefused(403, f"This API token works only for the event {token.event.slug!r}.")
