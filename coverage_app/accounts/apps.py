from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Newsroom accounts: sign-in lock, second factors, invitations, people and their audit trail."""

    name = "coverage_app.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("People and accounts")

    def ready(self) -> None:
        from coverage_app.accounts import totp

        totp.install()
