"""A real Celery worker process for the tests, on the test database and the real broker.

The worker runs `celery -A navis worker -B` exactly as in production, with short heartbeat
and sweep intervals so recovery can be watched within seconds.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

FAST_RECOVERY = {
    "NAVIS_HEARTBEAT_SECONDS": "0.5",
    "NAVIS_STALE_AFTER": "4",
    "NAVIS_SWEEP_INTERVAL": "1",
    "NAVIS_REQUEUE_AFTER": "30",
}


def database_url() -> str:
    """The URL of the database the tests use right now (the test database)."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = f"{quote(db['USER'] or '')}:{quote(db['PASSWORD'] or '')}@" if db["USER"] else ""
    return f"postgres://{auth}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def purge_broker() -> None:
    """Start every worker on an empty queue: nothing left from an earlier run."""
    url = settings.CELERY_BROKER_URL
    if url.startswith("redis://"):
        import redis

        redis.Redis.from_url(url).flushdb()
    elif url.startswith("filesystem://"):
        folder = Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"])
        for message in folder.glob("*"):
            message.unlink(missing_ok=True)


class WorkerProcess:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.process: subprocess.Popen | None = None
        self.log_path = directory / f"worker-{uuid.uuid4().hex[:8]}.log"

    def environment(self) -> dict[str, str]:
        return {
            **os.environ,
            **FAST_RECOVERY,
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "NAVIS_DATA_DIR": str(settings.DATA_DIR),
            "DJANGO_SETTINGS_MODULE": "navis.settings",
        }

    def start(self, timeout: float = 60) -> "WorkerProcess":
        command = [
            sys.executable, "-m", "celery", "-A", "navis", "worker", "-B",
            "--schedule", str(self.directory / f"beat-{uuid.uuid4().hex[:8]}"),
            "--concurrency", "1", "--loglevel", "INFO",
            "--hostname", f"test-{uuid.uuid4().hex[:8]}@%h",
            "--without-gossip", "--without-mingle",
        ]  # fmt: skip
        self.log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=self.environment(),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(lambda: b" ready." in self.log_path.read_bytes(), timeout, self.tail)
        return self

    def kill(self) -> None:
        """kill -9 the whole worker: main process, pool children and embedded beat."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def wait_for(
    condition: Callable[[], bool],
    timeout: float,
    explain: Callable[[], str] = lambda: "",
    every: float = 0.2,
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(every)
    pytest.fail(f"timed out after {timeout} s\n{explain()}")


@pytest.fixture(scope="module")
def worker(django_db_setup, tmp_path_factory) -> Iterator[WorkerProcess]:
    purge_broker()
    process = WorkerProcess(tmp_path_factory.mktemp("worker")).start()
    yield process
    process.stop()


@pytest.fixture
def worker_factory(django_db_setup, tmp_path) -> Iterator[Callable[[], WorkerProcess]]:
    purge_broker()
    started: list[WorkerProcess] = []

    def start() -> WorkerProcess:
        started.append(WorkerProcess(tmp_path).start())
        return started[-1]

    yield start
    for process in started:
        process.stop()
