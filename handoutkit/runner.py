"""Running the build's tasks: in this process, or in worker processes that live as long as the build.

Tasks are started heaviest first (a PDF before a text file) so that the last one to finish is a short
one; results are handed back as they come (in no particular order: the pipeline puts them in order).
Workers are started by the ``forkserver`` method where there is one, ``spawn`` elsewhere (never a bare
``fork`` of a process that may hold threads). One pool serves the rounds of a chunk of handouts (their
plans, then their renders); the pipeline closes it between chunks (:meth:`Runner.close`), when nothing
is queued, so that workers are recycled: a worker's memory creeps up over hundreds of jobs, and a new
one costs a start-up (imports, exporters, catalogs) of about a second. ``max_tasks_per_child`` is no
alternative: it stops a pool with queued tasks on Python 3.11, python/cpython#115634. A fresh pool is
also made after a worker died. Small rounds (less than :data:`MIN_PARALLEL_COST`) run in this process:
a one-file build starts no worker.

A task that raises is a failed result (:func:`handoutkit.jobs.run_task`). A worker that dies (a signal,
the out-of-memory killer), or a pool that finishes nothing for :data:`STALL_SECONDS` (its workers are
then killed), breaks the whole pool: every task that was started and had not finished is
then run again alone, in a pool of its own, and the one that kills its worker again fails alone, with a
message saying so; the tasks that had not started go on in a fresh pool.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import multiprocessing.queues
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from handoutkit.errors import Problem
from handoutkit.jobs import Task, TaskResult, Workspace, WorkspaceSpec, init_worker, run_in_worker, run_task
from handoutkit.model import Origin

__all__ = ["Runner"]

Done = Callable[[int, TaskResult], None]

_STARTED: multiprocessing.queues.SimpleQueue[int] | None = None


def _init(started: multiprocessing.queues.SimpleQueue[int], spec: WorkspaceSpec) -> None:
    global _STARTED
    _STARTED = started
    init_worker(spec)


def _run(index: int, task: Task) -> TaskResult:
    if _STARTED is not None:
        _STARTED.put(index)
    return run_in_worker(task)


def _crashed(task: Task) -> TaskResult:
    name, lang, fmt = task.label
    message = (
        f"the worker process building {name} ({lang}, {fmt}) died twice (killed by a signal, or out of memory); "
        "the other jobs were built"
    )
    return TaskResult("failed", "worker process died", (Problem("worker", Origin(name, 0), message),))


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


def _stalled(task: Task, seconds: float) -> TaskResult:
    name, lang, fmt = task.label
    message = (
        f"building {name} ({lang}, {fmt}) finished nothing in {seconds:.0f} s, twice (its worker was stopped); "
        "the other jobs were built"
    )
    return TaskResult("failed", "worker process hung", (Problem("worker", Origin(name, 0), message),))


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
        if "forkserver" in multiprocessing.get_all_start_methods():
            forkserver = multiprocessing.get_context("forkserver")
            # Nothing is preloaded: on Python 3.11 the server imports its preload with its own sys.path,
            # not the parent's (forkserver.main ignores its sys_path), so a preloaded handoutkit could be
            # another copy (the installed one, or the one in the current folder) than the parent runs.
            # Each worker imports after multiprocessing has given it the parent's sys.path.
            forkserver.set_forkserver_preload([])
            self._context: multiprocessing.context.BaseContext = forkserver
        else:
            self._context = multiprocessing.get_context("spawn")
        self._pool: ProcessPoolExecutor | None = None
        self._started: multiprocessing.queues.SimpleQueue[int] | None = None

    def run(self, tasks: Sequence[Task], done: Done) -> None:
        """Run every task; ``done(index, result)`` is called once for each, as each finishes."""
        order = _order(tasks)
        if self.workers == 1 or len(tasks) <= 1 or sum(_cost(t) for t in tasks) < _min_parallel_cost():
            if self._local is None:
                self._local = self._local_factory()
            for index in order:
                done(index, run_task(self._local, tasks[index]))
            return
        pending = order
        while pending:
            pending = self._run_pool(tasks, pending, done)

    def close(self) -> None:
        """Stop the worker processes (the runner can still be used: they are started again)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _new_pool(self, workers: int) -> ProcessPoolExecutor:
        self._started = self._context.SimpleQueue()
        return ProcessPoolExecutor(
            max_workers=workers, mp_context=self._context, initializer=_init, initargs=(self._started, self.spec)
        )

    def _drain_started(self) -> set[int]:
        found: set[int] = set()
        queue = self._started
        while queue is not None and not queue.empty():
            found.add(queue.get())
        return found

    def _run_pool(self, tasks: Sequence[Task], pending: list[int], done: Done) -> list[int]:
        """Run ``pending`` in the shared pool; returns what is left to run after the pool broke ([] if not)."""
        if self._pool is None:
            self._pool = self._new_pool(self.workers)
        futures: dict[Future[TaskResult], int] = {self._pool.submit(_run, i, tasks[i]): i for i in pending}
        finished: set[int] = set()
        started: set[int] = set()
        broken = False
        waiting = set(futures)
        while waiting:
            ready, waiting = wait(waiting, timeout=self.stall, return_when=FIRST_COMPLETED)
            started |= self._drain_started()  # read as it comes: the pipe never fills up
            if not ready:  # nothing finished for self.stall seconds: the workers are taken for hung
                _kill_workers(self._pool)
                broken = True
                break
            for future in ready:
                index = futures[future]
                try:
                    result = future.result()
                except BrokenProcessPool:
                    broken = True
                    continue
                except Exception as error:  # a result that could not be sent back, for instance
                    origin = Origin(tasks[index].label[0], 0)
                    problem = Problem("internal", origin, f"{type(error).__name__}: {error}")
                    result = TaskResult("failed", "internal error", (problem,))
                finished.add(index)
                done(index, result)
        if not broken:
            return []
        started |= self._drain_started()
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = None
        lost = [i for i in pending if i not in finished]
        suspects = [i for i in lost if i in started]
        if not suspects:  # no task started: the workers themselves cannot start
            for index in lost:
                done(index, _crashed(tasks[index]))
            return []
        for index in suspects:
            done(index, self._alone(tasks, index))
        return [i for i in lost if i not in suspects]

    def _alone(self, tasks: Sequence[Task], index: int) -> TaskResult:
        """Run one task in a pool of its own; a second death (or hang) of its worker fails it."""
        pool = self._new_pool(1)
        try:
            return pool.submit(_run, index, tasks[index]).result(timeout=self.stall)
        except BrokenProcessPool:
            return _crashed(tasks[index])
        except TimeoutError:
            _kill_workers(pool)
            return _stalled(tasks[index], self.stall)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _kill_workers(pool: ProcessPoolExecutor | None) -> None:
    """Stop a pool's worker processes at once (the pool is then broken, and shut down by its caller)."""
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        process.kill()
    for process in list(processes.values()):
        process.join(timeout=10)
