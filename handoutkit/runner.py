"""Running the build's tasks: in this process, or in worker processes that live as long as the build.

Tasks are started heaviest first (a PDF before a text file) so that the last one to finish is a short
one; results are handed back as they come (in no particular order: the pipeline puts them in order).
Small rounds (less than :data:`MIN_PARALLEL_COST`) run in this process: a one-file build starts no
worker, and does not even import :mod:`handoutkit.worker_pool`, which starts, recycles and replaces
the workers (the pipeline closes the pool between chunks of handouts, :meth:`Runner.close`). A task
that raises is a failed result (:func:`handoutkit.jobs.run_task`); a worker that dies or hangs fails
only the task it was running (see :mod:`handoutkit.worker_pool`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from handoutkit.jobs import Task, TaskResult, Workspace, WorkspaceSpec, run_task

if TYPE_CHECKING:
    from handoutkit.worker_pool import WorkerPool

__all__ = ["Runner"]

Done = Callable[[int, TaskResult], None]


MIN_PARALLEL_COST = 24.0
"""The least work (in text-file units: two PDFs) that is given to worker processes; less is done in this
process, since starting a worker (its imports and fonts) costs about a second."""


def _min_parallel_cost() -> float:
    return MIN_PARALLEL_COST  # read when a round starts (a test lowers it to exercise the workers)


def _cost(task: Task) -> float:
    return float(getattr(task, "cost", 1.0))


def _order(tasks: Sequence[Task]) -> list[int]:
    """Indexes of ``tasks``, heaviest first (ties in their given order)."""
    return sorted(range(len(tasks)), key=lambda i: -_cost(tasks[i]))


STALL_SECONDS = 1800.0
"""How long a pool may go without finishing any task before its workers are taken for hung: they are
killed, and the tasks they were running are run again alone (one that hangs again fails alone)."""


class Runner:
    """Runs tasks with ``workers`` processes (1: in this process, with ``local``'s workspace)."""

    def __init__(
        self, workers: int, spec: WorkspaceSpec, local: Callable[[], Workspace], stall: float | None = None
    ) -> None:
        self.workers = max(1, workers)
        self.stall = STALL_SECONDS if stall is None else stall
        self.spec = spec
        self._local_factory = local
        self._local: Workspace | None = None
        self._pool: WorkerPool | None = None

    def run(self, tasks: Sequence[Task], done: Done) -> None:
        """Run every task; ``done(index, result)`` is called once for each, as each finishes."""
        order = _order(tasks)
        if self.workers == 1 or len(tasks) <= 1 or sum(_cost(t) for t in tasks) < _min_parallel_cost():
            if self._local is None:
                self._local = self._local_factory()
            for index in order:
                done(index, run_task(self._local, tasks[index]))
            return
        if self._pool is None:
            from handoutkit.worker_pool import WorkerPool

            self._pool = WorkerPool(self.workers, self.spec, self.stall)
        pending = order
        while pending:
            pending = self._pool.run(tasks, pending, done)

    def close(self) -> None:
        """Stop the worker processes (the runner can still be used: they are started again)."""
        if self._pool is not None:
            self._pool.close()
