"""Shared by the HTTP benchmarks: a real `followup serve` process, seeding, and wrk runs.

Figures are printed as a ratio to `/healthz` of the same server in the same run, because
absolute numbers on a shared 2-core machine drift from run to run.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
FOLLOWUP = Path(sys.executable).parent / "followup"
CONNECTIONS = 16
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))


@dataclass(frozen=True)
class Figure:
    requests_per_second: float
    p99_ms: float


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(database_url: str | None = None, *, workers: int = 1) -> Iterator[str]:
    """`followup serve` on a free port with a fresh SQLite database (or the URL given)."""
    workdir = tempfile.mkdtemp(prefix="followup-bench-")
    port = free_port()
    env = {
        **os.environ,
        "FOLLOWUP_DATABASE_URL": database_url or f"sqlite:///{workdir}/bench.db",
        "FOLLOWUP_DATA_DIR": workdir,
        "FOLLOWUP_LOG_LEVEL": "warning",
    }
    command = [str(FOLLOWUP), "serve", "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{base}/readyz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        else:
            raise RuntimeError("the server did not become ready")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(workdir, ignore_errors=True)


def new_user_token(base: str, email: str = "bench@example.com") -> str:
    with httpx.Client(base_url=base, headers={"Sec-Fetch-Site": "same-origin"}) as client:
        password = "benchmark password"
        client.post("/api/v1/auth/register", json={"email": email, "password": password})
        client.post("/api/v1/auth/login", json={"email": email, "password": password})
        made = client.post("/api/v1/tokens", json={"name": "bench", "scopes": ["read", "write"]})
        made.raise_for_status()
        return str(made.json()["token"])


def wrk(
    url: str,
    token: str | None = None,
    seconds: int = SECONDS,
    *,
    if_none_match: str | None = None,
) -> Figure:
    """Requests/s and p99 latency at 16 concurrent connections, measured by wrk."""
    if shutil.which("wrk") is None:
        sys.exit("The HTTP benchmarks use wrk: apt-get install wrk")
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", url]
    if token:
        command[1:1] = ["-H", f"Authorization: Bearer {token}"]
    if if_none_match:
        command[1:1] = ["-H", f"If-None-Match: {if_none_match}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in output:
        raise RuntimeError(f"wrk saw errors:\n{output}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    assert p99 is not None, output
    value = float(p99.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    return Figure(rps, value)


def report(
    name: str,
    figure: Figure,
    baseline: Figure,
    *,
    target_ratio: float | None,
    target_p99: float | None,
    show_baseline: bool = True,
) -> None:
    """The figure beside /healthz, and whether it meets its targets (None: no target)."""
    ratio = figure.requests_per_second / baseline.requests_per_second
    rows = (("/healthz", baseline), (name, figure)) if show_baseline else ((name, figure),)
    for label, row in rows:
        print(f"  {label:17} {row.requests_per_second:8.0f} req/s   p99 {row.p99_ms:6.2f} ms")
    if target_ratio is None or target_p99 is None:
        print(f"  ratio {ratio:.0%} of /healthz, p99 at {CONNECTIONS} clients (no target)")
        return
    verdict = "meets" if ratio >= target_ratio and figure.p99_ms <= target_p99 else "MISSES"
    print(
        f"  ratio {ratio:.0%} of /healthz (target ≥ {target_ratio:.0%}), "
        f"p99 target ≤ {target_p99:.0f} ms at {CONNECTIONS} clients: {verdict}"
    )


def sequential_median_ms(url: str, token: str | None = None, requests: int = 11) -> float:
    """The median latency of one request at a time (no queueing behind other clients)."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    timings = []
    with httpx.Client(headers=headers, timeout=60) as client:
        for _ in range(requests):
            started = time.perf_counter()
            client.get(url).raise_for_status()
            timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)
