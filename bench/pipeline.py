"""The comment pipeline's throughput against bleach's own rate on the same comments.

A backlog of 5,000 realistic comments (`bench.corpus`: about 20% with personal data, 25% spam,
mostly short, some long) is inserted as `received` in bulk, as intake leaves them. One Celery
worker (solo pool: one process, one core) is sent `workers.comments.process` once, with no
argument; the task claims batches while any wait. The time runs from the send to the last
comment's `processed_at` (the database is polled every 0.2 s until none is `received`), so it
includes the broker's pick-up. Comments per second = 5,000 / that time.

The floor, in the same run and in one process: `clean_comment_html_by_bleach(paragraphs(text))`
over the same 5,000 texts, i.e. bleach parsing every comment with the project's comment policy and
linkify. The project's own `clean_comment_html`, which returns plain paragraphs without parsing
them (`cms.sanitize`), and plain `bleach.clean(text)` are reported in the notes. Target: pipeline
>= 0.7 of the floor. Each repeat re-inserts the backlog
into an emptied comments table; pipeline and floor alternate which goes first.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import corpus
from bench.errors import BenchError
from bench.harness import Site, Worker
from bench.results import Result

NAME = "pipeline"
BACKLOG = 5000
WARM_UP = 100
TARGET_RATIO = 0.7
PROCESS = "workers.comments.process"
POLL_SECONDS = 0.2
TIMEOUT_SECONDS = 900.0
_FINISHED = re.compile(r"Task workers\.comments\.process\[[^\]]+\] (succeeded|raised|failed)")


@dataclass(frozen=True)
class Drain:
    """One pipeline measurement."""

    per_second: float
    first_batch_seconds: float
    sends: int
    pending: int
    spam: int
    worker_cpu_per_comment: float | None  # the worker process's user + system seconds from the send to the end


class Sender:
    """Publishes tasks to the site's broker, as the web side does."""

    def __init__(self, site: Site) -> None:
        from celery import Celery

        from config import load_config

        self.app = Celery("bench-sender", set_as_current=False)
        self.app.conf.update(load_config(environ=site.env)["CELERY"])

    def send(self) -> None:
        """One `workers.comments.process` with no arguments."""
        self.app.send_task(PROCESS, retry=False)

    def close(self) -> None:
        """Close the broker connections."""
        self.app.close()


def _seed(site: Site, *args: str) -> dict[str, Any]:
    return json.loads(site.python("-m", "bench.seed", *args).strip().splitlines()[-1])


def _count(site: Site, status: str) -> int:
    return int(site.scalar("SELECT count(*) FROM comments WHERE status = :status", status=status))


def _epoch(value: Any) -> float:
    """A stored UTC time (a string on SQLite, a datetime on PostgreSQL) as seconds since the epoch."""
    when = datetime.fromisoformat(value) if isinstance(value, str) else value
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp()


def _finished_tasks(worker: Worker) -> int:
    return len(_FINISHED.findall(worker.log()))


def drain(site: Site, worker: Worker, sender: Sender, backlog: Path, size: int) -> Drain:
    """Insert the backlog, send the task once, wait until nothing is `received`; the rate and outcome."""
    _seed(site, "clear")
    inserted = _seed(site, "backlog", str(backlog))
    if inserted["received"] != size:
        raise BenchError(f"expected {size} received comments after seeding, found {inserted['received']}")
    finished, sends = _finished_tasks(worker), 1
    cpu_before = worker.cpu_seconds()
    started = time.time()
    sender.send()
    while _count(site, "received"):
        time.sleep(POLL_SECONDS)
        worker.check_alive("the Celery worker")
        if time.time() - started > TIMEOUT_SECONDS:
            raise BenchError(f"comments still received after {TIMEOUT_SECONDS:.0f}s; see {worker.log_path}")
        # The task stops draining after a minute (workers.comments.DRAIN_SECONDS): send another, as
        # beat's sweeper would.
        if _finished_tasks(worker) >= finished + sends and _count(site, "received"):
            sender.send()
            sends += 1
    cpu_after = worker.cpu_seconds()
    last = _epoch(site.scalar("SELECT max(processed_at) FROM comments"))
    first = _epoch(site.scalar("SELECT min(processed_at) FROM comments"))
    pending, spam = _count(site, "pending"), _count(site, "spam")
    if pending + spam != size:
        raise BenchError(f"after the drain: {pending} pending + {spam} spam, not {size}")
    cpu = (cpu_after - cpu_before) / size if cpu_before is not None and cpu_after is not None else None
    return Drain(size / (last - started), first - started, sends, pending, spam, cpu)


