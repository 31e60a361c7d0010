"""The CPU floor for bench/run.py: a raw asyncio WebSocket broadcast server that frames once.

    python bench/frame_once_server.py PORT

The least a Python server can do per delivered frame: each message from the /publish connection
is framed once (RFC 6455 header + payload, one bytes object) and the same bytes are handed to every
reader's transport. No per-socket coroutine, no per-socket framing, no library. It speaks just
enough of the protocol for the bench's clients: handshake, text frames, ping/pong and close.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import struct
import sys

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
readers: set[asyncio.Transport] = set()


def frame(opcode: int, payload: bytes) -> bytes:
    size = len(payload)
    if size < 126:
        head = struct.pack("!BB", 0x80 | opcode, size)
    elif size < 65536:
        head = struct.pack("!BBH", 0x80 | opcode, 126, size)
    else:
        head = struct.pack("!BBQ", 0x80 | opcode, 127, size)
    return head + payload


class Connection(asyncio.Protocol):
    def __init__(self) -> None:
        self.buffer = b""
        self.open = False
        self.publisher = False
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if not self.open:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            request, self.buffer = self.buffer[:end], self.buffer[end + 4 :]
            lines = request.split(b"\r\n")
            self.publisher = lines[0].split(b" ")[1] == b"/publish"
            key = next(
                line.split(b":", 1)[1].strip() for line in lines[1:] if line.lower().startswith(b"sec-websocket-key")
            )
            accept = base64.b64encode(hashlib.sha1(key + GUID).digest())
            self.transport.write(
                b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                b"Sec-WebSocket-Accept: " + accept + b"\r\n\r\n"
            )
            self.open = True
            if not self.publisher:
                readers.add(self.transport)
        self.read_frames()

    def read_frames(self) -> None:
        while len(self.buffer) >= 2:
            first, second = self.buffer[0], self.buffer[1]
            size, offset = second & 0x7F, 2
            if size == 126:
                if len(self.buffer) < 4:
                    return
                size, offset = struct.unpack("!H", self.buffer[2:4])[0], 4
            elif size == 127:
                if len(self.buffer) < 10:
                    return
                size, offset = struct.unpack("!Q", self.buffer[2:10])[0], 10
            masked = second & 0x80
            end = offset + (4 if masked else 0) + size
            if len(self.buffer) < end:
                return
            payload = self.buffer[offset + (4 if masked else 0) : end]
            if masked:
                mask = self.buffer[offset : offset + 4]
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            self.buffer = self.buffer[end:]
            opcode = first & 0x0F
            if opcode == 0x8:
                self.transport.close()
                return
            if opcode == 0x9:
                self.transport.write(frame(0xA, payload))
            elif opcode == 0x1 and self.publisher:
                data = frame(0x1, payload)  # framed once, for every reader
                for reader in readers:
                    reader.write(data)

    def connection_lost(self, exc: Exception | None) -> None:
        readers.discard(self.transport)


async def main(port: int) -> None:
    server = await asyncio.get_running_loop().create_server(Connection, "127.0.0.1", port, backlog=4096)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:  # the event loop the app's uvicorn runs on, when installed
        import uvloop

        uvloop.run(main(int(sys.argv[1])))
    except ImportError:
        asyncio.run(main(int(sys.argv[1])))
