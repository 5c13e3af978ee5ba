"""Real `followup serve` processes, for the tests that need sockets, several workers or a browser.

These servers run on the real clock (they are other processes); the tests that use them assert
nothing that depends on the date.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SECRET_KEY = "live-server-secret-key-for-tests-only-0123"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def followup_cli() -> str:
    exe = Path(sys.executable).with_name("followup")
    return str(exe) if exe.exists() else str(ROOT / ".venv" / "bin" / "followup")


@contextmanager
def serve(
    database_url: str,
    *,
    data_dir: Path,
    workers: int = 1,
    env: Mapping[str, str] | None = None,
    ready_within: float = 60.0,
) -> Iterator[str]:
    """Runs `followup serve` on a free port until the block ends; yields its base URL."""
    with serve_process(
        database_url, data_dir=data_dir, workers=workers, env=env, ready_within=ready_within
    ) as (url, _process):
        yield url


@contextmanager
def serve_process(
    database_url: str,
    *,
    data_dir: Path,
    workers: int = 1,
    env: Mapping[str, str] | None = None,
    ready_within: float = 60.0,
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """As serve(), also yielding the process (with one worker, the server itself)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    data_dir.mkdir(parents=True, exist_ok=True)
    log_path = data_dir / f"server-{port}.log"
    environment = {
        **os.environ,
        "FOLLOWUP_DATABASE_URL": database_url,
        "FOLLOWUP_BASE_URL": url,
        "FOLLOWUP_SECRET_KEY": SECRET_KEY,
        "FOLLOWUP_DATA_DIR": str(data_dir),
        **(env or {}),
    }
    command = [followup_cli(), "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers)]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            _wait_until_ready(process, url, log_path, ready_within)
            yield url, process
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_ready(
    process: subprocess.Popen[bytes], url: str, log_path: Path, within: float
) -> None:
    deadline = time.monotonic() + within
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited early:\n{log_path.read_text()}")
        try:
            if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server did not become ready:\n{log_path.read_text()}")
        time.sleep(0.1)
