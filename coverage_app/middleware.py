"""Which language a response speaks. The newsroom and the admin follow the signed-in user (their
profile's language, else the browser's Accept-Language); the reader side never reads either, so a
page stays the same bytes for every reader and speaks its event's language (languages.event_locale)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from coverage_app.models import Profile

# /accounts/: allauth's pages (password reset, second factors, sessions) are the newsroom's too.
USER_LANGUAGE_PREFIXES = ("/newsroom/", "/admin/", "/accounts/")


class NewsroomLocaleMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(USER_LANGUAGE_PREFIXES):
            with translation.override(settings.LANGUAGE_CODE):
                return self.get_response(request)
        language = user_language(request)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", language)
        return response


def user_language(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        chosen = Profile.objects.filter(user=user).values_list("language", flat=True).first()
        if chosen:
            return chosen
    return translation.get_language_from_request(request, check_path=False)
