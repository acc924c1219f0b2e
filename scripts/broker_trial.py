"""Measure which Celery broker transport Navis can ship as its embedded, server-less default.

A newcomer's laptop runs one worker on SQLite and no Redis, so Navis needs a broker that lives
in files. kombu offers two: the ``filesystem`` transport and the ``sqlalchemy`` transport (here
on a SQLite file). Production runs Redis, which serves as the reference. This script runs real
Celery worker processes against each transport and prints figures, not verdicts, so the README
can justify the choice with numbers anyone can reproduce::

    .venv/bin/python scripts/broker_trial.py [--tasks 200] \
        [--transports filesystem,sqlalchemy,redis]

Scenarios, each with fresh broker state and fresh workers:

plain        N tasks, one worker: are all of them executed exactly once, and how fast?
kill -9      N tasks, one worker; after ~30 % are finished the worker's whole process group gets
             SIGKILL, a fresh worker starts: which tasks come back, which are lost for good?
two workers  N tasks, two workers at once: lost or doubled tasks, crashed workers?
child        (opt-in) like kill -9, but only the pool process running the task is killed.

Workers run with the settings Navis uses (prefork, concurrency 1, ``-O fair``, late acks,
prefetch multiplier 1, reject on worker lost, JSON, no result backend). Every task appends a
"started" and a "finished" line to a ledger file with O_APPEND + fsync, so the record survives
the kill -9 that loses the worker's in-memory state.

The same file is the worker's ``-A`` module: the workers import it as ``broker_trial`` and read
their configuration from ``BROKER_TRIAL_*`` environment variables.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from celery import Celery

TASK_NAME = "broker_trial.record"
MODULE_NAME = Path(__file__).stem
TRANSPORTS = ("filesystem", "sqlalchemy", "redis")
REDIS_URL = "redis://127.0.0.1:6379/14"
#: Short for the trial, so a killed worker's unacked messages come back within the run.
REDIS_VISIBILITY_TIMEOUT = 10
#: Seconds between the Redis transport's sweeps for expired unacked messages (kombu's default).
REDIS_RESTORE_INTERVAL = 10
KILL_AT_FRACTION = 0.3
TASK_SLEEP_SECONDS = 0.005
POLL_SECONDS = 0.1
#: Fast enough to catch a 5 ms task between its "started" and "finished" lines.
KILL_POLL_SECONDS = 0.001
STOP_GRACE_SECONDS = 10.0
#: Celery's default: how long the main process waits before failing a lost child's task.
WORKER_LOST_WAIT = 10.0

ENV_TRANSPORT = "BROKER_TRIAL_TRANSPORT"
ENV_STATE_DIR = "BROKER_TRIAL_STATE_DIR"
ENV_LEDGER = "BROKER_TRIAL_LEDGER"
ENV_POLLING_INTERVAL = "BROKER_TRIAL_POLLING_INTERVAL"


# --- Configuration, shared by the driver and the worker processes ----------------------------


@dataclass(frozen=True)
class TrialConfig:
    """Everything a worker needs to know; travels to it as environment variables."""

    transport: str
    state_dir: Path
    ledger: Path
    polling_interval: float

    def to_env(self) -> dict[str, str]:
        return {
            ENV_TRANSPORT: self.transport,
            ENV_STATE_DIR: str(self.state_dir),
            ENV_LEDGER: str(self.ledger),
            ENV_POLLING_INTERVAL: repr(self.polling_interval),
        }

    @classmethod
    def from_env(cls, environ: dict[str, str]) -> TrialConfig:
        return cls(
            transport=environ[ENV_TRANSPORT],
            state_dir=Path(environ[ENV_STATE_DIR]),
            ledger=Path(environ[ENV_LEDGER]),
            polling_interval=float(environ[ENV_POLLING_INTERVAL]),
        )


def broker_settings(config: TrialConfig) -> dict[str, Any]:
    """Celery broker settings for one transport, with all broker state under ``state_dir``.

    The filesystem transport's control folder defaults to ``./control`` in the current
    directory, so it is pinned explicitly. The SQLAlchemy transport's polling interval cannot
    go here: see ``set_sqlalchemy_polling_interval``.
    """
    if config.transport == "filesystem":
        queue_dir = config.state_dir / "queue"
        return {
            "broker_url": "filesystem://",
            "broker_transport_options": {
                "data_folder_in": str(queue_dir),
                "data_folder_out": str(queue_dir),
                "control_folder": str(config.state_dir / "control"),
                "polling_interval": config.polling_interval,
            },
        }
    if config.transport == "sqlalchemy":
        return {
            "broker_url": f"sqla+sqlite:///{config.state_dir / 'broker.sqlite'}",
            "broker_transport_options": {},
        }
    if config.transport == "redis":
        return {
            "broker_url": REDIS_URL,
            "broker_transport_options": {
                "visibility_timeout": REDIS_VISIBILITY_TIMEOUT,
                "unacked_restore_interval": REDIS_RESTORE_INTERVAL,
                # kombu scans only on every 10th sweep by default, i.e. every 100 s.
                "unacked_restore_throttle": 1,
            },
        }
    raise ValueError(f"unknown transport {config.transport!r}")


def set_sqlalchemy_polling_interval(seconds: float) -> None:
    """Make kombu's SQLAlchemy transport poll as often as the filesystem one does.

    With late acks and a prefetch of one, a virtual transport fetches the next message only
    on the poll after the previous ack, so the polling interval caps a worker's throughput at
    one task per interval. kombu hands every SQLAlchemy transport option to
    ``create_engine()``, which rejects ``polling_interval``; the class attribute is the one
    knob left. Without this the two file-based candidates would be compared at 0.1 s against
    1 s, and ``--polling-interval 1`` reproduces kombu's stock behaviour for both.
    """
    from kombu.transport import sqlalchemy

    sqlalchemy.Transport.polling_interval = seconds


def make_app(config: TrialConfig) -> Celery:
    """The trial's Celery app: Navis's worker settings, without Django."""
    if config.transport == "sqlalchemy":
        set_sqlalchemy_polling_interval(config.polling_interval)
    app = Celery("broker_trial")
    app.conf.update(
        broker_settings(config),
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        accept_content=["json"],
        result_backend=None,
        task_ignore_result=True,
        broker_connection_retry_on_startup=True,
        worker_lost_wait=WORKER_LOST_WAIT,
    )

    @app.task(name=TASK_NAME, bind=True)
    def record(self: Any, task_no: int) -> None:
        """Leave a trace before and after the work, so a kill in between shows."""
        worker = str(self.request.hostname).partition("@")[0]
        append_to_ledger(config.ledger, "started", task_no, worker)
        time.sleep(TASK_SLEEP_SECONDS)
        append_to_ledger(config.ledger, "finished", task_no, worker)

    return app


# --- The ledger: what actually ran, as told by the tasks themselves -------------------------


def append_to_ledger(ledger: Path, event: str, task_no: int, worker: str) -> None:
    """Append one line atomically (O_APPEND, well below PIPE_BUF) and fsync it.

    A line per call keeps concurrent writers from interleaving, and the fsync means the
    record does not depend on the writing process living on.
    """
    line = f"{event} {task_no} {worker} {os.getpid()} {time.time():.6f}\n".encode()
    fd = os.open(ledger, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass
class Tally:
    """What the ledger says happened to tasks ``0 .. n-1``."""

    n: int
    started: Counter[int] = field(default_factory=Counter)
    finished: Counter[int] = field(default_factory=Counter)
    by_worker: Counter[str] = field(default_factory=Counter)
    #: The process that last started each task: the one to kill to hit it mid-run.
    runner: dict[int, int] = field(default_factory=dict)
    first_start: float | None = None
    last_finish: float | None = None
    lines: int = 0

    @property
    def done(self) -> int:
        """Tasks finished at least once."""
        return len(self.finished)

    @property
    def never_started(self) -> int:
        return sum(1 for i in range(self.n) if not self.started[i])

    @property
    def orphaned(self) -> int:
        """Started but never finished, by any execution: killed mid-run and not redone."""
        return sum(1 for i in range(self.n) if self.started[i] and not self.finished[i])

    @property
    def in_flight(self) -> list[int]:
        """Tasks whose last execution has started and not (yet) finished."""
        return [i for i in range(self.n) if self.started[i] > self.finished[i]]

    @property
    def lost(self) -> int:
        return self.n - self.done

    @property
    def rerun(self) -> int:
        """Tasks started more than once (redelivered)."""
        return sum(1 for count in self.started.values() if count > 1)

    @property
    def duplicated(self) -> int:
        """Tasks finished more than once: the work really happened twice."""
        return sum(1 for count in self.finished.values() if count > 1)

    @property
    def drain_seconds(self) -> float | None:
        if self.first_start is None or self.last_finish is None:
            return None
        return self.last_finish - self.first_start


def read_ledger(ledger: Path, n: int) -> Tally:
    """Count the ledger's lines; a torn last line (writer killed mid-write) is skipped."""
    tally = Tally(n)
    with contextlib.suppress(FileNotFoundError):
        for line in ledger.read_text().splitlines():
            parts = line.split()
            if len(parts) != 5:
                continue
            event, worker = parts[0], parts[2]
            task_no, pid, stamp = int(parts[1]), int(parts[3]), float(parts[4])
            tally.lines += 1
            if event == "started":
                tally.started[task_no] += 1
                tally.runner[task_no] = pid
                tally.first_start = min(stamp, tally.first_start or stamp)
            elif event == "finished":
                tally.finished[task_no] += 1
                tally.by_worker[worker] += 1
                tally.last_finish = max(stamp, tally.last_finish or stamp)
    return tally


