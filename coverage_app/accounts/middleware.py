"""A second factor before the newsroom opens, for those the SECOND_FACTOR_REQUIRED setting names."""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from coverage_app.roles import EDITORS

# Only the doors to newsroom powers are closed; the pages that set a second factor up stay open.
GUARDED = ("/newsroom/", "/admin/")
OPEN = ("/newsroom/login/", "/newsroom/logout/")
STRONG = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)  # recovery codes back one up, never replace it


def needs_second_factor(user: object) -> bool:
    """Whether the setting requires this user to have a second factor (not whether they have one)."""
    rule = settings.SECOND_FACTOR_REQUIRED
    if rule == "everyone":
        return True
    if rule == "editors":
        return bool(user.is_staff or user.is_superuser or user.groups.filter(name=EDITORS).exists())
    return False


def has_second_factor(user: object) -> bool:
    return Authenticator.objects.filter(user=user, type__in=STRONG).exists()


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        user = getattr(request, "user", None)
        if (
            settings.SECOND_FACTOR_REQUIRED != "none"
            and path.startswith(GUARDED)
            and not path.startswith(OPEN)
            and user is not None
            and user.is_authenticated
            and needs_second_factor(user)
            and not has_second_factor(user)
        ):
            messages.warning(
                request,
                _(
                    "Your role needs a second factor: add a passkey or an authenticator app before you use the newsroom."
                ),
            )
            return redirect("mfa_index")
        return self.get_response(request)
