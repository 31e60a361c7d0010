"""How allauth behaves here: nobody signs up on their own (editors invite), and second factors
are named after the site."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.http import HttpRequest

# Signing in and out needs no announcement; left in the queue, it would pop up later on a desk.
QUIET = frozenset({"account/messages/logged_in.txt", "account/messages/logged_out.txt"})


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # A newsroom account is given, never taken: an editor's invitation is the only way in.
        return False

    def add_message(
        self, request: HttpRequest, level: int, message_template: str | None = None, *args: Any, **kwargs: Any
    ) -> None:
        if message_template in QUIET:
            return
        super().add_message(request, level, message_template, *args, **kwargs)


class MFAAdapter(DefaultMFAAdapter):
    def get_totp_issuer(self) -> str:
        return settings.SITE_NAME

    def _get_site_name(self) -> str:
        return settings.SITE_NAME