# --- Worker processes ------------------------------------------------------------------------


@dataclass
class Worker:
    """One ``celery worker`` process, the leader of its own process group."""

    name: str
    proc: subprocess.Popen[bytes]
    log: Path
    #: Exit code if the worker ended by itself, before the trial stopped or killed it.
    died_with: int | None = None

    def alive(self) -> bool:
        return self.proc.poll() is None

    def note_if_dead(self) -> None:
        if self.died_with is None and not self.alive():
            self.died_with = self.proc.returncode

    def signal_group(self, signum: int) -> None:
        """Signal the main process and its pool children alike."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signum)


class Fleet:
    """Starts workers and guarantees that none outlives the trial, even on Ctrl-C or errors."""

    def __init__(self) -> None:
        self.workers: list[Worker] = []

    def __enter__(self) -> Fleet:
        return self

    def __exit__(self, *exc_info: object) -> None:
        for worker in self.workers:
            worker.signal_group(signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                worker.proc.wait(timeout=5)

    def start(self, config: TrialConfig, name: str) -> Worker:
        """Start ``celery worker`` with Navis's settings; its output goes to a log file.

        A new session makes the worker its own process group (so kill -9 can take the pool
        children too) and keeps the terminal's Ctrl-C away from it: the trial stops it.
        """
        log = config.state_dir / f"{name}.log"
        command = [
            sys.executable, "-m", "celery", "-A", MODULE_NAME, "worker",
            "--pool=prefork", "--concurrency=1", "-O", "fair",
            "--loglevel=INFO", f"--hostname={name}@%h",
        ]  # fmt: skip
        with log.open("wb") as out:
            proc = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=worker_environment(config),
                cwd=config.state_dir,
                start_new_session=True,
            )
        worker = Worker(name, proc, log)
        self.workers.append(worker)
        return worker

    def stop(self, *workers: Worker) -> None:
        """Warm shutdown (SIGTERM) for all at once, then SIGKILL to the groups that linger.

        Whoever exited before this call is noted as having died on its own.
        """
        for worker in workers:
            worker.note_if_dead()
            if worker.alive():
                worker.proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for worker in workers:
            with contextlib.suppress(subprocess.TimeoutExpired):
                worker.proc.wait(timeout=max(0.0, deadline - time.monotonic()))
            worker.signal_group(signal.SIGKILL)
            worker.proc.wait()


def worker_environment(config: TrialConfig) -> dict[str, str]:
    """The worker's environment: the trial config, this directory on the path, a private TMPDIR.

    The filesystem transport moves each message it reads into ``tempfile.gettempdir()``
    before deleting it; a private TMPDIR keeps those files inside the trial's directory.
    """
    tmp = config.state_dir / "tmp"
    tmp.mkdir(exist_ok=True)
    env = dict(os.environ)
    env.update(config.to_env())
    path = [str(Path(__file__).resolve().parent), env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(p for p in path if p)
    env["TMPDIR"] = str(tmp)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def error_records(log: Path) -> list[int]:
    """Line numbers of the ERROR and CRITICAL records in a worker's log."""
    text = log.read_text(errors="replace").splitlines()
    return [i for i, line in enumerate(text) if ": ERROR/" in line or ": CRITICAL/" in line]


