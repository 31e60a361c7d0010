from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.backends.postgresql import base

from liveblog import embedded


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self) -> dict[str, Any]:
        params = super().get_connection_params()
        # Resolved at connect time, not in settings: importing manage.py must not start a server.
        params["host"] = str(embedded.ensure_running(Path(settings.EMBEDDED_POSTGRES_DIR)))
        params.setdefault("application_name", embedded.APPLICATION_NAME)
        return params