def _notes(comments: list[corpus.GeneratedComment], drains: list[Drain], floors: list[dict[str, Any]],
           site: Site) -> list[str]:
    last = drains[-1]
    sanitizer = statistics.median(f["sanitizer_per_second"] for f in floors)
    plain = statistics.median(f["plain_per_second"] for f in floors)
    return [corpus.describe(comments),
            f"pipeline sorted {last.pending:,} pending / {last.spam:,} spam",
            f"one worker (solo pool); first batch done {statistics.median(d.first_batch_seconds for d in drains):.2f}s "
            f"after the send; task sent {max(d.sends for d in drains)}x", _worker_cpu(drains),
            "floor: clean_comment_html_by_bleach(paragraphs(text)) in one process (bleach parses every comment)",
            f"the project's clean_comment_html (plain paragraphs unparsed): {sanitizer:,.0f} comments/s; "
            f"plain bleach.clean: {plain:,.0f} comments/s", site.describe()]


def _worker_cpu(drains: list[Drain]) -> str:
    """The worker's CPU per comment beside its wall time per comment, and the cores that makes.

    The worker is one process (solo pool); on PostgreSQL it runs its database steps on a second
    thread (`cms.services.draining`), whose Python takes turns with the screening thread's under
    the interpreter's lock, so it still uses about one core: this note shows it. The CPU is read
    up to the harness's last poll, a little after the last comment (up to 0.2 s of an idle worker).
    """
    measured = [d for d in drains if d.worker_cpu_per_comment is not None]
    if not measured:
        return "worker CPU not measured (no /proc)"
    cpu = statistics.median(d.worker_cpu_per_comment for d in measured)  # type: ignore[type-var]
    wall = statistics.median(1 / d.per_second for d in measured)
    return f"worker CPU {cpu * 1e6:,.0f} µs a comment over {wall * 1e6:,.0f} µs of wall time ({cpu / wall:.2f} cores)"


def run(repeat: int, duration: float) -> list[Result]:
    """Warm the worker up, then `repeat` drains of the backlog interleaved with the bleach floor."""
    site = Site(NAME).prepare()
    comments = corpus.build(BACKLOG)
    backlog = site.dir / "backlog.json"
    backlog.write_text(json.dumps([c.as_dict() for c in comments]))
    warm = site.dir / "warm-up.json"
    warm.write_text(json.dumps([c.as_dict() for c in corpus.build(WARM_UP, seed=60)]))
    sender, worker = Sender(site), site.worker()
    drains: list[Drain] = []
    floors: list[dict[str, Any]] = []
    try:
        worker.wait_ready()
        drain(site, worker, sender, warm, WARM_UP)
        for turn in range(repeat):
            steps = [lambda: drains.append(drain(site, worker, sender, backlog, BACKLOG)),
                     lambda: floors.append(_seed(site, "bleach", str(backlog)))]
            for step in steps[:: 1 if turn % 2 == 0 else -1]:
                step()
    finally:
        sender.close()
        worker.stop()
        site.close()
    return [Result(NAME, [d.per_second for d in drains], [f["policy_per_second"] for f in floors], TARGET_RATIO,
                   unit="comments/s", notes=_notes(comments, drains, floors, site))]