def log_excerpt(log: Path, *, died: bool, lines: int = 15) -> str:
    """The tail of a dead worker's log, or a live one's first error record and what follows."""
    text = log.read_text(errors="replace").rstrip().splitlines()
    errors = error_records(log)
    excerpt = text[-lines:] if died or not errors else text[errors[0] : errors[0] + lines]
    return "\n".join(f"    | {line}" for line in excerpt)


# --- Scenarios -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Limits:
    """How long a scenario may take, and how long a stalled ledger counts as finished."""

    timeout: float
    idle: float


@dataclass
class Outcome:
    """One scenario on one transport: the ledger's tally plus what happened to the workers."""

    scenario: str
    transport: str
    tally: Tally
    wall_seconds: float
    workers: list[Worker]
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def unexpected_deaths(self) -> list[Worker]:
        return [w for w in self.workers if w.died_with is not None]


def prepare(transport: str, root: Path, scenario: str, polling_interval: float) -> TrialConfig:
    """Fresh broker state for a scenario: its own directory, and an empty Redis database."""
    state_dir = root / transport / scenario
    state_dir.mkdir(parents=True)
    if transport == "filesystem":
        (state_dir / "queue").mkdir()  # the transport expects its data folders to exist
    if transport == "redis":
        redis_client().flushdb()
    return TrialConfig(transport, state_dir, state_dir / "ledger.txt", polling_interval)


