"""Authenticator-app codes are single-use across every worker process.

allauth marks a used TOTP code in Django's cache; without Redis that cache is per process, so a
code read over someone's shoulder could be replayed on another worker within its 30 s. Here the
mark is a database row (unique per user and code) as well, kept for as long as allauth's own.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

from allauth.mfa import app_settings
from allauth.mfa.totp.internal import auth
from django.db import IntegrityError, transaction
from django.utils import timezone

_allauths_mark = auth.TOTP._mark_code_used


def _mark_code_used(self: Any, code: str) -> bool:
    from coverage_app.accounts.models import UsedTotpCode

    if not _allauths_mark(self, code):  # this process saw it already
        return False
    now = timezone.now()
    window = timedelta(seconds=app_settings.TOTP_PERIOD * (2 * app_settings.TOTP_TOLERANCE + 1))
    digest = hashlib.sha256(f"{self.instance.user_id}:{code.strip()}".encode()).hexdigest()
    UsedTotpCode.objects.filter(user_id=self.instance.user_id, expires_at__lte=now).delete()
    try:
        with transaction.atomic():
            UsedTotpCode.objects.create(user_id=self.instance.user_id, code_hash=digest, expires_at=now + window)
    except IntegrityError:
        return False  # another worker took it first
    return True


def install() -> None:
    auth.TOTP._mark_code_used = _mark_code_used
