"""How fast does one post reach every open reader page? Prints figures; asserts nothing.

    uv run python bench/fanout.py --readers 3000 --posts 10 [--workers 2] [--bus redis]

It opens N reader WebSockets from a client process of its own, publishes M posts through the
services (recording each commit time inside this process), and prints readers held, frames lost,
commit-to-receipt latency (p50 / p95 / p99 / max) and server memory per idle reader. In the same
run it measures the floor: a bare `websockets` broadcast server (no framework, no database) with the
same client, so the figure to compare across machines is the ratio of the two.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HANDSHAKES_AT_ONCE = 100


# ---- the client: its own process, so it does not share a core's event loop with the publisher ----


async def _reader(
    url: str, origin: str, expected: int, received: list[list[float]], ready: asyncio.Semaphore, opened: list[int]
) -> None:
    from websockets.asyncio.client import connect

    async with ready:
        socket = await connect(url, origin=origin, max_queue=None, open_timeout=60, ping_interval=None)
    opened[0] += 1
    times: list[float] = []
    received.append(times)
    try:
        async for message in socket:
            # Only logged frames carry a seq; hello and heartbeats do not. No JSON parse on the hot path.
            if '"seq"' in message or message.startswith('{"t"'):
                times.append(time.time())
                if len(times) >= expected:
                    break
    finally:
        await socket.close()


def client_process(
    url: str,
    origin: str,
    readers: int,
    expected: int,
    connected: multiprocessing.Event,
    done_queue: multiprocessing.Queue,
) -> None:
    async def main() -> None:
        received: list[list[float]] = []
        opened = [0]
        ready = asyncio.Semaphore(HANDSHAKES_AT_ONCE)
        tasks = [asyncio.create_task(_reader(url, origin, expected, received, ready, opened)) for _ in range(readers)]
        while opened[0] < readers and not all(task.done() for task in tasks):
            await asyncio.sleep(0.05)
        connected.set()
        finished, pending = await asyncio.wait(tasks, timeout=120)
        for task in pending:
            task.cancel()
        failed = sum(1 for task in finished if task.exception() is not None)
        done_queue.put({"opened": opened[0], "failed": failed, "received": received})

    asyncio.run(main())


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def summarise(
    name: str, publish_times: list[float], result: dict, readers: int, memory_per_reader: float | None
) -> dict:
    latencies, to_last = [], []
    for index, sent in enumerate(publish_times):
        arrivals = [times[index] for times in result["received"] if len(times) > index]
        latencies += [arrival - sent for arrival in arrivals]
        if arrivals:
            to_last.append(max(arrivals) - sent)
    expected = readers * len(publish_times)
    got = sum(min(len(times), len(publish_times)) for times in result["received"])
    row = {
        "server": name,
        "readers held": result["opened"] - result["failed"],
        "frames lost": expected - got,
        "p50 ms": statistics.median(latencies) * 1000 if latencies else float("nan"),
        "p95 ms": percentile(latencies, 95) * 1000 if latencies else float("nan"),
        "p99 ms": percentile(latencies, 99) * 1000 if latencies else float("nan"),
        "max ms": max(latencies) * 1000 if latencies else float("nan"),
        "to last reader ms (mean)": statistics.mean(to_last) * 1000 if to_last else float("nan"),
        "KiB per idle reader": memory_per_reader,
    }
    return row


def rss(pid: int) -> int:
    import psutil

    process = psutil.Process(pid)
    return process.memory_info().rss + sum(child.memory_info().rss for child in process.children(recursive=True))


def wait_for_port(port: int, process: subprocess.Popen) -> None:
    import socket

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server on {port} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"server on {port} did not start")


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_clients(urls: list[tuple[str, str]], readers: int, expected: int) -> tuple[list, list, list]:
    """Start one client process per server URL (readers split between them)."""
    processes, events, queues = [], [], []
    for index, (url, origin) in enumerate(urls):
        share = readers // len(urls) + (1 if index < readers % len(urls) else 0)
        connected, done = multiprocessing.Event(), multiprocessing.Queue()
        process = multiprocessing.Process(target=client_process, args=(url, origin, share, expected, connected, done))
        process.start()
        processes.append(process)
        events.append(connected)
        queues.append(done)
    for connected in events:
        connected.wait(timeout=300)
    return processes, events, queues


def collect(processes: list, queues: list) -> dict:
    merged = {"opened": 0, "failed": 0, "received": []}
    for process, done in zip(processes, queues, strict=True):
        part = done.get(timeout=300)
        process.join(timeout=30)
        merged["opened"] += part["opened"]
        merged["failed"] += part["failed"]
        merged["received"] += part["received"]
    return merged


# ---- the floor: a bare websockets broadcast server ----------------------------------------------


def measure_floor(readers: int, posts: int, interval: float) -> dict:
    port = free_port()
    server = subprocess.Popen([sys.executable, str(ROOT / "bench" / "floor_server.py"), str(port)])
    try:
        wait_for_port(port, server)
        idle = rss(server.pid)
        processes, _, queues = run_clients([(f"ws://127.0.0.1:{port}/", f"http://127.0.0.1:{port}")], readers, posts)
        memory = (rss(server.pid) - idle) / 1024 / readers

        async def trigger() -> list[float]:
            from websockets.asyncio.client import connect

            sent = []
            async with connect(f"ws://127.0.0.1:{port}/publish") as publisher:
                for index in range(posts):
                    sent.append(time.time())
                    await publisher.send(json.dumps({"t": sent[-1], "seq": index + 1}))
                    await asyncio.sleep(interval)
            return sent

        sent = asyncio.run(trigger())
        return summarise("bare websockets (floor)", sent, collect(processes, queues), readers, memory)
    finally:
        server.terminate()
        server.wait()


# ---- the app ------------------------------------------------------------------------------------


def database_url() -> str:
    from django.db import connection

    params = connection.get_connection_params()
    host = quote(params.get("host") or "127.0.0.1", safe="")
    password = f":{quote(params['password'], safe='')}" if params.get("password") else ""
    port = f":{params['port']}" if params.get("port") else ""
    return f"postgresql://{params.get('user', 'postgres')}{password}@{host}{port}/{params['dbname']}"


# The production command (uvicorn through `manage.py serve`), and the alternatives it was chosen over.
SERVER_COMMANDS = {
    "uvicorn": lambda port: [sys.executable, "manage.py", "serve", "--port", str(port)],
    "uvicorn-sansio": lambda port: [
        sys.executable,
        "-m",
        "uvicorn",
        "liveblog.asgi:application",
        "--port",
        str(port),
        "--lifespan",
        "off",
        "--ws",
        "websockets-sansio",
        "--log-level",
        "warning",
    ],
    "daphne": lambda port: [sys.executable, "-m", "daphne", "-p", str(port), "-v", "0", "liveblog.asgi:application"],
    "granian": lambda port: [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "asgi",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "liveblog.asgi:application",
    ],
}


def bench_event(*, slug_prefix: str, title: str) -> tuple[object, object]:
    """Set Django up on the app's database (migrated) and make a bench author and an event of its own."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liveblog.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from coverage_app import services

    call_command("migrate", verbosity=0)
    author, _ = get_user_model().objects.get_or_create(username="bench", defaults={"is_superuser": True})
    event = services.event_create(slug=f"{slug_prefix}-{uuid.uuid4().hex[:8]}", title=title, by=None, actor="bench")
    return author, event