def redis_client() -> Any:
    """A client for the trial's Redis database; redis-py is only needed for the Redis trial."""
    import redis

    return redis.Redis.from_url(REDIS_URL)


def residue(config: TrialConfig) -> str:
    """What the broker still stores once the workers are gone.

    Anything here after a drained queue is either a message nobody will deliver again or
    garbage that grows with every task.
    """
    if config.transport == "filesystem":
        files = list((config.state_dir / "queue").glob("*.msg"))
        tasks = sum(1 for f in files if f.name.endswith(".celery.msg"))
        return f"{tasks} task files, {len(files) - tasks} other"
    if config.transport == "sqlalchemy":
        database = sqlite3.connect(config.state_dir / "broker.sqlite")
        try:
            query = "SELECT visible, COUNT(*) FROM kombu_message GROUP BY visible"
            counts = dict(database.execute(query).fetchall())
        finally:
            database.close()
        return f"{counts.get(1, 0)} visible rows, {counts.get(0, 0)} invisible"
    client = redis_client()
    return f"{client.llen('celery')} queued, {client.hlen('unacked')} unacked"


def enqueue(config: TrialConfig, n: int) -> None:
    """Publish tasks ``0 .. n-1`` before any worker runs, the way a burst of uploads would."""
    app = make_app(config)
    try:
        with app.producer_or_acquire() as producer:
            for task_no in range(n):
                app.send_task(TASK_NAME, args=(task_no,), producer=producer)
    finally:
        app.close()


