from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoverageConfig(AppConfig):
    """Events, their posts and media, the change log readers resume from, and the desk's trail."""

    name = "coverage_app"
    verbose_name = _("Coverage")
    default_auto_field = "django.db.models.BigAutoField"
