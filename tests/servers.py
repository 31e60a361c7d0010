"""Real server processes for tests: the app under uvicorn, as `manage.py demo` serves it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import process_env

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """An ASGI server process of the app on a port of its own, restartable to cut every socket."""

    def __init__(self, *, proxy: bool = False, **env: str) -> None:
        self.proxy = proxy
        self.port = free_port()
        self.env = env
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.stderr = None  # a file to capture the server's log in, if a test wants to read it

    def start(self) -> None:
        # The same command the Docker image runs.
        command = [sys.executable, "manage.py", "serve", "--port", str(self.port), *(["--proxy"] if self.proxy else [])]
        env = process_env(
            **(
                {
                    "ALLOWED_HOSTS": "127.0.0.1,localhost",
                    "LIVE_HEARTBEAT_SECONDS": "1",
                    # Every test client is 127.0.0.1: the per-address cap is tested on its own.
                    "LIVE_MAX_SOCKETS_PER_CLIENT": "100000",
                    # No reader-count reports unless a test asks: rows written during a flush only slow it.
                    "READER_COUNT_SECONDS": "0",
                }
                | self.env
            )
        )
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stderr=self.stderr)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The ASGI server exited with {self.process.returncode}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)  # polling a port that has no event to await
        raise RuntimeError("The ASGI server did not start within 30 s")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
