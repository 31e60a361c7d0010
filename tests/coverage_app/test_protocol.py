from __future__ import annotations

import os
import subprocess
import sys

from coverage_app.protocol import since_param
from tests.servers import ROOT

SOCKET_MODULES = ("coverage_app.consumers", "coverage_app.hub", "channels.consumer", "channels.generic.websocket")


def test_the_http_side_imports_no_socket_code():
    # A fresh interpreter: in the test process the consumer tests have long imported the hub.
    probe = (
        "import sys, django; django.setup(); import liveblog.urls, coverage_app.views, coverage_app.api; "
        f"print(sorted(set({SOCKET_MODULES!r}) & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env=os.environ
        | {"DJANGO_SETTINGS_MODULE": "liveblog.settings", "SECRET_KEY": "test-" + "k" * 60, "DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_malformed_since_reads_as_zero():
    assert [since_param(query) for query in (b"since=12", b"since=-3", b"since=x", b"", b"since=")] == [12, 0, 0, 0, 0]
