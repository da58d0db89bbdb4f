"""Runs due jobs in a background thread of each app process (`botschaft serve`)."""

from __future__ import annotations

import logging
import os
import socket
import threading

from botschaft.core.database import Database
from botschaft.core.settings import Settings
from botschaft.jobs.service import run_due

log = logging.getLogger(__name__)


class JobRunner:
    def __init__(self, db: Database, settings: Settings, poll_seconds: float | None = None):
        self.db = db
        self.settings = settings
        self.poll_seconds = poll_seconds or settings.jobs_poll_seconds
        self.worker = f"{socket.gethostname()}:{os.getpid()}"
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        import botschaft.all_jobs  # noqa: F401  (registers every handler)

        self._thread = threading.Thread(target=self._loop, name="botschaft-jobs", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                run_due(self.db, self.settings, worker=self.worker)
            except Exception:  # a broken database must not kill the thread; retry next poll
                log.exception("job runner poll failed")
            self._stop.wait(self.poll_seconds)
