from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the site: live reader counts shared between processes, backups."""

    name = "coverage_app.ops"
    label = "ops"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Operations")
