"""What does a reader's first page load, and a catch-up, cost? Prints figures; asserts nothing.

    uv run python bench/page.py [--posts 1000] [--seconds 10] [--connections 50]

Makes an event with N posts, then loads each URL under concurrent load with `wrk` (Debian's
package: apt-get install wrk) against one `manage.py serve` process, and counts the SQL queries of
one request in-process. The catch-up is 500 missed changes through /api/live/<slug>/changes.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from fanout import bench_event, free_port, server_env, wait_for_port  # noqa: E402 - after the path is set


def wrk(url: str, seconds: int, connections: int, headers: dict[str, str] | None = None) -> dict[str, str]:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    figures = {"requests/s": re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)}
    for label in ("50%", "99%"):
        figures[f"p{label[:-1]}"] = re.search(rf"{re.escape(label)}\s+([\d.]+\w+)", out).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    figures["non-2xx"] = errors.group(1) if errors else "0"
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")

    author, event = bench_event(slug_prefix="bench-page", title="Page benchmark")
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from coverage_app import services
    from coverage_app.models import Event

    start = timezone.now() - timedelta(days=1)
    for index in range(args.posts):
        services.post_publish(
            event=event, author=author, title=f"Post {index}", body="<p>A paragraph of text, as a live post has.</p>",
            published_at=start + timedelta(minutes=index), is_key_event=index % 50 == 0,
        )  # fmt: skip
    event.refresh_from_db()
    page = f"/live/{event.slug}/"
    catch_up = f"/api/live/{event.slug}/changes?since={event.seq - 500}"

    client = Client(SERVER_NAME="127.0.0.1")
    rows = {}
    for name, path in (
        ("reader page", page),
        ("reader page, second request (cached by seq)", page),
        ("catch-up of 500 changes", catch_up),
    ):
        reset_queries()  # DEBUG keeps the last 9,000 queries; a full log would read as zero new ones
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        rows[name] = {
            "status": str(response.status_code),
            "in-process ms": f"{(time.perf_counter() - started) * 1000:.1f}",
            "SQL queries": str(len(queries)),
            "bytes": str(len(response.content)),
        }

    port = free_port()
    env = server_env()
    server = subprocess.Popen([sys.executable, "manage.py", "serve", "--port", str(port)], cwd=ROOT, env=env)
    try:
        wait_for_port(port, server)
        base = f"http://127.0.0.1:{port}"
        etag = client.get(page)["ETag"]
        rows["reader page"] |= wrk(base + page, args.seconds, args.connections)
        rows["reader page, revalidated (304)"] = wrk(
            base + page, args.seconds, args.connections, {"If-None-Match": etag}
        )
        rows["catch-up of 500 changes"] |= wrk(base + catch_up, args.seconds, args.connections)
    finally:
        server.terminate()
        server.wait()
        Event.objects.filter(pk=event.pk).delete()

    print(
        f"\n{args.posts} posts, {args.connections} connections for {args.seconds} s, {os.cpu_count()} cores, one server process\n"
    )
    for name, figures in rows.items():
        print(name)
        for key, value in figures.items():
            print(f"  {key:16} {value}")


if __name__ == "__main__":
    main()
