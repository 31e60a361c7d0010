"""Every speed goal of docs/scaling.md, measured against its floor in the same run. Asserts nothing.

    uv run python bench/run.py [--readers 3000] [--clients 3] [--posts 10] [--workers 1,2,4]
                               [--bus postgres,redis] [--seconds 10] [--skip-page] [--skip-sockets]

The machine is shared and small, so absolute figures drift from run to run; the ratios between
servers measured minutes apart in one run are what to compare. It prints one table of ratios:

- **page**: the cached first page under `wrk -c50` (req/s and p99), its 304 revalidation and the
  changes API a polling reader asks, against a bare ASGI app on the same uvicorn serving the same
  bytes (bench/floor_asgi.py); and the same through deploy/nginx.conf on Debian's nginx.
- **sockets**: N readers opened as fast as the clients can (connects/s; the readers split over
  several client processes), memory per idle reader (RSS, and tracemalloc in a pass of its own),
  server CPU per delivered frame (from /proc) and time to the last reader, for the app on 1, 2 and
  4 worker processes on the Postgres bus and on Redis; against a bare `websockets` broadcast server
  (bench/floor_server.py) and a frame-once raw asyncio server (bench/frame_once_server.py).

Each client process reports its own CPU; a phase in which a client was over 80 % busy is flagged,
because then the figure measures the client rather than the server.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import multiprocessing
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from fanout import bench_event, free_port, server_env, wait_for_port  # noqa: E402 - after the path is set

HANDSHAKES_AT_ONCE = 200  # per client process: a crowd, not a queue
CLIENT_BUSY = 0.8
TICK = os.sysconf("SC_CLK_TCK")
GOALS = {
    "page req/s": ">= 0.25x bare ASGI",
    "page p99": "< 50 ms",
    "connects/s": ">= 0.5x bare websockets (storm <= 2x)",
    "KiB/reader": "<= 15 KiB",
    "CPU/frame": "<= 1.5x frame-once",
}


# ---- a lean WebSocket client: so that one client core can hold thousands of readers ---------------


class Reader(asyncio.Protocol):
    """Just enough RFC 6455 for a reader: handshake, text frames, pongs. Counts logged frames."""

    def __init__(self, request: bytes, opened: asyncio.Future, state: ClientState) -> None:
        self.request, self.opened, self.state = request, opened, state
        self.buffer = bytearray()
        self.handshaken = False
        self.times: list[float] = []
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        transport.write(self.request)  # type: ignore[attr-defined]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if not self.handshaken:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            status = bytes(self.buffer[:end].split(b"\r\n", 1)[0])
            del self.buffer[: end + 4]
            if b" 101 " not in status:
                self.opened.set_exception(ConnectionError(status.decode(errors="replace")))
                self.transport.close()
                return
            self.handshaken = True
            self.opened.set_result(None)
        buffer = self.buffer
        while len(buffer) >= 2:
            size, offset = buffer[1] & 0x7F, 2
            if size == 126:
                if len(buffer) < 4:
                    return
                size, offset = int.from_bytes(buffer[2:4]), 4
            elif size == 127:
                if len(buffer) < 10:
                    return
                size, offset = int.from_bytes(buffer[2:10]), 10
            if len(buffer) < offset + size:
                return
            opcode = buffer[0] & 0x0F
            payload = bytes(buffer[offset : offset + size])
            del buffer[: offset + size]
            if opcode == 0x1 and b'"seq"' in payload:  # logged frames; hello and heartbeats have none
                self.times.append(time.time())
                if len(self.times) == self.state.expected:
                    self.state.complete += 1
                    if self.state.complete == self.state.readers:
                        self.state.all_done.set()
            elif opcode == 0x9 and size < 126:  # answer pings (masked, with a zero key)
                self.transport.write(bytes([0x8A, 0x80 | size, 0, 0, 0, 0]) + payload)
            elif opcode == 0x8:
                self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.opened.done():
            self.opened.set_exception(exc or ConnectionError("closed before the handshake"))
        elif len(self.times) < self.state.expected:  # closed by the server: it will never complete
            self.state.lost += 1
            if self.state.complete + self.state.lost >= self.state.readers:
                self.state.all_done.set()


@dataclass
class ClientState:
    readers: int
    expected: int
    complete: int = 0
    lost: int = 0
    all_done: asyncio.Event = field(default_factory=asyncio.Event)


def client_process(
    index: int, targets: list[tuple[int, str]], readers: int, expected: int, go, release, results
) -> None:
    async def main() -> None:
        state = ClientState(readers=readers, expected=expected)
        loop = asyncio.get_running_loop()
        gate = asyncio.Semaphore(HANDSHAKES_AT_ONCE)
        protocols: list[Reader] = []
        failed = 0

        async def open_one(n: int) -> None:
            nonlocal failed
            port, path = targets[n % len(targets)]
            request = (
                f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                f"Origin: http://127.0.0.1:{port}\r\n\r\n"
            ).encode()
            async with gate:
                opened = loop.create_future()
                try:
                    _, protocol = await loop.create_connection(
                        lambda: Reader(request, opened, state), "127.0.0.1", port
                    )
                    await asyncio.wait_for(opened, 60)
                    protocols.append(protocol)
                except (OSError, TimeoutError, ConnectionError):
                    failed += 1

        await loop.run_in_executor(None, go.wait)
        wall, cpu = time.time(), time.process_time()
        await asyncio.gather(*(open_one(n) for n in range(readers)))
        opened_at, connect_cpu = time.time(), time.process_time() - cpu
        results.put(("open", index, {"start": wall, "end": opened_at, "cpu": connect_cpu, "failed": failed}))
        state.readers = len(protocols)
        wall, cpu = time.time(), time.process_time()
        if expected:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(state.all_done.wait(), 60)
        delivery = {"wall": time.time() - wall, "cpu": time.process_time() - cpu}
        times = [protocol.times for protocol in protocols]
        results.put(("done", index, {"times": times, **delivery}))
        # Held until the server has been measured: a memory pass (no posts) must not measure
        # readers that have already gone.
        await loop.run_in_executor(None, release.wait)
        for protocol in protocols:
            protocol.transport.close()

    try:
        import uvloop

        uvloop.run(main())
    except ImportError:
        asyncio.run(main())


# ---- processes ------------------------------------------------------------------------------------


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICK


def rss_bytes(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
    return total


def start(commands: list[list[str]], ports: list[int], env: dict[str, str]) -> list[subprocess.Popen]:
    servers = [subprocess.Popen(command, cwd=ROOT, env=env) for command in commands]
    for port, server in zip(ports, servers, strict=True):
        wait_for_port(port, server)
    return servers


def stop(servers: list[subprocess.Popen]) -> None:
    for server in servers:
        server.terminate()
    for server in servers:
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def traced(pid: int, out: Path) -> int:
    out.unlink(missing_ok=True)
    os.kill(pid, signal.SIGUSR1)
    deadline = time.monotonic() + 30
    while not out.exists() or not out.read_text():
        if time.monotonic() > deadline:
            raise RuntimeError("the traced server did not answer SIGUSR1")
        time.sleep(0.05)  # polling a file another process writes
    return json.loads(out.read_text())


# ---- one socket scenario ----------------------------------------------------------------------------


@dataclass
class Scenario:
    name: str
    commands: list[list[str]]
    ports: list[int]
    path: str
    env: dict[str, str]
    publish: object  # callable(index) -> None, run in this process
    trace_out: Path | None = None


def run_sockets(scenario: Scenario, *, readers: int, clients: int, posts: int, interval: float) -> dict:
    # Spawned, not forked: a forked child would close this process's database connection on exit.
    context = multiprocessing.get_context("spawn")
    go, release, results = context.Event(), context.Event(), context.Queue()
    servers = start(scenario.commands, scenario.ports, scenario.env)
    pids = [server.pid for server in servers]
    try:
        time.sleep(0.5)
        idle_rss = rss_bytes(pids)
        idle_traced = traced(pids[0], scenario.trace_out)["traced"] if scenario.trace_out else None
        targets = [(port, scenario.path) for port in scenario.ports]
        shares = [readers // clients + (1 if i < readers % clients else 0) for i in range(clients)]
        processes = [
            context.Process(target=client_process, args=(i, targets, share, posts, go, release, results))
            for i, share in enumerate(shares)
        ]
        for process in processes:
            process.start()
        time.sleep(0.5)
        cpu_before = cpu_seconds(pids)
        go.set()
        messages = {"open": [], "done": []}

        def collect(kind: str) -> list[dict]:
            while len(messages[kind]) < len(processes):
                got, _, figures = results.get(timeout=300)
                messages[got].append(figures)
            return messages[kind]

        opens = collect("open")
        storm_cpu = cpu_seconds(pids) - cpu_before
        storm = max(o["end"] for o in opens) - min(o["start"] for o in opens)
        failed = sum(o["failed"] for o in opens)
        time.sleep(1.0)  # let the last handshakes' garbage go
        row = {
            "server": scenario.name,
            "readers": readers - failed,
            "storm s": storm,
            "connects/s": (readers - failed) / storm,
            "server CPU ms/connect": storm_cpu * 1000 / max(1, readers - failed),
            "KiB/reader (RSS)": (rss_bytes(pids) - idle_rss) / 1024 / max(1, readers - failed),
            "client busy (connect)": max(o["cpu"] / max(1e-9, o["end"] - o["start"]) for o in opens),
        }
        if scenario.trace_out:
            report = traced(pids[0], scenario.trace_out)
            row["KiB/reader (tracemalloc)"] = (report["traced"] - idle_traced) / 1024 / max(1, readers - failed)
            row["top"] = report["top"]
        if posts:
            # Idle CPU (pings, timers) over a second, subtracted from the delivery's.
            idle_start = cpu_seconds(pids)
            time.sleep(1.0)
            idle_rate = cpu_seconds(pids) - idle_start
            cpu_before, wall_before = cpu_seconds(pids), time.monotonic()
            sent = []
            for index in range(posts):
                sent.append(time.time())
                scenario.publish(index)
                time.sleep(interval)
        dones = collect("done")
        if posts:
            delivery_cpu = cpu_seconds(pids) - cpu_before - idle_rate * (time.monotonic() - wall_before)
            times = [t for d in dones for t in d["times"]]
            got = sum(min(len(t), posts) for t in times)
            to_last = [
                max(t[i] for t in times if len(t) > i) - sent[i] for i in range(posts) if any(len(t) > i for t in times)
            ]
            row |= {
                "frames lost": len(times) * posts - got,
                "CPU µs/frame": delivery_cpu * 1e6 / max(1, got),
                "to last reader ms": statistics.mean(to_last) * 1000 if to_last else float("nan"),
                "client busy (delivery)": max(d["cpu"] / max(1e-9, d["wall"]) for d in dones),
            }
        release.set()
        for process in processes:
            process.join(timeout=30)
        return row
    finally:
        release.set()
        stop(servers)


# ---- page -------------------------------------------------------------------------------------------


def wrk(url: str, seconds: int, connections: int, headers: dict[str, str] | None = None) -> dict:
    import urllib.error
    import urllib.request

    # Warm: the first request fills the caches (and nginx's lock holds the others ~0.5 s meanwhile).
    with contextlib.suppress(urllib.error.HTTPError):  # a 304 is an "error" to urllib
        urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=30).read()
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "req/s": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p99 ms": float(p99.group(1)) * scale,
        "errors": int(errors.group(1)) if errors else 0,
    }


def run_page(args: argparse.Namespace, event, head: int) -> list[dict]:
    import urllib.request

    from django.conf import settings

    port = free_port()
    env = server_env(LIVE_HEARTBEAT_SECONDS="600", DATABASE_POOL_SIZE="8")
    servers = start([[sys.executable, "manage.py", "serve", "--port", str(port)]], [port], env)
    rows = []
    nginx = None
    try:
        base = f"http://127.0.0.1:{port}"
        page, changes = f"/live/{event.slug}/", f"/api/live/{event.slug}/changes?since={head}"
        with urllib.request.urlopen(base + page) as response:
            body, etag = response.read(), response.headers["ETag"]
        page_file = Path(tempfile.mkstemp(suffix=".html")[1])
        page_file.write_bytes(body)
        floor_port = free_port()
        floor = start([[sys.executable, "bench/floor_asgi.py", str(floor_port), str(page_file)]], [floor_port], env)
        try:
            floor_row = {"what": f"bare ASGI, same uvicorn, same {len(body) // 1024} KiB"} | wrk(
                f"http://127.0.0.1:{floor_port}/", args.seconds, 50
            )
        finally:
            stop(floor)
        rows.append(floor_row)
        rows.append({"what": "reader page (fast path)"} | wrk(base + page, args.seconds, 50))
        rows.append({"what": "reader page, 304"} | wrk(base + page, args.seconds, 50, {"If-None-Match": etag}))
        rows.append({"what": "changes API, since=head"} | wrk(base + changes, args.seconds, 50))
        rows.append({"what": "reader page, gzip"} | wrk(base + page, args.seconds, 50, {"Accept-Encoding": "gzip"}))
        from nginx import NGINX, Nginx

        if NGINX is not None:
            nginx = Nginx(
                upstreams=[port], static_root=Path(settings.STATIC_ROOT), media_root=Path(settings.MEDIA_ROOT)
            )
            nginx.start()
            rows.append({"what": "reader page via nginx micro-cache"} | wrk(nginx.url + page, args.seconds, 50))
            rows.append({"what": "changes API via nginx"} | wrk(nginx.url + changes, args.seconds, 50))
        else:
            print("nginx is not installed (apt-get install nginx): no figures through the proxy")
        page_file.unlink()
    finally:
        if nginx is not None:
            nginx.stop()
        stop(servers)
    for row in rows:
        row["x floor"] = row["req/s"] / floor_row["req/s"]
    return rows


# ---- the run ----------------------------------------------------------------------------------------


def redis_server() -> tuple[subprocess.Popen | None, str]:
    """A Redis of the bench's own: the machine's may carry other runs' traffic on the channel."""
    if shutil.which("redis-server") is None:
        return None, os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    wait_for_port(port, process)
    return process, f"redis://127.0.0.1:{port}/0"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--readers", type=int, default=3000)
    parser.add_argument("--memory-readers", type=int, default=1000, help="readers in the tracemalloc pass")
    parser.add_argument("--clients", type=int, default=3, help="client processes the readers are split over")
    parser.add_argument("--posts", type=int, default=10)
    parser.add_argument("--interval", type=float, default=0.3)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--bus", default="postgres,redis")
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per page figure")
    parser.add_argument("--skip-page", action="store_true")
    parser.add_argument("--skip-sockets", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so that the finally blocks stop the servers
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 4 * args.readers + 1000)), hard))

    redis_process, redis_url = redis_server()
    os.environ["REDIS_URL"] = redis_url  # set before Django reads its settings; cleared per bus below
    author, event = bench_event(slug_prefix="bench-run", title="Benchmark")
    from django.conf import settings

    from coverage_app import services
    from coverage_app.models import Change, Event

    settings.REDIS_URL = ""  # the publisher's bus is chosen per scenario
    page_rows, socket_rows = [], []
    try:
        for index in range(30):
            services.post_publish(
                event=event,
                author=author,
                title=f"Post {index}",
                body="<p>A paragraph of text, as a live post has.</p>",
            )
        event.refresh_from_db()
        frame_size = len(Change.objects.filter(event=event).latest("seq").frame)
        if not args.skip_page:
            if shutil.which("wrk") is None:
                print("wrk is not installed (apt-get install wrk): no page figures")
            else:
                page_rows = run_page(args, event, event.seq)
        if not args.skip_sockets:
            socket_rows = run_socket_matrix(args, event, author, frame_size, redis_url)
    finally:
        Event.objects.filter(pk=event.pk).delete()
        if redis_process is not None:
            redis_process.terminate()
            redis_process.wait()
    report(args, page_rows, socket_rows, frame_size)
    if args.json:
        args.json.write_text(json.dumps({"page": page_rows, "sockets": socket_rows}, indent=1, default=str))