def wait_until(
    config: TrialConfig,
    n: int,
    workers: Sequence[Worker],
    *,
    timeout: float,
    idle: float,
    stop: Callable[[Tally], bool] | None = None,
    not_before: float = 0.0,
    poll: float = POLL_SECONDS,
) -> Tally:
    """Poll the ledger until every task finished, ``stop`` says so, or nothing moves any more.

    "Nothing moves" means no new ledger line for ``idle`` seconds (and not before the
    monotonic time ``not_before``, which covers Redis's delayed redelivery), the deadline
    passed, or every worker is dead.
    """
    deadline = time.monotonic() + timeout
    last_lines, last_change = -1, time.monotonic()
    while True:
        tally = read_ledger(config.ledger, n)
        now = time.monotonic()
        if tally.lines != last_lines:
            last_lines, last_change = tally.lines, now
        for worker in workers:
            worker.note_if_dead()
        if tally.done == n or (stop is not None and stop(tally)):
            return tally
        quiet = now - last_change >= idle and now >= not_before
        if quiet or now >= deadline or not any(w.alive() for w in workers):
            return tally
        time.sleep(poll)


def run_plain(fleet: Fleet, config: TrialConfig, n: int, limits: Limits) -> Outcome:
    """One worker drains N tasks: the baseline for loss, duplicates and speed."""
    enqueue(config, n)
    began = time.monotonic()
    worker = fleet.start(config, "solo")
    tally = wait_until(config, n, [worker], timeout=limits.timeout, idle=limits.idle)
    wall = time.monotonic() - began
    fleet.stop(worker)
    notes = {"residue": residue(config)}
    return Outcome("plain", config.transport, tally, wall, [worker], notes)


def wait_for_running_task(config: TrialConfig, n: int, worker: Worker, limits: Limits) -> Tally:
    """Wait until enough tasks are finished and one is running right now.

    A task that is running (its "started" line written, its "finished" not) is the case late
    acks are meant for: a crash in the middle of the work.
    """
    return wait_until(
        config, n, [worker], timeout=limits.timeout, idle=limits.idle,
        stop=lambda tally: tally.done >= KILL_AT_FRACTION * n and bool(tally.in_flight),
        poll=KILL_POLL_SECONDS,
    )  # fmt: skip


def kill_notes(config: TrialConfig, at_kill: Tally, tally: Tally, killed_at: float) -> dict:
    """The kill scenarios' extra figures; ``killed_at`` is wall-clock time, as in the ledger."""
    last = tally.last_finish
    return {
        "done_at_kill": at_kill.done,
        "in_flight_at_kill": len(at_kill.in_flight),
        "in_flight_redone": sum(1 for i in at_kill.in_flight if tally.finished[i]),
        "drained_after_kill": None if last is None else last - killed_at,
        "residue": residue(config),
    }


def run_kill(fleet: Fleet, config: TrialConfig, n: int, limits: Limits) -> Outcome:
    """kill -9 the worker's whole process group mid-task, then a fresh worker finishes up.

    This is the worker's in-memory state vanishing: a crash of the main process, the OOM
    killer picking it, or ``kill -9`` from an impatient newcomer.
    """
    enqueue(config, n)
    began = time.monotonic()
    victim = fleet.start(config, "victim")
    wait_for_running_task(config, n, victim, limits)
    victim.note_if_dead()
    victim.signal_group(signal.SIGKILL)
    victim.proc.wait()
    killed_at, killed_at_wall = time.monotonic(), time.time()
    at_kill = read_ledger(config.ledger, n)  # final for the victim: its whole group is gone
    heir = fleet.start(config, "heir")
    floor = REDIS_VISIBILITY_TIMEOUT + REDIS_RESTORE_INTERVAL + 5
    not_before = killed_at + floor if config.transport == "redis" else 0.0
    tally = wait_until(
        config, n, [heir], timeout=limits.timeout + floor, idle=limits.idle,
        not_before=not_before,
    )  # fmt: skip
    wall = time.monotonic() - began
    fleet.stop(heir)
    notes = kill_notes(config, at_kill, tally, killed_at_wall)
    return Outcome("kill -9", config.transport, tally, wall, [victim, heir], notes)


