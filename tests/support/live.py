"""A real `botschaft serve` process on 127.0.0.1, for CLI, browser and crash tests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.support.oidc import free_port

ROOT = Path(__file__).parents[2]


@dataclass
class LiveServer:
    url: str
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_server(
    data_dir: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> LiveServer:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = data_dir / "server.log"
    full_env = {
        **os.environ,
        "BOTSCHAFT_DATA_DIR": str(data_dir),
        "BOTSCHAFT_PUBLIC_URL": url,
        "BOTSCHAFT_LOG_LEVEL": "WARNING",
        **(env or {}),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "botschaft.cli", "serve", "--port", str(port), *args],
        env=full_env,
        cwd=ROOT,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"server exited with {process.returncode}: {log.read_text()[-2000:]}"
            )
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return LiveServer(url, process, log)
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"server did not become ready: {log.read_text()[-2000:]}")