def run_socket_matrix(args: argparse.Namespace, event, author, frame_size: int, redis_url: str) -> list[dict]:
    from django.conf import settings

    from coverage_app import services

    payload = json.dumps({"type": "post.created", "seq": 0, "html": "x" * frame_size})[: frame_size - 1] + "}"

    def floor_publisher(port: int):
        import socket as socketlib

        sock = socketlib.create_connection(("127.0.0.1", port))
        sock.sendall(
            b"GET /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        sock.recv(4096)
        data = payload.replace('"seq": 0', '"seq": 1').encode()
        size = len(data)
        header = (
            bytes([0x81, 0x80 | 126]) + size.to_bytes(2) if size < 65536 else bytes([0x81, 0xFF]) + size.to_bytes(8)
        )
        message = header + b"\0\0\0\0" + data  # masked with a zero key
        return sock, lambda index: sock.sendall(message)

    rows = []
    # Every bench reader comes from 127.0.0.1: lift the per-address cap (a fault defence) above them.
    caps = str(4 * args.readers + 1000)
    env = server_env(
        LIVE_HEARTBEAT_SECONDS="600", LIVE_MAX_SOCKETS_PER_CLIENT=caps, LIVE_MAX_SOCKETS=caps, DATABASE_POOL_SIZE="8"
    )
    for name, script in (
        ("bare websockets", "bench/floor_server.py"),
        ("frame-once raw asyncio", "bench/frame_once_server.py"),
    ):
        port = free_port()
        holder: list = []

        def publish(index: int, holder=holder, port=port) -> None:
            if not holder:
                holder.extend(floor_publisher(port))
            holder[1](index)

        scenario = Scenario(name, [[sys.executable, script, str(port)]], [port], "/", env, publish)
        rows.append(
            run_sockets(scenario, readers=args.readers, clients=args.clients, posts=args.posts, interval=args.interval)
        )
        if holder:
            holder[0].close()
        print(f"  measured {name}", flush=True)

    for bus in args.bus.split(","):
        settings.REDIS_URL = redis_url if bus == "redis" else ""
        bus_env = env | {"REDIS_URL": settings.REDIS_URL}
        for workers in [int(w) for w in args.workers.split(",")]:
            ports = [free_port() for _ in range(workers)]
            commands = [[sys.executable, "manage.py", "serve", "--port", str(port)] for port in ports]
            event.refresh_from_db()

            def publish(index: int) -> None:
                services.post_publish(
                    event=event,
                    author=author,
                    title=f"Bench {index}",
                    body="<p>A paragraph of text, as a live post has.</p>",
                )

            scenario = Scenario(
                f"app, {workers} worker{'s' if workers > 1 else ''}, {bus}", commands, ports,
                f"/ws/live/{event.slug}/?since={event.seq}", bus_env, publish,
            )  # fmt: skip
            rows.append(
                run_sockets(
                    scenario, readers=args.readers, clients=args.clients, posts=args.posts, interval=args.interval
                )
            )
            print(f"  measured {scenario.name}", flush=True)

    # Memory with tracemalloc: a pass of its own (tracing slows the server), one process each.
    settings.REDIS_URL = ""
    trace_out = Path(tempfile.mkstemp(suffix=".json")[1])
    trace_env = env | {"BENCH_TRACE_OUT": str(trace_out), "REDIS_URL": ""}
    event.refresh_from_db()
    for name, script, path in (
        ("bare websockets", "bench/floor_server.py", "/"),
        ("frame-once raw asyncio", "bench/frame_once_server.py", "/"),
        ("app, 1 worker", "manage.py", f"/ws/live/{event.slug}/?since={event.seq}"),
    ):
        port = free_port()
        command = [
            sys.executable,
            "bench/traced.py",
            script,
            *(["serve", "--port"] if script == "manage.py" else []),
            str(port),
        ]
        scenario = Scenario(f"{name} (tracemalloc)", [command], [port], path, trace_env, lambda index: None, trace_out)
        rows.append(run_sockets(scenario, readers=args.memory_readers, clients=args.clients, posts=0, interval=0))
        print(f"  measured {scenario.name}", flush=True)
    trace_out.unlink(missing_ok=True)
    return rows


def report(args: argparse.Namespace, page_rows: list[dict], socket_rows: list[dict], frame_size: int) -> None:
    print(f"\n{os.cpu_count()} cores, shared: compare ratios within this run, not absolute figures across runs.")
    if page_rows:
        print(f"\nPage (wrk -t2 -c50, {args.seconds} s each; goal {GOALS['page req/s']}, p99 {GOALS['page p99']})")
        print(f"  {'what':44} {'req/s':>9} {'x floor':>8} {'p99 ms':>8} {'errors':>7}")
        for row in page_rows:
            print(
                f"  {row['what']:44} {row['req/s']:9.0f} {row['x floor']:8.2f} {row['p99 ms']:8.1f} {row['errors']:7d}"
            )
    if not socket_rows:
        return
    by_name = {row["server"]: row for row in socket_rows}
    bare, once = by_name.get("bare websockets"), by_name.get("frame-once raw asyncio")
    print(
        f"\nSockets ({args.readers} readers over {args.clients} client processes, {args.posts} posts of a "
        f"{frame_size}-byte frame). Goals: connects/s {GOALS['connects/s']}, CPU/frame {GOALS['CPU/frame']}"
    )
    header = f"  {'server':28} {'conn/s':>7} {'x bare':>7} {'CPU ms/conn':>11} {'x bare':>7} {'KiB/rd':>7} {'CPU µs/fr':>9} {'x once':>7} {'to last ms':>10} {'lost':>5} {'client busy':>11}"
    print(header)
    print("  (connects/s depends on how the scheduler shares the cores between server, Postgres and clients;")
    print("   server CPU per connect does not, and is the steadier figure on a busy machine)")
    for row in socket_rows:
        if "(tracemalloc)" in row["server"]:
            continue
        busy = max(row.get("client busy (connect)", 0), row.get("client busy (delivery)", 0))
        flag = " CLIENT-BOUND" if busy > CLIENT_BUSY else ""
        print(
            f"  {row['server']:28} {row['connects/s']:7.0f} {row['connects/s'] / bare['connects/s']:7.2f} "
            f"{row['server CPU ms/connect']:11.2f} {row['server CPU ms/connect'] / bare['server CPU ms/connect']:7.2f} "
            f"{row['KiB/reader (RSS)']:7.1f} {row.get('CPU µs/frame', float('nan')):9.1f} "
            f"{row.get('CPU µs/frame', float('nan')) / once['CPU µs/frame']:7.2f} "
            f"{row.get('to last reader ms', float('nan')):10.1f} {row.get('frames lost', 0):5d} {busy:11.0%}{flag}"
        )
    traced_rows = [row for row in socket_rows if "(tracemalloc)" in row["server"]]
    if traced_rows:
        print(f"\nMemory per idle reader ({args.memory_readers} readers, tracemalloc; goal {GOALS['KiB/reader']})")
        for row in traced_rows:
            print(
                f"  {row['server']:40} {row['KiB/reader (tracemalloc)']:6.1f} KiB traced, {row['KiB/reader (RSS)']:6.1f} KiB RSS"
            )
            for filename, size in row.get("top", [])[:6]:
                print(f"      {size / 1024 / max(1, row['readers']):6.2f} KiB  {filename.replace(str(ROOT), '.')}")
    if any(
        max(r.get("client busy (connect)", 0), r.get("client busy (delivery)", 0)) > CLIENT_BUSY for r in socket_rows
    ):
        print(
            f"\nWARNING: a client process was over {CLIENT_BUSY:.0%} busy in a phase flagged CLIENT-BOUND: that figure measures the client; use more --clients."
        )


if __name__ == "__main__":
    main()