def server_env(**extra: str) -> dict[str, str]:
    """A server process on the same database, in production mode (DEBUG off) but over plain http."""
    return os.environ | {
        "DATABASE_URL": database_url(), "DEBUG": "0", "SECURE_SSL_REDIRECT": "0",
        "SECRET_KEY": "bench-" + "x" * 60, "ALLOWED_HOSTS": "127.0.0.1",
    } | extra  # fmt: skip


def measure_app(
    readers: int, posts: int, interval: float, workers: int, bus: str, server_name: str = "uvicorn"
) -> dict:
    # The publisher (this process) and the servers must share the bus.
    if bus == "redis":
        os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
    else:
        os.environ.pop("REDIS_URL", None)
    author, event = bench_event(slug_prefix="bench", title="Fan-out benchmark")
    from coverage_app import services
    from coverage_app.models import Event

    env = server_env(LIVE_HEARTBEAT_SECONDS="600")
    ports = [free_port() for _ in range(workers)]
    servers = [subprocess.Popen(SERVER_COMMANDS[server_name](port), cwd=ROOT, env=env) for port in ports]
    try:
        for port, server in zip(ports, servers, strict=True):
            wait_for_port(port, server)
        idle = sum(rss(server.pid) for server in servers)
        urls = [(f"ws://127.0.0.1:{port}/ws/live/{event.slug}/?since=0", f"http://127.0.0.1:{port}") for port in ports]
        processes, _, queues = run_clients(urls, readers, posts)
        memory = (sum(rss(server.pid) for server in servers) - idle) / 1024 / readers
        sent = []
        for index in range(posts):
            services.post_publish(
                event=event, author=author, title=f"Bench post {index}", body="<p>A paragraph of text.</p>"
            )
            sent.append(time.time())  # the commit has returned: the change is durable and signalled
            time.sleep(interval)
        name = f"liveblog on {server_name}, {workers} worker{'s' if workers > 1 else ''}, {bus} bus"
        return summarise(name, sent, collect(processes, queues), readers, memory)
    finally:
        for server in servers:
            server.terminate()
            server.wait()
        Event.objects.filter(pk=event.pk).delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--readers", type=int, default=2000)
    parser.add_argument("--posts", type=int, default=10)
    parser.add_argument("--interval", type=float, default=0.5, help="seconds between posts")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--bus", choices=("postgres", "redis"), default="postgres")
    parser.add_argument("--server", choices=sorted(SERVER_COMMANDS), default="uvicorn")
    parser.add_argument("--skip-floor", action="store_true")
    args = parser.parse_args()

    rows = []
    if not args.skip_floor:
        rows.append(measure_floor(args.readers, args.posts, args.interval))
    rows.append(measure_app(args.readers, args.posts, args.interval, args.workers, args.bus, args.server))
    print(f"\n{args.readers} readers, {args.posts} posts, {os.cpu_count()} cores\n")
    for row in rows:
        print(row["server"])
        for key, value in row.items():
            if key != "server":
                print(f"  {key:28} {value:.1f}" if isinstance(value, float) else f"  {key:28} {value}")
    if len(rows) == 2:
        floor, app = rows
        print(
            f"\nratio to the floor (mean time to the last reader): {app['to last reader ms (mean)'] / floor['to last reader ms (mean)']:.2f}x"
        )


if __name__ == "__main__":
    main()