def run_kill_child(fleet: Fleet, config: TrialConfig, n: int, limits: Limits) -> Outcome:
    """kill -9 only the pool process running a task; the worker's main process lives on.

    This is what ``task_reject_on_worker_lost`` is for: the main process notices the lost
    child (after ``worker_lost_wait`` when it polls a virtual transport) and requeues.
    """
    enqueue(config, n)
    began = time.monotonic()
    worker = fleet.start(config, "solo")
    running = wait_for_running_task(config, n, worker, limits)
    with contextlib.suppress(ProcessLookupError):
        os.kill(running.runner[running.in_flight[0]], signal.SIGKILL)
    killed_at, killed_at_wall = time.monotonic(), time.time()
    at_kill = read_ledger(config.ledger, n)
    floor = WORKER_LOST_WAIT + 5
    tally = wait_until(
        config, n, [worker], timeout=limits.timeout + floor, idle=limits.idle,
        not_before=killed_at + floor,
    )  # fmt: skip
    wall = time.monotonic() - began
    fleet.stop(worker)
    notes = kill_notes(config, at_kill, tally, killed_at_wall)
    return Outcome("kill -9 child", config.transport, tally, wall, [worker], notes)


def run_two_workers(fleet: Fleet, config: TrialConfig, n: int, limits: Limits) -> Outcome:
    """Two workers on one queue: a second terminal with a second worker is an easy mistake."""
    enqueue(config, n)
    began = time.monotonic()
    workers = [fleet.start(config, "left"), fleet.start(config, "right")]
    tally = wait_until(config, n, workers, timeout=limits.timeout, idle=limits.idle)
    wall = time.monotonic() - began
    fleet.stop(*workers)
    notes = {"residue": residue(config)}
    return Outcome("two workers", config.transport, tally, wall, workers, notes)


SCENARIOS: dict[str, Callable[[Fleet, TrialConfig, int, Limits], Outcome]] = {
    "plain": run_plain,
    "kill": run_kill,
    "two": run_two_workers,
    "child": run_kill_child,
}
#: ``child`` is opt-in: it adds half a minute per transport for a behaviour all three share.
DEFAULT_SCENARIOS = ("plain", "kill", "two")


