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
from django.core.management import call_command

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
