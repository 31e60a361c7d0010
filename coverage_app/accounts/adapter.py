"""How allauth behaves here: nobody signs up on their own (editors invite), and second factors
are named after the site."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # A newsroom account is given, never taken: an editor's invitation is the only way in.
        return False


class MFAAdapter(DefaultMFAAdapter):
    def get_totp_issuer(self) -> str:
        return settings.SITE_NAME

    def _get_site_name(self) -> str:
        return settings.SITE_NAME