# --- Report ----------------------------------------------------------------------------------


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table, first column left-aligned, the figures right-aligned."""
    cells = [[str(h) for h in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def render(row: list[str]) -> str:
        first = row[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True))
        return "  ".join([first, *rest])

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([render(cells[0]), rule, *(render(row) for row in cells[1:])])


def fmt(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def worker_fate(outcome: Outcome) -> str:
    """'ok', or which workers died on their own with which exit code."""
    deaths = [f"{w.name} exit {w.died_with}" for w in outcome.unexpected_deaths]
    return ", ".join(deaths) if deaths else "ok"


def errors_logged(outcome: Outcome) -> int:
    return sum(len(error_records(w.log)) for w in outcome.workers)


def plain_table(outcomes: Sequence[Outcome]) -> str:
    rows = []
    for o in outcomes:
        t = o.tally
        rate = t.done / t.drain_seconds if t.drain_seconds else None
        rows.append([
            o.transport, t.n, t.done, t.lost, t.rerun, t.duplicated,
            fmt(t.drain_seconds), fmt(rate), fmt(o.wall_seconds), worker_fate(o), errors_logged(o),
            o.notes["residue"],
        ])  # fmt: skip
    headers = [
        "transport", "tasks", "finished", "lost", "re-run", "dup-finished",
        "drain s", "tasks/s", "wall s", "workers", "errors logged", "left in broker",
    ]  # fmt: skip
    return table(headers, rows)


def kill_table(outcomes: Sequence[Outcome]) -> str:
    rows = []
    for o in outcomes:
        t, notes = o.tally, o.notes
        last_worker = o.workers[-1]  # the one that was to finish the queue
        rows.append([
            o.transport, t.n, notes["done_at_kill"], notes["in_flight_at_kill"],
            notes["in_flight_redone"], t.done, t.lost, t.never_started, t.orphaned,
            t.rerun, t.duplicated, fmt(notes["drained_after_kill"]),
            "ok" if last_worker.died_with is None else f"exit {last_worker.died_with}",
            o.notes["residue"],
        ])  # fmt: skip
    headers = [
        "transport", "tasks", "done@kill", "running@kill", "redone", "finished", "lost",
        "never started", "killed, not redone", "re-run", "dup-finished", "drained s after kill",
        "worker after", "left in broker",
    ]  # fmt: skip
    return table(headers, rows)


def two_workers_table(outcomes: Sequence[Outcome]) -> str:
    rows = []
    for o in outcomes:
        t = o.tally
        share = "/".join(str(t.by_worker[w.name]) for w in o.workers)
        rows.append([
            o.transport, t.n, t.done, t.lost, t.rerun, t.duplicated, share,
            fmt(t.drain_seconds), worker_fate(o), errors_logged(o), o.notes["residue"],
        ])  # fmt: skip
    headers = [
        "transport", "tasks", "finished", "lost", "re-run", "dup-finished", "left/right",
        "drain s", "workers", "errors logged", "left in broker",
    ]  # fmt: skip
    return table(headers, rows)


def incidents(outcomes: Sequence[Outcome]) -> Iterator[str]:
    """Log excerpts of workers that died on their own or logged errors the trial did not cause.

    Killing a pool child makes its worker log the lost child and a WorkerLostError; that is
    the scenario working, not an incident.
    """
    for o in outcomes:
        for worker in o.workers:
            died = worker.died_with is not None
            if not died and (o.scenario == "kill -9 child" or not error_records(worker.log)):
                continue
            how = f"exited by itself with code {worker.died_with}" if died else "logged errors"
            yield f"  [{o.transport} / {o.scenario}] worker {worker.name} {how}:"
            yield log_excerpt(worker.log, died=died)


LEGEND = (
    "lost: never finished. re-run: started more than once (redelivered). dup-finished:",
    "finished more than once, i.e. the work was done twice. running@kill: started, not",
    "finished when the group was killed; redone: of those, finished later. never started /",
    "killed, not redone: the lost ones split by whether they ever began. drain s: first start",
    "to last finish. left in broker: what the broker still stores after the workers stopped.",
)


def report(outcomes: Sequence[Outcome], args: argparse.Namespace) -> str:
    by_scenario: dict[str, list[Outcome]] = {}
    for o in outcomes:
        by_scenario.setdefault(o.scenario, []).append(o)
    parts = [
        f"Broker trial: {args.tasks} tasks per scenario, each sleeping "
        f"{TASK_SLEEP_SECONDS * 1000:.0f} ms. Workers: prefork -c 1 -O fair, acks_late,",
        "prefetch multiplier 1, reject_on_worker_lost, JSON, no result backend.",
        f"filesystem and sqlalchemy: polling_interval {args.polling_interval} s. redis: "
        f"visibility_timeout {REDIS_VISIBILITY_TIMEOUT} s, unacked sweep every "
        f"{REDIS_RESTORE_INTERVAL} s.",
    ]
    titles = {
        "plain": ("1. plain: one worker", plain_table),
        "kill -9": (
            f"2. kill -9: worker group killed mid-task once {KILL_AT_FRACTION:.0%} had "
            "finished, then a fresh worker",
            kill_table,
        ),
        "two workers": ("3. two workers at once", two_workers_table),
        "kill -9 child": (
            f"4. kill -9 of the pool child only, mid-task once {KILL_AT_FRACTION:.0%} had "
            "finished; the main process lives on",
            kill_table,
        ),
    }
    for scenario, (title, render) in titles.items():
        if scenario in by_scenario:
            parts += ["", title, render(by_scenario[scenario])]
    parts += ["", *LEGEND]
    excerpts = list(incidents(outcomes))
    if excerpts:
        parts += ["", "Worker incidents:", *excerpts]
    return "\n".join(parts)


# --- Driver ----------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--tasks", type=int, default=200, help="tasks per scenario")
    parser.add_argument(
        "--transports", default=",".join(TRANSPORTS),
        help="comma-separated, from: " + ", ".join(TRANSPORTS),
    )  # fmt: skip
    parser.add_argument(
        "--scenarios", default=",".join(DEFAULT_SCENARIOS),
        help="comma-separated, from: " + ", ".join(SCENARIOS),
    )  # fmt: skip
    parser.add_argument(
        "--polling-interval", type=float, default=0.1,
        help="filesystem and sqlalchemy transports' polling interval, seconds "
        "(kombu's default: 1.0)",
    )  # fmt: skip
    parser.add_argument("--timeout", type=float, default=120, help="per scenario, seconds")
    parser.add_argument(
        "--idle", type=float, default=10,
        help="stop waiting after this many seconds without ledger progress",
    )  # fmt: skip
    parser.add_argument(
        "--keep", action="store_true",
        help="keep the trial directory (worker logs, ledgers, broker files) for inspection",
    )  # fmt: skip
    args = parser.parse_args(argv)
    args.transport_list = pick(parser, args.transports, TRANSPORTS, "transport")
    args.scenario_list = pick(parser, args.scenarios, tuple(SCENARIOS), "scenario")
    return args


def pick(
    parser: argparse.ArgumentParser, value: str, allowed: Sequence[str], what: str
) -> list[str]:
    chosen = [item.strip() for item in value.split(",") if item.strip()]
    unknown = sorted(set(chosen) - set(allowed))
    if unknown:
        parser.error(f"unknown {what}(s): {', '.join(unknown)}")
    return chosen


@contextlib.contextmanager
def trial_directory(*, keep: bool) -> Iterator[str]:
    """A fresh temporary directory, removed afterwards unless the user asked to keep it."""
    if not keep:
        with tempfile.TemporaryDirectory(prefix="broker-trial-") as path:
            yield path
        return
    path = tempfile.mkdtemp(prefix="broker-trial-")
    try:
        yield path
    finally:
        print(f"Kept the trial directory: {path}", file=sys.stderr)


def install_signal_handlers() -> None:
    """Make SIGINT and SIGTERM unwind the stack, so the cleanup in ``with`` blocks runs.

    SIGINT gets Python's handler back explicitly because a shell starting the trial in the
    background without job control sets SIGINT to "ignore", and Python keeps that.
    """

    def exit_on_sigterm(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, exit_on_sigterm)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    install_signal_handlers()
    limits = Limits(timeout=args.timeout, idle=args.idle)
    began = time.monotonic()
    outcomes: list[Outcome] = []
    try:
        with trial_directory(keep=args.keep) as tmp, Fleet() as fleet:
            for transport in args.transport_list:
                for scenario in args.scenario_list:
                    print(f"... {transport}: {scenario}", file=sys.stderr, flush=True)
                    config = prepare(transport, Path(tmp), scenario, args.polling_interval)
                    outcomes.append(SCENARIOS[scenario](fleet, config, args.tasks, limits))
            print(report(outcomes, args))
    except KeyboardInterrupt:
        print("Interrupted: workers killed, trial directory removed.", file=sys.stderr)
        return 130
    print(f"\nTotal run time: {time.monotonic() - began:.0f} s")
    return 0


def _worker_app() -> Celery | None:
    """The app ``celery -A broker_trial worker`` finds, configured from the environment."""
    if ENV_TRANSPORT not in os.environ:
        return None
    return make_app(TrialConfig.from_env(dict(os.environ)))


app = _worker_app()

if __name__ == "__main__":
    sys.exit(main())
