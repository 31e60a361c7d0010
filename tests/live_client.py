"""A reader that resumes exactly as static/js/live.js does, for tests that run many of them.

Same rules, same constants: apply frames in seq order from `?since=<last seq>`; a heartbeat whose
head is above the last seq, a close, or two heartbeat intervals of silence reconnect it; reconnects
back off with full jitter (1 s base, 8 s cap for a visible page); while the socket is down it probes
the changes API every ~2 s, catches up over HTTP when the server answers and reconnects at once;
the backoff resets only once it has caught up to the hello's head; refused with 4429/4503 it polls.

Unlike the page it also records what a test must check: every seq it applied, and any frame that
arrived out of order or twice on the wire (the page would drop those silently).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import time
import urllib.error
import urllib.request

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake

BASE_DELAY = 1.0
MAX_DELAY_VISIBLE = 8.0
PROBE_SECONDS = 2.0
REFUSED = {4429, 4503}


class LiveReader:
    def __init__(self, base_url: str, slug: str, since: int) -> None:
        self.base_url = base_url
        self.slug = slug
        self.start_seq = since
        self.last = since
        self.seqs: list[int] = []
        self.out_of_order: list[tuple[int, int]] = []  # (last, received) on the wire
        self.resets: list[int] = []
        self.hellos: list[int] = []  # the head each socket said hello with
        self.sockets = 0
        self.close_codes: list[int] = []
        self.caught_up = asyncio.Event()
        self._attempts = 0
        self._heartbeat = 15.0
        self._task: asyncio.Task | None = None
        self._stopped = False
        self.reload_on_reset = True

    # What the page does with a frame.
    def _receive(self, frame: dict) -> None:
        seq = frame["seq"]
        if seq != self.last + 1:
            self.out_of_order.append((self.last, seq))
        if seq <= self.last:
            return
        self.last = seq
        self.seqs.append(seq)

    def start(self) -> LiveReader:
        self._task = asyncio.get_running_loop().create_task(self._run())
        return self

    async def stop(self) -> None:
        self._stopped = True
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def wait_for(self, seq: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while self.last < seq:
            if time.monotonic() > deadline:
                raise TimeoutError(f"reader from {self.start_seq} stuck at {self.last}, wanted {seq}")
            self.caught_up.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.caught_up.wait(), max(0.01, deadline - time.monotonic()))

    async def _run(self) -> None:
        while not self._stopped:
            code = await self._one_socket()
            if code in REFUSED:
                await self._poll_until_retry()
                continue
            delay = random.random() * min(MAX_DELAY_VISIBLE, BASE_DELAY * 2**self._attempts)
            self._attempts += 1
            await self._wait_probing(delay)

    async def _one_socket(self) -> int | None:
        url = f"{self.base_url.replace('http', 'ws', 1)}/ws/live/{self.slug}/?since={self.last}"
        hello_head = None
        try:
            async with connect(url, origin=self.base_url, open_timeout=5, ping_interval=None, max_size=None) as ws:
                self.sockets += 1
                while True:
                    # Silence for two heartbeat intervals: the page drops the socket.
                    raw = await asyncio.wait_for(ws.recv(), 2 * self._heartbeat + 1)
                    message = json.loads(raw)
                    if "seq" in message:
                        self._receive(message)
                        self.caught_up.set()
                    elif message["type"] == "hello":
                        self._heartbeat = float(message.get("heartbeat", 15))
                        hello_head = message["head"]
                        self.hellos.append(hello_head)
                    elif message["type"] == "reset":
                        self.resets.append(message["head"])
                        if not self.reload_on_reset:
                            return None
                        # The page reloads: a fresh page at the head, then a socket from there.
                        self.last = self.start_seq = message["head"]
                        self.seqs.clear()
                        self.out_of_order.clear()
                        self.caught_up.set()
                        return None
                    elif message["type"] == "heartbeat" and message["head"] > self.last:
                        return None
                    if hello_head is not None and self.last >= hello_head:
                        self._attempts = 0  # only once caught up, never on hello alone
                        hello_head = None
        except ConnectionClosed as closed:
            code = closed.rcvd.code if closed.rcvd else None
            self.close_codes.append(code)
            return code
        except (OSError, TimeoutError, InvalidHandshake):
            return None
        return None

    def _poll(self) -> bool:
        """The page's poll(): ask the changes API from the last seq until it reaches the head."""
        try:
            while True:
                url = f"{self.base_url}/api/live/{self.slug}/changes?since={self.last}"
                with urllib.request.urlopen(url, timeout=5) as response:
                    answer = json.loads(response.read())
                for frame in answer["frames"]:
                    self._receive(frame)
                self.caught_up.set()
                if not answer["frames"] or self.last >= answer["head"]:
                    return True
        except (OSError, urllib.error.URLError, ValueError):
            return False

    async def _wait_probing(self, delay: float) -> None:
        deadline = time.monotonic() + delay
        next_probe = time.monotonic() + PROBE_SECONDS * (0.5 + random.random())
        while time.monotonic() < deadline:
            await asyncio.sleep(max(0.0, min(deadline, next_probe) - time.monotonic()))
            if time.monotonic() >= next_probe and time.monotonic() < deadline:
                if await asyncio.to_thread(self._poll):
                    await asyncio.sleep(random.random() * 0.5)
                    return
                next_probe = time.monotonic() + PROBE_SECONDS * (0.5 + random.random())

    async def _poll_until_retry(self) -> None:
        deadline = time.monotonic() + 60 * (0.5 + random.random())
        while time.monotonic() < deadline and not self._stopped:
            await asyncio.to_thread(self._poll)
            await asyncio.sleep(10)
