"""Static files with content-hashed names, collected on demand.

`manage.py serve`, `manage.py demo` and the test run call `ensure_collected()`, so a fresh clone (and
CI) needs no separate `collectstatic` step; the Docker image collects at build time, which makes
this a no-op there.
"""

from __future__ import annotations

import fcntl
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from django.core.exceptions import SuspiciousFileOperation
from django.core.management import call_command
from django.http import Http404, HttpRequest, HttpResponseBase

MANIFEST = "staticfiles.json"


def _newest_source() -> float:
    newest = 0.0
    for finder in get_finders():
        for path, storage in finder.list([]):
            newest = max(newest, Path(storage.path(path)).stat().st_mtime)
    return newest


def is_fresh() -> bool:
    manifest = Path(settings.STATIC_ROOT) / MANIFEST
    return manifest.exists() and manifest.stat().st_mtime >= _newest_source()


def ensure_collected() -> None:
    if is_fresh():
        return
    root = Path(settings.STATIC_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    # Several server processes may start at once on one folder: one collects, the others wait.
    with (root / ".collect.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not is_fresh():
            call_command("collectstatic", interactive=False, verbosity=0)


class DevStaticFiles(ASGIStaticFilesHandler):
    """Developer mode's static files from their sources (DEBUG on), as Django serves them, but a name
    that climbs out of the static folders (`/static/%2e%2e/settings.py`; Django decodes the path a
    second time, so `%252e%252e` too) is a 404 like any missing file. Django's handler lets the
    finders' SuspiciousFileOperation escape, which the server answers with a 500."""

    def serve(self, request: HttpRequest) -> HttpResponseBase:
        try:
            return super().serve(request)
        except SuspiciousFileOperation as error:
            raise Http404("No such file.") from error
