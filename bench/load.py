"""A small keep-alive HTTP/1.1 load generator (asyncio): N concurrent clients for a fixed time, bounded,
loopback only. Returns throughput and latency percentiles."""

import asyncio
import statistics
import time
from dataclasses import dataclass


@dataclass
class LoadResult:
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


async def _client(host: str, port: int, path: str, cookie: str, until: float, latencies: list, errors: list):
    """One client: requests back to back; reconnects when the server closes the connection (gunicorn's
    sync workers close after every response, as they do behind a proxy)."""
    request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\n\r\n".encode()
    writer = None
    while time.perf_counter() < until:
        started = time.perf_counter()
        if writer is None:
            reader, writer = await asyncio.open_connection(host, port)
        writer.write(request)
        await writer.drain()
        status_line = await reader.readline()
        length, close = 0, False
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "connection" and value.strip().lower() == "close":
                close = True
        await reader.readexactly(length)
        if b" 200 " not in status_line:
            errors.append(status_line)
        latencies.append(time.perf_counter() - started)
        if close:
            writer.close()
            writer = None
    if writer is not None:
        writer.close()


def run_load(
    host: str, port: int, path: str, *, clients: int = 32, seconds: float = 8.0, cookie: str = ""
) -> LoadResult:
    latencies: list[float] = []
    errors: list[bytes] = []

    async def main():
        until = time.perf_counter() + seconds
        await asyncio.gather(
            *[_client(host, port, path, cookie, until, latencies, errors) for _ in range(clients)]
        )

    started = time.perf_counter()
    asyncio.run(main())
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies) or [0.0]
    return LoadResult(
        requests=len(latencies),
        errors=len(errors),
        seconds=elapsed,
        p50_ms=statistics.median(ordered) * 1000,
        p99_ms=ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
    )
